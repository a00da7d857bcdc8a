"""A moment as the database stores it, read back without SQLAlchemy (see `types.UtcDateTime`)."""

from __future__ import annotations

from datetime import UTC, datetime


def stored_moment(value: str | datetime) -> datetime:
    """A stored moment, as the column or a raw driver row gives it, aware in UTC.

    Raw rows hold SQLAlchemy's text form "YYYY-MM-DD HH:MM:SS.ffffff", which fromisoformat reads.
    """
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def stored_text(moment: datetime) -> str:
    """An aware moment as the database stores it (UTC, "YYYY-MM-DD HH:MM:SS.ffffff"): what plain
    SQL compares a stored moment with."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
