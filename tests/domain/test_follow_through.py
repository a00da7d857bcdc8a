from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from chatplanner.domain.follow_through import AliveAfter, count_in, relationships_alive
from chatplanner.domain.insights import Period

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_relationship_is_alive_at_a_mark_when_touched_within_its_cadence() -> None:
    first = {
        1: NOW - timedelta(days=400),
        2: NOW - timedelta(days=400),
        3: NOW - timedelta(days=100),
    }
    touches = {
        # touched monthly: alive at every mark
        1: [first[1] + timedelta(days=d) for d in range(30, 400, 30)],
        # one touch a month after the chat, then silence
        2: [first[2] + timedelta(days=30)],
    }
    cadence = {1: 60, 2: 60, 3: 60}
    result = relationships_alive(first, touches, cadence, NOW)
    assert result == (
        AliveAfter(3, 1, 3),  # the third person's chat is 100 days old: their 3-month mark passed
        AliveAfter(6, 1, 2),
        AliveAfter(12, 1, 2),
    )
    assert result[1].rate == 0.5


def test_nobody_met_long_enough_ago_gives_no_rate() -> None:
    (three, *_rest) = relationships_alive({1: NOW - timedelta(days=10)}, {}, {1: 60}, NOW)
    assert three == AliveAfter(3, 0, 0)
    assert three.rate is None


def test_counts_in_a_period_take_days_and_moments() -> None:
    period = Period(NOW - timedelta(days=30), NOW)
    assert (
        count_in(period, [date(2026, 11, 20), date(2026, 1, 1), None, NOW - timedelta(days=1)]) == 2
    )
