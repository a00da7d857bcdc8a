"""Where a profile lives, and the lock that keeps one running copy per profile.

A profile is a directory: the SQLite database, the notes archive, backups. The lock is an OS
advisory lock on a file in the profile (fcntl on POSIX, msvcrt on Windows), and on POSIX on the
profile folder too, so that deleting the lock file lets no one in: the OS drops both when the
process dies, so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import platformdirs

from chatplanner import APP_NAME
from chatplanner.errors import ProfileLockedError, ProfileUnusableError

ENV_HOME = "CHATPLANNER_HOME"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class Profile:
    directory: Path

    @property
    def database_path(self) -> Path:
        return self.directory / "chatplanner.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.directory / "backups"

    @property
    def archive_dir(self) -> Path:
        return self.directory / "archive"

    @property
    def lock_path(self) -> Path:
        return self.directory / ".lock"

    @property
    def ui_state_path(self) -> Path:
        """Window geometry and other view state: not profile data, not in backups."""
        return self.directory / "ui-state.ini"

    def exists(self) -> bool:
        return self.database_path.exists()

    def protect_ui_state(self) -> None:
        """Make the view-state file readable by the user only (Qt writes it with the umask).

        Created empty and private before Qt first writes it; Qt keeps the mode of an existing
        file when it rewrites it, so once is enough."""
        try:
            os.close(os.open(self.ui_state_path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))
        except OSError:
            return  # a read-only profile: Qt will not write there either
        make_private(self.ui_state_path)


def make_private(path: Path) -> None:
    """chmod 0600 when the file exists and is looser; a file that cannot be changed is left."""
    try:
        if (path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)
    except OSError:
        pass  # missing, or on a file system without modes: nothing more to do


def default_profile_dir() -> Path:
    try:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    except RuntimeError:  # newer platformdirs say so themselves
        path = Path("~")
    if not path.is_absolute():
        # No HOME and no entry in the user database: "~" was left as it is.
        raise ProfileUnusableError(
            "Cannot find your home folder (HOME is not set), so there is no default profile. "
            "Set HOME, or choose a profile with --data-dir or CHATPLANNER_HOME."
        )
    return path


def resolve_profile_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """--data-dir first, then CHATPLANNER_HOME, then the platform's user data location."""
    if data_dir:
        return Path(data_dir).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return default_profile_dir()


def is_read_only(directory: Path) -> bool:
    """The profile folder exists and cannot be written: a read-only file system (a backup
    disk, a mounted image) or, for anyone but the superuser, a folder or database without
    write permission."""
    if not directory.is_dir():
        return False
    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        pass
    database = Profile(directory).database_path
    if not os.access(directory, os.W_OK):
        return True
    return database.exists() and not os.access(database, os.W_OK)


class ProfileReadOnlyError(ProfileUnusableError):
    def __init__(self, profile_dir: str) -> None:
        super().__init__(
            f"The profile {profile_dir} is read-only: chatplanner can show it, search it and "
            "back it up, but not change it. Copy the folder somewhere you can write to, or "
            "choose another with --data-dir."
        )


def ensure_profile_dir(directory: Path) -> Profile:
    in_the_way = _file_in_the_way(directory)
    if in_the_way is not None:
        what = "it is" if in_the_way == directory else f"{in_the_way} is"
        raise ProfileUnusableError(
            f"Cannot use {directory} as a profile: {what} a file, not a folder. Give "
            "--data-dir a folder (one that does not exist yet is created)."
        )
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        if (directory.stat().st_mode & 0o777) != PRIVATE_DIR_MODE:
            os.chmod(directory, PRIVATE_DIR_MODE)
    except OSError as error:
        raise ProfileUnusableError(
            f"Cannot use {directory} as a profile: {error.strerror or error}. "
            "Check that the folder is writable, or choose another with --data-dir."
        ) from error
    return Profile(directory)


def _file_in_the_way(directory: Path) -> Path | None:
    """The file where the profile's folder, or a folder above it, would have to be."""
    for path in (directory, *directory.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


class ProfileLock:
    """Held for as long as a process uses a profile for writing."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self._file: IO[str] | None = None
        self._folder: int | None = None  # the profile folder, locked too (see acquire)

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        path = self._profile.lock_path
        try:
            # Created 0600 whatever the umask; it holds only a process id, but the profile
            # folder's files are the user's alone.
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
            handle = open(descriptor, "a+", encoding="ascii")  # noqa: SIM115 - kept open while locked
        except OSError as error:
            raise ProfileUnusableError(
                f"Cannot create the lock file in {self._profile.directory}: "
                f"{error.strerror or error}. Check that the folder is writable."
            ) from error
        make_private(path)  # a lock file from an older version may be looser
        # The lock file can be deleted while its owner runs: a newcomer would then create and
        # lock a new one. So the owner also locks the profile folder itself, which no one
        # replaces; the lock file still names the owner, and older versions still see it.
        folder = _lock_folder(self._profile.directory)
        if folder is _BUSY or not _try_lock(handle):
            holder = _read_pid(path)
            handle.close()
            if isinstance(folder, int) and folder >= 0:
                os.close(folder)
            raise ProfileLockedError(str(self._profile.directory), holder)
        self._folder = folder if isinstance(folder, int) and folder >= 0 else None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is None:
            return
        _unlock(self._file)
        self._file.close()
        self._file = None
        if self._folder is not None:
            os.close(self._folder)  # closing drops the folder's lock
            self._folder = None

    def __enter__(self) -> ProfileLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


_BUSY = object()  # the folder is locked by another process


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_folder(_directory: Path) -> object:
        return None  # folders cannot be opened as files there: the lock file alone decides

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_folder(directory: Path) -> object:
        """An open descriptor of `directory` holding its lock; _BUSY when another process
        holds it; None when the folder cannot be opened (the lock file alone decides then)."""
        try:
            descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return _BUSY
        return descriptor
