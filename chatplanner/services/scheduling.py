"""Planning a chat: in person or online, when and where, its checklist (its leave-by and invite:
`chat_invites.py`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from chatplanner.domain.checklist import ChecklistItem as ChecklistEntryItem
from chatplanner.domain.checklist import (
    ChecklistTemplate,
    checklist_after_mode_change,
    checklist_for_meeting,
)
from chatplanner.domain.clock import zone_name_or_none
from chatplanner.domain.enums import (
    ChecklistPhase,
    MeetingMode,
    MeetingStatus,
    Stage,
    TravelMode,
)
from chatplanner.domain.limits import EARLIEST_DAY, LATEST_DAY, day_in_range
from chatplanner.domain.moments import OtherClock
from chatplanner.domain.person_names import called_name, shown_name
from chatplanner.domain.places import (
    DEFAULT_IN_PERSON_KM,
    MeetingSuggestion,
    same_city_decision,
)
from chatplanner.domain.schedule import DEFAULT_MEETING_MINUTES, free_start
from chatplanner.domain.venues import ContactChoice
from chatplanner.services.chat_invites import ChatInvites, MeetingNotFoundError, PlanningError
from chatplanner.services.chat_rows import contact_row
from chatplanner.services.context import ServiceContext
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import UNKNOWN_PHASE, enum_or
from chatplanner.services.venues import ContactNotFoundError, VenueNotFoundError, VenueService

# The database layer loads with the first write or list: a chat's invite, leave-by and brief do
# without it.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import ChecklistItem, Meeting
    from chatplanner.services.templates import ChatTemplateService

MAX_DURATION_MINUTES = 8 * 60


@dataclass(frozen=True, slots=True)
class Overlap:
    """A planned chat that runs at the same time as another one."""

    meeting_id: int
    contact_name: str
    starts_at: datetime  # aware UTC
    duration_minutes: int


class SchedulingService(ChatInvites):
    """Planning and changing chats; their invite, leave-by and zone are `ChatInvites`'."""

    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        venues: VenueService,
        chat_templates: Callable[[], ChatTemplateService],
    ) -> None:
        super().__init__(context, settings, venues)
        self._chat_templates = chat_templates

    # Choosing ----------------------------------------------------------------------------------
    def contact_choices(self, including: int | None = None) -> list[ContactChoice]:
        """People one can plan a chat with, by name: not archived, not moved on from (no
        reply is an answer), and `including` whatever their state (the person asked about)."""
        from sqlalchemy import func, select

        from chatplanner.db.models import Contact

        with self._context.sessions() as session:
            wanted = (Contact.archived.is_(False)) & (Contact.stage != Stage.MOVED_ON.value)
            if including is not None:
                wanted = wanted | (Contact.id == including)
            rows = session.execute(
                select(Contact.id, Contact.first_name, Contact.last_name, Contact.city)
                .where(wanted)
                .order_by(func.lower(Contact.first_name), func.lower(Contact.last_name))
            )
            return [
                ContactChoice(cid, shown_name(first, last), city or "")
                for cid, first, last, city in rows
            ]

    def contact_clock(self, contact_id: int) -> OtherClock | None:
        """The person's own clock (their zone from their city, through the offline city
        list: about 300 ms the first time), or None when their city is unknown."""
        with self._context.reading() as connection:
            contact = contact_row(connection, contact_id)
            if contact is None:
                return None
            city, country = contact.city, contact.country
            name = called_name(contact.first_name, contact.last_name) or shown_name(
                contact.first_name, contact.last_name
            )
        zone = self.chat_times().city_zone(city, country)
        return None if zone is None else OtherClock(zone, name)

    def first_message_at(self, contact_id: int) -> datetime | None:
        """When the user first wrote to this person (None when never)."""
        from sqlalchemy import func, select

        from chatplanner.db.models import Outreach

        with self._context.sessions() as session:
            first: datetime | None = session.scalar(
                select(func.min(Outreach.sent_at)).where(Outreach.contact_id == contact_id)
            )
            return first

    def in_person_km(self) -> float:
        value = self._settings.get("places.in_person_km")
        return (
            float(value) if isinstance(value, int | float) and value > 0 else DEFAULT_IN_PERSON_KM
        )

    def suggest_mode(self, contact_id: int) -> MeetingSuggestion:
        """In person when they are in the user's city or near enough, online otherwise; and why."""
        from chatplanner.db.models import Contact

        base = self._venues.base()
        with self._context.sessions() as session:
            row = session.get(Contact, contact_id)
            if row is None:
                raise ContactNotFoundError(contact_id)
            name = called_name(row.first_name, row.last_name) or shown_name(
                row.first_name, row.last_name
            )
            where = self._venues.places.contact_location(
                row.city, row.country, row.latitude, row.longitude
            )
        return same_city_decision(
            None if base is None else base.location,
            where,
            self.in_person_km(),
            contact_name=name,
        )

    # Planning ----------------------------------------------------------------------------------
    # Long: one transaction: checks, the chat, its checklist and the contact's stage, which stand or fall together.
    def plan_chat(  # noqa: PLR0913, PLR0917 - a chat's plan; callers pass all but the first three by keyword
        self,
        contact_id: int,
        mode: MeetingMode,
        starts_at: datetime,
        duration_minutes: int = DEFAULT_MEETING_MINUTES,
        venue_id: int | None = None,
        call_link: str | None = None,
        timezone: str | None = None,
        travel_mode: TravelMode | None = None,
        *,
        happened: bool = False,
    ) -> int:
        """Create a planned chat with its checklist and move the contact to "chat planned".

        `happened`: a chat that already took place, logged afterwards: stored as done (the
        contact moves on to "met"); its start must not be ahead."""
        from chatplanner.db.models import ChecklistItem, Contact, Meeting, Venue
        from chatplanner.services.stages import record_progress

        if starts_at.tzinfo is None or starts_at.utcoffset() is None:
            raise PlanningError("The chat's start time needs a time zone.")
        if not 1 <= duration_minutes <= MAX_DURATION_MINUTES:
            raise PlanningError(
                "A chat lasts between 1 minute and 8 hours; 30 to 45 minutes is usual."
            )
        if not day_in_range(starts_at):
            raise PlanningError(
                f"A chat's date must be between {EARLIEST_DAY.year} and {LATEST_DAY.year}."
            )
        mode = MeetingMode(mode)
        if happened and starts_at > self._context.now():
            raise PlanningError(
                "A chat that already happened cannot start later than now. Check its day and time."
            )
        link = " ".join((call_link or "").split()) or None
        # The user's edited checklist template (or the bundled one): the one the editor shows.
        checklist = checklist_for_meeting(mode, self._chat_templates().checklist_template())
        now = self._context.now()
        with self._context.sessions.begin() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise ContactNotFoundError(contact_id)
            venue = None
            if venue_id is not None and mode is MeetingMode.IN_PERSON:
                venue = session.get(Venue, venue_id)
                if venue is None:
                    raise VenueNotFoundError(venue_id)
            zone = zone_name_or_none(timezone) or self._zone_for(venue)
            meeting = Meeting(
                contact_id=contact.id,
                mode=mode.value,
                venue_id=None if venue is None else venue.id,
                call_link=link if mode is MeetingMode.ONLINE else None,
                starts_at=starts_at,
                duration_minutes=duration_minutes,
                timezone=zone,
                travel_mode=None if travel_mode is None else TravelMode(travel_mode).value,
                status=(MeetingStatus.DONE if happened else MeetingStatus.PLANNED).value,
                tags="",
                created_at=now,
                updated_at=now,
            )
            meeting.checklist = [
                ChecklistItem(phase=item.phase.value, text=item.text, position=item.position)
                for item in checklist
            ]
            session.add(meeting)
            session.flush()
            record_progress(session, contact, Stage.CHAT_PLANNED, now, "Chat planned")
            if happened:
                record_progress(session, contact, Stage.MET, now, "Chat logged as done")
                contact.last_touch_at = now
            return int(meeting.id)

    def free_start(self, zone: str, minutes: int = DEFAULT_MEETING_MINUTES) -> datetime:
        """When to propose a new chat in `zone`: the next weekday at 10:00, or the first half
        hour after it that no planned chat overlaps (`domain.schedule.free_start`)."""
        from sqlalchemy import select

        from chatplanner.db.models import Meeting

        now = self._context.now()
        with self._context.sessions() as session:
            rows = session.execute(
                select(Meeting.starts_at, Meeting.duration_minutes).where(
                    Meeting.status == MeetingStatus.PLANNED.value,
                    # A day's margin: no chat lasts longer.
                    Meeting.starts_at > now - timedelta(days=1),
                    Meeting.starts_at < now + timedelta(weeks=3),
                )
            ).all()
        busy = [(start, start + timedelta(minutes=length)) for start, length in rows]
        return free_start(now, zone, busy, minutes)

    def overlapping(
        self, starts_at: datetime, duration_minutes: int, *, except_meeting: int | None = None
    ) -> list[Overlap]:
        """Planned chats that would run at the same time as one from `starts_at`."""
        from sqlalchemy import select

        from chatplanner.db.models import Contact, Meeting

        ends_at = starts_at + timedelta(minutes=duration_minutes)
        with self._context.sessions() as session:
            rows = session.execute(
                select(Meeting.id, Meeting.starts_at, Meeting.duration_minutes, Contact)
                .join(Contact, Contact.id == Meeting.contact_id)
                .where(
                    Meeting.status == MeetingStatus.PLANNED.value,
                    Meeting.starts_at < ends_at,
                    # No chat lasts more than a day: this bounds the rows read.
                    Meeting.starts_at > starts_at - timedelta(days=1),
                )
                .order_by(Meeting.starts_at)
            ).all()
            found = []
            for meeting_id, start, minutes, contact in rows:
                begins = start
                if meeting_id == except_meeting:
                    continue
                if begins + timedelta(minutes=minutes) > starts_at:
                    name = shown_name(contact.first_name, contact.last_name)
                    found.append(Overlap(meeting_id, name, begins, minutes))
            return found

    def change_venue(self, meeting_id: int, venue_id: int | None) -> None:
        """Meet somewhere else (None: not chosen yet)."""
        from chatplanner.db.models import Meeting, Venue

        with self._context.sessions.begin() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise MeetingNotFoundError(meeting_id)
            if venue_id is not None and session.get(Venue, venue_id) is None:
                raise VenueNotFoundError(venue_id)
            meeting.venue_id = venue_id
            meeting.updated_at = self._context.now()

    def switch_mode(
        self,
        meeting_id: int,
        mode: MeetingMode,
        *,
        venue_id: int | None = None,
        call_link: str | None = None,
    ) -> None:
        """Turn a chat into an online call (with `call_link`, if known) or an in-person chat
        (at `venue_id`, None: not chosen yet). Its checklist follows: the items only for the
        old kind of chat go (unless ticked), those for the new kind come in
        (`domain/checklist.checklist_after_mode_change`)."""
        from chatplanner.db.models import Meeting, Venue

        mode = MeetingMode(mode)
        template = self._chat_templates().checklist_template()
        with self._context.sessions.begin() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise MeetingNotFoundError(meeting_id)
            old = (
                MeetingMode.ONLINE
                if meeting.mode == MeetingMode.ONLINE.value
                else MeetingMode.IN_PERSON
            )
            if mode is MeetingMode.IN_PERSON:
                if venue_id is not None and session.get(Venue, venue_id) is None:
                    raise VenueNotFoundError(venue_id)
                meeting.venue_id = venue_id
                meeting.call_link = None
            else:
                meeting.venue_id = None
                link = " ".join((call_link or "").split()) or None
                meeting.call_link = link or meeting.call_link
            meeting.mode = mode.value
            meeting.updated_at = self._context.now()
            if old is mode:
                return
            _checklist_follows(session, meeting, old, mode, template)


