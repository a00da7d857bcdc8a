"""The full-text indexes' names and what a search becomes in FTS5: all that reading them needs,
without SQLAlchemy (`db/fts.py` makes and keeps the indexes)."""

from __future__ import annotations

# Full-text index over meeting notes. FTS5 is not expressible in the ORM: created by the
# migration and by `fts.create_fts`, next to the tables of models.py.
FTS_TABLE = "meeting_notes_fts"
FTS_COLUMNS = ("their_past", "their_present", "their_goals", "advice", "resources", "free_notes")
# Full-text index over the follow-ups promised in chats (their text). Derived like the one above,
# made on opening when a profile lacks it (`fts.ensure_follow_up_index`), never by a migration.
FOLLOW_UP_FTS_TABLE = "follow_ups_fts"
FTS_TABLES = (FTS_TABLE, FOLLOW_UP_FTS_TABLE)


def quote_match_query(user_text: str) -> str:
    """Turn what a user typed into a safe FTS5 MATCH expression: every word a quoted prefix.

    Raw input would be parsed as FTS5 syntax (quotes, AND, NEAR, column filters) and can raise.
    """
    words = [w for w in user_text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)
