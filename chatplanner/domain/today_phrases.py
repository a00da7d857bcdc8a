"""Short English phrases for the Today view: spans of time, days and clock times.

Written out by hand instead of `strftime("%a %b")`, whose names follow the machine's locale.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def span(delta: timedelta) -> str:
    """A rounded, friendly length of time: "40 minutes", "5 hours", "9 days", "3 weeks",
    "about 4 months", "about 2 years"."""
    seconds = max(0, int(delta.total_seconds()))
    minutes = seconds // 60
    if minutes < 60:
        return plural(max(1, minutes), "minute")
    hours = minutes // 60
    if hours < 48:
        return plural(hours, "hour")
    days = hours // 24
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(days // 7, "week")
    if days < 365 * 2:
        return f"about {plural(round(days / 30.44), 'month')}"
    return f"about {plural(round(days / 365.25), 'year')}"


def short_date(day: date) -> str:
    """ "Thu 14 Mar" """
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def clock_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def day_phrase(day: date, today: date) -> str:
    """ "today", "tomorrow", "yesterday" or "on Thu 14 Mar"."""
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        return "tomorrow"
    if offset == -1:
        return "yesterday"
    return f"on {short_date(day)}"


def snippet(text: str, limit: int = 80) -> str:
    """User text on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"
