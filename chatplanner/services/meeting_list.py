"""Reading the Meetings list cheaply: a fingerprint to skip needless reloads, and its first screen.

A profile may hold 10,000 chats. The page shows the first screen (every upcoming chat up to a
limit, then the most recent past ones) from a few indexed queries, and compares a fingerprint
before reading the whole list again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from chatplanner.db.models import ChecklistItem, Contact, Meeting, Venue
from chatplanner.domain.enums import MeetingStatus
from chatplanner.domain.schedule import stored_meeting_end
from chatplanner.services.meeting_records import MeetingSummary

# Separators that never occur in what the list shows (control characters are cleaned out).
_FIELD = literal("\x1f")
_ROW = "\x1e"


@dataclass(frozen=True, slots=True)
class MeetingListStart:
    """The first screen of the Meetings list, with the true size of each section."""

    upcoming: tuple[MeetingSummary, ...]  # soonest first
    past: tuple[MeetingSummary, ...]  # latest first
    upcoming_count: int
    past_count: int

    @property
    def complete(self) -> bool:
        return len(self.upcoming) == self.upcoming_count and len(self.past) == self.past_count


def upcoming_ids(session: Session, now: datetime) -> list[int]:
    """Ids of the chats still to come (planned, not yet over), soonest first.

    Decided in Python with `MeetingSummary.is_upcoming`'s own rule, from planned chats only:
    there are few of them, and the list must split exactly where the full read splits.
    """
    rows = session.execute(
        select(Meeting.id, Meeting.starts_at, Meeting.duration_minutes).where(
            Meeting.status == MeetingStatus.PLANNED.value
        )
    ).all()
    ends = [
        (starts, -int(mid))
        for mid, starts, minutes in rows
        if stored_meeting_end(starts, minutes) > now
    ]
    ends.sort()  # as the list sorts: by start, and among equal starts the newest id first
    return [-negative for _, negative in ends]


def list_fingerprint(session: Session, now: datetime, zone: ZoneInfo) -> tuple[object, ...]:
    """A cheap value that changes whenever the Meetings list would show something else.

    It covers every shown field of every chat (its person's name, its place's name, when,
    how long, its mode, time zone and status), each chat's checklist progress, which chats
    are still to come, and today's date (the list says "Today" and "Tomorrow"). Text is
    joined by SQLite and hashed here: no Python object per chat.
    """
    shown = (
        select(
            func.count(),
            func.group_concat(
                Meeting.id.concat(_FIELD)
                .concat(Contact.first_name)
                .concat(_FIELD)
                .concat(Contact.last_name)
                .concat(_FIELD)
                .concat(Meeting.mode)
                .concat(_FIELD)
                .concat(func.coalesce(Venue.name, ""))
                .concat(_FIELD)
                .concat(Meeting.starts_at)
                .concat(_FIELD)
                .concat(Meeting.duration_minutes)
                .concat(_FIELD)
                .concat(func.coalesce(Meeting.timezone, ""))
                .concat(_FIELD)
                .concat(Meeting.status),
                _ROW,
            ),
        )
        .select_from(Meeting)
        .join(Contact, Contact.id == Meeting.contact_id)
        .outerjoin(Venue, Venue.id == Meeting.venue_id)
    )
    count, text = session.execute(shown).one()
    progress = select(
        ChecklistItem.meeting_id.label("meeting_id"),
        func.count().label("total"),
        func.sum(ChecklistItem.done).label("done"),
    ).group_by(ChecklistItem.meeting_id)
    per_meeting = progress.subquery()
    checklist = session.scalar(
        select(
            func.group_concat(
                per_meeting.c.meeting_id.concat(_FIELD)
                .concat(per_meeting.c.total)
                .concat(_FIELD)
                .concat(per_meeting.c.done),
                _ROW,
            )
        )
    )
    digest = hashlib.blake2b(digest_size=16)
    for part in (text or "", "\x1d", checklist or ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
    coming = upcoming_ids(session, now)
    return (count, digest.hexdigest(), tuple(coming), now.astimezone(zone).date())


def list_start(
    session: Session,
    now: datetime,
    limit: int,
    summaries: Callable[[Session, Sequence[int]], list[MeetingSummary]],
) -> MeetingListStart:
    """Up to `limit` upcoming chats and up to `limit` past ones, as the full list orders them."""
    coming = upcoming_ids(session, now)
    total = session.scalar(select(func.count()).select_from(Meeting)) or 0
    skip = set(coming)
    past_ids: list[int] = []
    latest_first = select(Meeting.id).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    for (mid,) in session.execute(latest_first):
        if mid not in skip:
            past_ids.append(int(mid))
            if len(past_ids) >= limit:
                break
    by_id = {s.id: s for s in summaries(session, [*coming[:limit], *past_ids])}
    return MeetingListStart(
        upcoming=tuple(by_id[i] for i in coming[:limit] if i in by_id),
        past=tuple(by_id[i] for i in past_ids if i in by_id),
        upcoming_count=len(coming),
        past_count=total - len(coming),
    )
