"""A database written by a newer chatplanner (a schema revision this copy does not know):
every command and the app say so plainly and change nothing, and `recover` does not swap it
for an older backup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.db.migrate import KEEP_UPGRADE_COPIES
from chatplanner.profile import Profile
from chatplanner.services.auto_backup import take_automatic_backup
from chatplanner.services.workspace import Workspace

from .processes import run

NEWER = "0042_from_the_future"
MESSAGE = "was written by a newer version of chatplanner"


def _newer_profile(directory: Path) -> Path:
    Workspace.open(directory).close()
    take_automatic_backup(Profile(directory), datetime.now(UTC) - timedelta(days=3))
    db_path = directory / "chatplanner.sqlite3"
    database = sqlite3.connect(db_path)
    with database:
        database.execute("UPDATE alembic_version SET version_num = ?", (NEWER,))
    database.close()
    return db_path


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        # The lock, and SQLite's side files that merely reading a WAL database makes.
        if path.is_file() and path.name != ".lock" and not path.name.endswith(("-wal", "-shm"))
    }


COMMANDS = [
    ["contacts"],
    ["today"],
    ["search", "x"],
    ["backup", "{tmp}/out.json"],
    ["restore", "{tmp}/b.json"],
    ["archive"],
    ["recover"],
    ["recover", "--backup", "{backup}"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: "-".join(argv[:2]))
def test_every_command_says_the_profile_is_newer_and_changes_nothing(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    _newer_profile(directory)
    assert main(["backup", str(tmp_path / "b.json"), "--data-dir", str(tmp_path / "o")]) == 0
    backup_name = next((directory / "backups").glob("auto-*")).name
    before = _snapshot(directory)
    filled = [part.format(tmp=tmp_path, backup=backup_name) for part in argv]

    status = main([*filled, "--data-dir", str(directory)])

    captured = capsys.readouterr()
    assert status == 2, captured.err
    assert MESSAGE in captured.err
    assert "Traceback" not in captured.err
    assert _snapshot(directory) == before  # no copy before an upgrade, no swap, nothing


def test_attempts_add_no_copies(tmp_path: Path) -> None:
    directory = tmp_path / "p"
    _newer_profile(directory)
    for _ in range(3):
        assert main(["contacts", "--data-dir", str(directory)]) == 2
    assert list((directory / "backups").glob("before-upgrade-*")) == []


def test_copies_before_upgrades_are_capped(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from chatplanner.db.database_file import copy_database
    from chatplanner.db.engine import create_profile_engine
    from chatplanner.db.migrate import alembic_config, upgrade_database

    directory = tmp_path / "p"
    directory.mkdir(mode=0o700)
    db_path = directory / "chatplanner.sqlite3"
    # A profile one or more revisions behind, made by the migrations themselves.
    older = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with older.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    older.dispose()
    backups = directory / "backups"
    for index in range(KEEP_UPGRADE_COPIES + 3):
        copy_database(db_path, backups / f"before-upgrade-0001-2025010{index}T000000Z.sqlite3")
    engine = create_profile_engine(db_path)
    try:
        upgrade_database(engine, db_path, backups)
    finally:
        engine.dispose()
    assert len(list(backups.glob("before-upgrade-*"))) == KEEP_UPGRADE_COPIES


@pytest.mark.slow
def test_the_app_says_the_profile_is_newer_without_a_traceback(tmp_path: Path) -> None:
    directory = tmp_path / "p"
    _newer_profile(directory)
    result = run("-m", "chatplanner", "--data-dir", str(directory), "--screenshot", "x.png")
    assert result.returncode == 2
    assert MESSAGE in result.stderr
    assert "Traceback" not in result.stderr
