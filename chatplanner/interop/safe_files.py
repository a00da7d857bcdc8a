"""The one way the app writes a file outside its database: privately, atomically, no links.

Every export (vCard, `.eml`, `.ics`, the JSON backup) and every archive file goes through
`write_private_file` (or `private_file` to stream). The data goes to a fresh temporary file in
the target's own folder, created with `O_EXCL` and `O_NOFOLLOW` under an unpredictable name
(`tempfile.mkstemp`), so a link or file planted in a shared folder is never followed nor
reused; it is flushed to disk, given its mode (0600: only the user can read it, whatever the
umask) and renamed over the target in one step. A reader sees the old file or the new one,
never half of either, and a planted link at the target's name is replaced, not followed.

While a temporary file is being written it holds an exclusive `flock`, so
`remove_stale_temporaries` can tell a write in progress from one left by a process that was
killed: it removes only our own temporary files (by name pattern) that nobody holds and that
are older than this process.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows: no flock; the age check alone decides there
    fcntl = None  # type: ignore[assignment]


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs, found on the first write of many files (ctypes is not loaded before:
    this module is imported at every start, for the style sheet)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


_FEW_FILES = 8

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# ".<target name>.<random>.cptmp": hidden, and unlike anything a user or another tool names.
TEMP_SUFFIX = ".cptmp"
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.cptmp$", re.DOTALL)
# When this process started: a temporary file older than that was not written by it.
_STARTED = time.time()
_SETTLE_SECONDS = 60


def _temp_prefix(target: Path) -> str:
    # Keep the whole name within the usual 255-byte limit, whatever the target's length.
    stem = target.name.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
    return f".{stem or 'file'}."


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too (not on Windows).
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class NotAFileError(OSError):
    """The target's name belongs to something other than a file (a device such as /dev/null, a
    pipe, a socket, a folder): a rename over it would replace it, not write into it."""


def _refuse_what_is_not_a_file(path: Path) -> None:
    try:
        info = os.lstat(path)
    except OSError:
        return  # nothing there yet (or nothing we can see): the write itself says what fails
    if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
        return  # a file is replaced; a link too, never followed (see the module)
    what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
    raise NotAFileError(errno.EEXIST, f"it is {what}, not a file; nothing was written")


@contextlib.contextmanager
def private_file(
    path: Path, *, mode: int = PRIVATE_FILE_MODE, tidy: bool = False, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` when the block ends without an error.

    On an error the target is left as it was and the temporary file is removed. With `tidy`,
    temporary files an earlier, killed write of this same target left are removed first.
    `durable=False`, for a file nothing needs after a crash (the style sheet's images in a
    temporary folder): not flushed to disk, which costs a millisecond or more per file."""
    path = Path(path)
    _refuse_what_is_not_a_file(path)
    folder = path.parent
    if tidy:
        remove_stale_temporaries(folder, prefix=_temp_prefix(path))
    # mkstemp opens with O_CREAT | O_EXCL | O_NOFOLLOW and mode 0600, under a random name.
    descriptor, temp_name = tempfile.mkstemp(
        prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder
    )
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with os.fdopen(descriptor, "wb", closefd=False) as handle:
            yield handle
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(descriptor, mode)  # an explicit mode, never the umask's
            if durable:
                os.fsync(descriptor)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    finally:
        os.close(descriptor)  # closing drops the flock
    if not hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.chmod(path, mode)
    if durable:
        _fsync_folder(folder)


def write_private_file(
    path: Path,
    data: bytes,
    *,
    mode: int = PRIVATE_FILE_MODE,
    tidy: bool = False,
    durable: bool = True,
) -> None:
    """Replace `path` with `data` atomically, readable by the user only (see the module and
    `private_file` for `durable`)."""
    with private_file(path, mode=mode, tidy=tidy, durable=durable) as handle:
        handle.write(data)


