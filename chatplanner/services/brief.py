"""The brief before a chat: the facts it needs, read in plain SQL in one go (before the database
is open and after: `brief` loads no SQLAlchemy), turned into a `Brief`."""

from __future__ import annotations

from datetime import date, datetime

from chatplanner.db.stored_moments import stored_text
from chatplanner.domain.brief import Brief, BriefFacts, BriefMap, EarlierChat, MapPlace, build_brief
from chatplanner.domain.clock import UTC_ZONE, chat_zone, zone_name_or_none, zone_named
from chatplanner.domain.enums import (
    ChecklistPhase,
    ContactKind,
    FollowUpOwner,
    Goal,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
)
from chatplanner.domain.person_names import display_name
from chatplanner.services.chat_rows import (
    contact_row,
    follow_up_rows,
    meeting_row,
    venue_row,
)
from chatplanner.services.context import ServiceContext
from chatplanner.services.meeting_records import MeetingNotFoundError, notes_of
from chatplanner.services.scheduling import SchedulingService
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import UNKNOWN_MODE, enum_or
from chatplanner.services.stored_rows import rows
from chatplanner.services.venues import VenueService

# Checklist items that hold a question the user prepared ("Prepare the question: ...").
_QUESTION_PREFIXES = ("prepare the question:", "question:", "ask:")


def prepared_question(text: str) -> str | None:
    """The question in a checklist item, or None when the item is not one."""
    stripped = " ".join(text.split())
    low = stripped.lower()
    for prefix in _QUESTION_PREFIXES:
        if low.startswith(prefix):
            return stripped[len(prefix) :].strip() or None
    return stripped if stripped.endswith("?") else None


class BriefService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        venues: VenueService,
        scheduling: SchedulingService,
    ) -> None:
        self._context = context
        self._settings = settings
        self._venues = venues
        self._scheduling = scheduling

    def brief(self, meeting_id: int) -> Brief:
        return build_brief(self.facts(meeting_id))

    # Long: reads everything a brief shows in one go: the chat, the person, earlier chats, promises.
    def facts(self, meeting_id: int) -> BriefFacts:
        with self._context.reading() as connection:
            meeting = meeting_row(connection, meeting_id)
            contact = contact_row(connection, meeting.contact_id)
            if contact is None:
                raise MeetingNotFoundError(meeting_id)
            venue = venue_row(connection, meeting.venue_id) if meeting.venue_id else None
            first_messages = rows(
                connection,
                "SELECT * FROM outreach WHERE contact_id = ? AND kind = ?"
                " ORDER BY sent_at, id LIMIT 1",
                (contact.id, OutreachKind.FIRST_MESSAGE.value),
            )
            first = first_messages[0] if first_messages else None
            # Each earlier chat's start and zone beside its notes' columns.
            earlier = rows(
                connection,
                "SELECT meetings.starts_at, meetings.timezone AS chat_zone, meeting_notes.*"
                " FROM meetings JOIN meeting_notes ON meeting_notes.meeting_id = meetings.id"
                " WHERE meetings.contact_id = ? AND meetings.id != ? AND meetings.status = ?"
                " AND meetings.starts_at < ? ORDER BY meetings.starts_at",
                (contact.id, meeting.id, MeetingStatus.DONE.value, stored_text(meeting.starts_at)),
            )
            promises = follow_up_rows(
                connection, "contact_id = ? AND done_at IS NULL", (contact.id,), "due_on, id"
            )
            questions = [
                text
                for (text,) in connection.execute(
                    "SELECT text FROM checklist_items WHERE meeting_id = ? AND phase = ?"
                    " ORDER BY position",
                    (meeting.id, ChecklistPhase.BEFORE.value),
                )
            ]
            groups = tuple(
                name
                for (name,) in connection.execute(
                    "SELECT groups.name FROM groups JOIN contact_groups"
                    " ON contact_groups.group_id = groups.id"
                    " WHERE contact_groups.contact_id = ? ORDER BY groups.name",
                    (contact.id,),
                )
            )
            zone = zone_name_or_none(meeting.timezone) or self._context.zone().key
            mode = enum_or(MeetingMode, meeting.mode, UNKNOWN_MODE)
            location = self._venues.places.contact_location(
                contact.city, contact.country, contact.latitude, contact.longitude
            )
            contact_zone = self._venues.places.zone_for(
                contact.city,
                (location.latitude, location.longitude) if location else None,
                contact.country,
            )
            venue_place = (
                MapPlace(venue.latitude, venue.longitude, venue.name)
                if venue is not None and venue.latitude is not None and venue.longitude is not None
                else None
            )
            address = ""
            if venue is not None:
                parts = [venue.address or ""]
                if venue.city and venue.city.casefold() not in (venue.address or "").casefold():
                    parts.append(venue.city)
                address = ", ".join(p for p in parts if p)
            facts = BriefFacts(
                meeting_id=meeting.id,
                contact_name=display_name(contact.first_name, contact.last_name),
                kind=enum_or(ContactKind, contact.kind, ContactKind.OTHER),
                title=contact.title or "",
                previous_title=contact.previous_title or "",
                company=contact.company or "",
                city=", ".join(p for p in (contact.city, contact.country) if p),
                goal=enum_or(Goal, contact.goal, Goal.OTHER) if contact.goal else None,
                groups=groups,
                connected_on=contact.connected_on,
                first_message=first.body if first is not None else "",
                first_message_on=_day(first.sent_at, zone) if first is not None else None,
                replied_on=_day(first.replied_at, zone) if first is not None else None,
                user_goal=str(self._settings.get("user.goal") or ""),
                earlier_chats=tuple(
                    EarlierChat(
                        chat.starts_at.astimezone(
                            chat_zone(chat.chat_zone, self._context.zone())
                        ).date(),
                        notes_of(chat),
                    )
                    for chat in earlier
                ),
                contact_notes=contact.notes or "",
                my_promises=tuple(
                    (p.text, p.due_on) for p in promises if p.owner == FollowUpOwner.ME.value
                ),
                their_promises=tuple(
                    (p.text, p.due_on) for p in promises if p.owner == FollowUpOwner.THEM.value
                ),
                prepared_questions=tuple(
                    q for q in (prepared_question(text) for text in questions) if q
                ),
                starts_at=meeting.starts_at,
                duration_minutes=meeting.duration_minutes or 45,
                zone=zone,
                contact_zone=contact_zone,
                user_zone=self._context.zone().key,
                first_name=contact.first_name or "",
                last_name=contact.last_name or "",
                mode=mode,
                venue_name=venue.name if venue is not None else "",
                venue_address=address,
                call_link=meeting.call_link or "",
            )
        base = self._venues.base(resolve=False)
        leave = self._scheduling.leave_by_for(meeting_id) if mode is MeetingMode.IN_PERSON else None
        brief_map = None
        if mode is MeetingMode.IN_PERSON:
            brief_map = BriefMap(
                base=MapPlace(base.latitude, base.longitude, base.label or "You")
                if base is not None
                else None,
                contact=MapPlace(location.latitude, location.longitude, facts.contact_name)
                if location is not None
                else None,
                venue=venue_place,
            )
        return _with(facts, leave.sentence if leave else "", brief_map)


def _day(moment: datetime | None, zone: str) -> date | None:
    if moment is None:
        return None
    return moment.astimezone(zone_named(zone) or UTC_ZONE).date()


def _with(facts: BriefFacts, leave_by: str, brief_map: BriefMap | None) -> BriefFacts:
    from dataclasses import replace

    return replace(facts, leave_by=leave_by, map=brief_map)
