"""Bring a profile's database to the newest schema, taking a copy of the file first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from chatplanner.db.database_file import copy_database
from chatplanner.db.fts import is_index_shadow, is_index_table
from chatplanner.db.revisions import MIGRATIONS_DIR, head_revision, is_from_newer_version
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ProfileFromNewerVersionError, ProfileUnusableError

if TYPE_CHECKING:
    from alembic.config import Config

BEFORE_UPGRADE_PREFIX = "before-upgrade-"
KEEP_UPGRADE_COPIES = 3


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The FTS5 tables and their shadow tables are made by hand, not by autogenerate."""
    return not (type_ == "table" and name is not None and is_index_table(name))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _drop_old_upgrade_copies(backups_dir: Path) -> None:
    """Keep the newest KEEP_UPGRADE_COPIES copies taken before upgrades: an upgrade that keeps
    failing must not fill the disk with a full copy per attempt."""
    copies = sorted(
        backups_dir.glob(f"{BEFORE_UPGRADE_PREFIX}*.sqlite3"),
        key=lambda path: (path.stat().st_mtime_ns, path.name),
        reverse=True,
    )
    for old in copies[KEEP_UPGRADE_COPIES:]:
        old.unlink(missing_ok=True)


def _clear_half_made_schema(connection: Connection, db_path: Path) -> None:
    """Drop what a first launch killed by an older chatplanner left: tables without a schema
    version (its CREATE TABLEs committed one by one). Only when they hold no row at all;
    otherwise the file is not ours to empty and nothing is changed."""
    names = [
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    if not names:
        return
    for name in names:
        if is_index_table(name):
            continue  # the full-text indexes' own tables always hold a few rows
        quoted = name.replace('"', '""')
        if connection.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{quoted}")').scalar():
            raise ProfileUnusableError(
                f"The database {db_path} holds tables but no chatplanner schema version, and "
                f"some hold data (in {name}). It may belong to another program; nothing was "
                "changed. Choose another profile with --data-dir."
            )
    for name in names:  # a full-text table first: dropping it drops its own tables
        if not is_index_shadow(name):
            exists = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
            ).scalar()
            if exists:
                connection.exec_driver_sql(f'DROP TABLE "{name.replace(chr(34), chr(34) * 2)}"')


def upgrade_database(engine: Engine, db_path: Path, backups_dir: Path) -> Path | None:
    """Upgrade to head. Returns the path of the copy taken before upgrading, if one was needed."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if is_from_newer_version(current):
        # Alembic cannot go forward from a revision it does not know; nothing is copied either.
        raise ProfileFromNewerVersionError(str(db_path.parent), str(current))
    copy: Path | None = None
    if current is not None:
        stamp = system_clock().strftime("%Y%m%dT%H%M%SZ")
        copy = copy_database(
            db_path, backups_dir / f"{BEFORE_UPGRADE_PREFIX}{current}-{stamp}.sqlite3"
        )
        _drop_old_upgrade_copies(backups_dir)
    from alembic import command

    from chatplanner.db.engine import create_schema_engine

    config = alembic_config()
    # One transaction for every revision, DDL included: a killed upgrade leaves the schema as
    # it was, and the next opening upgrades again from there.
    schema_engine = create_schema_engine(db_path)
    try:
        with schema_engine.begin() as connection:
            if current is None:
                _clear_half_made_schema(connection, db_path)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        schema_engine.dispose()
    return copy
