from __future__ import annotations

from datetime import UTC, datetime, timedelta

from chatplanner.domain.enums import Goal, OnlineActivity, OutreachKind, Stage
from chatplanner.domain.insights import (
    NO_GOAL_KEY,
    Funnel,
    Period,
    StageEventRecord,
    attempts_in,
    funnel,
    median_days_to_reply,
    reply_rate_by_activity,
    reply_rate_by_goal,
    summarize,
)
from chatplanner.domain.pipeline import OutreachRecord

MARCH = Period(datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))
D = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def first(
    id_: int, contact: int, day: int, reply_after_days: float | None = None, **kw: object
) -> OutreachRecord:
    sent = D + timedelta(days=day)
    replied = sent + timedelta(days=reply_after_days) if reply_after_days is not None else None
    return OutreachRecord(id_, contact, OutreachKind.FIRST_MESSAGE, sent, replied, **kw)  # type: ignore[arg-type]


def test_the_funnel_counts_different_contacts_reaching_each_step_in_the_period() -> None:
    events = [
        StageEventRecord(1, Stage.MESSAGED, D),
        StageEventRecord(1, Stage.MESSAGED, D + timedelta(days=2)),  # twice: still one person
        StageEventRecord(2, Stage.MESSAGED, D),
        StageEventRecord(3, Stage.MESSAGED, D - timedelta(days=1)),  # February
        StageEventRecord(1, Stage.REPLIED, D + timedelta(days=3)),
        StageEventRecord(1, Stage.MET, D + timedelta(days=10)),
        StageEventRecord(1, Stage.THANKED, D + timedelta(days=11)),
        StageEventRecord(2, Stage.MOVED_ON, D + timedelta(days=20)),
    ]
    result = funnel(events, MARCH)
    assert result == Funnel(messaged=2, replied=1, met=1, thanked=1)
    assert result.rows() == [("Messaged", 2), ("Replied", 1), ("Met", 1), ("Thanked", 1)]


def test_a_reply_to_the_follow_up_counts_for_the_attempt() -> None:
    outreach = [
        first(1, 1, 0),
        OutreachRecord(2, 1, OutreachKind.FOLLOW_UP, D + timedelta(days=7), D + timedelta(days=8)),
        first(3, 2, 0),
    ]
    rates = {r.key: r for r in reply_rate_by_activity(outreach, {1: OnlineActivity.OFTEN}, MARCH)}
    assert (rates["often"].sent, rates["often"].replied, rates["often"].rate) == (1, 1, 1.0)
    assert (rates["unknown"].sent, rates["unknown"].replied, rates["unknown"].rate) == (1, 0, 0.0)
    assert rates["rarely"].rate is None  # nothing sent: unknown, not zero


def test_reply_rates_by_activity_come_in_a_fixed_order_with_labels() -> None:
    rows = reply_rate_by_activity([], {}, MARCH)
    assert [(r.key, r.label) for r in rows] == [
        ("often", "Posts often"),
        ("sometimes", "Posts sometimes"),
        ("rarely", "Rarely posts"),
        ("unknown", "Unknown"),
    ]


def test_reply_rate_by_goal_uses_the_message_goal_then_the_contacts() -> None:
    outreach = [
        first(1, 1, 0, 2, goal=Goal.MENTORSHIP),
        first(2, 2, 1),
        first(3, 3, 2, outcome="declined"),
        first(4, 4, 3),
    ]
    rows = {
        r.key: r
        for r in reply_rate_by_goal(outreach, MARCH, {2: Goal.MENTORSHIP, 3: Goal.JOB_LEAD})
    }
    assert (rows["mentorship"].sent, rows["mentorship"].replied) == (2, 1)
    assert rows["mentorship"].rate == 0.5
    assert (rows["job_lead"].sent, rows["job_lead"].replied) == (1, 1)
    assert (rows[NO_GOAL_KEY].sent, rows[NO_GOAL_KEY].label) == (1, "No goal set")
    assert list(rows)[-1] == NO_GOAL_KEY


def test_only_attempts_started_in_the_period_count() -> None:
    outreach = [first(1, 1, -3, 1), first(2, 1, 5, 1), first(3, 2, 40)]
    assert [a.first.id for a in attempts_in(outreach, MARCH)] == [2]


def test_median_days_to_reply() -> None:
    outreach = [first(1, 1, 0, 1), first(2, 2, 0, 2.5), first(3, 3, 0, 10), first(4, 4, 0)]
    assert median_days_to_reply(outreach, MARCH) == 2.5
    assert median_days_to_reply(outreach[:2], MARCH) == 1.8  # 1.75, one decimal
    assert median_days_to_reply([first(1, 1, 0)], MARCH) is None


def test_a_reply_dated_before_its_message_is_ignored() -> None:
    assert median_days_to_reply([first(1, 1, 0, -2)], MARCH) is None


def test_summary_holds_every_figure() -> None:
    events = [StageEventRecord(1, Stage.MESSAGED, D)]
    summary = summarize(
        events, [first(1, 1, 0, 3)], MARCH, activity_by_contact={1: OnlineActivity.OFTEN}
    )
    assert summary.funnel.messaged == 1
    assert summary.reply_rate_by_activity[0].replied == 1
    assert summary.reply_rate_by_goal[-1].sent == 1
    assert summary.median_days_to_reply == 3.0
