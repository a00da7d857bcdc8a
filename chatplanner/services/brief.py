"""The brief before a chat: the facts it needs, read in one session, turned into a `Brief`."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from chatplanner.db.models import (
    ChecklistItem,
    Contact,
    FollowUp,
    Meeting,
    MeetingNotes,
    Outreach,
    Venue,
)
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
from chatplanner.services.context import ServiceContext
from chatplanner.services.meeting_records import MeetingNotFoundError, notes_of
from chatplanner.services.scheduling import SchedulingService
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import enum_or
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

    # Long: reads everything a brief shows in one session: the chat, the person, earlier chats, promises.
    def facts(self, meeting_id: int) -> BriefFacts:
        with self._context.sessions() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise MeetingNotFoundError(meeting_id)
            contact = session.get(Contact, meeting.contact_id)
            if contact is None:
                raise MeetingNotFoundError(meeting_id)
            venue = session.get(Venue, meeting.venue_id) if meeting.venue_id else None
            first = session.scalars(
                select(Outreach)
                .where(
                    Outreach.contact_id == contact.id,
                    Outreach.kind == OutreachKind.FIRST_MESSAGE.value,
                )
                .order_by(Outreach.sent_at, Outreach.id)
                .limit(1)
            ).first()
            earlier = session.execute(
                select(Meeting.starts_at, Meeting.timezone, MeetingNotes)
                .join(MeetingNotes, MeetingNotes.meeting_id == Meeting.id)
                .where(
                    Meeting.contact_id == contact.id,
                    Meeting.id != meeting.id,
                    Meeting.status == MeetingStatus.DONE.value,
                    Meeting.starts_at < meeting.starts_at,
                )
                .order_by(Meeting.starts_at)
            ).all()
            promises = session.scalars(
                select(FollowUp)
                .where(FollowUp.contact_id == contact.id, FollowUp.done_at.is_(None))
                .order_by(FollowUp.due_on, FollowUp.id)
            ).all()
            questions = session.scalars(
                select(ChecklistItem.text)
                .where(
                    ChecklistItem.meeting_id == meeting.id,
                    ChecklistItem.phase == ChecklistPhase.BEFORE.value,
                )
                .order_by(ChecklistItem.position)
            ).all()
            groups = tuple(group.name for group in contact.groups)
            zone = zone_name_or_none(meeting.timezone) or self._context.zone().key
            mode = enum_or(MeetingMode, meeting.mode, MeetingMode.IN_PERSON)
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
                        starts.astimezone(chat_zone(tz, self._context.zone())).date(),
                        notes_of(notes),
                    )
                    for starts, tz, notes in earlier
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
