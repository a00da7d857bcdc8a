"""Numbers about the user's outreach over a period: the funnel, reply rates, days to reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from chatplanner.db.models import Contact, Outreach, StageEvent
from chatplanner.domain.enums import OnlineActivity, OutreachKind, Stage
from chatplanner.domain.insights import InsightSummary, Period, StageEventRecord, summarize
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.services.candidates import enum_or, goal_or_none
from chatplanner.services.context import ServiceContext

# Far enough back for "all time"; stored dates are never older than this.
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    label: str
    days: int | None  # None: all time


PERIOD_CHOICES: tuple[PeriodChoice, ...] = (
    PeriodChoice("Last 30 days", 30),
    PeriodChoice("Last 90 days", 90),
    PeriodChoice("Last 12 months", 365),
    PeriodChoice("All time", None),
)


@dataclass(frozen=True, slots=True)
class Insights:
    period: Period
    summary: InsightSummary
    attempts: int  # first messages sent in the period

    @property
    def is_empty(self) -> bool:
        return self.attempts == 0 and not any(n for _, n in self.summary.funnel.rows())


class InsightsService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def period(self, days: int | None, now: datetime | None = None) -> Period:
        """The last `days` days up to `now` (None: since the beginning)."""
        end = (now or self._context.now()) + timedelta(seconds=1)
        start = _BEGINNING if days is None else end - timedelta(days=days)
        return Period(start, end)

    def insights(self, days: int | None = 90, now: datetime | None = None) -> Insights:
        period = self.period(days, now)
        with self._context.sessions() as session:
            events = [
                StageEventRecord(
                    row.contact_id, enum_or(Stage, row.stage, Stage.NOT_CONTACTED), row.at
                )
                for row in session.execute(
                    select(StageEvent.contact_id, StageEvent.stage, StageEvent.at)
                )
            ]
            counted = (OutreachKind.FIRST_MESSAGE.value, OutreachKind.FOLLOW_UP.value)
            outreach = [
                OutreachRecord(
                    id=row.id,
                    contact_id=row.contact_id,
                    kind=enum_or(OutreachKind, row.kind, OutreachKind.TOUCH),
                    sent_at=row.sent_at,
                    replied_at=row.replied_at if row.replied_at else None,
                    outcome=row.outcome,
                    goal=goal_or_none(row.goal),
                )
                for row in session.execute(
                    select(
                        Outreach.id,
                        Outreach.contact_id,
                        Outreach.kind,
                        Outreach.sent_at,
                        Outreach.replied_at,
                        Outreach.outcome,
                        Outreach.goal,
                    ).where(Outreach.kind.in_(counted))
                )
            ]
            # Only the people written to: the charts look up no one else, and a large
            # network has tens of thousands of others.
            written_to = select(Outreach.contact_id).where(Outreach.kind.in_(counted))
            people = session.execute(
                select(Contact.id, Contact.online_activity, Contact.goal).where(
                    Contact.id.in_(written_to)
                )
            ).all()
        activity = {
            row.id: enum_or(OnlineActivity, row.online_activity, OnlineActivity.UNKNOWN)
            for row in people
        }
        goals = {row.id: goal_or_none(row.goal) for row in people}
        summary = summarize(
            events, outreach, period, activity_by_contact=activity, goal_by_contact=goals
        )
        attempts = sum(
            1
            for m in outreach
            if m.kind is OutreachKind.FIRST_MESSAGE and period.contains(m.sent_at)
        )
        return Insights(period, summary, attempts)
