"""The profile is the user's alone: folder 0700, database and every copy of it 0600."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from chatplanner.services.auto_backup import take_automatic_backup
from chatplanner.services.workspace import Workspace


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_profile_folder_and_database_are_private_even_with_a_loose_umask(
    tmp_path: Path,
) -> None:
    old = os.umask(0o000)
    try:
        with Workspace.open(tmp_path / "p") as workspace:
            workspace.settings.set("user.name", "Amara")  # the WAL now holds a write
            db_path = workspace.profile.database_path
            assert _mode(tmp_path / "p") == 0o700
            assert _mode(db_path) == 0o600
            for suffix in ("-wal", "-shm"):
                side = Path(f"{db_path}{suffix}")
                assert side.exists(), suffix
                assert _mode(side) == 0o600, suffix
    finally:
        os.umask(old)


def test_an_existing_loose_profile_is_tightened_on_open(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "p").close()
    os.chmod(tmp_path / "p", 0o755)
    os.chmod(tmp_path / "p" / "chatplanner.sqlite3", 0o644)
    Workspace.open(tmp_path / "p").close()
    assert _mode(tmp_path / "p") == 0o700
    assert _mode(tmp_path / "p" / "chatplanner.sqlite3") == 0o600


def test_every_copy_of_the_database_is_private(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        with Workspace.open(tmp_path / "p") as workspace:
            backup = take_automatic_backup(workspace.profile, datetime(2030, 1, 1, tzinfo=UTC))
            kept = workspace.restore_automatic_backup(backup.path)
    finally:
        os.umask(old)
    backups = tmp_path / "p" / "backups"
    assert _mode(backups) == 0o700
    assert kept is not None
    copies = list(backups.iterdir())
    assert copies, "expected automatic and replaced copies"
    for path in copies:
        assert _mode(path) == 0o600, path.name


def test_the_lock_file_is_private_even_with_a_loose_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        with Workspace.open(tmp_path / "p") as workspace:
            assert _mode(workspace.profile.lock_path) == 0o600
    finally:
        os.umask(old)


def test_a_loose_lock_file_from_before_is_tightened(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "p").close()
    os.chmod(tmp_path / "p" / ".lock", 0o644)
    with Workspace.open(tmp_path / "p") as workspace:
        assert _mode(workspace.profile.lock_path) == 0o600


def test_the_window_state_file_is_private_after_closing_and_stays_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from chatplanner.ui.main_window import MainWindow, ui_state

    old = os.umask(0o022)
    try:
        with Workspace.open(tmp_path / "p") as workspace:
            window = MainWindow(workspace)
            qtbot.addWidget(window)
            window.show()
            window.close()
            path = workspace.profile.ui_state_path
            assert path.is_file()
            assert _mode(path) == 0o600
            # Qt keeps the mode when it rewrites the file later on.
            state = ui_state(workspace)
            state.setValue("theme", "dark")
            state.sync()
            assert _mode(path) == 0o600
    finally:
        os.umask(old)
