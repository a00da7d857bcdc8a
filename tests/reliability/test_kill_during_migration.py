"""SIGKILL in the middle of the first launch's schema, or of an upgrade, loses nothing: the
next opening finds the schema as it was and builds or upgrades it again.

The driver stops just before the migration's N-th SQL statement, inside its transaction.
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from chatplanner.db.migrate import alembic_config
from chatplanner.db.revisions import head_revision
from chatplanner.domain.contacts import ContactDraft
from chatplanner.services.workspace import Workspace

from .processes import ROOT, start

DRIVER = str(ROOT / "tests" / "reliability" / "migration_driver.py")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX")]


def _run_until(directory: Path, statement: int) -> str:
    """Start the driver, SIGKILL it when it says it stopped; its last line."""
    process = start(DRIVER, str(directory), str(statement))
    assert process.stdout is not None
    last = ""
    try:
        for line in process.stdout:
            last = line.strip()
            if last.startswith("at "):
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if last.startswith("at "):
        assert process.returncode == -signal.SIGKILL
    else:
        stderr = process.stderr.read() if process.stderr else ""
        assert process.returncode == 0, stderr
    return last


def _statements_of_first_launch(tmp_path: Path) -> int:
    last = _run_until(tmp_path / "count", 10**9)
    assert last.startswith("done ")
    return int(last.split()[1])


def _revision(db_path: Path) -> str | None:
    database = sqlite3.connect(db_path)
    try:
        found = database.execute(
            "SELECT name FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchone()
        if found is None:
            return None
        return str(database.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        database.close()


def _tables(db_path: Path) -> set[str]:
    database = sqlite3.connect(db_path)
    try:
        return {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    finally:
        database.close()


def test_a_first_launch_killed_mid_schema_opens_the_next_time(tmp_path: Path) -> None:
    total = _statements_of_first_launch(tmp_path)
    assert total > 20  # tables, indexes, the full-text index, triggers, the version
    for stop_at in (2, 4, total // 2, total - 1, total):
        directory = tmp_path / f"p{stop_at}"
        assert _run_until(directory, stop_at) == f"at {stop_at}"
        db_path = directory / "chatplanner.sqlite3"
        # Nothing of the half-made schema was kept: all or nothing.
        assert _revision(db_path) is None
        assert "contacts" not in _tables(db_path)
        with Workspace.open(directory) as workspace:
            workspace.people.contact_edits.create(
                ContactDraft(first_name="Zoë", last_name="Tremblay")
            )
            assert workspace.overview.overview().contacts == 1
        assert _revision(db_path) == head_revision()


def _profile_at_revision_0001(directory: Path) -> Path:
    directory.mkdir(mode=0o700)
    db_path = directory / "chatplanner.sqlite3"
    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO contacts (first_name, last_name, kind, online_activity, stage, "
                "notes, archived, created_at, updated_at) VALUES ('Zoë', 'Tremblay', 'mentor', "
                "'unknown', 'met', 'Café notes', 0, '2025-01-01', '2025-01-01')"
            )
        )
    engine.dispose()
    return db_path


def test_an_upgrade_killed_mid_way_keeps_the_older_schema_and_upgrades_next_time(
    tmp_path: Path,
) -> None:
    counting = tmp_path / "count"
    _profile_at_revision_0001(counting)
    last = _run_until(counting, 10**9)
    total = int(last.split()[1])
    assert total >= 3
    for stop_at in (1, total // 2, total):
        directory = tmp_path / f"p{stop_at}"
        db_path = _profile_at_revision_0001(directory)
        assert _run_until(directory, stop_at) == f"at {stop_at}"
        assert _revision(db_path) == "0001"
        with Workspace.open(directory) as workspace:
            assert workspace.overview.overview().contacts == 1
        assert _revision(db_path) == head_revision()


def _half_schema_of_an_older_build(directory: Path, *, with_a_row: bool = False) -> None:
    """What a first launch killed under an older chatplanner left: some tables, committed one
    by one, and no schema version."""
    from chatplanner.db.models import Base

    directory.mkdir(mode=0o700)
    engine = create_engine(f"sqlite:///{directory / 'chatplanner.sqlite3'}")
    with engine.begin() as connection:
        for name in ("contacts", "geocode_cache", "groups"):
            Base.metadata.tables[name].create(connection)
        if with_a_row:
            connection.execute(
                text(
                    "INSERT INTO groups (id, name, kind, description, created_at) VALUES (1, 'x', 'other', '', '2025-01-01')"
                )
            )
    engine.dispose()


def test_a_half_made_schema_left_by_an_older_build_is_built_again(tmp_path: Path) -> None:
    directory = tmp_path / "p"
    _half_schema_of_an_older_build(directory)
    with Workspace.open(directory) as workspace:
        workspace.people.contact_edits.create(ContactDraft(first_name="Zoë", last_name="Tremblay"))
    assert _revision(directory / "chatplanner.sqlite3") == head_revision()


def test_tables_with_data_but_no_schema_version_are_left_alone(tmp_path: Path) -> None:
    from chatplanner.errors import ProfileUnusableError

    directory = tmp_path / "p"
    _half_schema_of_an_older_build(directory, with_a_row=True)
    with pytest.raises(ProfileUnusableError, match="nothing was changed"):
        Workspace.open(directory)
    assert "groups" in _tables(directory / "chatplanner.sqlite3")
    assert _revision(directory / "chatplanner.sqlite3") is None
