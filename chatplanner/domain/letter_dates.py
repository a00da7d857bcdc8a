"""Days written out in a letter ("Friday 13 March"): the one place letters turn a date into words.

Written by hand, not with `strftime`, whose names follow the machine's locale.
"""

from __future__ import annotations

from datetime import date

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day_in_words(day: date) -> str:
    """ "Friday 13 March" """
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def weekday_name(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def full_date_in_words(day: date) -> str:
    """ "13 March 2026" """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_name(day: date) -> str:
    return _MONTHS[day.month - 1]
