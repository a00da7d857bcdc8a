"""Moments go into the database as UTC and come out aware; a naive one is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from chatplanner.db.database import Database, open_database
from chatplanner.db.models import Group
from chatplanner.db.stored_moments import stored_moment
from chatplanner.db.types import NaiveDatetimeError


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "db.sqlite3", tmp_path / "backups")
    yield opened
    opened.close()


def _group(created_at: datetime) -> Group:
    return Group(name="Alumni", kind="alumni", description="", created_at=created_at)


def test_an_aware_moment_is_stored_as_utc_text_and_read_back_aware(database: Database) -> None:
    toronto = datetime(2026, 3, 9, 14, 0, tzinfo=ZoneInfo("America/Toronto"))  # EDT, UTC-4
    with database.sessions.begin() as session:
        session.add(_group(toronto))
    with Session(database.engine) as session:
        stored = session.execute(text("SELECT created_at FROM groups")).scalar_one()
        read = session.scalars(select(Group.created_at)).one()
    # The same text a plain DateTime column wrote before: no migration needed.
    assert stored == "2026-03-09 18:00:00.000000"
    assert read == toronto
    assert read.tzinfo is UTC


def test_a_naive_datetime_cannot_reach_the_database(database: Database) -> None:
    naive = datetime(2026, 3, 9, 14, 0)  # noqa: DTZ001 (the point of the test)
    with pytest.raises(StatementError) as raised, database.sessions.begin() as session:
        session.add(_group(naive))
    assert isinstance(raised.value.orig, NaiveDatetimeError)


def test_a_comparison_with_an_aware_moment_uses_utc(database: Database) -> None:
    with database.sessions.begin() as session:
        session.add(_group(datetime(2026, 3, 9, 18, 0, tzinfo=UTC)))
    kolkata = timezone(timedelta(hours=5, minutes=30))
    with Session(database.engine) as session:
        before = datetime(2026, 3, 9, 23, 29, tzinfo=kolkata)  # 17:59 UTC
        after = datetime(2026, 3, 9, 23, 31, tzinfo=kolkata)  # 18:01 UTC
        assert session.scalars(select(Group.id).where(Group.created_at > before)).all()
        assert not session.scalars(select(Group.id).where(Group.created_at > after)).all()


def test_raw_driver_text_reads_as_the_same_aware_moment() -> None:
    assert stored_moment("2026-03-09 18:00:00.000000") == datetime(2026, 3, 9, 18, tzinfo=UTC)
    assert stored_moment("2026-03-09 18:00:00.000000").tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-03-09 18:00:00", datetime(2026, 3, 9, 18, tzinfo=UTC)),
        ("2026-03-09", datetime(2026, 3, 9, tzinfo=UTC)),
        ("2026-03-09T18:00:00Z", datetime(2026, 3, 9, 18, tzinfo=UTC)),
        ("2026-03-09 19:30:00+01:30", datetime(2026, 3, 9, 18, tzinfo=UTC)),
    ],
)
def test_other_stored_forms_read_as_the_same_utc_moment(text: str, moment: datetime) -> None:
    """Text another tool wrote: without a time, or with an offset of its own."""
    read = stored_moment(text)
    assert read == moment
    assert read.tzinfo is UTC
