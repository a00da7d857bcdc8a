"""Today's list read ahead, in a second process, while the window is being built.

Building the window (loading Qt, making the widgets) takes the main thread the first fifth of a
second, and Today's list (its queries and rules: a tenth of a second at 30,000 contacts) was read
only after that. A thread would not read alongside: Python runs one thread at a time, and both
are mostly Python. A process forked before Qt is loaded does, on the machine's other core, and
sends the list back through a pipe.

Its list is used once, by the first read of the Today page, and only when that read asks for
the same (the first cards of each kind) and the database's files are as they were while it read:
any commit since (by this window, the CLI or another program) changes them, and the page reads
for itself, as it always could. So does any failure of the process: it only ever makes the first
list come sooner, never different.

Only where forking is safe and worth it: on Linux, before any other thread or any connection to
the database exists, with a second processor to run on.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.domain.clock import Clock

if TYPE_CHECKING:  # the rules are loaded by the process that reads, not before the fork
    from chatplanner.domain.today_items import TodayKind, TodayList

# How long the page waits for the list before reading it itself: the process needs about as
# long as the window, longer on a busy machine (where reading here would be as slow); much
# longer means it is stuck.
WAIT_SECONDS = 3.0

# The database's files as a commit leaves them: each file's (inode, size, modification time).
FilesState = tuple[tuple[int, int, int] | None, ...]


@dataclass(frozen=True, slots=True)
class TodayRead:
    """What the process read: the list for `shown`, and the database's files around the read."""

    shown: Mapping[TodayKind, int]
    listing: TodayList
    places_pending: bool
    files: FilesState


def files_state(database: Path) -> FilesState:
    """The database file's and its write-ahead log's state: a commit changes the log (or, once
    checkpointed, the file), so the same state means the same data."""
    found: list[tuple[int, int, int] | None] = []
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            info = os.stat(path)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(found)


def can_read_ahead() -> bool:
    """Whether a process may be forked now to read alongside: Linux, a second processor, and
    nothing yet that a fork would copy half-way (another thread)."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        processors = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        processors = os.cpu_count() or 1
    return processors >= 2 and threading.active_count() == 1


class ReadAhead:
    """The process reading Today's list, and its answer once `take` has it."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid: int | None = pid
        self._pipe: int | None = pipe

    def take(self, timeout: float = WAIT_SECONDS) -> TodayRead | None:
        """The list the process read, waiting for it at most `timeout` seconds; None when it
        failed, took longer, or was taken already. The process is gone afterwards."""
        if self._pipe is None:
            return None
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        try:
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([self._pipe], [], [], left)
                if not ready:
                    break
                chunk = os.read(self._pipe, 1 << 16)
                if not chunk:  # the process wrote it all and exited
                    return _loaded(b"".join(chunks))
                chunks.append(chunk)
            return None
        except OSError:
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Stop the process if it still runs, and wait for it to go (no zombie left)."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            pid, self._pid = self._pid, None
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)


def _loaded(data: bytes) -> TodayRead | None:
    try:
        read = pickle.loads(data)  # from the process this one forked, never from a file
    except Exception:  # a process that died mid-write: the page reads for itself
        return None
    return read if isinstance(read, TodayRead) else None


def start_read_ahead(
    directory: Path, clock: Clock, shown: Mapping[TodayKind, int] | None = None
) -> ReadAhead | None:
    """Fork a process that reads Today's list (the first `shown` of each kind; by default as
    many as the page lists at first) from the profile in `directory` at the time `clock`
    gives, or None where that cannot be done (see `can_read_ahead`)."""
    if not can_read_ahead():
        return None
    try:
        reading, writing = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # the process that reads: it never returns into the caller's code
        status = 1
        try:
            os.close(reading)
            read = _read(directory, clock, shown)
            if read is not None:
                _write_all(writing, pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
                status = 0
        except BaseException:
            pass  # nothing to say: the page reads for itself
        finally:
            os._exit(status)
    os.close(writing)
    return ReadAhead(pid, reading)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.close(descriptor)


def _read(directory: Path, clock: Clock, shown: Mapping[TodayKind, int] | None) -> TodayRead | None:
    """The list as the page's first read would have it, through a read-only plain reader (the
    file's schema must be the newest: else the window's opening upgrades it first)."""
    from chatplanner.domain.today_items import FIRST_LISTED, TodayKind
    from chatplanner.profile import Profile
    from chatplanner.services.workspace import Workspace

    profile = Profile(directory)
    database = profile.database_path
    workspace = Workspace(profile, None, None, clock, read_only=True)
    try:
        if not workspace.open_plain_reader():
            return None
        # After the opening, which may make the log: any commit from here on changes the state.
        before = files_state(database)
        today = workspace.pipeline.today
        cards = dict(shown) if shown is not None else dict.fromkeys(TodayKind, FIRST_LISTED)
        listing = today.listing(cards, read_places=False)
        read = TodayRead(cards, listing, today.places_pending, before)
    finally:
        workspace.close()
    return read if files_state(database) == before else None