def _flush_to_disk(folder_descriptor: int, descriptors: list[int]) -> None:
    """Make the data of every file in `descriptors` durable: one `syncfs` of the folder's file
    system where Linux offers it (one flush instead of one per file), else an fsync each.
    A few files are fsynced each: syncfs also waits for every other program's pending writes."""
    syncfs = _syncfs() if len(descriptors) > _FEW_FILES else None
    if syncfs is not None and syncfs(folder_descriptor) == 0:
        return
    for descriptor in descriptors:
        os.fsync(descriptor)


class PrivateFileBatch:
    """Many files in one folder, each written as `write_private_file` writes one, with one
    flush to disk per `chunk` files: a 10,000-file archive would otherwise wait on 10,000
    fsyncs. Use as a context manager; files staged when an error ends the block are dropped."""

    def __init__(self, folder: Path, *, mode: int = PRIVATE_FILE_MODE, chunk: int = 128) -> None:
        self.folder = Path(folder)
        self.mode = mode
        self.chunk = chunk
        # (descriptor, temporary name, target): each temporary is locked and open until renamed.
        self._staged: list[tuple[int, str, Path]] = []

    def __enter__(self) -> PrivateFileBatch:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if kind is None:
            self.flush()
        else:
            self._drop()

    def write(self, path: Path, data: bytes) -> None:
        """Stage `data` for `path` (in this batch's folder); it replaces `path` at the flush."""
        path = Path(path)
        _refuse_what_is_not_a_file(path)
        descriptor, temp_name = tempfile.mkstemp(
            prefix=_temp_prefix(path), suffix=TEMP_SUFFIX, dir=self.folder
        )
        self._staged.append((descriptor, temp_name, path))
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, self.mode)
        if len(self._staged) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        """Put every staged file in place: data on disk first, then the renames, then the
        folder's entries on disk."""
        staged, self._staged = self._staged, []
        if not staged:
            return
        try:
            folder_descriptor = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            folder_descriptor = -1
        try:
            _flush_to_disk(folder_descriptor, [descriptor for descriptor, _, _ in staged])
            while staged:
                descriptor, temp_name, target = staged[0]
                os.replace(temp_name, target)
                if not hasattr(os, "fchmod"):
                    os.chmod(target, self.mode)
                os.close(descriptor)
                staged.pop(0)
            if folder_descriptor >= 0:
                with contextlib.suppress(OSError):
                    os.fsync(folder_descriptor)
        finally:
            if folder_descriptor >= 0:
                os.close(folder_descriptor)
            self._staged = staged  # whatever was not renamed: dropped by __exit__
            if staged:
                self._drop()

    def _drop(self) -> None:
        staged, self._staged = self._staged, []
        for descriptor, temp_name, _target in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            with contextlib.suppress(OSError):
                os.close(descriptor)


def make_private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) with mode 0700; an existing folder is left as is."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        # mkdir's mode is filtered by the umask; the folder we made is private whatever it is.
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def is_temporary_name(name: str) -> bool:
    """True for the names `private_file` gives its temporary files."""
    return _TEMP_NAME.match(name) is not None


def _held(path: Path) -> bool:
    """True when a live writer holds the file's flock (or it cannot be checked)."""
    if fcntl is None:
        return False
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # also drops the lock just taken
    return False


def remove_stale_temporaries(
    folder: Path, *, extra_pattern: re.Pattern[str] | None = None, prefix: str = ""
) -> list[str]:
    """Remove temporary files a killed write left in `folder`; returns their names.

    Only regular files (never links) directly in `folder`, owned by this user, named as
    `private_file` names them (or matching `extra_pattern`), older than this process (or a
    minute old) and not held by a writer are removed: they can hold notes the user did not mean to leave behind."""
    removed: list[str] = []
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in listing:
        name = entry.name
        if not name.startswith(prefix):
            continue
        ours = is_temporary_name(name) or (
            extra_pattern is not None and extra_pattern.match(name) is not None
        )
        if not ours:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        # Older than this process, or (where flock tells a live writer) a minute old: the
        # age covers the instant between a writer creating its file and locking it.
        aged = info.st_mtime < _STARTED or (
            fcntl is not None and time.time() - info.st_mtime > _SETTLE_SECONDS
        )
        if not aged:
            continue
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            continue
        path = Path(folder, name)
        if _held(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(name)
    return removed
