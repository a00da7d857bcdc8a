"""A contact's kind, stage, goal and online activity read as one small number.

The People list reads 30,000 rows, and the SQLite driver makes a Python object of every value
it returns: four text columns a row cost more than one number SQLite computes from them (each
member's position in its enum). `members_of` turns a code back into the four members, each
distinct code once.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

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


def _position(column: str, members: Sequence[Enum]) -> str:
    """SQL for the position of the column's value among `members`; a value none of them has
    (or NULL) gives len(members). The values are the enums' own (no quote in any)."""
    cases = " ".join(f"WHEN '{member.value}' THEN {i}" for i, member in enumerate(members))
    return f"CASE {column} {cases} ELSE {len(members)} END"


# The SQL of a contact row's code (a column of `SELECT ... FROM contacts`).
ENUM_CODE_SQL = (
    f"((({_position('kind', _KINDS)}) * {_BASE} + {_position('stage', _STAGES)}) * {_BASE}"
    f" + {_position('goal', _GOALS)}) * {_BASE} + {_position('online_activity', _ACTIVITIES)}"
)
assert "'" not in "".join(str(m.value) for m in (*_KINDS, *_STAGES, *_GOALS, *_ACTIVITIES))


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
