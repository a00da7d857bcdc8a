"""A planned chat as the user takes it along: its invite (.ics), when to leave for it, its zone
and its time in words. Read in plain SQL through `ServiceContext.reading`, before the database is
open and after: `ics` and `brief` load no SQLAlchemy. `SchedulingService` plans and changes chats
on top of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import zone_name_or_none
from chatplanner.domain.enums import MeetingMode, MeetingStatus, TravelMode
from chatplanner.domain.person_names import called_name, shown_name
from chatplanner.domain.places import haversine_km
from chatplanner.domain.schedule import DEFAULT_MEETING_MINUTES, LeaveBy, leave_by
from chatplanner.domain.venues import UserBase
from chatplanner.errors import ChatplannerError
from chatplanner.interop.safe_files import write_private_file
from chatplanner.services.chat_rows import contact_row, find_meeting, venue_row
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.context import ServiceContext
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import UNKNOWN_MODE, enum_or, goal_or_none
from chatplanner.services.venues import VenueNotFoundError, VenueService

if TYPE_CHECKING:
    from chatplanner.db.models import Contact, Venue


class PlanningError(ChatplannerError):
    """A chat that cannot be planned as asked; the message says what to change."""


class MeetingNotFoundError(ChatplannerError):
    def __init__(self, meeting_id: int) -> None:
        super().__init__(
            f"There is no meeting number {meeting_id}. Check the number and try again."
        )


@dataclass(frozen=True, slots=True)
class _MeetingPlace:
    """What the leave-by and the invite need to know about one meeting."""

    start: datetime  # aware, in the meeting's zone
    duration: int
    timezone: str
    mode: MeetingMode
    travel_mode: TravelMode
    contact_name: str
    venue_name: str | None
    venue_address: str | None
    venue_point: tuple[float, float] | None
    call_link: str | None
    when: str = ""  # the day and time in the words every page uses


def _full_name(row: Contact) -> str:
    return shown_name(row.first_name, row.last_name)


class ChatInvites:
    """What a planned chat gives the user to take along: its invite, its leave-by, its zone."""

    def __init__(
        self, context: ServiceContext, settings: SettingsService, venues: VenueService
    ) -> None:
        self._context = context
        self._settings = settings
        self._venues = venues

    def default_travel_mode(self) -> TravelMode:
        chosen = self._settings.get("places.travel_mode")
        return enum_or(TravelMode, chosen if isinstance(chosen, str) else None, TravelMode.TRANSIT)

    def zone_for_venue(self, venue_id: int | None) -> str:
        """The IANA zone a chat at this venue (or anywhere, with None) would be written in."""
        with self._context.reading() as connection:
            venue = venue_row(connection, venue_id)
        return self._zone_for(venue)

    def _zone_for(self, venue: Venue | None) -> str:
        if venue is not None and venue.city:
            point = (
                (venue.latitude, venue.longitude)
                if venue.latitude is not None and venue.longitude is not None
                else None
            )
            zone = self._venues.places.zone_for(venue.city, point)
            if zone:
                return zone
        base = self._venues.base()
        if base is not None and zone_name_or_none(base.timezone):
            return base.timezone
        return self._context.zone().key

    def chat_times(self) -> ChatTimes:
        """Chat times in words, with the other person's zone from the same city list."""
        return ChatTimes(self._context, self._venues.places)

    # Being punctual ----------------------------------------------------------------------------
    def leave_by_for(self, meeting_id: int) -> LeaveBy | None:
        """When to leave the base for an in-person chat; None when online or a place is unknown."""
        return self._leave_by(self._meeting_place(meeting_id))

    def leave_by_at(
        self, start: datetime, venue_id: int | None, travel_mode: TravelMode
    ) -> LeaveBy | None:
        """The leave-by for a chat not yet saved (the plan dialog's sentence)."""
        base = self._venues.base(resolve=False)
        if venue_id is None or base is None:
            return None
        try:
            venue = self._venues.get(venue_id)
        except VenueNotFoundError:
            return None
        if venue.point is None:
            return None
        km = haversine_km(base.latitude, base.longitude, *venue.point)
        return leave_by(start, km, travel_mode, from_city=_city_of(base))

    def _leave_by(self, place: _MeetingPlace) -> LeaveBy | None:
        base = self._venues.base(resolve=False)
        if place.mode is not MeetingMode.IN_PERSON or place.venue_point is None or base is None:
            return None
        km = haversine_km(base.latitude, base.longitude, *place.venue_point)
        return leave_by(place.start, km, place.travel_mode, from_city=_city_of(base))

    # The invite --------------------------------------------------------------------------------
    def invite_ics(self, meeting_id: int) -> bytes:
        """The chat as an .ics invite, with a reminder at the leave-by time when it is known."""
        return self._ics(meeting_id, [], cancelled=False, uid=f"meeting-{meeting_id}@chatplanner")

    def calendar_event_ics(self, meeting_id: int, uid: str) -> bytes:
        """The chat as its event in a synced calendar: the invite, with who they are, the
        user's goal, and `STATUS:CANCELLED` once the chat is cancelled."""
        with self._context.reading() as connection:
            meeting = find_meeting(connection, meeting_id)
            if meeting is None:
                raise MeetingNotFoundError(meeting_id)
            contact = contact_row(connection, meeting.contact_id)
            cancelled = meeting.status == MeetingStatus.CANCELLED.value
            lines = []
            if contact is not None:
                role = " at ".join(p for p in (contact.title, contact.company) if p)
                lines.append(f"With {_full_name(contact)}" + (f", {role}." if role else "."))
                # A goal no member has is left out: a synced calendar shows no stored text raw.
                if goal := goal_or_none(contact.goal):
                    lines.append(f"Your goal: {goal.label.lower()}.")
                if contact.email:
                    lines.append(f"E-mail: {contact.email}")
        return self._ics(meeting_id, lines, cancelled=cancelled, uid=uid)

    def _ics(self, meeting_id: int, lines: list[str], *, cancelled: bool, uid: str) -> bytes:
        place = self._meeting_place(meeting_id)
        leave = self._leave_by(place)
        # When it is, in words; then when to leave, when it is known, else where it came from.
        closing = "Planned with chatplanner." if leave is None else leave.sentence
        description = "\n".join([f"When: {place.when}", *lines, closing])
        # icalendar loads for an invite only: planning, the brief and Today do without it.
        from chatplanner.interop.ics import meeting_invite_ics

        return meeting_invite_ics(
            start=place.start,
            contact_name=place.contact_name,
            timezone=place.timezone,
            duration_minutes=place.duration,
            mode=place.mode,
            venue_name=place.venue_name,
            venue_address=place.venue_address,
            latitude=None if place.venue_point is None else place.venue_point[0],
            longitude=None if place.venue_point is None else place.venue_point[1],
            call_link=place.call_link,
            description=description,
            uid=uid,
            alarm_at=None if leave is None else leave.leave_at,
            now=self._context.now(),
            cancelled=cancelled,
        )

    def export_invite(self, meeting_id: int, path: Path) -> Path:
        """Write the chat's invite to `path`, privately (it says who the user meets, and where)."""
        data = self.invite_ics(meeting_id)
        try:
            write_private_file(path, data, tidy=True)
        except OSError as error:
            raise PlanningError(
                f"Could not write {path}: {error.strerror or error}. Choose another file."
            ) from error
        return path

    def _meeting_place(self, meeting_id: int) -> _MeetingPlace:
        with self._context.reading() as connection:
            meeting = find_meeting(connection, meeting_id)
            if meeting is None:
                raise MeetingNotFoundError(meeting_id)
            contact = contact_row(connection, meeting.contact_id)
            venue = venue_row(connection, meeting.venue_id)
            zone_name = zone_name_or_none(meeting.timezone) or self._zone_for(venue)
            start = meeting.starts_at.astimezone(ZoneInfo(zone_name))
            point = None
            if venue is not None and venue.latitude is not None and venue.longitude is not None:
                point = (venue.latitude, venue.longitude)
            address = None
            if venue is not None:
                parts = [venue.address or ""]
                if venue.city and venue.city.casefold() not in (venue.address or "").casefold():
                    parts.append(venue.city)
                address = ", ".join(p for p in parts if p) or None
            return _MeetingPlace(
                start=start,
                duration=meeting.duration_minutes or DEFAULT_MEETING_MINUTES,
                timezone=zone_name,
                mode=enum_or(MeetingMode, meeting.mode, UNKNOWN_MODE),
                travel_mode=enum_or(TravelMode, meeting.travel_mode, self.default_travel_mode()),
                contact_name="a contact" if contact is None else _full_name(contact),
                venue_name=None if venue is None else venue.name,
                venue_address=address,
                venue_point=point,
                call_link=meeting.call_link,
                when=self.chat_times().words(
                    meeting.starts_at,
                    zone_name,
                    other=None
                    if contact is None
                    else self.chat_times().other_clock(
                        meeting.mode,
                        called_name(contact.first_name, contact.last_name) or _full_name(contact),
                        contact.city,
                        contact.country,
                    ),
                ),
            )


def _city_of(base: UserBase) -> str | None:
    """The base's city when the base is only that city's centre (no distance from it holds)."""
    if not base.city_centre:
        return None
    return " ".join(base.city.split()) or "your city"
