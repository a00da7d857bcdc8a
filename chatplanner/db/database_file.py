"""The database file itself, with the sqlite3 module alone: what every connection that may write
sets, its private permissions, its integrity check and a consistent copy. The engine
(`engine.py`), the opening (`database.py`), the plain reader that may write (`plain_reader.py`)
and the backups share these, so that none of them needs SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from chatplanner.errors import ProfileDamagedError
from chatplanner.profile import PRIVATE_FILE_MODE

# Set on every connection that may write: the engine's and the plain writer's.
WRITING_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    # A second process (the CLI reading while the GUI writes) waits instead of failing at once.
    "PRAGMA busy_timeout=5000",
)


def set_writing_pragmas(connection: sqlite3.Connection) -> None:
    for pragma in WRITING_PRAGMAS:
        connection.execute(pragma).close()


def make_database_private(db_path: Path) -> None:
    """The database and its WAL side files are readable by the user only."""
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        if path.exists() and (path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)


def check_integrity(db_path: Path, connection: sqlite3.Connection) -> None:
    """Damage SQLite would only meet later (a torn page, a broken index) is found at open.

    `quick_check` reads every page once without cross-checking indexes against tables; on a
    profile of 30,000 contacts it takes tens of milliseconds (benchmarks/bench_storage.py), so
    it runs on every opening for writing rather than only after a crash.
    """
    problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise ProfileDamagedError(damaged_words(db_path, "; ".join(problems)), str(db_path))


def damaged_words(db_path: Path, detail: str) -> str:
    return f"The database {db_path} is damaged ({detail[:200]}). Nothing was changed."


def copy_database(db_path: Path, destination: Path) -> Path:
    """A consistent copy of a live SQLite file (the backup API, not a file copy)."""
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    source = sqlite3.connect(db_path)
    try:
        target = sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    destination.chmod(PRIVATE_FILE_MODE)
    return destination
