"""What the Today page shows: its items in words, their kinds, and the list they come in.

Apart from the rules (`domain/today.py`) that find them: Today's list read ahead by a second
process (services/today_ahead) comes back as these, and the window shows it having loaded only
this module, not the rules and their phrasing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

# How many items of each kind the Today page lists at first, before a "Show more": a large
# profile can owe thousands of thank-yous, and a card for each would take seconds to build.
FIRST_LISTED = 25


class TodayKind(StrEnum):
    UPCOMING_CHAT = "upcoming_chat"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    MOVE_ON = "move_on"
    KEEP_IN_TOUCH = "keep_in_touch"
    REPORT_BACK = "report_back"


@dataclass(frozen=True, slots=True)
class TodayItem:
    kind: TodayKind
    contact_id: int
    contact_name: str
    due: datetime | date  # a moment for chats, thank-yous and nudges; a day for promises, hellos
    reason: str  # plain text, may hold user data (a place, a promise): escape before rich text
    meeting_id: int | None = None
    outreach_id: int | None = None  # the first message a nudge is about
    follow_up_id: int | None = None
    when_text: str = ""  # `due` in the words the page shows
    advice_id: int | None = None  # the advice acted on that a report-back is about


@dataclass(frozen=True, slots=True)
class TodayList:
    """What needs the user, most urgent first: `items`, in words, are the first of each kind
    (as many as were asked for), `counts` how many of each kind there are in all, and
    `contact_ids` whom each kind is about."""

    items: tuple[TodayItem, ...]
    counts: Mapping[TodayKind, int]
    contact_ids: Mapping[TodayKind, frozenset[int]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())
