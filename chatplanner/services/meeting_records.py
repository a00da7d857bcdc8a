"""What the meeting services hand to the views and the command line: plain, frozen records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.clock import chat_zone
from chatplanner.domain.enums import (
    ChecklistPhase,
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
)
from chatplanner.domain.moments import OtherClock
from chatplanner.domain.schedule import chat_has_happened, stored_meeting_end
from chatplanner.errors import ChatplannerError
from chatplanner.services.stored_enums import UNKNOWN_OWNER, UNKNOWN_PHASE, enum_or

if TYPE_CHECKING:
    from chatplanner.db.models import ChecklistItem, FollowUp, MeetingNotes, ThankYouDraft

# A thank-you is owed from the end of the chat and due within this long (Today uses the same).
THANK_YOU_WITHIN = timedelta(days=1)
# Control characters other than tab and line breaks: junk from pasted text, never meant.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_FOLLOW_UP_CHARS = 1_000


class MeetingNotFoundError(ChatplannerError):
    def __init__(self, meeting_id: int) -> None:
        super().__init__(
            f"There is no meeting number {meeting_id} in this profile. "
            "List the meetings in the app's Meetings view to find the right one."
        )
        self.meeting_id = meeting_id


def clean_note_text(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One row of the meetings list."""

    id: int
    contact_id: int
    contact_name: str
    mode: MeetingMode
    venue_name: str  # "" when there is none
    call_link: str
    starts_at: datetime  # aware UTC
    duration_minutes: int
    timezone: str | None
    status: MeetingStatus
    checklist_done: int
    checklist_total: int
    thank_you_sent: bool = False

    @property
    def ends_at(self) -> datetime:
        return stored_meeting_end(self.starts_at, self.duration_minutes)

    def zone(self, user: ZoneInfo) -> ZoneInfo:
        """Where the chat happens: its own zone, the user's when it has none."""
        return chat_zone(self.timezone, user)

    def local_start(self, user: ZoneInfo) -> datetime:
        """The start on the clock where the chat happens."""
        return self.starts_at.astimezone(self.zone(user))

    def met_on(self, user: ZoneInfo) -> date:
        return self.local_start(user).date()

    @property
    def where(self) -> str:
        if self.mode is MeetingMode.ONLINE:
            return "Online call"
        return self.venue_name or "Place not chosen"

    def is_upcoming(self, now: datetime) -> bool:
        return self.status is MeetingStatus.PLANNED and self.ends_at > now

    def has_happened(self, now: datetime) -> bool:
        return chat_has_happened(self.status, self.starts_at, now)

    def thank_you_owed(self, now: datetime) -> bool:
        """Owed once the chat has ended (or is marked done), until it is sent."""
        if self.status is MeetingStatus.CANCELLED or self.thank_you_sent:
            return False
        return self.status is MeetingStatus.DONE or self.ends_at <= now

    @property
    def thank_you_due_at(self) -> datetime:
        return self.ends_at + THANK_YOU_WITHIN


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    id: int
    phase: ChecklistPhase
    text: str
    done: bool
    position: int


@dataclass(frozen=True, slots=True)
class FollowUpEntry:
    """Something promised in a chat: who, what, by when, and whether it is done."""

    id: int
    owner: FollowUpOwner
    text: str
    due_on: date | None
    done: bool
    position: int
    outcome: str = ""  # what came of it, once acted on


@dataclass(frozen=True, slots=True)
class ThankYouEntry:
    subject: str
    body: str
    generated_body: str  # the text last generated, to tell whether the user edited it
    sent_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """Everything the meeting view shows of one chat."""

    summary: MeetingSummary
    contact_email: str
    contact_kind: ContactKind
    venue_address: str
    tags: tuple[str, ...]
    checklist: tuple[ChecklistEntry, ...]
    notes: NoteSections
    notes_updated_at: datetime | None
    follow_ups: tuple[FollowUpEntry, ...]
    thank_you: ThankYouEntry | None
    their_clock: OtherClock | None = None  # an online call's other person, in another zone

    @property
    def id(self) -> int:
        return self.summary.id


# The mapped rows (or rows read in plain SQL, services/chat_rows.py) as records.
def checklist_entry(row: ChecklistItem) -> ChecklistEntry:
    phase = enum_or(ChecklistPhase, row.phase, UNKNOWN_PHASE)
    return ChecklistEntry(row.id, phase, row.text, bool(row.done), row.position)


def follow_up_entry(row: FollowUp) -> FollowUpEntry:
    return FollowUpEntry(
        row.id,
        enum_or(FollowUpOwner, row.owner, UNKNOWN_OWNER),
        row.text,
        row.due_on,
        row.done_at is not None,
        row.position,
        row.outcome or "",
    )


def notes_of(row: MeetingNotes | None) -> NoteSections:
    if row is None:
        return NoteSections()
    return NoteSections(**{name: getattr(row, name) or "" for name in NoteSections.names()})


def thank_you_entry(row: ThankYouDraft | None) -> ThankYouEntry | None:
    if row is None:
        return None
    return ThankYouEntry(
        subject=row.subject,
        body=row.body,
        generated_body=row.generated_body,
        sent_at=row.sent_at if row.sent_at else None,
        updated_at=row.updated_at,
    )
