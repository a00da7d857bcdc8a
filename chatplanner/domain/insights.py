"""Plain numbers about the user's outreach, ready for charts: the funnel, reply rates, and how
long replies take.

An attempt is a first message and its follow-ups (see `pipeline.attempts_of`); it belongs to a
period when its first message was sent in it, and counts as replied when any of its messages
got an answer, whenever that answer came.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from chatplanner.domain.enums import Goal, OnlineActivity, Stage
from chatplanner.domain.pipeline import Attempt, OutreachRecord, attempts_of

NO_GOAL_KEY = "none"


@dataclass(frozen=True, slots=True)
class StageEventRecord:
    contact_id: int
    stage: Stage
    at: datetime  # aware UTC


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time: from `start` (included) to `end` (excluded), aware datetimes."""

    start: datetime
    end: datetime

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True, slots=True)
class Funnel:
    """How many different contacts reached each step in a period."""

    messaged: int = 0
    replied: int = 0
    met: int = 0
    thanked: int = 0

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("Messaged", self.messaged),
            ("Replied", self.replied),
            ("Met", self.met),
            ("Thanked", self.thanked),
        ]


@dataclass(frozen=True, slots=True)
class ReplyRate:
    key: str  # an enum value, or NO_GOAL_KEY
    label: str
    sent: int
    replied: int

    @property
    def rate(self) -> float | None:
        """Replies per attempt, 0.0 to 1.0; None when nothing was sent (not zero: unknown)."""
        return self.replied / self.sent if self.sent else None


@dataclass(frozen=True, slots=True)
class InsightSummary:
    funnel: Funnel
    reply_rate_by_activity: tuple[ReplyRate, ...]
    reply_rate_by_goal: tuple[ReplyRate, ...]
    median_days_to_reply: float | None


def funnel(events: Iterable[StageEventRecord], period: Period) -> Funnel:
    """Distinct contacts moved into messaged, replied, met and thanked within `period`."""
    reached: dict[Stage, set[int]] = defaultdict(set)
    for event in events:
        if period.contains(event.at):
            reached[event.stage].add(event.contact_id)
    return Funnel(
        messaged=len(reached[Stage.MESSAGED]),
        replied=len(reached[Stage.REPLIED]),
        met=len(reached[Stage.MET]),
        thanked=len(reached[Stage.THANKED]),
    )


def attempts_in(outreach: Iterable[OutreachRecord], period: Period) -> list[Attempt]:
    """Every attempt whose first message was sent in `period`, oldest first."""
    by_contact: dict[int, list[OutreachRecord]] = defaultdict(list)
    for message in outreach:
        by_contact[message.contact_id].append(message)
    found = [
        attempt
        for messages in by_contact.values()
        for attempt in attempts_of(messages)
        if period.contains(attempt.first.sent_at)
    ]
    found.sort(key=lambda a: (a.first.sent_at, a.first.id))
    return found


def reply_rate_by_activity(
    outreach: Iterable[OutreachRecord],
    activity_by_contact: Mapping[int, OnlineActivity],
    period: Period,
) -> tuple[ReplyRate, ...]:
    """One row per activity level, in a fixed order; contacts not in the mapping are unknown."""
    attempts = attempts_in(outreach, period)

    def activity(a: Attempt) -> str:
        return activity_by_contact.get(a.first.contact_id, OnlineActivity.UNKNOWN).value

    keys = [(level.value, level.label) for level in OnlineActivity]
    return _rates(attempts, activity, keys)


def reply_rate_by_goal(
    outreach: Iterable[OutreachRecord],
    period: Period,
    goal_by_contact: Mapping[int, Goal | None] | None = None,
) -> tuple[ReplyRate, ...]:
    """One row per goal, then "No goal set". The goal is the one the first message recorded,
    else the contact's goal from `goal_by_contact`."""
    attempts = attempts_in(outreach, period)
    fallback = goal_by_contact or {}

    def goal(a: Attempt) -> str:
        chosen = a.first.goal or fallback.get(a.first.contact_id)
        return chosen.value if chosen is not None else NO_GOAL_KEY

    keys = [(g.value, g.label) for g in Goal] + [(NO_GOAL_KEY, "No goal set")]
    return _rates(attempts, goal, keys)


def median_days_to_reply(outreach: Iterable[OutreachRecord], period: Period) -> float | None:
    """Median days from a first message to the first reply (one decimal); None without replies."""
    waits = []
    for attempt in attempts_in(outreach, period):
        reply_at = attempt.first_reply_at
        # A reply dated before the message is a typing slip in the data: not a real wait.
        if reply_at is not None and reply_at >= attempt.first.sent_at:
            waits.append((reply_at - attempt.first.sent_at).total_seconds() / 86400)
    return round(statistics.median(waits), 1) if waits else None


def summarize(
    events: Iterable[StageEventRecord],
    outreach: Iterable[OutreachRecord],
    period: Period,
    *,
    activity_by_contact: Mapping[int, OnlineActivity] | None = None,
    goal_by_contact: Mapping[int, Goal | None] | None = None,
) -> InsightSummary:
    messages = list(outreach)
    return InsightSummary(
        funnel=funnel(events, period),
        reply_rate_by_activity=reply_rate_by_activity(messages, activity_by_contact or {}, period),
        reply_rate_by_goal=reply_rate_by_goal(messages, period, goal_by_contact),
        median_days_to_reply=median_days_to_reply(messages, period),
    )


def _rates(
    attempts: list[Attempt], key_of: Callable[[Attempt], str], keys: list[tuple[str, str]]
) -> tuple[ReplyRate, ...]:
    sent: dict[str, int] = defaultdict(int)
    replied: dict[str, int] = defaultdict(int)
    for attempt in attempts:
        key = key_of(attempt)
        sent[key] += 1
        replied[key] += attempt.replied
    return tuple(ReplyRate(key, label, sent[key], replied[key]) for key, label in keys)
