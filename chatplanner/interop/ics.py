"""A chat as an iCalendar (.ics) invite: time zone, place or call link, map point and a reminder."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from chatplanner import version
from chatplanner.domain.clock import UTC_ZONE, system_clock, zone_named
from chatplanner.domain.enums import MeetingMode
from chatplanner.domain.map_links import osm_url, valid_coordinates
from chatplanner.domain.places import one_line_name
from chatplanner.domain.schedule import DEFAULT_MEETING_MINUTES

PRODID = f"-//chatplanner//chatplanner {version()}//EN"
DEFAULT_ALARM_MINUTES = 30
# RFC 5545 allows no control characters in text but tab and (escaped) line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WEB_LINK = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
# Generous, but a calendar entry is not a place for a novel.
_MAX_TEXT_CHARS = 20_000


def _text(value: str | None, *, one_line: bool = False, limit: int = _MAX_TEXT_CHARS) -> str:
    """Text any calendar can read: valid UTF-8, no control characters, bounded length."""
    if not value:
        return ""
    text = value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if one_line:
        text = " ".join(text.split())
    return text[:limit].strip()


def _web_link(link: str | None) -> str | None:
    """The call link if it is a plain web address; anything else stays text only."""
    cleaned = _text(link, one_line=True)
    return cleaned if cleaned and _WEB_LINK.fullmatch(cleaned) else None


def _zone(name: str | None, start: datetime) -> ZoneInfo:
    """The named zone; an unknown name falls through to the start's own zone, then UTC."""
    zone = zone_named(name)
    if zone is not None:
        return zone
    return start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else UTC_ZONE


def _join_lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _point(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    if (
        latitude is not None
        and longitude is not None
        and valid_coordinates(float(latitude), float(longitude))
    ):
        return (float(latitude), float(longitude))
    return None


def _event_words(  # noqa: PLR0913 - keyword-only: the event's words come from each of these fields
    contact_name: str,
    *,
    online: bool,
    call_link: str | None,
    link: str | None,
    place: str | None,
    address: str | None,
    point: tuple[float, float] | None,
    description: str,
) -> tuple[str, str, str]:
    """The event's summary, location and description."""
    who = one_line_name(_text(contact_name, one_line=True), fallback="a contact", limit=120)
    if online:
        summary = f"Coffee chat with {who} (online)"
        location = _text(call_link, one_line=True, limit=2000)
        details = _join_lines(_text(description), f"Call link: {link}" if link else "")
    else:
        summary = f"Coffee chat with {who}"
        where = (_text(place, one_line=True, limit=500), _text(address, one_line=True, limit=1000))
        location = ", ".join(part for part in where if part)
        map_line = f"Map: {osm_url(*point)}" if point else ""
        details = _join_lines(_text(description), map_line)
    return summary, location, details


def _reminder(
    summary: str, start: datetime, alarm_at: datetime | None, minutes_before: int
) -> Alarm:
    """At `alarm_at` (the leave-by time) when it is before the start, else `minutes_before`."""
    before = timedelta(minutes=max(0, minutes_before))
    reminder = summary
    if alarm_at is not None and alarm_at.tzinfo is not None and alarm_at <= start:
        before = start - alarm_at
        reminder = f"Time to leave: {summary}"
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder)
    alarm.add("trigger", -before)
    return alarm


# Long: the event, its alarm and its time zones, in the order RFC 5545 writes them.
def meeting_invite_ics(  # noqa: PLR0913 - keyword-only: one argument per field of the invite; builds the event in the order RFC 5545 lists it
    *,
    start: datetime,
    contact_name: str,
    timezone: str | None = None,
    duration_minutes: int = DEFAULT_MEETING_MINUTES,
    mode: MeetingMode = MeetingMode.IN_PERSON,
    venue_name: str | None = None,
    venue_address: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    call_link: str | None = None,
    description: str = "",
    uid: str | None = None,
    alarm_at: datetime | None = None,
    alarm_minutes_before: int = DEFAULT_ALARM_MINUTES,
    now: datetime | None = None,
    cancelled: bool = False,
) -> bytes:
    """The invite as .ics bytes.

    `start` is aware (any zone); the event is written in `timezone` (IANA, e.g. the meeting's
    `timezone` column) with its VTIMEZONE. The reminder fires at `alarm_at` (say the leave-by
    time) when given and before the start, else `alarm_minutes_before` the start. Pass a stable
    `uid` (e.g. "meeting-42@chatplanner") so that a re-exported invite updates the same event.
    `cancelled` writes `STATUS:CANCELLED`: calendars keep the event, struck through.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("The meeting time needs a time zone.")
    if duration_minutes <= 0:
        raise ValueError("A chat lasts at least one minute.")
    zone = _zone(timezone, start)
    local_start = start.astimezone(zone)
    # Elapsed time through UTC: a daylight-saving change during the chat is counted right.
    local_end = (start.astimezone(UTC) + timedelta(minutes=duration_minutes)).astimezone(zone)
    stamp = (now or system_clock()).astimezone(UTC)

    online = mode is MeetingMode.ONLINE
    link = _web_link(call_link)
    point = None if online else _point(latitude, longitude)
    summary, location, details = _event_words(
        contact_name,
        online=online,
        call_link=call_link,
        link=link,
        place=venue_name,
        address=venue_address,
        point=point,
        description=description,
    )
    event = Event.new(
        uid=_text(uid, one_line=True, limit=255) or f"{uuid.uuid4()}@chatplanner",
        stamp=stamp,
        start=local_start,
        end=local_end,
        summary=summary,
        description=details or None,
        location=location or None,
        url=link if online else None,
    )
    if point:
        event.add("geo", point)
    if cancelled:
        event.add("status", "CANCELLED")

    event.add_component(_reminder(summary, start, alarm_at, alarm_minutes_before))

    calendar = Calendar.new(prodid=PRODID)
    calendar.add_component(event)
    # Transitions from a year before to a year after the chat: enough for any calendar.
    calendar.add_missing_timezones(
        first_date=local_start.date() - timedelta(days=366),
        last_date=max(local_end.date() + timedelta(days=366), date(1971, 1, 1)),
    )
    ical: bytes = calendar.to_ical()  # icalendar leaves its return type unannotated
    return ical
