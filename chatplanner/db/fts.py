"""The SQLite FTS5 indexes over meeting notes and follow-ups: external content, kept in step
by triggers.

The notes' index is made by the first migration. The follow-ups' index came later and is
derived data, so it needs no migration: opening a profile that lacks it makes it and reads every
follow-up into it (`ensure_follow_up_index`); a restore rebuilds both.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from chatplanner.db.fts_terms import FOLLOW_UP_FTS_TABLE, FTS_COLUMNS, FTS_TABLE, FTS_TABLES

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

_FU = FOLLOW_UP_FTS_TABLE
# Only the text is indexed; a follow-up ticked off or moved keeps its entry as it is.
FOLLOW_UP_STATEMENTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {_FU} USING fts5(text, "
    "content='follow_ups', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS follow_ups_ai AFTER INSERT ON follow_ups BEGIN "
    f"INSERT INTO {_FU}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER IF NOT EXISTS follow_ups_ad AFTER DELETE ON follow_ups BEGIN "
    f"INSERT INTO {_FU}({_FU}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER IF NOT EXISTS follow_ups_au AFTER UPDATE OF text ON follow_ups BEGIN "
    f"INSERT INTO {_FU}({_FU}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {_FU}(rowid, text) VALUES (new.id, new.text); END",
)
_FOLLOW_UP_OBJECTS = (_FU, "follow_ups_ai", "follow_ups_ad", "follow_ups_au")

DROP_STATEMENTS = (
    "DROP TRIGGER IF EXISTS meeting_notes_au",
    "DROP TRIGGER IF EXISTS meeting_notes_ad",
    "DROP TRIGGER IF EXISTS meeting_notes_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    "DROP TRIGGER IF EXISTS follow_ups_au",
    "DROP TRIGGER IF EXISTS follow_ups_ad",
    "DROP TRIGGER IF EXISTS follow_ups_ai",
    f"DROP TABLE IF EXISTS {FOLLOW_UP_FTS_TABLE}",
)


def create_fts(connection: Connection) -> None:
    for statement in CREATE_STATEMENTS:
        connection.execute(text(statement))


def drop_fts(connection: Connection) -> None:
    for statement in DROP_STATEMENTS:
        connection.execute(text(statement))


def rebuild_fts(connection: Connection) -> None:
    """Re-read every row of meeting_notes and follow_ups into the indexes (after a restore, or
    a repair); the follow-ups' index is made first if the profile lacks it."""
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
    if not ensure_follow_up_index(connection):
        connection.execute(text(f"INSERT INTO {_FU}({_FU}) VALUES ('rebuild')"))


def ensure_follow_up_index(connection: Connection) -> bool:
    """Make the follow-ups' index and its triggers if any is missing, and read every follow-up
    into it; True when it did. A profile made or last opened by an earlier version lacks it."""
    names = ", ".join(f"'{name}'" for name in _FOLLOW_UP_OBJECTS)
    present = connection.execute(
        text(f"SELECT count(*) FROM sqlite_master WHERE name IN ({names})")
    ).scalar_one()
    if present == len(_FOLLOW_UP_OBJECTS):
        return False
    for statement in FOLLOW_UP_STATEMENTS:
        connection.execute(text(statement))
    connection.execute(text(f"INSERT INTO {_FU}({_FU}) VALUES ('rebuild')"))
    return True


def is_index_table(name: str) -> bool:
    """A full-text index or one of the tables FTS5 keeps for it (made by hand, not the ORM)."""
    return any(name.startswith(table) for table in FTS_TABLES)


def is_index_shadow(name: str) -> bool:
    """One of the tables FTS5 keeps for an index: dropping the index drops it."""
    return is_index_table(name) and name not in FTS_TABLES
