"""The SQLite FTS5 index over meeting notes: external content, kept in step by triggers."""

from __future__ import annotations

from sqlalchemy import Connection, text

from chatplanner.db.models import FTS_COLUMNS, FTS_TABLE

_COLS = ", ".join(FTS_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS)

# `remove_diacritics 2` lets "cafe" find "Café" and "Zoe" find "Zoë".
CREATE_STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_COLS}, "
    "content='meeting_notes', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS meeting_notes_ai AFTER INSERT ON meeting_notes BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS meeting_notes_ad AFTER DELETE ON meeting_notes BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS meeting_notes_au AFTER UPDATE ON meeting_notes BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
)

DROP_STATEMENTS = (
    "DROP TRIGGER IF EXISTS meeting_notes_au",
    "DROP TRIGGER IF EXISTS meeting_notes_ad",
    "DROP TRIGGER IF EXISTS meeting_notes_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)


def create_fts(connection: Connection) -> None:
    for statement in CREATE_STATEMENTS:
        connection.execute(text(statement))


def drop_fts(connection: Connection) -> None:
    for statement in DROP_STATEMENTS:
        connection.execute(text(statement))


def rebuild_fts(connection: Connection) -> None:
    """Re-read every row of meeting_notes into the index (after a restore, or a repair)."""
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))


def quote_match_query(user_text: str) -> str:
    """Turn what a user typed into a safe FTS5 MATCH expression: every word a quoted prefix.

    Raw input would be parsed as FTS5 syntax (quotes, AND, NEAR, column filters) and can raise.
    """
    words = [w for w in user_text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)
