"""Opening a profile's database: engine, migrations, and the one session factory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.engine import create_profile_engine, make_private, make_session_factory
from chatplanner.db.migrate import current_revision, head_revision, upgrade_database
from chatplanner.errors import ProfileUnusableError


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    # The copy taken before this opening upgraded the schema, if it did.
    pre_upgrade_copy: Path | None = None

    def close(self) -> None:
        self.engine.dispose()


def open_database(db_path: Path, backups_dir: Path, *, migrate: bool = True) -> Database:
    """Open and, with `migrate`, upgrade. Without it (another process owns the profile) an
    out-of-date schema is an error rather than an upgrade under the owner's feet."""
    try:
        engine = create_profile_engine(db_path)
        with engine.connect() as connection:
            # Reading the schema fails fast on a file that is not a SQLite database.
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        if migrate:
            copy = upgrade_database(engine, db_path, backups_dir)
            make_private(db_path)
        else:
            copy = None
            if current_revision(engine) != head_revision():
                raise ProfileUnusableError(
                    f"The profile {db_path.parent} is in use by another chatplanner and needs an "
                    "upgrade first. Close the other copy and try again."
                )
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as error:
        raise ProfileUnusableError(_explain(db_path, error)) from error
    return Database(db_path, engine, make_session_factory(engine), copy)


def _explain(db_path: Path, error: Exception) -> str:
    detail = str(getattr(error, "orig", None) or error)
    if "not a database" in detail or "malformed" in detail:
        return (
            f"The database {db_path} is damaged ({detail}). "
            "Nothing was changed; restore it from a backup in the profile's backups folder."
        )
    if "readonly" in detail or "read-only" in detail:
        return f"The database {db_path} is read-only. Check the file's permissions."
    if "unable to open" in detail:
        return f"Cannot open the database {db_path}. Check that the folder exists and is writable."
    return f"Cannot open the database {db_path}: {detail}"
