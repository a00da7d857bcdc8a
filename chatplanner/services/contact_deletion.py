"""Deleting contacts with everything that goes with them, and putting all of it back for undo.

A deletion takes a snapshot of every row the cascade removes (messages, stage history, meetings
with their checklists, notes and thank-you drafts, follow-ups, memberships), so that undo restores
them exactly, with the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    Base,
    Contact,
    FollowUp,
    Group,
    Meeting,
    MeetingNotes,
    Outreach,
    Venue,
    Visit,
)
from chatplanner.services.contact_summaries import chunks

Row = dict[str, Any]

# Parents before children: the order rows go back in.
_TABLES = Base.metadata.tables
_CONTACT_TABLES: tuple[Table, ...] = tuple(
    _TABLES[name] for name in ("contacts", "contact_groups", "stage_events", "outreach", "meetings")
)
_MEETING_TABLES: tuple[Table, ...] = tuple(
    _TABLES[name]
    for name in ("checklist_items", "meeting_notes", "thank_you_drafts", "archive_files")
)
_FOLLOW_UPS = _TABLES["follow_ups"]


@dataclass(frozen=True)
class DeletedContacts:
    """Every row one deletion removed, table by table, to restore them as they were."""

    rows: dict[str, tuple[Row, ...]]
    # Visits keep existing when their meeting goes (the link is cleared): (visit id, meeting id).
    visit_links: tuple[tuple[int, int], ...] = ()

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(row["id"] for row in self.rows.get("contacts", ()))

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting some contacts takes with it, for the confirmation."""

    contacts: int
    messages: int
    meetings: int
    meetings_with_notes: int
    follow_ups: int

    def sentence(self) -> str:
        """ "Also deletes 3 messages, 1 meeting with notes and 2 follow-ups." or ""."""
        parts: list[str] = []
        if self.messages:
            parts.append(_plural(self.messages, "message", "messages"))
        plain_meetings = self.meetings - self.meetings_with_notes
        if self.meetings_with_notes:
            parts.append(
                _plural(self.meetings_with_notes, "meeting with notes", "meetings with notes")
            )
        if plain_meetings:
            parts.append(_plural(plain_meetings, "meeting", "meetings"))
        if self.follow_ups:
            parts.append(_plural(self.follow_ups, "follow-up", "follow-ups"))
        if not parts:
            return ""
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Also deletes {listed}."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def deletion_impact(session: Session, contact_ids: Sequence[int]) -> DeletionImpact:
    totals = {"contacts": 0, "messages": 0, "meetings": 0, "notes": 0, "follow_ups": 0}
    for chunk in chunks(list(contact_ids)):

        def count(query: Any) -> int:
            return int(session.scalar(query) or 0)

        totals["contacts"] += count(
            select(func.count()).select_from(Contact).where(Contact.id.in_(chunk))
        )
        totals["messages"] += count(
            select(func.count()).select_from(Outreach).where(Outreach.contact_id.in_(chunk))
        )
        totals["meetings"] += count(
            select(func.count()).select_from(Meeting).where(Meeting.contact_id.in_(chunk))
        )
        totals["notes"] += count(
            select(func.count())
            .select_from(MeetingNotes)
            .join(Meeting, Meeting.id == MeetingNotes.meeting_id)
            .where(Meeting.contact_id.in_(chunk))
        )
        totals["follow_ups"] += count(
            select(func.count()).select_from(FollowUp).where(FollowUp.contact_id.in_(chunk))
        )
    return DeletionImpact(
        contacts=totals["contacts"],
        messages=totals["messages"],
        meetings=totals["meetings"],
        meetings_with_notes=totals["notes"],
        follow_ups=totals["follow_ups"],
    )


def delete_contacts(session: Session, contact_ids: Sequence[int]) -> DeletedContacts:
    """Snapshot, then delete, the contacts and everything that cascades from them."""
    ids = sorted(set(contact_ids))
    rows: dict[str, list[Row]] = {}
    meeting_ids: list[int] = []
    for chunk in chunks(ids):
        for table in _CONTACT_TABLES:
            key = table.c.id if table.name == "contacts" else table.c.contact_id
            found = _select_rows(session, table, key, chunk)
            rows.setdefault(table.name, []).extend(found)
            if table.name == "meetings":
                meeting_ids.extend(row["id"] for row in found)
    follow_ups: dict[int, Row] = {}
    for chunk in chunks(ids):
        for row in _select_rows(session, _FOLLOW_UPS, FollowUp.contact_id, chunk):
            follow_ups[row["id"]] = row
    visit_links: list[tuple[int, int]] = []
    for chunk in chunks(meeting_ids):
        for table in _MEETING_TABLES:
            rows.setdefault(table.name, []).extend(
                _select_rows(session, table, table.c.meeting_id, chunk)
            )
        # A follow-up of one of these meetings may name another contact: it goes too.
        for row in _select_rows(session, _FOLLOW_UPS, FollowUp.meeting_id, chunk):
            follow_ups[row["id"]] = row
        links = session.execute(
            select(Visit.id, Visit.meeting_id).where(Visit.meeting_id.in_(chunk))
        )
        visit_links.extend((visit_id, meeting_id) for visit_id, meeting_id in links if meeting_id)
    rows["follow_ups"] = sorted(follow_ups.values(), key=lambda row: row["id"])
    for chunk in chunks(ids):
        session.execute(delete(Contact).where(Contact.id.in_(chunk)))
    session.flush()
    return DeletedContacts(
        rows={name: tuple(found) for name, found in rows.items()},
        visit_links=tuple(visit_links),
    )


def restore_contacts(session: Session, snapshot: DeletedContacts) -> None:
    """Put a deletion's rows back with their ids. Groups or venues deleted since are left out."""
    group_ids = set(session.scalars(select(Group.id)))
    venue_ids = set(session.scalars(select(Venue.id)))
    tables = {table.name: table for table in (*_CONTACT_TABLES, *_MEETING_TABLES)}
    tables["follow_ups"] = _FOLLOW_UPS
    order = [t.name for t in _CONTACT_TABLES] + ["follow_ups"] + [t.name for t in _MEETING_TABLES]
    for name in order:
        found = list(snapshot.rows.get(name, ()))
        if name == "contact_groups":
            found = [row for row in found if row["group_id"] in group_ids]
        elif name == "meetings":
            found = [
                row
                if row["venue_id"] in venue_ids or row["venue_id"] is None
                else row | {"venue_id": None}
                for row in found
            ]
        if found:
            session.execute(tables[name].insert(), found)
    for visit_id, meeting_id in snapshot.visit_links:
        session.execute(
            update(Visit)
            .where(Visit.id == visit_id, Visit.meeting_id.is_(None))
            .values(meeting_id=meeting_id)
        )
    session.flush()


def _select_rows(session: Session, table: Table, key: Any, chunk: Sequence[int]) -> list[Row]:
    result = session.execute(select(table).where(key.in_(chunk)).order_by(*table.primary_key))
    return [dict(row) for row in result.mappings()]
