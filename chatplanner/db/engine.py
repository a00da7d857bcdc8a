"""The SQLite engine of a profile: WAL journal, foreign keys, private file permissions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from chatplanner.db.database_file import make_database_private, set_writing_pragmas
from chatplanner.db.plain_reader import read_only_uri
from chatplanner.profile import PRIVATE_FILE_MODE


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    set_writing_pragmas(dbapi_connection)


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # No journal mode change: that is a write. The file is read as it is.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_read_only_engine(db_path: Path, *, immutable: bool) -> Engine:
    """An engine that never writes the file nor its folder (a read-only profile).

    `immutable`: the file system is read-only, so no one can be changing the file and SQLite
    may skip its locks and shared memory (a WAL database cannot otherwise be opened there).
    """
    uri = read_only_uri(db_path, immutable=immutable)
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
    )
    event.listen(engine, "connect", _on_connect_read_only)
    with engine.connect():
        pass
    return engine


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
    make_database_private(db_path)
    return engine


def create_schema_engine(db_path: Path) -> Engine:
    """An engine for schema changes, whose DDL is inside its transaction.

    pysqlite (Python 3.11) opens a transaction only before INSERT/UPDATE/DELETE, so the
    `CREATE TABLE`s of a migration each commit on their own and a killed first launch leaves
    half a schema. SQLAlchemy's documented recipe for the SQLite dialect ("Serializable
    isolation / Savepoints / Transactional DDL"): turn pysqlite's own transaction handling off
    and emit BEGIN ourselves. IMMEDIATE takes the write lock at once: a schema change is a write.
    The everyday engine keeps pysqlite's behaviour, under which readers never hold a snapshot
    that a concurrent writer would make stale.
    """
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False, "isolation_level": None},
        poolclass=NullPool,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediately)
    return engine


def _begin_immediately(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services return plain data read inside the unit of work.
    return sessionmaker(engine, expire_on_commit=False)
