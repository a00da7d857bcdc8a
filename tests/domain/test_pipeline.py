from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.enums import OutreachKind
from chatplanner.domain.pipeline import (
    DEFAULT_PATIENCE,
    OutreachRecord,
    PatienceError,
    PatienceRule,
    PatienceState,
    attempts_of,
    patience_rule_for,
    patience_status,
)

SENT = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def status_at(now: datetime, *, followed_up: bool = False, replied: bool = False) -> PatienceState:
    return patience_status(SENT, replied=replied, followed_up=followed_up, now=now).state


def test_default_rule_is_seven_days_to_follow_up_and_fourteen_to_move_on() -> None:
    assert PatienceRule(follow_up_after_days=7, move_on_after_days=14) == DEFAULT_PATIENCE


def test_one_second_before_seven_days_is_still_waiting() -> None:
    assert status_at(SENT + timedelta(days=7) - SECOND) is PatienceState.WAITING


def test_exactly_seven_days_after_the_message_the_follow_up_is_due() -> None:
    status = patience_status(SENT, replied=False, followed_up=False, now=SENT + timedelta(days=7))
    assert status.state is PatienceState.FOLLOW_UP_DUE
    assert status.follow_up_due_at == datetime(2025, 3, 8, 10, 0, tzinfo=UTC)
    assert status.move_on_due_at == datetime(2025, 3, 15, 10, 0, tzinfo=UTC)


def test_one_second_before_fourteen_days_the_follow_up_is_still_what_is_due() -> None:
    assert status_at(SENT + timedelta(days=14) - SECOND) is PatienceState.FOLLOW_UP_DUE


def test_no_reply_after_the_patience_window_suggests_moving_on_even_without_follow_up() -> None:
    assert status_at(SENT + timedelta(days=14)) is PatienceState.MOVE_ON_DUE
    assert status_at(SENT + timedelta(days=40)) is PatienceState.MOVE_ON_DUE


def test_after_a_follow_up_the_wait_restarts_for_the_remaining_seven_days() -> None:
    follow_up_sent = SENT + timedelta(days=10)  # a late follow-up gets its full chance
    before = patience_status(
        follow_up_sent,
        replied=False,
        followed_up=True,
        now=follow_up_sent + timedelta(days=7) - SECOND,
    )
    at = patience_status(
        follow_up_sent, replied=False, followed_up=True, now=follow_up_sent + timedelta(days=7)
    )
    assert before.state is PatienceState.WAITING
    assert before.follow_up_due_at is None
    assert at.state is PatienceState.MOVE_ON_DUE
    assert at.move_on_due_at == follow_up_sent + timedelta(days=7)


def test_a_reply_ends_the_patience_window() -> None:
    status = patience_status(SENT, replied=True, followed_up=False, now=SENT + timedelta(days=30))
    assert status.state is PatienceState.REPLIED
    assert status.follow_up_due_at is None
    assert status.move_on_due_at is None


def test_a_custom_rule_moves_both_edges() -> None:
    rule = PatienceRule(3, 5)
    just = SENT + timedelta(days=3)
    assert patience_status(SENT, replied=False, followed_up=False, rule=rule, now=just).state is (
        PatienceState.FOLLOW_UP_DUE
    )
    later = SENT + timedelta(days=5)
    assert patience_status(SENT, replied=False, followed_up=False, rule=rule, now=later).state is (
        PatienceState.MOVE_ON_DUE
    )


def test_a_naive_time_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        patience_status(SENT.replace(tzinfo=None), replied=False, followed_up=False, now=SENT)


@pytest.mark.parametrize(("follow_up", "move_on"), [(0, 14), (7, 7), (7, 3)])
def test_a_rule_that_cannot_work_is_refused_in_words(follow_up: int, move_on: int) -> None:
    with pytest.raises(PatienceError):
        PatienceRule(follow_up, move_on)


def test_contact_overrides_replace_the_default_one_by_one() -> None:
    assert patience_rule_for(DEFAULT_PATIENCE) == DEFAULT_PATIENCE
    assert patience_rule_for(DEFAULT_PATIENCE, 3, None) == PatienceRule(3, 14)
    assert patience_rule_for(DEFAULT_PATIENCE, None, 21) == PatienceRule(7, 21)
    assert patience_rule_for(DEFAULT_PATIENCE, 10, 30) == PatienceRule(10, 30)


def test_a_follow_up_override_past_the_default_move_on_keeps_the_default_gap() -> None:
    assert patience_rule_for(DEFAULT_PATIENCE, 20, None) == PatienceRule(20, 27)


