"""Everything that happened with one contact, newest first: messages and replies, stage changes,
chats, notes, follow-ups and thank-yous."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    FollowUp,
    Meeting,
    MeetingNotes,
    Outreach,
    StageEvent,
    ThankYouDraft,
    Venue,
)
from chatplanner.domain.contacts import TimelineEntry
from chatplanner.domain.enums import Channel, MeetingMode, OutreachKind, Stage
from chatplanner.services.stored_enums import enum_or

# A timeline line stays readable; the whole text is one click away in the meeting.
_EXCERPT_CHARS = 160

_MESSAGE_TITLES = {
    OutreachKind.FIRST_MESSAGE.value: "First message",
    OutreachKind.FOLLOW_UP.value: "Follow-up message",
    OutreachKind.TOUCH.value: "Keep-in-touch message",
    OutreachKind.THANK_YOU.value: "Thank-you message",
}
_NOTE_FIELDS = ("free_notes", "advice", "their_goals", "their_present", "their_past", "resources")


def excerpt(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 1].rstrip() + "…"


# A text no member has is shown as stored: the history says what the file holds.
def _channel_label(value: str) -> str:
    channel = enum_or(Channel, value, None)
    return value if channel is None else channel.label


def _stage_label(value: str) -> str:
    stage = enum_or(Stage, value, None)
    return value if stage is None else stage.label


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


def build_timeline(session: Session, contact_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for message in session.scalars(
        select(Outreach).where(Outreach.contact_id == contact_id).order_by(Outreach.id)
    ):
        title = _MESSAGE_TITLES.get(message.kind, "Message")
        entries.append(
            TimelineEntry(
                at=message.sent_at,
                kind="message",
                title=f"{title} sent on {_channel_label(message.channel)}",
                detail=excerpt(message.subject or message.body),
            )
        )
        if message.replied_at is not None:
            entries.append(TimelineEntry(at=message.replied_at, kind="reply", title="They replied"))
    for event in session.scalars(
        select(StageEvent).where(StageEvent.contact_id == contact_id).order_by(StageEvent.id)
    ):
        entries.append(
            TimelineEntry(
                at=event.at,
                kind="stage",
                title=f"Stage: {_stage_label(event.stage)}",
                detail=excerpt(event.note),
            )
        )
    meetings = session.execute(
        select(Meeting, Venue.name)
        .outerjoin(Venue, Venue.id == Meeting.venue_id)
        .where(Meeting.contact_id == contact_id)
    )
    for meeting, venue_name in meetings:
        entries.extend(_meeting_entries(meeting, venue_name))
    for follow_up in session.scalars(select(FollowUp).where(FollowUp.contact_id == contact_id)):
        entry = _follow_up_entry(follow_up)
        if entry is not None:
            entries.append(entry)
    # Oldest first, then reversed: of two things at the same moment, the later-recorded shows first.
    entries.sort(key=lambda entry: entry.at)
    entries.reverse()
    return entries


def _meeting_entries(meeting: Meeting, venue_name: str | None) -> list[TimelineEntry]:
    mode = MeetingMode.ONLINE if meeting.mode == MeetingMode.ONLINE.value else MeetingMode.IN_PERSON
    where = f" at {venue_name}" if venue_name else ""
    status = {"planned": "planned", "done": "held", "cancelled": "cancelled"}.get(
        meeting.status, meeting.status
    )
    entries = [
        TimelineEntry(
            at=meeting.starts_at,
            kind="meeting",
            title=f"{mode.label} chat{where} ({status})",
            meeting_id=meeting.id,
            extra={"status": meeting.status},
        )
    ]
    notes: MeetingNotes | None = meeting.notes
    if notes is not None:
        text = next((getattr(notes, name) for name in _NOTE_FIELDS if getattr(notes, name)), "")
        if text:
            entries.append(
                TimelineEntry(
                    at=notes.updated_at,
                    kind="note",
                    title="Notes from the chat",
                    detail=excerpt(text),
                    meeting_id=meeting.id,
                )
            )
    draft: ThankYouDraft | None = meeting.thank_you
    if draft is not None:
        sent = draft.sent_at is not None
        entries.append(
            TimelineEntry(
                at=draft.sent_at if draft.sent_at is not None else draft.updated_at,
                kind="thank_you",
                title="Thank-you sent" if sent else "Thank-you drafted",
                detail=excerpt(draft.subject),
                meeting_id=meeting.id,
            )
        )
    return entries


def _follow_up_entry(follow_up: FollowUp) -> TimelineEntry | None:
    promised = "You promised" if follow_up.owner == "me" else "They promised"
    if follow_up.done_at is not None:
        at, title, kind = follow_up.done_at, "Follow-up done", "follow_up"
    elif follow_up.due_on is not None:
        # Still to do: its own kind, so nothing shows it ticked off.
        at, title, kind = _day_start(follow_up.due_on), "Follow-up due", "follow_up_due"
    else:
        return None
    return TimelineEntry(
        at=at,
        kind=kind,
        title=title,
        detail=f"{promised}: {excerpt(follow_up.text)}",
        meeting_id=follow_up.meeting_id,
    )
