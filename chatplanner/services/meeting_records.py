"""What the meeting services hand to the views and the command line: plain, frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
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

# A thank-you is owed from the end of the chat and due within this long (Today uses the same).
THANK_YOU_WITHIN = timedelta(days=1)


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
