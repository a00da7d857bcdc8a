"""What needs the user now: the Today list, read from the profile in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    Contact,
    FollowUp,
    Group,
    Meeting,
    Outreach,
    ThankYouDraft,
    Venue,
    contact_groups,
)
from chatplanner.domain.clock import from_db
from chatplanner.domain.contacts import shown_name
from chatplanner.domain.enums import (
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.domain.today import (
    TodayContact,
    TodayFollowUp,
    TodayItem,
    TodayMeeting,
    TodayRules,
    TodaySnapshot,
    build_today,
)
from chatplanner.services.candidates import enum_or, goal_or_none
from chatplanner.services.context import ServiceContext
from chatplanner.services.pipeline_rules import cadences_from, local_timezone, patience_from
from chatplanner.services.settings import SettingsService

# Only these stages need the messages themselves: patience (messaged) and cadence (the rest).
_STAGES_READING_MESSAGES = (Stage.MESSAGED.value, Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value)
# A thank-you counts as sent when the contact reached one of these after the chat began.
_THANKED_STAGES = frozenset({Stage.THANKED, Stage.KEEPING_IN_TOUCH})


class TodayService:
    def __init__(
        self, context: ServiceContext, settings: SettingsService, tz: tzinfo | None = None
    ) -> None:
        self._context = context
        self._settings = settings
        self._tz = tz

    def rules(self) -> TodayRules:
        stored = self._settings.all()
        return TodayRules(
            patience=patience_from(stored),
            cadence_days=cadences_from(stored),
            tz=self._tz or local_timezone(),
        )

    def items(self, now: datetime | None = None) -> list[TodayItem]:
        """Everything that needs the user at `now` (default: the service's clock), most
        urgent first."""
        moment = now or self._context.now()
        return build_today(self.snapshot(), moment, self.rules())

    def snapshot(self) -> TodaySnapshot:
        with self._context.sessions() as session:
            contacts = _contacts(session)
            outreach, thank_you_times = _outreach(session)
            return TodaySnapshot(
                contacts=tuple(contacts.values()),
                outreach=outreach,
                meetings=_meetings(session, contacts, thank_you_times),
                follow_ups=_follow_ups(session),
            )


def _contacts(session: Session) -> dict[int, TodayContact]:
    group_days: dict[int, list[int | None]] = defaultdict(list)
    cadence_rows = session.execute(
        select(contact_groups.c.contact_id, Group.keep_in_touch_days)
        .join(Group, Group.id == contact_groups.c.group_id)
        .where(Group.keep_in_touch_days.is_not(None))
    )
    for contact_id, days in cadence_rows:
        group_days[contact_id].append(days)
    rows = session.execute(
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.stage,
            Contact.kind,
            Contact.stage_changed_at,
            Contact.follow_up_after_days,
            Contact.move_on_after_days,
            Contact.keep_in_touch_days,
            Contact.last_touch_at,
            Contact.snoozed_until,
        ).where(Contact.archived.is_(False))
    )
    contacts = {}
    for row in rows:
        contacts[row.id] = TodayContact(
            id=row.id,
            name=shown_name(row.first_name, row.last_name),
            stage=enum_or(Stage, row.stage, Stage.NOT_CONTACTED),
            kind=enum_or(ContactKind, row.kind, ContactKind.OTHER),
            stage_changed_at=_aware(row.stage_changed_at),
            follow_up_after_days=row.follow_up_after_days,
            move_on_after_days=row.move_on_after_days,
            keep_in_touch_days=row.keep_in_touch_days,
            group_keep_in_touch_days=tuple(group_days.get(row.id, ())),
            last_touch_at=_aware(row.last_touch_at),
            snoozed_until=row.snoozed_until,
        )
    return contacts


def _outreach(
    session: Session,
) -> tuple[tuple[OutreachRecord, ...], dict[int, list[datetime]]]:
    """The messages the rules read, and when thank-yous went out, by contact."""
    rows = session.execute(
        select(
            Outreach.id,
            Outreach.contact_id,
            Outreach.kind,
            Outreach.sent_at,
            Outreach.replied_at,
            Outreach.outcome,
            Outreach.goal,
        )
        .join(Contact, Contact.id == Outreach.contact_id)
        .where(
            Contact.archived.is_(False),
            (Contact.stage.in_(_STAGES_READING_MESSAGES))
            | (Outreach.kind == OutreachKind.THANK_YOU.value),
        )
    )
    records = []
    thank_yous: dict[int, list[datetime]] = defaultdict(list)
    for row in rows:
        kind = enum_or(OutreachKind, row.kind, OutreachKind.TOUCH)
        sent_at = from_db(row.sent_at)
        if kind is OutreachKind.THANK_YOU:
            thank_yous[row.contact_id].append(sent_at)
        records.append(
            OutreachRecord(
                id=row.id,
                contact_id=row.contact_id,
                kind=kind,
                sent_at=sent_at,
                replied_at=_aware(row.replied_at),
                outcome=row.outcome,
                goal=goal_or_none(row.goal),
            )
        )
    return tuple(records), thank_yous


def _meetings(
    session: Session, contacts: dict[int, TodayContact], thank_yous: dict[int, list[datetime]]
) -> tuple[TodayMeeting, ...]:
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.contact_id,
            Meeting.starts_at,
            Meeting.duration_minutes,
            Meeting.status,
            Meeting.mode,
            Venue.name.label("venue_name"),
            ThankYouDraft.sent_at.label("thank_you_sent_at"),
        )
        .outerjoin(Venue, Venue.id == Meeting.venue_id)
        .outerjoin(ThankYouDraft, ThankYouDraft.meeting_id == Meeting.id)
        .where(Meeting.status != MeetingStatus.CANCELLED.value)
    )
    meetings = []
    for row in rows:
        contact = contacts.get(row.contact_id)
        if contact is None:
            continue  # archived
        starts_at = from_db(row.starts_at)
        meetings.append(
            TodayMeeting(
                id=row.id,
                contact_id=row.contact_id,
                starts_at=starts_at,
                duration_minutes=row.duration_minutes or 0,
                status=enum_or(MeetingStatus, row.status, MeetingStatus.PLANNED),
                mode=enum_or(MeetingMode, row.mode, MeetingMode.IN_PERSON),
                place=row.venue_name or "",
                thank_you_sent=row.thank_you_sent_at is not None
                or any(t >= starts_at for t in thank_yous.get(row.contact_id, ()))
                or (
                    contact.stage in _THANKED_STAGES
                    and contact.stage_changed_at is not None
                    and contact.stage_changed_at >= starts_at
                ),
            )
        )
    return tuple(meetings)


def _follow_ups(session: Session) -> tuple[TodayFollowUp, ...]:
    rows = session.execute(
        select(
            FollowUp.id, FollowUp.contact_id, FollowUp.text, FollowUp.due_on, FollowUp.meeting_id
        ).where(
            FollowUp.owner == FollowUpOwner.ME.value,
            FollowUp.done_at.is_(None),
            FollowUp.due_on.is_not(None),
        )
    )
    return tuple(
        TodayFollowUp(
            id=row.id,
            contact_id=row.contact_id,
            text=row.text or "",
            due_on=row.due_on,
            owner=FollowUpOwner.ME,
            meeting_id=row.meeting_id,
        )
        for row in rows
    )


def _aware(moment: datetime | None) -> datetime | None:
    return from_db(moment) if moment is not None else None
