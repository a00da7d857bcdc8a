"""Days written out in a letter ("Friday 13 March"): the one place letters turn a date into words.

The names come from `moments`, the app's own English tables (never `strftime`, whose names follow
the machine's locale).
"""

from __future__ import annotations

from datetime import date

from chatplanner.domain.moments import MONTHS, long_date, weekday_name

__all__ = ["day_in_words", "full_date_in_words", "month_name", "weekday_name"]


def day_in_words(day: date) -> str:
    """ "Friday 13 March" """
    return f"{weekday_name(day)} {day.day} {MONTHS[day.month - 1]}"


def full_date_in_words(day: date) -> str:
    """ "13 March 2026" """
    return long_date(day)


def month_name(day: date) -> str:
    return MONTHS[day.month - 1]
