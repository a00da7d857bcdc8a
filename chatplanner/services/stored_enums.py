"""Stored enum texts read back as the enums, forgiving a text no member has (an older or newer
version's profile, a hand-edited or damaged file). Without SQLAlchemy: the pages read before the
database is open use them too."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from chatplanner.domain.enums import ChecklistPhase, FollowUpOwner, Goal, MeetingMode

E = TypeVar("E", bound=StrEnum)
F = TypeVar("F")

# What a stored text no member has reads as (a damaged or hand-edited file, a newer version's
# profile), where the choice is not the column's plain default (kind Other, stage Not contacted,
# activity Unknown, status Planned, channel Other, no goal):
# a chat of unknown mode is shown as in person, its venue if it has one: no call link is promised;
UNKNOWN_MODE = MeetingMode.IN_PERSON
# a promise of unknown owner is the user's own to-do: nothing is thanked for as the contact's offer;
UNKNOWN_OWNER = FollowUpOwner.ME
# a checklist item of unknown phase is listed first, before the chat, where it is seen in time.
UNKNOWN_PHASE = ChecklistPhase.BEFORE


def enum_or(kind: type[E], value: str | None, fallback: F) -> E | F:
    """A stored enum value, or `fallback` when the stored text is not one."""
    # A dict lookup: calling the enum per row costs seconds over a large profile's lists.
    member = kind._value2member_map_.get(value or "")
    return member if isinstance(member, kind) else fallback


def goal_or_none(value: str | None) -> Goal | None:
    return enum_or(Goal, value, None)
