"""Numbers about the user's outreach over a period: the funnel, reply rates, days to reply."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from chatplanner.db.models import (
    Contact,
    Outreach,
    StageEvent,
)
from chatplanner.db.stored_moments import stored_day, stored_moment, stored_moment_or_none
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


# The people met: a subquery over the chats done (its one parameter, the status "done").
_MET = "(SELECT contact_id FROM meetings WHERE status = ?)"


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
        done_status = (MeetingStatus.DONE.value,)
        # Plain SQL: through the ORM, making each of some 30,000 values of 10,000 chats took
        # longer than the reads. The chats and people asked for as subqueries, not as lists
        # of their ids: with thousands of chats, binding each id took longer still.
        with self._context.reading() as connection:
            actions = [
                (stored_day(acted), stored_moment_or_none(sent))
                for acted, sent in connection.execute(
                    "SELECT acted_on, report_back_sent_at FROM advice_actions"
                )
            ]
            done = [
                (meeting_id, contact_id, stored_moment(starts_at), minutes)
                for meeting_id, contact_id, starts_at, minutes in connection.execute(
                    "SELECT id, contact_id, starts_at, duration_minutes FROM meetings "
                    "WHERE status = ? ORDER BY starts_at",
                    done_status,
                )
            ]
            notes: dict[int, str | None] = dict(
                connection.execute(
                    "SELECT meeting_id, advice FROM meeting_notes WHERE meeting_id IN "
                    "(SELECT id FROM meetings WHERE status = ?)",
                    done_status,
                ).fetchall()
            )
            touches: dict[int, list[datetime]] = defaultdict(list)
            for contact_id, sent, replied in connection.execute(
                f"SELECT contact_id, sent_at, replied_at FROM outreach WHERE contact_id IN {_MET}",
                done_status,
            ):
                touches[contact_id] += [stored_moment(t) for t in (sent, replied) if t is not None]
            people = connection.execute(
                "SELECT id, kind, keep_in_touch_days, last_touch_at FROM contacts "
                f"WHERE id IN {_MET}",
                done_status,
            ).fetchall()
            group_days: dict[int, list[int | None]] = defaultdict(list)
            for contact_id, days in connection.execute(
                "SELECT contact_groups.contact_id, groups.keep_in_touch_days FROM contact_groups "
                "JOIN groups ON groups.id = contact_groups.group_id "
                f"WHERE contact_groups.contact_id IN {_MET}",
                done_status,
            ):
                group_days[contact_id].append(days)
        first_chats: dict[int, datetime] = {}
        for _id, contact_id, starts_at, minutes in done:
            moment = stored_meeting_end(starts_at, minutes)
            first_chats.setdefault(contact_id, moment)
            if contact_id in first_chats and moment != first_chats[contact_id]:
                touches[contact_id].append(moment)  # a later chat is a touch too
        defaults = cadences_from(self._settings.all()) if self._settings else None
        cadence: dict[int, int] = {}
        for contact_id, kind, own, last_touch in people:
            if last_touch is not None:
                touches[contact_id].append(stored_moment(last_touch))
            cadence[contact_id] = cadence_days_for(
                enum_or(ContactKind, kind, ContactKind.OTHER),
                own_days=own,
                group_days=tuple(group_days.get(contact_id, ())),
                **({"defaults": defaults} if defaults else {}),
            )
        given = sum(
            len(advice_pieces(notes.get(meeting_id) or ""))
            for meeting_id, _contact, starts_at, _minutes in done
            if period.contains(starts_at)
        )
        return FollowThrough(
            advice_given=given,
            advice_acted_on=count_in(period, (acted for acted, _sent in actions)),
            report_backs_sent=count_in(
                period, (sent if sent else None for _acted, sent in actions)
            ),
            alive_after=relationships_alive(first_chats, touches, cadence, now),
        )
