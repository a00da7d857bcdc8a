"""The ranges stored numbers and dates keep, defined once.

A restore refuses a backup holding a value outside them (interop/backup_rows.py), and the
services refuse to write one: every page, command and export can then compute with any stored
value (a chat's end, a leave-by time, a distance) without overflowing or misleading.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

# Far wider than any real chat, contact or visit, narrow enough that adding a day, a chat's
# length or a time zone's offset to a stored moment never leaves Python's calendar.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)

MEETING_MINUTES = (1, 24 * 60)  # a chat lasts at most a day
LATITUDE = (-90.0, 90.0)
LONGITUDE = (-180.0, 180.0)
QUIETNESS = (1, 5)
YEARS_IN_ROLE = (0, 100)
CADENCE_DAYS = (0, 100 * 366)  # follow-up, move-on and keep-in-touch intervals
POSITION = (0, 1_000_000)  # the order of a checklist item or a follow-up

# Stored fields by column name (the same name means the same quantity in every table).
FIELD_RANGES: Mapping[str, tuple[float, float]] = {
    "duration_minutes": MEETING_MINUTES,
    "latitude": LATITUDE,
    "longitude": LONGITUDE,
    "quietness": QUIETNESS,
    "years_in_role": YEARS_IN_ROLE,
    "follow_up_after_days": CADENCE_DAYS,
    "move_on_after_days": CADENCE_DAYS,
    "keep_in_touch_days": CADENCE_DAYS,
    "position": POSITION,
}


def number_range(field: str) -> tuple[float, float] | None:
    """The range a stored number named `field` keeps; None when any value is fine."""
    return FIELD_RANGES.get(field)


def day_in_range(day: date) -> bool:
    """A stored date (or the day of a stored moment) within EARLIEST_DAY .. LATEST_DAY."""
    if isinstance(day, datetime):
        day = day.date()
    return EARLIEST_DAY <= day <= LATEST_DAY


def describe_range(bounds: tuple[float, float]) -> str:
    low, high = bounds
    return f"between {_number(low)} and {_number(high)}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
