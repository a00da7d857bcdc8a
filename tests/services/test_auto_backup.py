from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatplanner.errors import ProfileDamagedError
from chatplanner.profile import Profile
from chatplanner.services.auto_backup import (
    KEEP,
    NoAutomaticBackupError,
    list_automatic_backups,
    recover_closed_profile,
    take_automatic_backup,
)
from chatplanner.services.workspace import Workspace

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _names(directory: Path) -> list[str]:
    return [b.name for b in list_automatic_backups(Profile(directory))]


def test_opening_for_writing_takes_a_private_backup_when_none_exists(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)) as workspace:
        workspace.settings.set("user.name", "Amara")
    backups = list_automatic_backups(Profile(tmp_path / "p"))
    assert [b.name for b in backups] == ["auto-20260302-093000.sqlite3"]
    assert backups[0].taken_at == START
    assert backups[0].path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "p" / "backups").stat().st_mode & 0o777 == 0o700


def test_a_backup_is_taken_again_only_after_a_day(tmp_path: Path) -> None:
    clock = FakeClock(START)
    for hours in (0, 5, 23):
        clock.now = START + timedelta(hours=hours)
        Workspace.open(tmp_path / "p", clock=clock).close()
    assert len(_names(tmp_path / "p")) == 1
    clock.now = START + timedelta(hours=24)
    Workspace.open(tmp_path / "p", clock=clock).close()
    assert len(_names(tmp_path / "p")) == 2


def test_a_reader_takes_no_backup(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)):
        later = FakeClock(START + timedelta(days=3))
        Workspace.open(tmp_path / "p", for_writing=False, clock=later).close()
    assert len(_names(tmp_path / "p")) == 1


def test_only_the_newest_seven_are_kept(tmp_path: Path) -> None:
    clock = FakeClock(START)
    for day in range(10):
        clock.now = START + timedelta(days=day)
        Workspace.open(tmp_path / "p", clock=clock).close()
    names = _names(tmp_path / "p")
    assert len(names) == KEEP
    assert names[0] == "auto-20260311-093000.sqlite3"
    assert names[-1] == "auto-20260305-093000.sqlite3"


def test_backups_taken_before_imports_keep_a_week_of_daily_ones(tmp_path: Path) -> None:
    """Ten imports on the last day, the last three in the same second: the newest seven are
    kept, newest first, and the first of each of the last seven days besides."""
    clock = FakeClock(START)
    for day in range(9):
        clock.now = START + timedelta(days=day)
        Workspace.open(tmp_path / "p", clock=clock).close()
    profile = Profile(tmp_path / "p")
    last_day = START + timedelta(days=8, hours=2)
    for minute in (0, 1, 2, 3, 4, 5, 6, 7, 7, 7):
        take_automatic_backup(profile, last_day + timedelta(minutes=minute))
    names = _names(tmp_path / "p")
    assert names[:KEEP] == [
        "auto-20260310-113700-2.sqlite3",  # the last taken in that second, first
        "auto-20260310-113700-1.sqlite3",
        "auto-20260310-113700.sqlite3",
        "auto-20260310-113600.sqlite3",
        "auto-20260310-113500.sqlite3",
        "auto-20260310-113400.sqlite3",
        "auto-20260310-113300.sqlite3",
    ]
    assert names[KEEP:] == [f"auto-202603{day:02d}-093000.sqlite3" for day in range(10, 3, -1)]


def test_the_backup_holds_what_was_saved_and_passes_integrity_check(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)) as workspace:
        workspace.settings.set("user.name", "Zoë")
        taken = take_automatic_backup(workspace.profile, START + timedelta(minutes=1))
    copy = sqlite3.connect(taken.path)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT value FROM settings WHERE key='user.name'").fetchone() == ('"Zoë"',)
    copy.close()


def test_a_failed_backup_never_keeps_the_user_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("chatplanner.services.auto_backup.copy_database", full)
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)) as workspace:
        assert workspace.writable
    assert _names(tmp_path / "p") == []


def test_restoring_live_brings_back_the_old_data_and_keeps_the_current_file(
    tmp_path: Path,
) -> None:
    clock = FakeClock(START)
    with Workspace.open(tmp_path / "p", clock=clock) as workspace:
        workspace.settings.set("user.name", "Before")
        backup = take_automatic_backup(workspace.profile, START + timedelta(minutes=1))
        workspace.settings.set("user.name", "After")
        clock.now = START + timedelta(hours=2)
        kept = workspace.restore_automatic_backup(backup.path)
        # The same service objects read the restored file.
        assert workspace.settings.get("user.name") == "Before"
        workspace.settings.set("user.email", "still@writable.example")
        assert workspace.settings.get("user.email") == "still@writable.example"
    assert kept is not None
    assert kept.name == "replaced-20260302-113000.sqlite3"
    assert kept.stat().st_mode & 0o777 == 0o600
    old = sqlite3.connect(kept)
    assert old.execute("SELECT value FROM settings WHERE key='user.name'").fetchone() == (
        '"After"',
    )
    old.close()


def test_restoring_an_unusable_backup_puts_the_current_database_back(tmp_path: Path) -> None:
    junk = tmp_path / "auto-20260101-000000.sqlite3"
    junk.write_bytes(b"not a database at all" * 200)
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)) as workspace:
        workspace.settings.set("user.name", "Kept")
        with pytest.raises(ProfileDamagedError):
            workspace.restore_automatic_backup(junk)
    with Workspace.open(tmp_path / "p", clock=FakeClock(START)) as workspace:
        assert workspace.settings.get("user.name") == "Kept"


def _damage(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree: sqlite_master
    db_path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_and_recovered_from_the_newest_backup(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "p"
    with Workspace.open(directory, clock=FakeClock(START)) as workspace:
        workspace.settings.set("user.name", "Safe")
    Workspace.open(directory, clock=FakeClock(START + timedelta(days=1))).close()  # backup
    db_path = directory / "chatplanner.sqlite3"
    _damage(db_path)
    damaged_bytes = db_path.read_bytes()
    with pytest.raises(ProfileDamagedError, match="damaged"):
        Workspace.open(directory, clock=FakeClock(START))
    assert db_path.read_bytes() == damaged_bytes  # nothing changed by the failed open

    recovery = recover_closed_profile(directory, START + timedelta(days=1, hours=1))
    assert recovery.kept_aside is not None
    assert recovery.kept_aside.read_bytes() == damaged_bytes
    with Workspace.open(directory, clock=FakeClock(START)) as workspace:
        assert workspace.settings.get("user.name") == "Safe"


def test_recovering_without_any_backup_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    with pytest.raises(NoAutomaticBackupError, match="JSON backup"):
        recover_closed_profile(tmp_path / "p", START)
