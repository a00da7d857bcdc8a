"""Who to reach next: a ranked, explained short list of people to write to.

Used when the user moves on from someone ("no reply is also an answer") and when they pick a
goal and ask who could help. Scores are whole points so that ordering is exact and
reproducible; ties are broken by name, then id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chatplanner.domain.enums import ContactKind, Goal, OnlineActivity, Stage

# Active people see and answer messages.
ACTIVITY_POINTS: Mapping[OnlineActivity, int] = {
    OnlineActivity.OFTEN: 30,
    OnlineActivity.SOMETIMES: 20,
    OnlineActivity.UNKNOWN: 10,
    OnlineActivity.RARELY: 0,
}
_ACTIVITY_WORDS: Mapping[OnlineActivity, str] = {
    OnlineActivity.OFTEN: "posts often",
    OnlineActivity.SOMETIMES: "posts sometimes",
}
SAME_GOAL_POINTS = 40
GROUP_IN_COMMON_POINTS = 20
SAME_CITY_POINTS = 15
NEVER_CONTACTED_POINTS = 10
NOT_CONTACTED_LATELY_POINTS = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contact as the ranking sees it."""

    id: int
    name: str
    kind: ContactKind = ContactKind.OTHER
    goal: Goal | None = None
    online_activity: OnlineActivity = OnlineActivity.UNKNOWN
    group_ids: frozenset[int] = frozenset()
    city: str | None = None
    stage: Stage = Stage.NOT_CONTACTED
    last_contacted_at: datetime | None = None  # aware UTC; None: never


@dataclass(frozen=True, slots=True)
class SuggestionBasis:
    """What to look for: a goal, groups and a city to have in common, people to leave out.

    Build it from the person being moved on from (`basis_from`) or from a goal the user picks.
    `city` is where the chat would happen: normally the user's own city.
    """

    goal: Goal | None = None
    group_ids: frozenset[int] = frozenset()
    city: str | None = None
    exclude_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class SuggestionRules:
    # Contacted within this many days: no "not contacted lately" point.
    lately_days: int = 90
    # Someone the user moved on from may be suggested again after this long.
    retry_moved_on_after_days: int = 180
    limit: int = 5


@dataclass(frozen=True, slots=True)
class Suggestion:
    candidate: Candidate
    score: int
    reasons: tuple[str, ...] = field(default=())

    @property
    def contact_id(self) -> int:
        return self.candidate.id

    @property
    def reason_text(self) -> str:
        """Reasons in words, e.g. "posts often · same group: PMP Toronto · same city"."""
        return " · ".join(self.reasons)


def basis_from(
    person: Candidate, *, my_city: str | None = None, goal: Goal | None = None
) -> SuggestionBasis:
    """Look for people like `person` (their goal unless `goal` is given, their groups), near
    `my_city` (or their city when the user's is unknown), leaving `person` out."""
    return SuggestionBasis(
        goal=goal if goal is not None else person.goal,
        group_ids=person.group_ids,
        city=my_city if my_city else person.city,
        exclude_ids=frozenset({person.id}),
    )


def suggest_next(
    candidates: Iterable[Candidate],
    basis: SuggestionBasis,
    *,
    now: datetime,
    group_names: Mapping[int, str] | None = None,
    rules: SuggestionRules = SuggestionRules(),
) -> list[Suggestion]:
    """The best `rules.limit` people to reach next, best first, each with reasons in words.

    Left out: the people in `basis.exclude_ids`, anyone with a conversation under way (or
    already met, thanked, kept in touch with), someone moved on from recently, and recruiters
    unless the goal is a job lead (recruiters are a business-only relationship).
    """
    names = group_names or {}
    scored = [
        _score(c, basis, now, names, rules) for c in candidates if _eligible(c, basis, now, rules)
    ]
    scored.sort(key=lambda s: (-s.score, s.candidate.name.casefold(), s.candidate.id))
    return scored[: max(0, rules.limit)]


def _eligible(c: Candidate, basis: SuggestionBasis, now: datetime, rules: SuggestionRules) -> bool:
    if c.id in basis.exclude_ids:
        return False
    if c.kind is ContactKind.RECRUITER and basis.goal is not Goal.JOB_LEAD:
        return False
    if c.stage is Stage.NOT_CONTACTED:
        return True
    if c.stage is Stage.MOVED_ON:
        if c.last_contacted_at is None:
            return True
        return now - c.last_contacted_at >= timedelta(days=rules.retry_moved_on_after_days)
    # Messaged, replied, planned, met, thanked, keeping in touch: already in the user's hands.
    return False


def _score(
    c: Candidate,
    basis: SuggestionBasis,
    now: datetime,
    group_names: Mapping[int, str],
    rules: SuggestionRules,
) -> Suggestion:
    score = 0
    reasons: list[str] = []
    if basis.goal is not None and c.goal is basis.goal:
        score += SAME_GOAL_POINTS
        reasons.append(f"same goal: {basis.goal.label.lower()}")
    score += ACTIVITY_POINTS.get(c.online_activity, 0)
    if c.online_activity in _ACTIVITY_WORDS:
        reasons.append(_ACTIVITY_WORDS[c.online_activity])
    shared = c.group_ids & basis.group_ids
    if shared:
        score += GROUP_IN_COMMON_POINTS
        reasons.append(_groups_phrase(shared, group_names))
    if _same_city(c.city, basis.city):
        score += SAME_CITY_POINTS
        reasons.append("same city")
    if c.last_contacted_at is None:
        score += NEVER_CONTACTED_POINTS
        reasons.append("not contacted yet")
    elif now - c.last_contacted_at >= timedelta(days=rules.lately_days):
        score += NOT_CONTACTED_LATELY_POINTS
        reasons.append("not contacted lately")
    return Suggestion(c, score, tuple(reasons))


def _groups_phrase(shared: frozenset[int], group_names: Mapping[int, str]) -> str:
    names = sorted(
        (" ".join(group_names[g].split()) for g in shared if group_names.get(g, "").strip()),
        key=str.casefold,
    )
    if not names:
        return "a group in common"
    if len(names) == 1:
        return f"same group: {names[0]}"
    return f"same groups: {', '.join(names)}"


def normalise_city(city: str | None) -> str:
    """City names compare without case or extra spacing ("  new  york" is "New York")."""
    if not city:
        return ""
    return " ".join(city.casefold().split())


def _same_city(a: str | None, b: str | None) -> bool:
    left, right = normalise_city(a), normalise_city(b)
    return bool(left) and left == right
