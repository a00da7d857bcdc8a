"""insert_columns stores what an ordinary insert() stores, and refuses what it refuses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Table, insert, text
from sqlalchemy.exc import IntegrityError

from chatplanner.db.bulk import insert_columns
from chatplanner.db.database import Database, open_database
from chatplanner.db.models import Contact
from chatplanner.db.types import NaiveDatetimeError

CONTACTS = cast(Table, Contact.__table__)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    yield opened
    opened.close()


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
        rows = connection.execute(text("SELECT * FROM contacts ORDER BY id"))
        return [tuple(row) for row in rows if row[0] in ids]


def test_rows_are_stored_as_an_ordinary_insert_stores_them(database: Database) -> None:
    toronto = datetime(2026, 3, 9, 14, 0, tzinfo=ZoneInfo("America/Toronto"))
    utc = datetime(2026, 3, 9, 18, 0, tzinfo=UTC)
    with database.engine.begin() as connection:
        connection.execute(
            insert(CONTACTS), [_row(1, toronto, date(2020, 1, 2)), _row(2, utc, None)]
        )
        insert_columns(
            connection,
            CONTACTS,
            _columns([_row(11, toronto, date(2020, 1, 2)), _row(12, utc, None)]),
        )
    ordinary, bulk = _stored(database, (1, 2)), _stored(database, (11, 12))
    # Only the id and the name differ.
    assert [row[3:-1] for row in bulk] == [row[3:-1] for row in ordinary]
    assert bulk[0][CONTACTS.c.keys().index("created_at")] == "2026-03-09 18:00:00.000000"
    assert bulk[0][CONTACTS.c.keys().index("connected_on")] == "2020-01-02"


def test_a_naive_moment_is_refused_and_nothing_is_written(database: Database) -> None:
    naive = datetime(2026, 3, 9, 14, 0)  # noqa: DTZ001 (the point of the test)
    with pytest.raises(NaiveDatetimeError), database.engine.begin() as connection:
        insert_columns(connection, CONTACTS, _columns([_row(1, naive, None)]))
    assert _stored(database, (1,)) == []


def test_a_column_with_a_computed_default_must_be_given(database: Database) -> None:
    row = _row(1, datetime(2026, 3, 9, 14, 0, tzinfo=UTC), None)
    del row["name_key"]
    with pytest.raises(ValueError, match="name_key"), database.engine.begin() as connection:
        insert_columns(connection, CONTACTS, _columns([row]))


def test_a_column_null_in_every_row_is_stored_as_null(database: Database) -> None:
    moment = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    rows = [_row(1, moment, None), _row(2, moment, None)]
    for row in rows:
        row["goal"] = None  # no default: left out of the statement
        row["kind"] = None  # a default, NOT NULL: refused as by an ordinary insert
    with pytest.raises(IntegrityError), database.engine.begin() as connection:
        insert_columns(connection, CONTACTS, _columns(rows))
    for row in rows:
        row["kind"] = "other"
    with database.engine.begin() as connection:
        insert_columns(connection, CONTACTS, _columns(rows))
    stored = _stored(database, (1, 2))
    goal = CONTACTS.c.keys().index("goal")
    assert [row[goal] for row in stored] == [None, None]
    assert [row[CONTACTS.c.keys().index("connected_on")] for row in stored] == [None, None]


def test_columns_of_different_lengths_are_refused(database: Database) -> None:
    columns = _columns([_row(1, datetime(2026, 3, 9, 14, 0, tzinfo=UTC), None)])
    columns["email"] = [None, None]
    with pytest.raises(ValueError, match="lengths"), database.engine.begin() as connection:
        insert_columns(connection, CONTACTS, columns)
    assert _stored(database, (1,)) == []
