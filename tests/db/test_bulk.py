"""insert_columns stores what an ordinary insert() of the mapped table stores, with the sqlite3
module alone, and refuses what it refuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Table, insert, text

from chatplanner.db.bulk import insert_columns
from chatplanner.db.database import Database, open_database
from chatplanner.db.models import Contact
from chatplanner.db.stored_moments import NaiveDatetimeError
from chatplanner.services.stored_rows import STORED_AS

CONTACTS = cast(Table, Contact.__table__)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    yield opened
    opened.close()


@pytest.fixture
def plain(database: Database) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database.path, isolation_level=None)
    yield connection
    connection.close()


def _row(contact_id: int, moment: datetime, connected: date | None) -> dict[str, Any]:
    return {
        "id": contact_id,
        "first_name": "Zoë",
        "last_name": f"Ng {contact_id}",
        "email": None,
        "kind": "other",
        "online_activity": "unknown",
        "stage": "not_contacted",
        "notes": "",
        "connected_on": connected,
        "archived": False,
        "created_at": moment,
        "updated_at": moment,
        "name_key": f"zoe ng {contact_id}",
    }


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def _stored(database: Database, ids: tuple[int, ...]) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT *, typeof(archived) FROM contacts ORDER BY id"))
        return [tuple(row) for row in rows if row[0] in ids]


def _insert(connection: sqlite3.Connection, columns: dict[str, list[Any]]) -> None:
    connection.execute("BEGIN")
    try:
        insert_columns(connection, "contacts", columns, STORED_AS)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def test_rows_are_stored_as_an_ordinary_insert_stores_them(
    database: Database, plain: sqlite3.Connection
) -> None:
    toronto = datetime(2026, 3, 9, 14, 0, tzinfo=ZoneInfo("America/Toronto"))
    utc = datetime(2026, 3, 9, 18, 0, tzinfo=UTC)
    with database.engine.begin() as connection:
        connection.execute(
            insert(CONTACTS), [_row(1, toronto, date(2020, 1, 2)), _row(2, utc, None)]
        )
    _insert(plain, _columns([_row(11, toronto, date(2020, 1, 2)), _row(12, utc, None)]))
    ordinary, bulk = _stored(database, (1, 2)), _stored(database, (11, 12))
    # Only the id and the name differ: every other value, and how SQLite holds it.
    assert [row[3:-2] + row[-1:] for row in bulk] == [row[3:-2] + row[-1:] for row in ordinary]
    assert bulk[0][CONTACTS.c.keys().index("created_at")] == "2026-03-09 18:00:00.000000"
    assert bulk[0][CONTACTS.c.keys().index("connected_on")] == "2020-01-02"
    assert bulk[0][-1] == "integer"  # the flag, as 0


def test_a_naive_moment_is_refused_and_nothing_is_written(
    database: Database, plain: sqlite3.Connection
) -> None:
    naive = datetime(2026, 3, 9, 14, 0)  # noqa: DTZ001 (the point of the test)
    with pytest.raises(NaiveDatetimeError):
        _insert(plain, _columns([_row(1, naive, None)]))
    assert _stored(database, (1,)) == []


def test_a_column_null_in_every_row_is_stored_as_null(
    database: Database, plain: sqlite3.Connection
) -> None:
    moment = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    rows = [_row(1, moment, None), _row(2, moment, None)]
    for row in rows:
        row["goal"] = None  # no default: left out of the statement
        row["kind"] = None  # NOT NULL: refused as by an ordinary insert
    with pytest.raises(sqlite3.IntegrityError):
        _insert(plain, _columns(rows))
    for row in rows:
        row["kind"] = "other"
    _insert(plain, _columns(rows))
    stored = _stored(database, (1, 2))
    goal = CONTACTS.c.keys().index("goal")
    assert [row[goal] for row in stored] == [None, None]
    assert [row[CONTACTS.c.keys().index("connected_on")] for row in stored] == [None, None]


def test_a_column_with_a_default_in_the_schema_is_written_even_when_null(
    plain: sqlite3.Connection,
) -> None:
    plain.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT DEFAULT 'x')")
    plain.execute("BEGIN")
    insert_columns(plain, "notes", {"id": [1, 2], "body": [None, None]}, {})
    plain.execute("COMMIT")
    assert plain.execute("SELECT body FROM notes").fetchall() == [(None,), (None,)]


def test_columns_of_different_lengths_are_refused(
    database: Database, plain: sqlite3.Connection
) -> None:
    columns = _columns([_row(1, datetime(2026, 3, 9, 14, 0, tzinfo=UTC), None)])
    columns["email"] = [None, None]
    with pytest.raises(ValueError, match="lengths"):
        _insert(plain, columns)
    assert _stored(database, (1,)) == []
