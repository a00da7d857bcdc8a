"""Numbers about the user's outreach over a period: the funnel, reply rates, days to reply."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from chatplanner.db.models import (
    AdviceAction,
    Contact,
    Group,
    Meeting,
    MeetingNotes,
    Outreach,
    StageEvent,
    contact_groups,
)
from chatplanner.domain.advice import advice_pieces
from chatplanner.domain.cadence import cadence_days_for
from chatplanner.domain.enums import ContactKind, MeetingStatus, OnlineActivity, OutreachKind, Stage
from chatplanner.domain.follow_through import FollowThrough, count_in, relationships_alive
from chatplanner.domain.insights import InsightSummary, Period, StageEventRecord, summarize
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.domain.schedule import stored_meeting_end
from chatplanner.services.context import ServiceContext
from chatplanner.services.pipeline_rules import cadences_from
from chatplanner.services.settings import SettingsService
from chatplanner.services.stored_enums import enum_or, goal_or_none

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
    follow_through: FollowThrough | None = None

    @property
    def is_empty(self) -> bool:
        return self.attempts == 0 and not any(n for _, n in self.summary.funnel.rows())


class InsightsService:
    def __init__(self, context: ServiceContext, settings: SettingsService | None = None) -> None:
        self._context = context
        self._settings = settings

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
        return Insights(period, summary, attempts, self.follow_through(period))

    # Long: three measures over one read of the period's chats, advice and report-backs.
    def follow_through(self, period: Period) -> FollowThrough:
        """Advice acted on and report-backs sent in the period; relationships alive after 3, 6
        and 12 months, over everyone met."""
        now = self._context.now()
        with self._context.sessions() as session:
            actions = session.execute(
                select(AdviceAction.acted_on, AdviceAction.report_back_sent_at)
            ).all()
            is_done = Meeting.status == MeetingStatus.DONE.value
            done = session.execute(
                select(Meeting.id, Meeting.contact_id, Meeting.starts_at, Meeting.duration_minutes)
                .where(is_done)
                .order_by(Meeting.starts_at)
            ).all()
            # The chats and people asked for as subqueries, not as lists of their ids: with
            # thousands of chats, binding each id was most of the time these reads took.
            done_ids = select(Meeting.id).where(is_done)
            met_ids = select(Meeting.contact_id).where(is_done)
            notes = dict(
                session.execute(
                    select(MeetingNotes.meeting_id, MeetingNotes.advice).where(
                        MeetingNotes.meeting_id.in_(done_ids)
                    )
                ).all()
            )
            touches: dict[int, list[datetime]] = defaultdict(list)
            for contact_id, sent, replied in session.execute(
                select(Outreach.contact_id, Outreach.sent_at, Outreach.replied_at).where(
                    Outreach.contact_id.in_(met_ids)
                )
            ):
                touches[contact_id] += [t for t in (sent, replied) if t is not None]
            people = session.execute(
                select(
                    Contact.id, Contact.kind, Contact.keep_in_touch_days, Contact.last_touch_at
                ).where(Contact.id.in_(met_ids))
            ).all()
            group_days: dict[int, list[int | None]] = defaultdict(list)
            for contact_id, days in session.execute(
                select(contact_groups.c.contact_id, Group.keep_in_touch_days)
                .join(Group, Group.id == contact_groups.c.group_id)
                .where(contact_groups.c.contact_id.in_(met_ids))
            ):
                group_days[contact_id].append(days)
        first_chats: dict[int, datetime] = {}
        for row in done:
            moment = stored_meeting_end(row.starts_at, row.duration_minutes)
            first_chats.setdefault(row.contact_id, moment)
            if row.contact_id in first_chats and moment != first_chats[row.contact_id]:
                touches[row.contact_id].append(moment)  # a later chat is a touch too
        defaults = cadences_from(self._settings.all()) if self._settings else None
        cadence: dict[int, int] = {}
        for contact_id, kind, own, last_touch in people:
            if last_touch is not None:
                touches[contact_id].append(last_touch)
            cadence[contact_id] = cadence_days_for(
                enum_or(ContactKind, kind, ContactKind.OTHER),
                own_days=own,
                group_days=tuple(group_days.get(contact_id, ())),
                **({"defaults": defaults} if defaults else {}),
            )
        given = sum(
            len(advice_pieces(notes.get(row.id) or ""))
            for row in done
            if period.contains(row.starts_at)
        )
        return FollowThrough(
            advice_given=given,
            advice_acted_on=count_in(period, (acted for acted, _sent in actions)),
            report_backs_sent=count_in(
                period, (sent if sent else None for _acted, sent in actions)
            ),
            alive_after=relationships_alive(first_chats, touches, cadence, now),
        )
