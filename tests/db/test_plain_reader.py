"""The plain reader: the profile read with the sqlite3 module alone, before SQLAlchemy loads."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chatplanner.db.plain_reader import open_plain_reader
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError
from chatplanner.profile import Profile
from chatplanner.services.context import ZONE_SETTING
from chatplanner.services.workspace import Workspace


def test_an_up_to_date_profile_is_read_and_cannot_be_written_through_it(demo_profile: Path) -> None:
    reader = open_plain_reader(demo_profile / "chatplanner.sqlite3")
    assert reader is not None
    try:
        assert reader.execute("SELECT count(*) FROM contacts").fetchone()[0] > 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("DELETE FROM contacts")
    finally:
        reader.close()


def test_no_file_yet_needs_the_full_opening(tmp_path: Path) -> None:
    assert open_plain_reader(tmp_path / "chatplanner.sqlite3") is None
    assert not (tmp_path / "chatplanner.sqlite3").exists()  # nothing made on the way


def test_an_older_or_newer_schema_needs_the_full_opening(demo_profile: Path) -> None:
    db_path = demo_profile / "chatplanner.sqlite3"
    with sqlite3.connect(db_path) as database:
        database.execute("UPDATE alembic_version SET version_num = 'someone-elses'")
    assert open_plain_reader(db_path) is None


def test_a_file_that_is_not_a_database_needs_the_full_opening(tmp_path: Path) -> None:
    db_path = tmp_path / "chatplanner.sqlite3"
    db_path.write_bytes(b"not a database at all " * 200)
    assert open_plain_reader(db_path) is None
    assert db_path.read_bytes() == b"not a database at all " * 200


def test_a_workspace_reads_plainly_until_its_database_opens(demo_profile: Path) -> None:
    workspace = Workspace(Profile(demo_profile), None, None, system_clock)
    try:
        assert workspace.open_plain_reader()
        with workspace.context.reading() as connection:
            plain = connection
            before = connection.execute("SELECT count(*) FROM contacts").fetchone()[0]
        workspace.open_database()
        with workspace.context.reading() as connection:
            assert connection is not plain  # the session's own, once the database is open
            assert connection.execute("SELECT count(*) FROM contacts").fetchone()[0] == before
        with pytest.raises(sqlite3.ProgrammingError):
            plain.execute("SELECT 1")  # closed when the database opened
    finally:
        workspace.close()


def test_reading_plainly_loads_no_sqlalchemy(demo_profile: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from chatplanner.domain.clock import system_clock
        from chatplanner.profile import Profile
        from chatplanner.services.workspace import Workspace

        workspace = Workspace(Profile(Path({str(demo_profile)!r})), None, None, system_clock)
        assert workspace.open_plain_reader()
        with workspace.context.reading() as connection:
            print(connection.execute("SELECT count(*) FROM contacts").fetchone()[0])
        loaded = sorted(name for name in sys.modules if name.split(".")[0] == "sqlalchemy")
        print(loaded[:5])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    count, loaded = done.stdout.split("\n")[:2]
    assert int(count) > 0
    assert loaded == "[]"


def test_a_workspace_opened_for_plain_reads_opens_its_database_for_a_write(
    demo_profile: Path,
) -> None:
    workspace = Workspace.open(demo_profile, plain_reads=True)
    try:
        assert not workspace.database_open
        workspace.settings.set("ui.test-key", "kept")  # through a session: the database opens
        assert workspace.database_open
    finally:
        workspace.close()
    with sqlite3.connect(demo_profile / "chatplanner.sqlite3") as database:
        stored = database.execute("SELECT value FROM settings WHERE key = 'ui.test-key'")
        assert "kept" in stored.fetchone()[0]


def test_plain_reads_of_a_profile_to_upgrade_open_it_fully(demo_profile: Path) -> None:
    db_path = demo_profile / "chatplanner.sqlite3"
    with sqlite3.connect(db_path) as database:
        database.execute("UPDATE alembic_version SET version_num = 'someone-elses'")
    with pytest.raises(ChatplannerError, match="newer"):
        Workspace.open(demo_profile, plain_reads=True)


def test_plain_reads_are_in_the_zone_chosen_in_preferences(demo_profile: Path) -> None:
    with Workspace.open(demo_profile) as workspace:
        workspace.settings.set(ZONE_SETTING, "Asia/Tokyo")
    workspace = Workspace.open(demo_profile, plain_reads=True, system_zone=lambda: "Europe/Paris")
    try:
        assert not workspace.database_open
        assert workspace.context.zone().key == "Asia/Tokyo"
    finally:
        workspace.close()
