"""Automatic rolling backups of a profile's database, and putting one back.

When a profile is opened for writing and the newest automatic backup is a day old (or there is
none), a consistent copy is taken with SQLite's backup API into
`backups/auto-YYYYMMDD-HHMMSS.sqlite3` (mode 0600); the newest seven are kept. A 30,000-contact
profile copies in a fraction of a second (benchmarks/bench_storage.py), so this runs at open.

Restoring never destroys anything: the current database is first moved aside as
`backups/replaced-YYYYMMDD-HHMMSS.sqlite3` (with its WAL side files), then the backup is copied
in. Who restores must hold the profile's lock and have closed every connection to the file.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from chatplanner.db.database_file import copy_database, make_database_private
from chatplanner.db.plain_reader import read_only_uri
from chatplanner.db.revisions import is_from_newer_version, stored_revision
from chatplanner.errors import ChatplannerError, ProfileFromNewerVersionError
from chatplanner.profile import PRIVATE_FILE_MODE, Profile, ProfileLock
from chatplanner.services.errors import storage_errors

AUTO_PREFIX = "auto-"
REPLACED_PREFIX = "replaced-"
KEEP = 7
INTERVAL = timedelta(days=1)
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
# A second backup in the same second takes "-1", then "-2", ... (`_free_name`).
_NAME = re.compile(r"^auto-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class AutomaticBackup:
    path: Path
    taken_at: datetime  # aware UTC, from the file name
    size_bytes: int

    @property
    def name(self) -> str:
        return self.path.name


def list_automatic_backups(profile: Profile) -> list[AutomaticBackup]:
    """The automatic backups of `profile`, newest first."""
    found: list[tuple[datetime, int, AutomaticBackup]] = []
    try:
        entries = list(profile.backups_dir.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(
            (
                taken_at,
                int(match.group(2) or 0),
                AutomaticBackup(path, taken_at, path.stat().st_size),
            )
        )
    # By moment, then by the order taken within its second ("…-1" after "…", by name before).
    return [backup for *_order, backup in sorted(found, key=lambda item: item[:2], reverse=True)]


@dataclass(frozen=True)
class BackupContents:
    """How much of the user's data an automatic backup holds."""

    contacts: int
    chats: int

    @property
    def holds_data(self) -> bool:
        return bool(self.contacts or self.chats)

    def describe(self) -> str:
        if not self.holds_data:
            return "no contacts and no chats"
        return f"{_count(self.contacts, 'contact')} and {_count(self.chats, 'chat')}"


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def backup_contents(backup: AutomaticBackup | Path) -> BackupContents | None:
    """The contacts and chats a backup holds; None when it cannot be read."""
    path = backup.path if isinstance(backup, AutomaticBackup) else backup
    try:
        # Immutable: a backup is a closed file nobody writes, and a read-only connection to it
        # (a WAL database) would leave side files next to it.
        database = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        contacts = database.execute("SELECT count(*) FROM contacts").fetchone()[0]
        chats = database.execute("SELECT count(*) FROM meetings").fetchone()[0]
        return BackupContents(int(contacts), int(chats))
    except sqlite3.Error:
        return None
    finally:
        database.close()


def preferred_backup(backups: list[AutomaticBackup]) -> AutomaticBackup | None:
    """The newest backup that holds data (a backup taken before anything was entered is no
    recovery); the newest of all when none does."""
    for backup in backups:  # newest first
        contents = backup_contents(backup)
        if contents is not None and contents.holds_data:
            return backup
    return backups[0] if backups else None


def latest_automatic_backup(profile: Profile) -> AutomaticBackup | None:
    backups = list_automatic_backups(profile)
    return backups[0] if backups else None


def backup_is_due(profile: Profile, now: datetime) -> bool:
    latest = latest_automatic_backup(profile)
    return latest is None or now - latest.taken_at >= INTERVAL or latest.taken_at > now


def _kept(backups: list[AutomaticBackup], keep: int) -> set[Path]:
    """The newest `keep` backups (newest first in `backups`), and the first of each of the
    newest `keep` days that have one: the backups taken before imports, several a day, do not
    push a week of daily ones out."""
    kept = {backup.path for backup in backups[:keep]}
    first_of_day: dict[date, AutomaticBackup] = {}
    for backup in backups:  # newest first: the last one seen of a day is its first
        first_of_day[backup.taken_at.date()] = backup
    for day in sorted(first_of_day, reverse=True)[:keep]:
        kept.add(first_of_day[day].path)
    return kept


