"""A moment as the database stores it, read back without SQLAlchemy (see `types.UtcDateTime`)."""

from __future__ import annotations

from datetime import UTC, datetime


def stored_moment(value: str | datetime) -> datetime:
    """A stored moment, as the column or a raw driver row gives it, aware in UTC.

    Raw rows hold SQLAlchemy's text form "YYYY-MM-DD HH:MM:SS.ffffff", which fromisoformat reads.
    That (naive UTC) form is read with its offset said, which makes it aware in one step,
    several times faster than `replace(tzinfo=...)` afterwards (the People list reads
    thousands); text that carries an offset of its own is read as it is.
    """
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value + "+00:00")
        except ValueError:
            moment = datetime.fromisoformat(value)
    else:
        moment = value
    if moment.tzinfo is UTC:
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
