"""The stored name key of each contact (`contacts.name_key`): what keeps it true.

The key is `name_sort_key(first_name, last_name)`. The application writes it on every insert and
update (ORM events in `db/models.py`, a column default for bulk inserts, and the importer's bulk
updates). A trigger covers every other writer, including other tools: when the names change and
the key does not, the key becomes NULL, and readers compute a NULL key themselves. So a stored
key is never stale; at worst it is missing. (A rename through the ORM that keeps the key, such as
"anna" to "Anna", is cleared by the trigger too; the ORM writes the key back at once.)
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from chatplanner.domain.text import name_sort_key

_STALE_TRIGGER = "contacts_name_key_stale"

_CREATE_TRIGGER = (
    f"CREATE TRIGGER IF NOT EXISTS {_STALE_TRIGGER} "
    "AFTER UPDATE OF first_name, last_name ON contacts "
    "WHEN NEW.name_key IS OLD.name_key "
    "AND (NEW.first_name IS NOT OLD.first_name OR NEW.last_name IS NOT OLD.last_name) "
    "BEGIN UPDATE contacts SET name_key = NULL WHERE id = NEW.id; END"
)

_FILL_CHUNK = 5000


def create_stale_key_trigger(connection: Connection) -> None:
    connection.execute(text(_CREATE_TRIGGER))


def drop_stale_key_trigger(connection: Connection) -> None:
    connection.execute(text(f"DROP TRIGGER IF EXISTS {_STALE_TRIGGER}"))


def fill_missing_name_keys(connection: Connection) -> int:
    """Compute every NULL key; returns how many were filled."""
    rows = connection.execute(
        text("SELECT id, first_name, last_name FROM contacts WHERE name_key IS NULL")
    ).all()
    keys = [{"key": name_sort_key(first, last), "id": row_id} for row_id, first, last in rows]
    statement = text("UPDATE contacts SET name_key = :key WHERE id = :id")
    for start in range(0, len(keys), _FILL_CHUNK):
        connection.execute(statement, keys[start : start + _FILL_CHUNK])
    return len(keys)