def test_a_move_on_override_before_the_follow_up_pulls_the_follow_up_earlier() -> None:
    assert patience_rule_for(DEFAULT_PATIENCE, None, 5) == PatienceRule(1, 5)
    assert patience_rule_for(DEFAULT_PATIENCE, None, 2) == PatienceRule(1, 2)


@given(st.none() | st.integers(-1000, 1000), st.none() | st.integers(-1000, 1000))
def test_any_stored_overrides_give_a_working_rule(
    follow_up: int | None, move_on: int | None
) -> None:
    rule = patience_rule_for(DEFAULT_PATIENCE, follow_up, move_on)
    assert 1 <= rule.follow_up_after_days < rule.move_on_after_days


def _msg(id_: int, kind: OutreachKind, day: int, **kw: object) -> OutreachRecord:
    return OutreachRecord(id_, 1, kind, SENT + timedelta(days=day), **kw)  # type: ignore[arg-type]


def test_follow_ups_belong_to_the_first_message_before_them() -> None:
    messages = [
        _msg(4, OutreachKind.FOLLOW_UP, 40),
        _msg(1, OutreachKind.FIRST_MESSAGE, 0),
        _msg(0, OutreachKind.FOLLOW_UP, -5),  # before any first message: no attempt
        _msg(2, OutreachKind.FOLLOW_UP, 7, replied_at=SENT + timedelta(days=9)),
        _msg(3, OutreachKind.FIRST_MESSAGE, 30),
        _msg(5, OutreachKind.TOUCH, 41),
    ]
    attempts = attempts_of(messages)
    assert [a.first.id for a in attempts] == [1, 3]
    assert [m.id for m in attempts[0].follow_ups] == [2]
    assert attempts[0].replied
    assert attempts[0].first_reply_at == SENT + timedelta(days=9)
    assert [m.id for m in attempts[1].follow_ups] == [4]
    assert attempts[1].last_sent_at == SENT + timedelta(days=40)
    assert not attempts[1].replied


def test_a_polite_no_counts_as_a_reply() -> None:
    assert _msg(1, OutreachKind.FIRST_MESSAGE, 0, outcome="declined").got_reply
    assert not _msg(1, OutreachKind.FIRST_MESSAGE, 0, outcome="no_reply").got_reply


def test_a_form_keeps_moving_on_at_least_a_day_after_the_follow_up() -> None:
    from chatplanner.domain.pipeline import move_on_after_follow_up

    assert move_on_after_follow_up(7, 14) == 14
    assert move_on_after_follow_up(10, 5) == 11
    assert move_on_after_follow_up(10, 10) == 11
    assert move_on_after_follow_up(10, 11) == 11


@given(st.integers(1, 90), st.integers(2, 180))
def test_what_a_form_keeps_is_always_a_rule_that_works(follow_up: int, move_on: int) -> None:
    from chatplanner.domain.pipeline import PatienceRule, move_on_after_follow_up

    kept = move_on_after_follow_up(follow_up, move_on)
    assert kept >= move_on
    PatienceRule(follow_up, kept)  # never refused


def test_a_message_logged_for_today_was_sent_now_and_for_an_earlier_day_at_midday() -> None:
    from zoneinfo import ZoneInfo

    from chatplanner.domain.pipeline import sent_moment

    toronto = ZoneInfo("America/Toronto")
    now = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    assert sent_moment(now.astimezone(toronto).date(), now, toronto) == now
    earlier = sent_moment(datetime(2026, 3, 8, tzinfo=UTC).date(), now, toronto)
    # 8 March 2026 is the spring-forward day in Toronto: midday is 12:00 EDT, 16:00 UTC.
    assert earlier == datetime(2026, 3, 8, 16, 0, tzinfo=UTC)
    assert earlier.astimezone(toronto).hour == 12


def test_a_reply_day_is_neither_ahead_nor_before_the_message() -> None:
    from chatplanner.domain.pipeline import reply_day_problem

    today = date(2026, 12, 2)
    sent = date(2026, 11, 20)
    assert reply_day_problem(today, sent, today) == ""
    assert reply_day_problem(sent, sent, today) == ""
    assert reply_day_problem(date(2026, 12, 3), sent, today) == (
        "Thu 3 Dec 2026 is still ahead: give the day their reply came."
    )
    assert reply_day_problem(date(2026, 11, 19), sent, today) == (
        "You wrote to them on Fri 20 Nov 2026: their reply came that day or later."
    )
    assert reply_day_problem(date(2020, 1, 1), None, today) == ""
