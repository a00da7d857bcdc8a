from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chatplanner.domain.enums import ContactKind, Goal, OnlineActivity, Stage
from chatplanner.domain.suggestions import (
    Candidate,
    SuggestionBasis,
    SuggestionRules,
    basis_from,
    suggest_next,
)

NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
PMP_TORONTO = 7
GROUPS = {PMP_TORONTO: "PMP Toronto", 8: "Women in Tech", 9: "  Alumni\nU of T "}

BASIS = SuggestionBasis(goal=Goal.MENTORSHIP, group_ids=frozenset({PMP_TORONTO}), city="Toronto")


def person(id_: int, name: str, **kw: object) -> Candidate:
    return Candidate(id_, name, **kw)  # type: ignore[arg-type]


def ids(candidates: list[Candidate], basis: SuggestionBasis = BASIS, **kw: object) -> list[int]:
    return [
        s.contact_id
        for s in suggest_next(candidates, basis, now=NOW, group_names=GROUPS, **kw)  # type: ignore[arg-type]
    ]


def test_reasons_are_given_in_words() -> None:
    [best] = suggest_next(
        [
            person(
                1,
                "Ana",
                online_activity=OnlineActivity.OFTEN,
                group_ids=frozenset({PMP_TORONTO}),
                city=" toronto ",
                last_contacted_at=NOW - timedelta(days=400),
            )
        ],
        SuggestionBasis(group_ids=frozenset({PMP_TORONTO}), city="Toronto"),
        now=NOW,
        group_names=GROUPS,
    )
    assert (
        best.reason_text
        == "posts often · same group: PMP Toronto · same city · not contacted lately"
    )


def test_same_goal_comes_first_in_the_reasons_and_weighs_most() -> None:
    goal_match = person(1, "Zed", goal=Goal.MENTORSHIP)
    active_local = person(2, "Amy", online_activity=OnlineActivity.OFTEN, city="Toronto")
    results = suggest_next([active_local, goal_match], BASIS, now=NOW)
    assert [s.contact_id for s in results] == [1, 2]
    assert results[0].reasons[0] == "same goal: mentorship"


def test_activity_ranks_often_then_sometimes_then_unknown_then_rarely() -> None:
    people = [
        person(1, "A", online_activity=OnlineActivity.RARELY),
        person(2, "B", online_activity=OnlineActivity.UNKNOWN),
        person(3, "C", online_activity=OnlineActivity.SOMETIMES),
        person(4, "D", online_activity=OnlineActivity.OFTEN),
    ]
    assert ids(people) == [4, 3, 2, 1]


def test_a_group_in_common_and_the_same_city_each_raise_the_rank() -> None:
    people = [
        person(1, "A"),
        person(2, "B", city="TORONTO"),
        person(3, "C", group_ids=frozenset({PMP_TORONTO, 8})),
    ]
    assert ids(people) == [3, 2, 1]


def test_never_contacted_beats_contacted_lately() -> None:
    people = [
        person(1, "A", last_contacted_at=NOW - timedelta(days=10)),
        person(2, "B", last_contacted_at=NOW - timedelta(days=100)),
        person(3, "C"),
    ]
    assert ids(people) == [3, 2, 1]


def test_ties_are_broken_by_name_without_case_then_by_id() -> None:
    people = [person(5, "bob"), person(3, "Bob"), person(9, "alice"), person(1, "Carol")]
    assert ids(people) == [9, 3, 5, 1]


def test_ordering_does_not_depend_on_input_order() -> None:
    people = [person(i, f"P{i % 4}", city="Toronto" if i % 3 else None) for i in range(30)]
    rules = SuggestionRules(limit=30)
    assert ids(people, rules=rules) == ids(list(reversed(people)), rules=rules)


def test_people_already_in_progress_are_left_out() -> None:
    people = [person(i, f"P{i}", stage=stage) for i, stage in enumerate(Stage)]
    kept = {
        s.candidate.stage
        for s in suggest_next(people, BASIS, now=NOW, rules=SuggestionRules(limit=20))
    }
    assert kept == {Stage.NOT_CONTACTED, Stage.MOVED_ON}


def test_someone_moved_on_from_recently_is_not_suggested_again_yet() -> None:
    recent = person(1, "Recent", stage=Stage.MOVED_ON, last_contacted_at=NOW - timedelta(days=20))
    long_ago = person(2, "Old", stage=Stage.MOVED_ON, last_contacted_at=NOW - timedelta(days=180))
    assert ids([recent, long_ago]) == [2]


def test_recruiters_are_left_out_unless_the_goal_is_a_job_lead() -> None:
    recruiter = person(1, "Rita", kind=ContactKind.RECRUITER, goal=Goal.JOB_LEAD)
    peer = person(2, "Pete", kind=ContactKind.PEER)
    assert ids([recruiter, peer]) == [2]
    assert ids([recruiter, peer], SuggestionBasis(goal=Goal.JOB_LEAD)) == [1, 2]


def test_the_person_moved_on_from_is_not_suggested_and_gives_the_goal_and_groups() -> None:
    gone = person(
        1,
        "Gone",
        goal=Goal.MENTORSHIP,
        group_ids=frozenset({8}),
        city="Ottawa",
        stage=Stage.MESSAGED,
    )
    basis = basis_from(gone, my_city="Toronto")
    assert basis == SuggestionBasis(Goal.MENTORSHIP, frozenset({8}), "Toronto", frozenset({1}))
    assert basis_from(gone).city == "Ottawa"
    assert basis_from(gone, goal=Goal.JOB_LEAD).goal is Goal.JOB_LEAD
    similar = person(2, "Similar", goal=Goal.MENTORSHIP, group_ids=frozenset({8}))
    assert ids([gone, similar], basis) == [2]


def test_only_the_top_n_are_returned() -> None:
    people = [person(i, f"P{i:02d}") for i in range(10)]
    assert ids(people, rules=SuggestionRules(limit=3)) == [0, 1, 2]
    assert ids(people, rules=SuggestionRules(limit=0)) == []


def test_several_groups_in_common_are_named_in_order_and_cleaned() -> None:
    [s] = suggest_next(
        [person(1, "A", group_ids=frozenset({8, 9, PMP_TORONTO}))],
        SuggestionBasis(group_ids=frozenset({8, 9, PMP_TORONTO})),
        now=NOW,
        group_names=GROUPS,
    )
    assert "same groups: Alumni U of T, PMP Toronto, Women in Tech" in s.reasons


def test_an_unnamed_group_in_common_is_still_a_reason() -> None:
    [s] = suggest_next(
        [person(1, "A", group_ids=frozenset({42}))],
        SuggestionBasis(group_ids=frozenset({42})),
        now=NOW,
    )
    assert "a group in common" in s.reasons
