"""The schema revisions: which the migrations know, which is the newest, which a file records.

Read from the migration files and the file's `alembic_version` table with the standard library
alone: Alembic and SQLAlchemy cost a noticeable part of start-up to import, and a profile that is
up to date needs neither to be read (`db/plain_reader.py`).
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


@cache
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision, every revision another one revises), read from the migration files."""
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
    return frozenset(revisions), frozenset(revised)


def known_revisions() -> frozenset[str]:
    return _revision_graph()[0]


def is_from_newer_version(revision: str | None) -> bool:
    """A schema revision this copy does not know: written by a newer chatplanner."""
    return revision is not None and revision not in known_revisions()


def stored_revision(db_path: Path) -> str | None:
    """The schema revision a database file records, read without SQLAlchemy and without
    changing the file; None when it has none or cannot be read (a damaged file, say)."""
    try:
        database = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = database.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.Error:
        return None
    finally:
        database.close()


@cache
def head_revision() -> str:
    """The newest revision: the one no other migration revises (a linear history)."""
    revisions, revised = _revision_graph()
    heads = set(revisions - revised)
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()
