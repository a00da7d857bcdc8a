"""A profile whose enum columns hold texts no member has: as a hand-edited or damaged file, a
crafted backup or a newer version's profile leaves them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

UNKNOWN = "from-a-newer-version"

# Every column that stores an enum's value.
ENUM_COLUMNS = (
    ("contacts", "kind"),
    ("contacts", "goal"),
    ("contacts", "online_activity"),
    ("contacts", "stage"),
    ("meetings", "mode"),
    ("meetings", "status"),
    ("meetings", "travel_mode"),
    ("outreach", "kind"),
    ("outreach", "channel"),
    ("outreach", "goal"),
    ("stage_events", "stage"),
    ("checklist_items", "phase"),
    ("follow_ups", "owner"),
    ("groups", "kind"),
    ("venues", "kind"),
)


def write_unknown_values(profile: Path, *, every_other_row: bool = False) -> None:
    """Every enum column of every row (or of the rows of odd ids, the others left as they are
    beside them: a chat online, a promise of theirs) holds a text no member has."""
    rows = "id % 2 = 1" if every_other_row else "1"
    with sqlite3.connect(profile / "chatplanner.sqlite3") as database:
        for table, column in ENUM_COLUMNS:
            database.execute(f"UPDATE {table} SET {column} = ? WHERE {rows}", (UNKNOWN,))
    database.close()
