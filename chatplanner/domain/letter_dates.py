"""Days written out in a letter: the one place letters turn a date into words.

A letter says when the chat was as the writer would: "today", "yesterday", "on Tuesday" within
the past week, "last week", "earlier this month", "in March" (and "in March 2025" in another
year); and when a promise is due: "today", "by tomorrow", "by Friday", "by Friday 13 March".
Both days must be counted in the same zone (the services use the chat's zone for both).

The names come from `moments`, the app's own English tables (never `strftime`, whose names follow
the machine's locale).
"""

from __future__ import annotations

from datetime import date

from chatplanner.domain.moments import MONTHS, long_date, weekday_name

__all__ = [
    "chat_day_in_words",
    "day_in_words",
    "due_day_in_words",
    "full_date_in_words",
    "month_name",
    "weekday_name",
]

# A weekday name alone ("on Tuesday") is clear for this many days either side of today.
_WEEKDAY_DAYS = 6


def day_in_words(day: date) -> str:
    """ "Friday 13 March" """
    return f"{weekday_name(day)} {day.day} {MONTHS[day.month - 1]}"


def full_date_in_words(day: date) -> str:
    """ "13 March 2026" """
    return long_date(day)


def month_name(day: date) -> str:
    return MONTHS[day.month - 1]


def chat_day_in_words(day: date, today: date | None) -> str:  # noqa: PLR0911 - one return per way of naming a day (today, yesterday, a weekday, a date)
    """When a chat took place, inside a sentence ("our chat {…}", "meet with me {…}")."""
    if today is None:
        return f"on {day_in_words(day)}"
    ago = (today - day).days
    if ago == 0:
        return "today"
    if ago == 1:
        return "yesterday"
    if ago < 0:  # a chat marked done before its time
        return "tomorrow" if ago == -1 else f"on {day_in_words(day)}"
    if ago <= _WEEKDAY_DAYS:
        return f"on {weekday_name(day)}"
    if ago <= 13:
        return "last week"
    if (day.year, day.month) == (today.year, today.month):
        return "earlier this month"
    if day.year == today.year:
        return f"in {month_name(day)}"
    return f"in {month_name(day)} {day.year}"


def due_day_in_words(day: date, today: date | None) -> str:
    """When a promise will be kept, inside a sentence ("I will send you my resume {…}");
    "" for a day already past (the letter then gives none)."""
    if today is None:
        return f"by {day_in_words(day)}"
    ahead = (day - today).days
    if ahead < 0:
        return ""
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "by tomorrow"
    if ahead <= _WEEKDAY_DAYS:
        return f"by {weekday_name(day)}"
    return f"by {day_in_words(day)}"
