"""A contact's kind, stage, goal and online activity read as one small number.

The People list reads 30,000 rows, and the SQLite driver makes a Python object of every value
it returns: four text columns a row cost more than one number SQLite computes from them (each
member's position in its enum). `members_of` turns a code back into the four members, each
distinct code once.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import case

from chatplanner.db.models import Contact
from chatplanner.domain.enums import ContactKind, Goal, OnlineActivity, Stage

T = TypeVar("T")

_BASE = 100  # more than any of the enums' members, so each position has its own digits
_KINDS, _STAGES, _GOALS, _ACTIVITIES = (
    list(ContactKind),
    list(Stage),
    list(Goal),
    list(OnlineActivity),
)

Members = tuple[ContactKind, Stage, Goal | None, OnlineActivity]


def _position(column: Any, members: Sequence[Enum]) -> Any:
    """The position of the column's value among `members`; a value none of them has (or
    NULL) gives len(members)."""
    return case({m.value: i for i, m in enumerate(members)}, value=column, else_=len(members))


def enum_code_column() -> Any:
    """The SQL expression of a contact row's code."""
    return (
        (_position(Contact.kind, _KINDS) * _BASE + _position(Contact.stage, _STAGES)) * _BASE
        + _position(Contact.goal, _GOALS)
    ) * _BASE + _position(Contact.online_activity, _ACTIVITIES)


def _member(members: Sequence[T], position: int, default: T) -> T:
    return members[position] if position < len(members) else default


class _MembersOfCode(dict[int, Members]):
    """Code -> members, each code decoded the first time it is seen. A value that is no
    member's reads as the ORM's default: kind Other, stage Not contacted, no goal, activity
    Unknown."""

    def __missing__(self, code: int) -> Members:
        rest, activity = divmod(code, _BASE)
        rest, goal = divmod(rest, _BASE)
        kind, stage = divmod(rest, _BASE)
        members = self[code] = (
            _member(_KINDS, kind, ContactKind.OTHER),
            _member(_STAGES, stage, Stage.NOT_CONTACTED),
            _member(_GOALS, goal, None),
            _member(_ACTIVITIES, activity, OnlineActivity.UNKNOWN),
        )
        return members


members_of = _MembersOfCode().__getitem__
