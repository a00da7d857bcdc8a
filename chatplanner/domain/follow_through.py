"""Whether the user follows through: advice acted on, report-backs sent, and relationships still
alive 3, 6 and 12 months after the first chat (a touch within the person's cadence)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from chatplanner.domain.insights import Period

ALIVE_AFTER_MONTHS: tuple[int, ...] = (3, 6, 12)
_DAYS_PER_MONTH = 30.44


@dataclass(frozen=True, slots=True)
class AliveAfter:
    months: int
    alive: int  # relationships with a touch within their cadence at that mark
    of: int  # relationships whose first chat is at least that old

    @property
    def rate(self) -> float | None:
        return self.alive / self.of if self.of else None


@dataclass(frozen=True, slots=True)
class FollowThrough:
    advice_given: int  # pieces of advice from chats in the period
    advice_acted_on: int  # acted on in the period
    report_backs_sent: int  # sent in the period
    alive_after: tuple[AliveAfter, ...]


def relationships_alive(
    first_chats: Mapping[int, datetime],
    touches: Mapping[int, Iterable[datetime]],
    cadence_days: Mapping[int, int],
    now: datetime,
    months: Iterable[int] = ALIVE_AFTER_MONTHS,
) -> tuple[AliveAfter, ...]:
    """For each mark (3, 6, 12 months after a person's first chat), how many of the people whose
    mark has passed had a touch in the cadence before it (the chat itself counts only for marks
    closer to it than the cadence)."""
    results = []
    for month in months:
        span = timedelta(days=round(month * _DAYS_PER_MONTH))
        latest = now - span  # a first chat after this has not reached the mark yet
        alive = of = 0
        for contact_id, first in first_chats.items():
            if first > latest:
                continue
            of += 1
            window = timedelta(days=cadence_days.get(contact_id, 90))
            if span <= window:  # the chat itself is in the window before the mark
                alive += 1
                continue
            theirs = touches.get(contact_id)
            if theirs:
                mark = first + span
                if any(mark - window <= moment <= mark for moment in theirs):
                    alive += 1
        results.append(AliveAfter(month, alive, of))
    return tuple(results)


def count_in(period: Period, moments: Iterable[datetime | date | None]) -> int:
    count = 0
    for moment in moments:
        if moment is None:
            continue
        if isinstance(moment, datetime):
            count += period.contains(moment)
        else:
            count += period.start.date() <= moment <= period.end.date()
    return count
