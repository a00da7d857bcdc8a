"""The SQLite engine of a profile: WAL journal, foreign keys, private file permissions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

PRIVATE_FILE_MODE = 0o600


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A second process (the CLI reading while the GUI writes) waits instead of failing at once.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_private(db_path: Path) -> None:
    """The database and its WAL side files are readable by the user only."""
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        if path.exists() and (path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)


def create_profile_engine(db_path: Path) -> Engine:
    if not db_path.exists():
        # Create the file ourselves so it is never world-readable, even for an instant.
        fd = os.open(db_path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(fd)
    # Connections move between threads through the pool (imports run off the GUI thread);
    # the pool hands each to one thread at a time, so the sqlite3 thread check is not needed.
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    with engine.connect():
        pass
    make_private(db_path)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services return plain data read inside the unit of work.
    return sessionmaker(engine, expire_on_commit=False)