def take_automatic_backup(profile: Profile, now: datetime, *, keep: int = KEEP) -> AutomaticBackup:
    """Copy the database now, then drop all but the newest `keep` automatic backups."""
    destination = _free_name(profile.backups_dir, AUTO_PREFIX, now)
    with storage_errors(profile.database_path):
        try:
            copy_database(profile.database_path, destination)
        except BaseException:
            destination.unlink(missing_ok=True)  # never leave half a backup that looks whole
            raise
    os.chmod(profile.backups_dir, 0o700)
    backups = list_automatic_backups(profile)
    kept = _kept(backups, keep)
    for old in backups:
        if old.path not in kept:
            old.path.unlink(missing_ok=True)
    return AutomaticBackup(destination, now, destination.stat().st_size)


def take_backup_before_change(profile: Profile, now: datetime) -> AutomaticBackup:
    """An automatic backup now, before a change too big to undo step by step (an import), so
    that the profile as it was can be put back; the newest one when nothing was written since
    it was taken (its copy is younger than the database's files)."""
    latest = latest_automatic_backup(profile)
    if latest is not None:
        database = profile.database_path
        written = [
            path.stat().st_mtime_ns for path in (database, Path(f"{database}-wal")) if path.exists()
        ]
        if written and latest.path.stat().st_mtime_ns > max(written):
            return latest
    return take_automatic_backup(profile, now)


def take_automatic_backup_if_due(profile: Profile, now: datetime) -> AutomaticBackup | None:
    if not profile.database_path.exists() or not backup_is_due(profile, now):
        return None
    return take_automatic_backup(profile, now)


def replace_database_with(profile: Profile, backup: Path, now: datetime) -> Path | None:
    """Put `backup` in place of the profile's database; return where the old file was kept.

    The caller holds the lock and has closed every connection. The backup is first copied next
    to the database, so a failure half-way leaves the current database where it was.
    """
    database = profile.database_path
    staged = database.with_name(database.name + ".restoring")
    with storage_errors(database):
        shutil.copyfile(backup, staged)
        os.chmod(staged, PRIVATE_FILE_MODE)
        kept: Path | None = None
        if database.exists():
            kept = _free_name(profile.backups_dir, REPLACED_PREFIX, now)
            profile.backups_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.replace(database, kept)
            for suffix in _SIDE_SUFFIXES:
                side = Path(f"{database}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{kept}{suffix}"))
            make_database_private(kept)
        os.replace(staged, database)
    return kept


def _free_name(directory: Path, prefix: str, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime(_STAMP_FORMAT)
    candidate = directory / f"{prefix}{stamp}.sqlite3"
    counter = 1
    while candidate.exists():
        candidate = directory / f"{prefix}{stamp}-{counter}.sqlite3"
        counter += 1
    return candidate


class AutomaticBackupService:
    """What the app shows about automatic backups."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile

    def backups(self) -> list[AutomaticBackup]:
        return list_automatic_backups(self._profile)

    def latest(self) -> AutomaticBackup | None:
        return latest_automatic_backup(self._profile)


class NoAutomaticBackupError(ChatplannerError):
    pass


@dataclass(frozen=True)
class Recovery:
    restored: AutomaticBackup
    kept_aside: Path | None  # where the replaced (damaged) database now is


def refuse_newer_profile(profile: Profile) -> None:
    """A database written by a newer chatplanner is not damaged, only newer than this copy:
    replacing it with an older backup would lose what it holds."""
    revision = stored_revision(profile.database_path)
    if is_from_newer_version(revision):
        raise ProfileFromNewerVersionError(str(profile.directory), str(revision))


def recover_closed_profile(
    directory: Path, now: datetime, backup: Path | None = None, *, lock_held: bool = False
) -> Recovery:
    """Put an automatic backup (by default the newest that holds data) in place of a profile's
    database that cannot be opened, such as a damaged one. Takes the profile's lock for the swap, unless the
    caller holds it already (`lock_held`: the GUI takes it before opening the database)."""
    profile = Profile(directory)
    refuse_newer_profile(profile)
    backups = list_automatic_backups(profile)
    if backup is None:
        chosen = preferred_backup(backups)
    else:
        chosen = next((b for b in backups if b.path == backup), None)
    if chosen is None:
        raise NoAutomaticBackupError(
            f"There is no automatic backup in {profile.backups_dir} to restore. Restore a JSON "
            "backup into a new profile instead (`chatplanner restore FILE.json --data-dir DIR`)."
        )
    if lock_held:
        return Recovery(chosen, replace_database_with(profile, chosen.path, now))
    with ProfileLock(profile):
        kept = replace_database_with(profile, chosen.path, now)
    return Recovery(chosen, kept)
