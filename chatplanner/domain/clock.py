"""Time as the app sees it: injected, so rules can be tested with a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

# Returns the current time as an aware UTC datetime.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def to_db(moment: datetime) -> datetime:
    """Aware datetime to the naive-UTC form stored in the database."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(moment: datetime) -> datetime:
    """Naive-UTC datetime from the database to an aware one."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
