"""Snoozing on Today: two weeks from the user's own today."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from chatplanner.domain.snooze import SNOOZE_DAYS, snooze_until


def test_a_snooze_lasts_two_weeks_from_the_users_today() -> None:
    assert SNOOZE_DAYS == 14
    now = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)  # still 28 February in Toronto
    assert snooze_until(now, ZoneInfo("America/Toronto")) == date(2026, 3, 14)
    assert snooze_until(now, ZoneInfo("Asia/Tokyo")) == date(2026, 3, 15)
