"""Moments and days in English words: the one place where dates and times become text.

Every page, command, draft, archive file and calendar invite says a chat's time through
`when_words`: the day and clock time where the chat happens (the meeting's zone), and, when
that zone is not the user's, its name and the user's own clock ("14:00 Toronto time · 20:00
your time"). Month and day names come from the tables below, never from `strftime`, whose
names follow the C library's locale (a French desktop would get "mar. 3 mars" inside English
sentences). A translation later replaces these tables and phrases, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import LocalTime, LocalTimeIssue

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A weekday name alone ("on Saturday") is clear for this many days either side of today.
_WEEKDAY_NAME_DAYS = 6


# Days --------------------------------------------------------------------------------------
def weekday_name(day: date) -> str:
    """ "Thursday" """
    return WEEKDAYS[day.weekday()]


def short_date(day: date) -> str:
    """ "Thu 14 Mar" """
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day.day} {MONTHS_SHORT[day.month - 1]}"


def short_date_year(day: date) -> str:
    """ "Thu 14 Mar 2026" """
    return f"{short_date(day)} {day.year}"


def medium_date(day: date) -> str:
    """ "14 Mar 2026" """
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """ "5 March 2026" """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def full_date(day: date) -> str:
    """ "Thursday 5 March 2026" """
    return f"{weekday_name(day)} {long_date(day)}"


def day_label(day: date, today: date | None = None) -> str:
    """A day as a label: "Today", "Tomorrow", "Yesterday", "Tue 3 Mar", or "Tue 3 Mar 2025"
    in another year (always with the year when `today` is not known)."""
    if today is not None:
        offset = (day - today).days
        if offset == 0:
            return "Today"
        if offset == 1:
            return "Tomorrow"
        if offset == -1:
            return "Yesterday"
    if today is None or day.year != today.year:
        return short_date_year(day)
    return short_date(day)


def day_phrase(day: date, today: date) -> str:
    """A day inside a sentence: "today", "tomorrow", "yesterday", "on Saturday" (within a
    week), "on Thu 14 Mar" or "on Thu 14 Mar 2027"."""
    offset = (day - today).days
    if offset == 0:
        return "today"
    if offset == 1:
        return "tomorrow"
    if offset == -1:
        return "yesterday"
    if abs(offset) <= _WEEKDAY_NAME_DAYS:
        return f"on {weekday_name(day)}"
    if day.year != today.year:
        return f"on {short_date_year(day)}"
    return f"on {short_date(day)}"


# Lengths of time ---------------------------------------------------------------------------
def plural(count: int, one: str, many: str | None = None) -> str:
    """A count and its noun, thousands separated: "1 chat", "10,000 chats", "2 new people"."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def span(delta: timedelta) -> str:
    """A rounded, friendly length of time: "40 minutes", "39 hours", "9 days", "3 weeks",
    "about 4 months", "about 2 years". Elapsed time: the same in every zone."""
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


