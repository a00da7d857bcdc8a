"""Meetings: the list, one chat's plan, its checklist, its notes and its follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    ChecklistItem,
    Contact,
    FollowUp,
    Meeting,
    MeetingNotes,
    Outreach,
    ThankYouDraft,
    Venue,
)
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.checklist import MAX_ITEM_CHARS, PHASE_ORDER
from chatplanner.domain.enums import (
    ChecklistPhase,
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.limits import EARLIEST_DAY, LATEST_DAY, MEETING_MINUTES, day_in_range
from chatplanner.domain.person_names import UNNAMED_CONTACT, called_name, shown_name
from chatplanner.domain.schedule import moved_to_now, stored_meeting_end
from chatplanner.errors import ChatplannerError
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.context import ServiceContext
from chatplanner.services.meeting_list import MeetingListStart, list_fingerprint, list_start
from chatplanner.services.meeting_records import (
    CONTROL_CHARACTERS,
    MAX_FOLLOW_UP_CHARS,
    ChecklistEntry,
    FollowUpEntry,
    MeetingDetail,
    MeetingNotFoundError,
    MeetingSummary,
    checklist_entry,
    clean_note_text,
    follow_up_entry,
    notes_of,
    thank_you_entry,
)
from chatplanner.services.stages import record_progress
from chatplanner.services.stored_enums import UNKNOWN_MODE, enum_or

# A notes section longer than this is pasted by mistake; it would slow search and the archive.
MAX_SECTION_CHARS = 200_000


class MeetingEditError(ChatplannerError):
    """A change to a meeting that cannot be made as asked; the message says what to do."""


class ChatStillAheadError(MeetingEditError):
    """A chat marked as done before its start: it cannot have happened at its planned time."""

    def __init__(self, starts_at: datetime) -> None:
        super().__init__(
            "This chat has not started yet, so it cannot be marked as done. If you met earlier "
            "than planned, move it to now and mark it as done."
        )
        self.starts_at = starts_at


def _earliest_for(session: Session, meeting: Meeting, now: datetime) -> list[datetime]:
    """The moments a chat with this meeting's contact cannot start before: when the person came
    into the profile, the first message to them, the end of each earlier chat with them."""
    contact = session.get(Contact, meeting.contact_id)
    moments = [contact.created_at] if contact is not None and contact.created_at else []
    first_message = session.scalar(
        select(func.min(Outreach.sent_at)).where(Outreach.contact_id == meeting.contact_id)
    )
    if first_message is not None:
        moments.append(first_message)
    earlier = session.execute(
        select(Meeting.starts_at, Meeting.duration_minutes).where(
            Meeting.contact_id == meeting.contact_id,
            Meeting.id != meeting.id,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.starts_at <= now,
        )
    )
    moments.extend(stored_meeting_end(starts, minutes) for starts, minutes in earlier)
    return moments


def _one_line(text: str, limit: int, what: str) -> str:
    cleaned = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    if not cleaned:
        raise MeetingEditError(f"The {what} is empty. Type a few words first.")
    if len(cleaned) > limit:
        raise MeetingEditError(
            f"The {what} is {len(cleaned)} characters long; keep it under {limit}."
        )
    return cleaned


def _thank_you_sent_clause() -> object:
    """True for a meeting whose thank-you went out: the draft, or a message logged after it."""
    draft_sent = exists().where(
        ThankYouDraft.meeting_id == Meeting.id, ThankYouDraft.sent_at.is_not(None)
    )
    message_sent = exists().where(
        Outreach.contact_id == Meeting.contact_id,
        Outreach.kind == OutreachKind.THANK_YOU.value,
        Outreach.sent_at >= Meeting.starts_at,
    )
    return draft_sent | message_sent


def _summary_query() -> Select[*tuple[Any, ...]]:
    done_count = (
        select(
            ChecklistItem.meeting_id.label("meeting_id"),
            func.count().label("total"),
            func.sum(case((ChecklistItem.done, 1), else_=0)).label("done"),
        )
        .group_by(ChecklistItem.meeting_id)
        .subquery()
    )
    return (
        select(
            Meeting.id,
            Meeting.contact_id,
            Contact.first_name,
            Contact.last_name,
            Meeting.mode,
            Venue.name,
            Meeting.call_link,
            Meeting.starts_at,
            Meeting.duration_minutes,
            Meeting.timezone,
            Meeting.status,
            func.coalesce(done_count.c.done, 0),
            func.coalesce(done_count.c.total, 0),
            _thank_you_sent_clause().label("sent"),  # type: ignore[attr-defined]
        )
        .join(Contact, Contact.id == Meeting.contact_id)
        .outerjoin(Venue, Venue.id == Meeting.venue_id)
        .outerjoin(done_count, done_count.c.meeting_id == Meeting.id)
    )


def _summary_of(row: Any) -> MeetingSummary:
    (mid, cid, first, last, mode, venue, link, starts, minutes, zone, status, done, total, sent) = (
        tuple(row)
    )
    return MeetingSummary(
        id=int(mid),
        contact_id=int(cid),
        contact_name=shown_name(first, last, UNNAMED_CONTACT),
        mode=enum_or(MeetingMode, mode, UNKNOWN_MODE),
        venue_name=str(venue or ""),
        call_link=str(link or ""),
        starts_at=starts,
        duration_minutes=int(minutes or 0),
        timezone=zone,
        status=enum_or(MeetingStatus, status, MeetingStatus.PLANNED),
        checklist_done=int(done or 0),
        checklist_total=int(total or 0),
        thank_you_sent=bool(sent),
    )


def _summaries_of(session: Session, ids: Sequence[int]) -> list[MeetingSummary]:
    query = _summary_query().where(Meeting.id.in_(list(ids)))
    return [_summary_of(row) for row in session.execute(query)] if ids else []


class MeetingService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    # Reading ---------------------------------------------------------------------------------
    def list_meetings(self) -> list[MeetingSummary]:
        """Every meeting with its contact, place, status and checklist progress, newest first."""
        query = _summary_query().order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        with self._context.sessions() as session:
            return [_summary_of(row) for row in session.execute(query)]

    def list_fingerprint(self) -> tuple[object, ...]:
        """Changes whenever `list_meetings` would return something else (or split differently)."""
        with self._context.sessions() as session:
            return list_fingerprint(session, self._context.now(), self._context.zone())

    def list_start(self, limit: int) -> MeetingListStart:
        """The list's first screen: up to `limit` upcoming and past chats, and both counts."""
        with self._context.sessions() as session:
            return list_start(session, self._context.now(), limit, _summaries_of)

    def summary(self, meeting_id: int) -> MeetingSummary:
        with self._context.sessions() as session:
            return self._summary(session, meeting_id)

    def _summary(self, session: Session, meeting_id: int) -> MeetingSummary:
        row = session.execute(_summary_query().where(Meeting.id == meeting_id)).first()
        if row is None:
            raise MeetingNotFoundError(meeting_id)
        return _summary_of(row)

    def meeting(self, meeting_id: int) -> MeetingDetail:
        """One chat: plan, checklist, notes, follow-ups and thank-you draft."""
        with self._context.sessions() as session:
            summary = self._summary(session, meeting_id)
            meeting = self._meeting_row(session, meeting_id)
            contact = session.get(Contact, meeting.contact_id)
            venue = session.get(Venue, meeting.venue_id) if meeting.venue_id else None
            follow_ups = session.scalars(
                select(FollowUp)
                .where(FollowUp.meeting_id == meeting_id)
                .order_by(FollowUp.position, FollowUp.id)
            )
            address = ", ".join(p for p in (venue.address, venue.city) if p) if venue else ""
            return MeetingDetail(
                summary=summary,
                contact_email=(contact.email or "") if contact else "",
                contact_kind=enum_or(
                    ContactKind, contact.kind if contact else None, ContactKind.OTHER
                ),
                venue_address=address,
                tags=tuple(t.strip() for t in meeting.tags.split(",") if t.strip()),
                checklist=tuple(checklist_entry(item) for item in meeting.checklist),
                notes=notes_of(meeting.notes),
                notes_updated_at=meeting.notes.updated_at if meeting.notes else None,
                follow_ups=tuple(follow_up_entry(row) for row in follow_ups),
                thank_you=thank_you_entry(meeting.thank_you),
                # Their clock when the city list is already read (the page opens at once).
                their_clock=None
                if contact is None
                else ChatTimes(self._context, read_places=False).other_clock(
                    meeting.mode,
                    called_name(contact.first_name, contact.last_name) or summary.contact_name,
                    contact.city,
                    contact.country,
                ),
            )

    @staticmethod
    def _meeting_row(session: Session, meeting_id: int) -> Meeting:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise MeetingNotFoundError(meeting_id)
        return meeting

    # The plan --------------------------------------------------------------------------------
    def update_plan(
        self,
        meeting_id: int,
        *,
        starts_at: datetime | None = None,
        duration_minutes: int | None = None,
        call_link: str | None = None,
    ) -> MeetingSummary:
        """Change when the chat happens, how long it lasts, or its call link."""
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            if starts_at is not None:
                if starts_at.tzinfo is None:
                    raise ValueError("starts_at must be timezone-aware")
                if not day_in_range(starts_at):
                    raise MeetingEditError(
                        f"A chat's date must be between {EARLIEST_DAY.year} and {LATEST_DAY.year}."
                    )
                meeting.starts_at = starts_at
            if duration_minutes is not None:
                if not 5 <= duration_minutes <= MEETING_MINUTES[1]:
                    raise MeetingEditError("A chat lasts between 5 minutes and a day.")
                meeting.duration_minutes = duration_minutes
            if call_link is not None:
                meeting.call_link = " ".join(CONTROL_CHARACTERS.sub(" ", call_link).split()) or None
            meeting.updated_at = self._context.now()
            session.flush()
            return self._summary(session, meeting_id)

    def set_status(
        self, meeting_id: int, status: MeetingStatus, *, happened_now: bool = False
    ) -> MeetingSummary:
        """Planned, done or cancelled; done moves the contact to "met" (recorded in history).

        A chat is done only once its start has passed: one still ahead is refused
        (ChatStillAheadError) unless `happened_now` says the user met earlier than planned,
        and then it is moved to end now (`domain/schedule.moved_to_now`: never before the
        person was known, first written to, or last met)."""
        now = self._context.now()
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            if status is MeetingStatus.DONE and meeting.starts_at > now:
                if not happened_now:
                    raise ChatStillAheadError(meeting.starts_at)
                moved = moved_to_now(
                    now, meeting.duration_minutes, _earliest_for(session, meeting, now)
                )
                meeting.starts_at = moved.starts_at
                meeting.duration_minutes = moved.duration_minutes
                meeting.updated_at = now
            if meeting.status == status.value:
                return self._summary(session, meeting_id)
            meeting.status = status.value
            meeting.updated_at = now
            contact = session.get(Contact, meeting.contact_id)
            already_thanked = meeting.thank_you is not None and meeting.thank_you.sent_at
            if status is MeetingStatus.DONE and contact is not None and not already_thanked:
                record_progress(session, contact, Stage.MET, now, "Chat marked as done")
                contact.last_touch_at = now
            session.flush()
            return self._summary(session, meeting_id)

    # Checklist -------------------------------------------------------------------------------
    def set_item_done(self, item_id: int, done: bool) -> ChecklistEntry:
        with self._context.sessions.begin() as session:
            item = self._item_row(session, item_id)
            item.done = done
            return checklist_entry(item)

    def add_item(
        self, meeting_id: int, phase: ChecklistPhase, text: str, *, index: int | None = None
    ) -> ChecklistEntry:
        """Add an item at the end of `phase` (or at `index` within it) for this meeting only."""
        cleaned = _one_line(text, MAX_ITEM_CHARS, "checklist item")
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            in_phase = [i for i in meeting.checklist if i.phase == phase.value]
            at = len(in_phase) if index is None else max(0, min(index, len(in_phase)))
            item = ChecklistItem(meeting_id=meeting_id, phase=phase.value, text=cleaned, done=False)
            in_phase.insert(at, item)
            session.add(item)
            self._renumber(meeting.checklist, phase, in_phase)
            session.flush()
            return checklist_entry(item)

    def restore_item(self, meeting_id: int, removed: ChecklistEntry) -> ChecklistEntry:
        """Put back an item `remove_item` returned (for undo), at its old place and state."""
        added = self.add_item(meeting_id, removed.phase, removed.text, index=removed.position)
        return self.set_item_done(added.id, True) if removed.done else added

    def remove_item(self, item_id: int) -> ChecklistEntry:
        """Delete one item; the entry returned holds its index within its phase as position."""
        with self._context.sessions.begin() as session:
            item = self._item_row(session, item_id)
            meeting = self._meeting_row(session, item.meeting_id)
            in_phase = [i for i in meeting.checklist if i.phase == item.phase and i is not item]
            index = [i for i in meeting.checklist if i.phase == item.phase].index(item)
            removed = replace(checklist_entry(item), position=index)
            meeting.checklist.remove(item)
            session.delete(item)
            self._renumber(meeting.checklist, removed.phase, in_phase)
            return removed

    def reorder_phase(
        self, meeting_id: int, phase: ChecklistPhase, item_ids: Sequence[int]
    ) -> None:
        """Put the items of one phase in the given order (ids of exactly that phase's items)."""
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            by_id = {i.id: i for i in meeting.checklist if i.phase == phase.value}
            if sorted(by_id) != sorted(item_ids):
                raise MeetingEditError(
                    "The checklist changed while you were reordering it. Try again."
                )
            self._renumber(meeting.checklist, phase, [by_id[i] for i in item_ids])

    @staticmethod
    def _renumber(
        items: Sequence[ChecklistItem], phase: ChecklistPhase, phase_order: Sequence[ChecklistItem]
    ) -> None:
        """Positions 0..n across the meeting: phases in order, `phase` in `phase_order`."""
        position = 0
        for each in PHASE_ORDER:
            chosen = (
                phase_order
                if each is phase
                else sorted((i for i in items if i.phase == each.value), key=lambda i: i.position)
            )
            for item in chosen:
                item.position = position
                position += 1

    @staticmethod
    def _item_row(session: Session, item_id: int) -> ChecklistItem:
        item = session.get(ChecklistItem, item_id)
        if item is None:
            raise MeetingEditError("That checklist item no longer exists. Reload the meeting.")
        return item

    # Notes -----------------------------------------------------------------------------------
    def save_notes(self, meeting_id: int, sections: NoteSections) -> datetime:
        """Store the notes as typed (cheap: called by autosave); returns when they were saved.

        The full-text index follows through the table's triggers."""
        now = self._context.now()
        values = {name: clean_note_text(getattr(sections, name)) for name in sections.names()}
        for value in values.values():
            if len(value) > MAX_SECTION_CHARS:
                raise MeetingEditError(
                    f"One notes section is {len(value):,} characters long. Keep each section "
                    f"under {MAX_SECTION_CHARS:,} characters, or attach long texts elsewhere."
                )
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            notes = meeting.notes
            if notes is None:
                notes = MeetingNotes(meeting_id=meeting_id, **values, updated_at=now)
                session.add(notes)
                meeting.notes = notes
            else:
                changed = False
                for name, value in values.items():
                    if getattr(notes, name) != value:
                        setattr(notes, name, value)
                        changed = True
                if not changed:
                    return notes.updated_at
                notes.updated_at = now
        return now

    # Follow-ups ------------------------------------------------------------------------------
    def add_follow_up(
        self,
        meeting_id: int,
        owner: FollowUpOwner,
        text: str,
        due_on: date | None = None,
        *,
        done: bool = False,
        index: int | None = None,
    ) -> FollowUpEntry:
        cleaned = _one_line(text, MAX_FOLLOW_UP_CHARS, "follow-up")
        now = self._context.now()
        with self._context.sessions.begin() as session:
            meeting = self._meeting_row(session, meeting_id)
            rows = list(self._follow_up_rows(session, meeting_id))
            row = FollowUp(
                contact_id=meeting.contact_id,
                meeting_id=meeting_id,
                owner=FollowUpOwner(owner).value,
                text=cleaned,
                due_on=due_on,
                done_at=now if done else None,
            )
            rows.insert(len(rows) if index is None else max(0, min(index, len(rows))), row)
            session.add(row)
            for position, each in enumerate(rows):
                each.position = position
            session.flush()
            return follow_up_entry(row)

    def edit_follow_up(
        self,
        follow_up_id: int,
        *,
        owner: FollowUpOwner | None = None,
        text: str | None = None,
        due_on: date | None = None,
        clear_due_date: bool = False,
        done: bool | None = None,
    ) -> FollowUpEntry:
        """Change the fields given (None leaves a field as it is)."""
        with self._context.sessions.begin() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise MeetingEditError("That follow-up no longer exists. Reload the meeting.")
            if owner is not None:
                row.owner = FollowUpOwner(owner).value
            if text is not None:
                row.text = _one_line(text, MAX_FOLLOW_UP_CHARS, "follow-up")
            if clear_due_date:
                row.due_on = None
            elif due_on is not None:
                row.due_on = due_on
            if done is not None and done != (row.done_at is not None):
                row.done_at = self._context.now() if done else None
            return follow_up_entry(row)

    def remove_follow_up(self, follow_up_id: int) -> FollowUpEntry:
        with self._context.sessions.begin() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise MeetingEditError("That follow-up no longer exists. Reload the meeting.")
            removed = follow_up_entry(row)
            session.delete(row)
            return removed

    @staticmethod
    def _follow_up_rows(session: Session, meeting_id: int) -> Sequence[FollowUp]:
        return session.scalars(
            select(FollowUp)
            .where(and_(FollowUp.meeting_id == meeting_id))
            .order_by(FollowUp.position, FollowUp.id)
        ).all()
