"""Moments and days as the database stores them, read back without SQLAlchemy (see
`types.UtcDateTime`, and SQLAlchemy's `Date` on SQLite)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, overload


class NaiveDatetimeError(ValueError):
    """A datetime without a zone was about to be stored: its moment is unknown."""


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


def stored_moment_or_none(value: str | datetime | None) -> datetime | None:
    """A moment column that may be empty."""
    return None if value is None else stored_moment(value)


@overload
def stored_day(value: str | date) -> date: ...
@overload
def stored_day(value: None) -> None: ...
def stored_day(value: str | date | None) -> date | None:
    """A day column: a raw driver row holds "YYYY-MM-DD", as SQLAlchemy writes it."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def stored_text(moment: datetime) -> str:
    """An aware moment as the database stores it (UTC, "YYYY-MM-DD HH:MM:SS.ffffff"): what plain
    SQL compares a stored moment with, and writes. A naive one is refused, as by the column
    (`types.UtcDateTime`): whether it meant UTC or local time cannot be told."""
    if not isinstance(moment, datetime):
        raise TypeError(f"A moment must be a datetime, not {type(moment).__name__}.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(f"A moment without a time zone cannot be stored: {moment!r}")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def stored_day_text(day: date) -> str:
    """A day as SQLAlchemy's `Date` stores it on SQLite ("YYYY-MM-DD")."""
    return day.isoformat()


def stored_flag(value: Any) -> int:
    """A flag as SQLAlchemy's `Boolean` stores it on SQLite (1 or 0)."""
    return 1 if value else 0
