"""Snoozing someone on Today: how long, and the day they come back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SNOOZE_DAYS = 14


def snooze_until(now: datetime, zone: ZoneInfo) -> date:
    """The day a person snoozed at `now` comes back: `SNOOZE_DAYS` after the user's today."""
    return now.astimezone(zone).date() + timedelta(days=SNOOZE_DAYS)
