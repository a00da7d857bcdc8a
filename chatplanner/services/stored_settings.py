"""Settings as stored, read with plain SQL: what a service reads through
`ServiceContext.reading` before (or without) SQLAlchemy. Values are JSON, as `SettingsService`
writes them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from typing import Any


def stored_settings(
    connection: sqlite3.Connection, keys: Collection[str] | None = None
) -> dict[str, Any]:
    """The values stored under `keys` (None: every key); a key not stored, or whose value is
    not JSON, is left out (the caller's default applies, as with `SettingsService.get`)."""
    if keys is None:
        rows = connection.execute("SELECT key, value FROM settings")
    else:
        marks = ", ".join("?" * len(keys))
        rows = connection.execute(
            f"SELECT key, value FROM settings WHERE key IN ({marks})", tuple(keys)
        )
    values: dict[str, Any] = {}
    for key, text in rows:
        try:
            values[key] = json.loads(text)
        except ValueError:
            continue
    return values
