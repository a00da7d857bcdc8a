"""What the plan dialog needs to know about a person, gathered off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from chatplanner.domain.clock import UTC_ZONE, resolve_local, zone_named
from chatplanner.domain.moments import OtherClock
from chatplanner.domain.places import MeetingSuggestion
from chatplanner.domain.venues import VenueSuggestions
from chatplanner.services.workspace import Workspace

DEFAULT_HOUR = 10
SATURDAY = 5


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """The mode suggestion, venues ranked for the person, and each venue's time zone."""

    contact_id: int | None
    suggestion: MeetingSuggestion | None
    venues: VenueSuggestions
    default_zone: str
    zone_by_venue: dict[int, str] = field(default_factory=dict)
    their_clock: OtherClock | None = None  # the person's own zone, from their city


def gather_options(workspace: Workspace, contact_id: int | None) -> ChatOptions:
    """Reads the city list when needed (~300 ms the first time): call it off the GUI thread."""
    scheduling = workspace.scheduling
    suggestion = scheduling.suggest_mode(contact_id) if contact_id is not None else None
    venues = workspace.venues.suggest(contact_id)
    zones = {venue.id: scheduling.zone_for_venue(venue.id) for venue in venues.venues}
    their_clock = scheduling.contact_clock(contact_id) if contact_id is not None else None
    return ChatOptions(
        contact_id, suggestion, venues, scheduling.zone_for_venue(None), zones, their_clock
    )


def next_weekday(today: date) -> date:
    """Tomorrow, or the Monday after when tomorrow falls on a weekend."""
    day = today + timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return day


def default_start(now: datetime, zone: str) -> datetime:
    """The next weekday at 10:00 in `zone`."""
    tz = zone_named(zone) or UTC_ZONE
    return resolve_local(next_weekday(now.astimezone(tz).date()), time(DEFAULT_HOUR), tz).moment
