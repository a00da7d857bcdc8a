"""Reading a profile's database with the sqlite3 module alone.

SQLAlchemy and the schema's mapped classes take about a fifth of a second to load. What the
first page shows, and what a plain command prints, can be read before that (or without it) from
a read-only connection of the standard library's, through the same SQL the services run once the
database is open (`services/context.ServiceContext.reading`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from chatplanner.db.database_file import set_writing_pragmas
from chatplanner.db.revisions import head_revision, stored_revision


def on_read_only_file_system(directory: Path) -> bool:
    """Nothing can change the files there (a read-only mount): SQLite may read them as
    immutable."""
    try:
        return bool(os.statvfs(directory).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def read_only_uri(db_path: Path, *, immutable: bool) -> str:
    """The URI that opens `db_path` without any write to it or its folder. `immutable`: on a
    read-only file system, where a WAL database cannot otherwise be opened."""
    return f"{db_path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def open_plain_reader(db_path: Path, *, writable: bool = False) -> sqlite3.Connection | None:
    """A read-only connection to `db_path` if its schema is the newest one, else None (no file
    yet, an older schema that opening will upgrade, a newer one, a file that cannot be read):
    then only the full opening can say what to do.

    `writable` (the caller holds the profile's lock): a connection that may also write, with
    the engine's pragmas, its transactions begun and ended by the caller. Not written through
    until the caller has prepared the file for it (`Workspace`'s plain writer); closing it, as
    the last connection, tidies the WAL's side files away, which a read-only one cannot."""
    if not db_path.is_file() or stored_revision(db_path) != head_revision():
        return None
    try:
        if writable:
            connection = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
            set_writing_pragmas(connection)
        else:
            immutable = on_read_only_file_system(db_path.parent)
            connection = sqlite3.connect(
                read_only_uri(db_path, immutable=immutable), uri=True, check_same_thread=False
            )
            # A writer (the CLI while the window runs) is waited for rather than failed on.
            connection.execute("PRAGMA busy_timeout=5000")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return None
    return connection