def _checklist_follows(
    session: Session,
    meeting: Meeting,
    old: MeetingMode,
    mode: MeetingMode,
    template: ChecklistTemplate,
) -> None:
    """A chat switched from `old` to `mode`: its checklist rows become
    `checklist_after_mode_change`'s, and the rows that stay keep their ids (an undo of a tick
    still finds its item)."""
    from chatplanner.db.models import ChecklistItem

    rows = sorted(meeting.checklist, key=lambda row: row.position)
    current = [
        ChecklistEntryItem(
            enum_or(ChecklistPhase, row.phase, UNKNOWN_PHASE), row.text, row.position, row.done
        )
        for row in rows
    ]
    after = checklist_after_mode_change(current, old, mode, template)
    needed = Counter((item.phase.value, item.text, item.done) for item in after)
    stay: dict[tuple[str, str, bool], list[ChecklistItem]] = defaultdict(list)
    for row in rows:
        key = (row.phase, row.text, row.done)
        if needed[key] > 0:
            needed[key] -= 1
            stay[key].append(row)
        else:
            meeting.checklist.remove(row)
            session.delete(row)
    for item in after:
        waiting = stay[(item.phase.value, item.text, item.done)]
        if waiting:
            waiting.pop(0).position = item.position
        else:
            meeting.checklist.append(
                ChecklistItem(
                    phase=item.phase.value, text=item.text, done=item.done, position=item.position
                )
            )
