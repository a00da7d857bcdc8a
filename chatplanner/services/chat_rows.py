"""A chat's rows (the meeting, its person, venue, notes, thank-you, follow-ups, advice) read in
plain SQL through `ServiceContext.reading`, as the mapped classes give them: moments aware in
UTC, days as dates, flags as booleans. The draft, the brief, the advice and the invite read them
so, before the database is open and after (`draft`, `brief`, `advice` and `ics` load no
SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from chatplanner.services.contact_summaries import statements_for
from chatplanner.services.meeting_records import MeetingNotFoundError
from chatplanner.services.stored_rows import rows, rows_of_statements

if TYPE_CHECKING:
    from chatplanner.db.models import (
        AdviceAction,
        Contact,
        FollowUp,
        Meeting,
        MeetingNotes,
        ThankYouDraft,
        Venue,
    )


def _one(connection: sqlite3.Connection, table: str, column: str, value: int | None) -> Any:
    if value is None:
        return None
    found = rows(connection, f"SELECT * FROM {table} WHERE {column} = ?", (value,))
    return found[0] if found else None


def find_meeting(connection: sqlite3.Connection, meeting_id: int) -> Meeting | None:
    return cast("Meeting | None", _one(connection, "meetings", "id", meeting_id))


def meeting_row(connection: sqlite3.Connection, meeting_id: int) -> Meeting:
    """The meeting, or MeetingNotFoundError."""
    meeting = find_meeting(connection, meeting_id)
    if meeting is None:
        raise MeetingNotFoundError(meeting_id)
    return meeting


def contact_row(connection: sqlite3.Connection, contact_id: int) -> Contact | None:
    return cast("Contact | None", _one(connection, "contacts", "id", contact_id))


def venue_row(connection: sqlite3.Connection, venue_id: int | None) -> Venue | None:
    return cast("Venue | None", _one(connection, "venues", "id", venue_id))


def notes_row(connection: sqlite3.Connection, meeting_id: int) -> MeetingNotes | None:
    return cast("MeetingNotes | None", _one(connection, "meeting_notes", "meeting_id", meeting_id))


def thank_you_row(connection: sqlite3.Connection, meeting_id: int) -> ThankYouDraft | None:
    return cast(
        "ThankYouDraft | None", _one(connection, "thank_you_drafts", "meeting_id", meeting_id)
    )


def follow_up_rows(
    connection: sqlite3.Connection, where: str, parameters: Sequence[Any], order: str
) -> list[FollowUp]:
    sql = f"SELECT * FROM follow_ups WHERE {where} ORDER BY {order}"
    return cast("list[FollowUp]", rows(connection, sql, parameters))


def advice_action_rows(
    connection: sqlite3.Connection, meeting_ids: Sequence[int]
) -> list[AdviceAction]:
    """The advice marked as acted on in these chats, each chat's in the order it was marked."""
    statements = statements_for(
        "SELECT * FROM advice_actions", (), (), meeting_ids, "meeting_id", "ORDER BY id"
    )
    return cast("list[AdviceAction]", rows_of_statements(connection, statements))
