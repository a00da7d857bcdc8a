"""Bring a profile's database to the newest schema, taking a copy of the file first."""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from chatplanner.db.models import FTS_TABLE
from chatplanner.domain.clock import system_clock

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Alembic costs a noticeable part of startup to import (benchmarks/bench_startup.py), and an
# up-to-date profile does not need it: the revisions are read from the files, and Alembic is
# imported only to upgrade.
_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The FTS5 table and its shadow tables are made by hand, not by autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def head_revision() -> str:
    """The newest revision: the one no other migration revises (a linear history)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None and down.group(1):
            revised.add(down.group(1))
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
        stamp = system_clock().strftime("%Y%m%dT%H%M%SZ")
        copy = copy_database(db_path, backups_dir / f"before-upgrade-{current}-{stamp}.sqlite3")
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return copy