def time_ago(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """How long ago `moment` was, as a sentence says it: "40 minutes ago", "5 hours ago" within
    a day, then by the user's calendar: "yesterday", "3 days ago", and "2 weeks ago" later."""
    delta = now - moment
    if delta < timedelta(hours=24):
        return f"{span(delta)} ago"
    days = (now.astimezone(zone).date() - moment.astimezone(zone).date()).days
    if days <= 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return f"{span(delta)} ago"


def since_words(day: date, today: date) -> str:
    """How long ago a day was, as a note speaks of an earlier note ("my note from …"):
    "earlier today", "yesterday", "a few days ago", "last week", "two weeks ago", "a few weeks
    ago", "last month", "a few months ago", "over a year ago". Both days in the same zone."""
    days = (today - day).days
    return next((words for before, words in _SINCE if days < before), "over a year ago")


# Days before which each of `since_words`'s answers holds, in order.
_SINCE = (
    (1, "earlier today"),
    (2, "yesterday"),
    (7, "a few days ago"),
    (14, "last week"),
    (21, "two weeks ago"),
    (35, "a few weeks ago"),
    (60, "last month"),
    (365, "a few months ago"),
)


# Clock times and zones ---------------------------------------------------------------------
def wall_clock(local: datetime) -> str:
    """ "14:05": the 24-hour clock of a datetime already in the zone it is shown in."""
    return f"{local.hour:02d}:{local.minute:02d}"


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    """ "14:05": the 24-hour clock on the wall in `zone` at that moment."""
    return wall_clock(moment.astimezone(zone))


def zone_place(zone: ZoneInfo) -> str:
    """The zone as people say it: "Toronto", "Ho Chi Minh", "UTC"."""
    key = zone.key
    if "/" not in key:
        return key
    return key.rsplit("/", 1)[1].replace("_", " ")


def zone_time_name(zone: ZoneInfo) -> str:
    """ "Toronto time" """
    return f"{zone_place(zone)} time"


def _other_day(local: datetime, reference: date) -> str:
    """ "" on the same day as `reference`, else " the next day" / " the day before" / " on Mon"."""
    offset = (local.date() - reference).days
    if offset == 0:
        return ""
    if offset == 1:
        return " the next day"
    if offset == -1:
        return " the day before"
    return f" on {short_date(local.date())}"


@dataclass(frozen=True, slots=True)
class OtherClock:
    """Someone else's zone to show beside the user's (an online call across a border)."""

    zone: ZoneInfo
    who: str  # "Ana" or "" (then "their time")


def clocks(
    moment: datetime, place: ZoneInfo, user: ZoneInfo, other: OtherClock | None = None
) -> str:
    """The clock time at the chat, and the user's (and the other person's) when different.

    "14:00"; "14:00 Toronto time" (another zone, same clock); "14:00 Toronto time · 20:00 your
    time"; "22:00 Toronto time · 03:00 the next day your time"; and for a call with someone in
    another zone: "14:00 · 11:00 for Ana (Vancouver)".
    """
    here = moment.astimezone(place)
    mine = moment.astimezone(user)
    text = wall_clock(here)
    if place.key != user.key:
        text += f" {zone_time_name(place)}"
        if mine.utcoffset() != here.utcoffset():
            text += f" · {wall_clock(mine)}{_other_day(mine, here.date())} your time"
    if other is not None:
        theirs = moment.astimezone(other.zone)
        if theirs.utcoffset() not in (mine.utcoffset(), here.utcoffset()):
            who = f"for {other.who}" if other.who else "their time"
            text += (
                f" · {wall_clock(theirs)}{_other_day(theirs, here.date())} {who}"
                f" ({zone_place(other.zone)})"
            )
    return text


def when_words(
    moment: datetime,
    place: ZoneInfo,
    user: ZoneInfo,
    *,
    now: datetime | None = None,
    sentence: bool = False,
    other: OtherClock | None = None,
) -> str:
    """A chat's day and time where it happens, with the user's clock when it differs.

    As a label: "Tue 3 Mar, 14:00 Toronto time · 20:00 your time" ("Today, 14:00" with `now`);
    in a sentence (`sentence`, needs `now`): "today at 14:00", "on Saturday at 14:00 Toronto
    time · 20:00 your time". "Today" is the calendar where the chat happens; the user's clock
    says when that is another day for them.
    """
    day = moment.astimezone(place).date()
    today = now.astimezone(place).date() if now is not None else None
    times = clocks(moment, place, user, other)
    if sentence and today is not None:
        return f"{day_phrase(day, today)} at {times}"
    return f"{day_label(day, today)}, {times}"


def moment_label(moment: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """A moment that is not a chat (a backup taken, a note saved), in the user's zone:
    "Today, 14:05", "Tue 3 Mar, 09:30", "Tue 3 Mar 2025, 09:30"."""
    today = now.astimezone(zone).date() if now is not None else None
    return f"{day_label(moment.astimezone(zone).date(), today)}, {clock_time(moment, zone)}"


def _offset_words(moment: datetime) -> str:
    """ "UTC−4", "UTC+5:30" """
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def local_time_note(typed: LocalTime, zone: ZoneInfo) -> str:
    """What to tell the user when the time they typed is skipped or repeated by a clock change
    in `zone`; "" when it names exactly one moment."""
    local = typed.moment.astimezone(zone)
    day = short_date(local.date())
    if typed.issue is LocalTimeIssue.SKIPPED:
        return (
            f"Clocks in {zone_place(zone)} jump forward on {day}, so the time you typed does "
            f"not exist there: the chat is set for {wall_clock(local)} ({_offset_words(local)})."
        )
    if typed.issue is LocalTimeIssue.REPEATED:
        return (
            f"Clocks in {zone_place(zone)} go back on {day}, so {wall_clock(local)} happens "
            f"twice: the chat is set for the first one ({_offset_words(local)}, before the "
            "change)."
        )
    return ""


# The hours when asking someone to talk is polite, on their own clock.
POLITE_FROM_HOUR = 8
POLITE_UNTIL_HOUR = 20


def polite_hours_warning(moment: datetime, other: OtherClock) -> str:
    """A warning when `moment` is outside 8:00–20:00 on the other person's clock; "" if not."""
    local = moment.astimezone(other.zone)
    minutes = local.hour * 60 + local.minute
    if POLITE_FROM_HOUR * 60 <= minutes <= POLITE_UNTIL_HOUR * 60:
        return ""
    # Their clock is on the line above (`clocks`): the warning does not say it again.
    who = other.who or "them"
    return (
        f"That is outside {POLITE_FROM_HOUR}:00–{POLITE_UNTIL_HOUR}:00 for {who}. "
        "Is another time kinder?"
    )
