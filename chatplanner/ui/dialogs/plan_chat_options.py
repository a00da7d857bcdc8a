"""What the plan dialog needs to know about a person, gathered off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chatplanner.domain.moments import OtherClock
from chatplanner.domain.places import MeetingSuggestion
from chatplanner.domain.venues import VenueSuggestions
from chatplanner.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """The mode suggestion, venues ranked for the person, and each venue's time zone."""

    contact_id: int | None
    suggestion: MeetingSuggestion | None
    venues: VenueSuggestions
    default_zone: str
    zone_by_venue: dict[int, str] = field(default_factory=dict)
    their_clock: OtherClock | None = None  # the person's own zone, from their city
    first_message_at: datetime | None = None  # when the user first wrote to them


def gather_options(workspace: Workspace, contact_id: int | None) -> ChatOptions:
    """Reads the city list when needed (~300 ms the first time): call it off the GUI thread."""
    scheduling = workspace.planning.scheduling
    suggestion = scheduling.suggest_mode(contact_id) if contact_id is not None else None
    venues = workspace.planning.venues.suggest(contact_id)
    zones = {venue.id: scheduling.zone_for_venue(venue.id) for venue in venues.venues}
    their_clock = scheduling.contact_clock(contact_id) if contact_id is not None else None
    first = scheduling.first_message_at(contact_id) if contact_id is not None else None
    return ChatOptions(
        contact_id, suggestion, venues, scheduling.zone_for_venue(None), zones, their_clock, first
    )
