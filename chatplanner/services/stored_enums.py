"""Stored enum texts read back as the enums, forgiving a text an older profile holds. Without
SQLAlchemy: the pages read before the database is open use them too."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from chatplanner.domain.enums import Goal

E = TypeVar("E", bound=StrEnum)


def enum_or(kind: type[E], value: str | None, fallback: E) -> E:
    """A stored enum value, or `fallback` when the stored text is not one (an old profile)."""
    # A dict lookup: calling the enum per row costs seconds over a large profile's lists.
    member = kind._value2member_map_.get(value or "")
    return member if isinstance(member, kind) else fallback


def goal_or_none(value: str | None) -> Goal | None:
    try:
        return Goal(value) if value else None
    except ValueError:
        return None
