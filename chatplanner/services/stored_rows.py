"""Rows read in plain SQL as the mapped classes give them: a stored moment as an aware
datetime, a day as a date, a flag as a bool, each other value as stored. What the plain reads of
chats (`chat_rows.py`) and of a contact's details (`contact_details.py`) turn their rows into."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any

from chatplanner.db.stored_moments import (
    stored_day,
    stored_day_text,
    stored_flag,
    stored_moment,
    stored_text,
)
from chatplanner.services.contact_summaries import Statement

# Every moment, day and flag column of the tables read in plain SQL, by name (db/models.py:
# UtcDateTime, Date, Boolean; tests/services/test_chat_rows.py checks it against the schema).
_MOMENTS = (
    "starts_at", "created_at", "updated_at", "stage_changed_at", "last_touch_at", "sent_at",
    "done_at", "report_back_sent_at", "replied_at",
)  # fmt: skip
_DAYS = ("connected_on", "snoozed_until", "due_on", "acted_on", "follow_up_due")
_FLAGS = ("archived", "knows_commute", "knows_parking", "knows_menu", "report_back_dismissed")
CONVERTED: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(_MOMENTS, stored_moment),
    **dict.fromkeys(_DAYS, stored_day),
    **dict.fromkeys(_FLAGS, bool),
}
# The other way: a value as its column stores it, for what is written in plain SQL (an import).
STORED_AS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(_MOMENTS, stored_text),
    **dict.fromkeys(_DAYS, stored_day_text),
    **dict.fromkeys(_FLAGS, stored_flag),
}
# The tables read this way, for the check of CONVERTED.
TABLES = (
    "meetings", "contacts", "venues", "meeting_notes", "thank_you_drafts", "follow_ups",
    "advice_actions", "outreach",
)  # fmt: skip


def rows(connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """The rows of `sql` (whole rows: SELECT *) as the mapped class's attributes read."""
    return rows_of_statements(connection, [(sql, parameters)])


def rows_of_statements(
    connection: sqlite3.Connection, statements: Sequence[Statement]
) -> list[Any]:
    """The rows of each statement in turn (`contact_summaries.statements_for`: a long list of
    ids in chunks), as `rows` gives them."""
    return list(iter_rows(connection, statements))


def iter_rows(connection: sqlite3.Connection, statements: Sequence[Statement]) -> Iterator[Any]:
    """The rows of each statement in turn, as `rows` gives them, one at a time."""
    for sql, parameters in statements:
        cursor = connection.execute(sql, tuple(parameters))
        names = [column[0] for column in cursor.description]
        readers = [CONVERTED.get(name) for name in names]
        for row in cursor:
            yield SimpleNamespace(
                **{
                    name: value if read is None or value is None else read(value)
                    for name, read, value in zip(names, readers, row, strict=True)
                }
            )
