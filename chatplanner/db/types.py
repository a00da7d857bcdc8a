"""Column types of the schema that do more than SQLAlchemy's own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from chatplanner.db.stored_moments import NaiveDatetimeError, stored_moment_or_none

__all__ = ["NaiveDatetimeError", "UtcDateTime"]


class UtcDateTime(TypeDecorator[datetime]):
    """A moment: stored as UTC (SQLite keeps the same text as a plain DateTime, so no
    migration), read back aware in UTC. A naive datetime is refused on the way in: whether
    it meant UTC or the computer's local time cannot be told, and guessing moves chats."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"A moment must be a datetime, not {type(value).__name__}.")
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(f"A moment without a time zone cannot be stored: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return stored_moment_or_none(value)
