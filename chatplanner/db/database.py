"""Opening a profile's database: engine, migrations, and the one session factory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.database_file import check_integrity, damaged_words, make_database_private
from chatplanner.db.engine import (
    create_profile_engine,
    create_read_only_engine,
    make_session_factory,
)
from chatplanner.db.fts import ensure_follow_up_index
from chatplanner.db.migrate import current_revision, upgrade_database
from chatplanner.db.plain_reader import on_read_only_file_system
from chatplanner.db.revisions import head_revision, is_from_newer_version
from chatplanner.errors import (
    ProfileDamagedError,
    ProfileFromNewerVersionError,
    ProfileUnusableError,
)


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    # The copy taken before this opening upgraded the schema, if it did.
    pre_upgrade_copy: Path | None = None

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    db_path: Path, backups_dir: Path, *, migrate: bool = True, read_only: bool = False
) -> Database:
    """Open and, with `migrate`, upgrade. Without it (another process owns the profile) an
    out-of-date schema is an error rather than an upgrade under the owner's feet.
    `read_only`: the profile cannot be written; the file is opened without any write."""
    engine: Engine | None = None
    try:
        if read_only:
            if not db_path.exists():
                raise ProfileUnusableError(
                    f"The profile {db_path.parent} is read-only and holds no database."
                )
            immutable = on_read_only_file_system(db_path.parent)
            engine = create_read_only_engine(db_path, immutable=immutable)
            copy = _prepare(engine, db_path, backups_dir, migrate=False, read_only=True)
            load_mappings()
            return Database(db_path, engine, make_session_factory(engine), copy)
        engine = create_profile_engine(db_path)
        copy = _prepare(engine, db_path, backups_dir, migrate=migrate)
        load_mappings()
    except BaseException as error:
        if engine is not None:
            engine.dispose()  # a refused file is not held open
        if not isinstance(error, DatabaseError | OperationalError | sqlite3.DatabaseError):
            raise
        detail = str(getattr(error, "orig", None) or error)
        if _is_damage(detail):
            raise ProfileDamagedError(damaged_words(db_path, detail), str(db_path)) from error
        raise ProfileUnusableError(_explain(db_path, detail)) from error
    return Database(db_path, engine, make_session_factory(engine), copy)


def load_mappings() -> None:
    """The schema's mapped classes, loaded and configured with the database (about a tenth of a
    second): what opens it is about to use them, so the first page that writes does not pay for
    them under a click. Imports and SQLAlchemy's own locked configuring: safe on any thread (the
    window runs them ahead on a worker, `Workspace.load_database_layer`)."""
    from sqlalchemy.orm import configure_mappers

    import chatplanner.db.models  # noqa: F401

    configure_mappers()


def _prepare(
    engine: Engine, db_path: Path, backups_dir: Path, *, migrate: bool, read_only: bool = False
) -> Path | None:
    with engine.connect() as connection:
        # Reading the schema fails fast on a file that is not a SQLite database.
        connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        if migrate:
            check_integrity(db_path, connection.connection.driver_connection)  # type: ignore[arg-type]
    if not migrate:
        current = current_revision(engine)
        if is_from_newer_version(current):
            raise ProfileFromNewerVersionError(str(db_path.parent), str(current))
        if current != head_revision() and read_only:
            raise ProfileUnusableError(
                f"The profile {db_path.parent} is read-only and was made by an older "
                "chatplanner: it needs an upgrade first. Copy the folder somewhere you can "
                "write to and open the copy."
            )
        if current != head_revision():
            raise ProfileUnusableError(
                f"The profile {db_path.parent} is in use by another chatplanner and needs an "
                "upgrade first. Close the other copy and try again."
            )
        return None
    copy = upgrade_database(engine, db_path, backups_dir)
    with engine.begin() as connection:
        # Derived, so made here rather than by a migration: a profile from an earlier
        # version gets its follow-ups indexed once, on this opening.
        ensure_follow_up_index(connection)
    make_database_private(db_path)
    return copy


def _is_damage(detail: str) -> bool:
    return any(
        words in detail for words in ("not a database", "malformed", "corrupt", "disk image")
    )


def _explain(db_path: Path, detail: str) -> str:
    if "readonly" in detail or "read-only" in detail:
        return f"The database {db_path} is read-only. Check the file's permissions."
    if "unable to open" in detail:
        return f"Cannot open the database {db_path}. Check that the folder exists and is writable."
    return f"Cannot open the database {db_path}: {detail}"
