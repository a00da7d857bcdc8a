"""Time as the app sees it: one injected clock, and IANA zones with their rules.

Every rule takes `now` or `today` from here; nothing else reads the wall clock (ruff's DTZ
rules check that). Moments are aware datetimes; a zone is a `ZoneInfo`, never a fixed offset,
so that conversions follow daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Returns the current time as an aware UTC datetime.
Clock = Callable[[], datetime]

UTC_ZONE = ZoneInfo("UTC")


def system_clock() -> datetime:
    return datetime.now(UTC)


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name ("America/Toronto"), or None when it is empty or unknown."""
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def chat_zone(timezone: str | None, user: ZoneInfo) -> ZoneInfo:
    """Where a chat happens: its stored zone, the user's when it has none (or an unknown one)."""
    return zone_named(timezone) or user


def zone_name_or_none(name: str | None) -> str | None:
    """The name itself when it names a known zone, else None (for values stored as names)."""
    zone = zone_named(name)
    return zone.key if zone is not None else None


def zone_to_adopt(base_zone: str | None, chosen: str | None, computer: str) -> str | None:
    """The zone to take as the user's when they give their base city: the city's, when they
    have chosen none themselves and the computer keeps another (one left in UTC shows every
    time twice, UTC as "your time"). None: nothing to change."""
    base = zone_named(base_zone)
    if base is None or zone_named(chosen) is not None:
        return None
    return None if base.key == computer else base.key


class LocalTimeIssue(StrEnum):
    """A wall-clock time that does not name exactly one moment in its zone."""

    NONE = "none"
    SKIPPED = "skipped"  # clocks jumped over it (spring forward): it never happens
    REPEATED = "repeated"  # clocks went back over it (fall back): it happens twice


@dataclass(frozen=True, slots=True)
class LocalTime:
    """A day and clock time typed by the user, resolved in a zone."""

    moment: datetime  # aware, in the zone
    issue: LocalTimeIssue = LocalTimeIssue.NONE


def resolve_local(day: date, clock: time, zone: ZoneInfo) -> LocalTime:
    """The moment a wall-clock time in `zone` means.

    A skipped time (02:30 on a spring-forward night) moves forward by the jump, as the clock
    on the wall does: 02:30 becomes 03:30. A repeated time (01:30 on a fall-back night) is the
    first one, before the clocks go back. The issue says which case it was, so the user can be
    told.
    """
    naive = datetime.combine(day, clock.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return LocalTime(first)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        # fold=0 reads a skipped time with the offset from before the jump: that lands on
        # the same moment as the clock moved forward, which is the reading shown.
        return LocalTime(first.astimezone(UTC).astimezone(zone), LocalTimeIssue.SKIPPED)
    return LocalTime(first, LocalTimeIssue.REPEATED)


def zone_names() -> list[str]:
    """The IANA zones a person may choose: "Area/City" names and UTC, sorted."""
    from zoneinfo import available_timezones

    named = {name for name in available_timezones() if "/" in name and not name.startswith("Etc/")}
    return [*sorted(named - {"posixrules"}), "UTC"]
