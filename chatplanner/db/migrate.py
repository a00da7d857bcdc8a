"""Bring a profile's database to the newest schema, taking a copy of the file first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from chatplanner.db.models import FTS_TABLE

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The FTS5 table and its shadow tables are made by hand, not by autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


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
    destination.chmod(0o600)
    return destination


def upgrade_database(engine: Engine, db_path: Path, backups_dir: Path) -> Path | None:
    """Upgrade to head. Returns the path of the copy taken before upgrading, if one was needed."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    copy: Path | None = None
    if current is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        copy = copy_database(db_path, backups_dir / f"before-upgrade-{current}-{stamp}.sqlite3")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return copy
