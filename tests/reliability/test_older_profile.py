"""A profile made by an older schema is upgraded on open and the copy taken first is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from chatplanner.cli.main import main
from chatplanner.db.migrate import alembic_config
from chatplanner.db.revisions import head_revision
from chatplanner.services.workspace import Workspace

from .processes import run


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
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('user.name', '\"Ana\"')")
        )
    engine.dispose()
    return db_path


def _revision(db_path: Path) -> str:
    database = sqlite3.connect(db_path)
    try:
        return str(database.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        database.close()


def test_opening_through_the_workspace_upgrades_and_keeps_the_earlier_copy(tmp_path: Path) -> None:
    db_path = _profile_at_revision_0001(tmp_path / "p")
    with Workspace.open(tmp_path / "p") as workspace:
        copy = workspace.pre_upgrade_copy
        assert workspace.settings.get("user.name") == "Ana"
        assert workspace.overview.overview().contacts == 1
    assert _revision(db_path) == head_revision()
    assert copy is not None
    assert copy.parent == tmp_path / "p" / "backups"
    assert copy.name.startswith("before-upgrade-0001-")
    assert _revision(copy) == "0001"
    assert copy.stat().st_mode & 0o777 == 0o600
    kept = sqlite3.connect(copy)
    assert kept.execute("SELECT first_name, notes FROM contacts").fetchall() == [
        ("Zoë", "Café notes")
    ]
    kept.close()


def test_a_cli_command_upgrades_an_older_profile_and_keeps_its_data(tmp_path: Path) -> None:
    _profile_at_revision_0001(tmp_path / "p")
    out = tmp_path / "backup.json"
    assert main(["backup", str(out), "--data-dir", str(tmp_path / "p")]) == 0
    assert "Tremblay" in out.read_text(encoding="utf-8")
    assert len(list((tmp_path / "p" / "backups").glob("before-upgrade-0001-*.sqlite3"))) == 1


@pytest.mark.slow
def test_the_app_started_as_a_process_upgrades_an_older_profile(tmp_path: Path) -> None:
    db_path = _profile_at_revision_0001(tmp_path / "p")
    shot = tmp_path / "shot.png"
    result = run("-m", "chatplanner", "--data-dir", str(tmp_path / "p"), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert _revision(db_path) == head_revision()
    assert len(list((tmp_path / "p" / "backups").glob("before-upgrade-0001-*.sqlite3"))) == 1
