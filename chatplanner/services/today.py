"""What needs the user now: the Today list, read from the profile in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from chatplanner.db.models import (
    AdviceAction,
    Contact,
    FollowUp,
    Group,
    Meeting,
    Outreach,
    ThankYouDraft,
    Venue,
    contact_groups,
)
from chatplanner.domain.enums import (
    ContactKind,
    FollowUpOwner,
    MeetingMode,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.person_names import called_name, shown_name
from chatplanner.domain.pipeline import OutreachRecord
from chatplanner.domain.today import (
    TodayContact,
    TodayFollowUp,
    TodayItem,
    TodayKind,
    TodayList,
    TodayMeeting,
    TodayReportBack,
    TodayRules,
    TodaySnapshot,
    build_today,
    today_list,
)
from chatplanner.services.candidates import enum_or, goal_or_none
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.context import ServiceContext
from chatplanner.services.pipeline_rules import cadences_from, patience_from
from chatplanner.services.settings import SettingsService

# Only these stages need the messages themselves: patience (messaged) and cadence (the rest).
_STAGES_READING_MESSAGES = (Stage.MESSAGED.value, Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value)
# The stages whose cadence reminds the user to keep in touch.
_STAGES_KEPT_IN_TOUCH = (Stage.THANKED.value, Stage.KEEPING_IN_TOUCH.value)
# A thank-you counts as sent when the contact reached one of these after the chat began.
_THANKED_STAGES = frozenset({Stage.THANKED, Stage.KEEPING_IN_TOUCH})


class TodayService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._context = context
        self._settings = settings
        # Whether the last read left out someone's clock because the city list was not read.
        self.places_pending = False

    def rules(self) -> TodayRules:
        stored = self._settings.all()
        return TodayRules(
            patience=patience_from(stored),
            cadence_days=cadences_from(stored),
            tz=self._context.zone(),
        )

    def items(self, now: datetime | None = None, *, read_places: bool = True) -> list[TodayItem]:
        """Everything that needs the user at `now` (default: the service's clock), most
        urgent first. Without `read_places`, an online call shows the other person's clock
        only if the offline city list is already read (see `places_pending`)."""
        moment = now or self._context.now()
        return build_today(self.snapshot(read_places=read_places), moment, self.rules())

    def listing(
        self,
        shown: Mapping[TodayKind, int],
        now: datetime | None = None,
        *,
        read_places: bool = True,
    ) -> TodayList:
        """The same items as `items`, most urgent first, with only the first `shown[kind]` of
        each kind put in words (what a page shows), and how many there are of each kind."""
        moment = now or self._context.now()
        snapshot = self.snapshot(read_places=read_places)
        return today_list(snapshot, moment, self.rules(), shown=shown)

    def snapshot(self, *, read_places: bool = True) -> TodaySnapshot:
        """What the rules read: only the contacts that can need the user (see `_contacts`).

        Rows are read through the session's connection as plain tuples: the ORM's row
        handling, and attribute access by name, cost a large part of a second over a profile
        of 30,000 contacts, and Today is the first page the user waits for.
        """
        times = ChatTimes(self._context, read_places=read_places)
        with self._context.sessions() as session:
            connection = session.connection()
            contacts = _contacts(connection)
            outreach, thank_you_times = _outreach(connection)
            snapshot = TodaySnapshot(
                contacts=tuple(contacts.values()),
                outreach=outreach,
                meetings=_meetings(connection, contacts, thank_you_times, times),
                follow_ups=_follow_ups(connection),
                report_backs=_report_backs(connection),
            )
        self.places_pending = times.places_pending
        return snapshot


def _live_meeting() -> ColumnElement[bool]:
    return Meeting.status != MeetingStatus.CANCELLED.value


def _open_promise() -> ColumnElement[bool]:
    return and_(
        FollowUp.owner == FollowUpOwner.ME.value,
        FollowUp.done_at.is_(None),
        FollowUp.due_on.is_not(None),
    )


def _may_need_the_user() -> ColumnElement[bool]:
    """Contacts the rules can give an item, and only those: a chat not cancelled, an open
    promise, someone messaged with a message on record or a day they were marked messaged
    (patience counts from it), or someone thanked or kept in touch with a touch on record
    (the cadence counts from the last one). Everyone else (most of a large profile) gives
    none, and is not read."""
    has_outreach = Contact.id.in_(select(Outreach.contact_id))
    return or_(
        and_(
            Contact.stage == Stage.MESSAGED.value,
            or_(Contact.stage_changed_at.is_not(None), has_outreach),
        ),
        and_(
            Contact.stage.in_(_STAGES_KEPT_IN_TOUCH),
            or_(
                Contact.last_touch_at.is_not(None),
                Contact.stage_changed_at.is_not(None),
                has_outreach,
            ),
        ),
        Contact.id.in_(select(Meeting.contact_id).where(_live_meeting())),
        Contact.id.in_(select(FollowUp.contact_id).where(_open_promise())),
    )


def _contacts(connection: Connection) -> dict[int, TodayContact]:
    group_days: dict[int, list[int | None]] = defaultdict(list)
    cadence_rows = connection.execute(
        select(contact_groups.c.contact_id, Group.keep_in_touch_days)
        .join(Group, Group.id == contact_groups.c.group_id)
        .where(Group.keep_in_touch_days.is_not(None))
    )
    for contact_id, days in cadence_rows:
        group_days[contact_id].append(days)
    # "archived IS NOT 1" rather than "IS 0" (the same rows: the column is never NULL), so that
    # SQLite scans the table instead of walking the People list's name index, which reads this
    # many rows twice as slowly.
    rows = connection.execute(
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
        ).where(Contact.archived.is_not(True), _may_need_the_user())
    )
    contacts = {}
    for (
        contact_id,
        first_name,
        last_name,
        stage,
        kind,
        stage_changed_at,
        follow_up_after_days,
        move_on_after_days,
        keep_in_touch_days,
        last_touch_at,
        snoozed_until,
    ) in rows:
        contacts[contact_id] = TodayContact(
            id=contact_id,
            name=shown_name(first_name, last_name),
            stage=enum_or(Stage, stage, Stage.NOT_CONTACTED),
            kind=enum_or(ContactKind, kind, ContactKind.OTHER),
            stage_changed_at=stage_changed_at,
            follow_up_after_days=follow_up_after_days,
            move_on_after_days=move_on_after_days,
            keep_in_touch_days=keep_in_touch_days,
            group_keep_in_touch_days=tuple(group_days.get(contact_id, ())),
            last_touch_at=last_touch_at,
            snoozed_until=snoozed_until,
        )
    return contacts


def _outreach(
    connection: Connection,
) -> tuple[tuple[OutreachRecord, ...], dict[int, list[datetime]]]:
    """The messages the rules read, and when thank-yous went out, by contact."""
    rows = connection.execute(
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
    for outreach_id, contact_id, stored_kind, sent, replied_at, outcome, goal in rows:
        kind = enum_or(OutreachKind, stored_kind, OutreachKind.TOUCH)
        sent_at = sent
        if kind is OutreachKind.THANK_YOU:
            thank_yous[contact_id].append(sent_at)
        records.append(
            OutreachRecord(
                id=outreach_id,
                contact_id=contact_id,
                kind=kind,
                sent_at=sent_at,
                replied_at=replied_at,
                outcome=outcome,
                goal=goal_or_none(goal),
            )
        )
    return tuple(records), thank_yous


# Long: one query for the live chats and one record per row.
def _meetings(
    connection: Connection,
    contacts: dict[int, TodayContact],
    thank_yous: dict[int, list[datetime]],
    times: ChatTimes,
) -> tuple[TodayMeeting, ...]:
    # The other person's name and place, for the clock of a call still to come: read for the
    # chats not yet done only (a few), not joined to every chat (most of a large profile's).
    to_come = {
        meeting_id: (first_name, last_name, city, country)
        for meeting_id, first_name, last_name, city, country in connection.execute(
            select(Meeting.id, Contact.first_name, Contact.last_name, Contact.city, Contact.country)
            .join(Contact, Contact.id == Meeting.contact_id)
            .where(Meeting.status.not_in((MeetingStatus.DONE.value, MeetingStatus.CANCELLED.value)))
        )
    }
    rows = connection.execute(
        select(
            Meeting.id,
            Meeting.contact_id,
            Meeting.starts_at,
            Meeting.duration_minutes,
            Meeting.status,
            Meeting.mode,
            Meeting.timezone,
            Venue.name,
            ThankYouDraft.sent_at,
        )
        .outerjoin(Venue, Venue.id == Meeting.venue_id)
        .outerjoin(ThankYouDraft, ThankYouDraft.meeting_id == Meeting.id)
        .where(_live_meeting())
    )
    meetings = []
    for (
        meeting_id,
        contact_id,
        starts_at,
        duration,
        status,
        mode,
        zone,
        venue_name,
        draft_sent,
    ) in rows:
        contact = contacts.get(contact_id)
        if contact is None:
            continue  # archived
        meeting_status = enum_or(MeetingStatus, status, MeetingStatus.PLANNED)
        # The other person's clock matters only for a call still to come.
        other = None
        if meeting_status is MeetingStatus.PLANNED:
            first_name, last_name, city, country = to_come.get(meeting_id, (None,) * 4)
            other = times.other_clock(
                mode, called_name(first_name, last_name) or contact.name, city, country
            )
        meetings.append(
            TodayMeeting(
                id=meeting_id,
                contact_id=contact_id,
                starts_at=starts_at,
                duration_minutes=duration or 0,
                status=meeting_status,
                mode=enum_or(MeetingMode, mode, MeetingMode.IN_PERSON),
                place=venue_name or "",
                timezone=zone,
                other=other,
                thank_you_sent=draft_sent is not None
                or any(t >= starts_at for t in thank_yous.get(contact_id, ()))
                or (
                    contact.stage in _THANKED_STAGES
                    and contact.stage_changed_at is not None
                    and contact.stage_changed_at >= starts_at
                ),
            )
        )
    return tuple(meetings)


def _follow_ups(connection: Connection) -> tuple[TodayFollowUp, ...]:
    rows = connection.execute(
        select(
            FollowUp.id, FollowUp.contact_id, FollowUp.text, FollowUp.due_on, FollowUp.meeting_id
        ).where(_open_promise())
    )
    return tuple(
        TodayFollowUp(
            id=follow_up_id,
            contact_id=contact_id,
            text=text or "",
            due_on=due_on,
            owner=FollowUpOwner.ME,
            meeting_id=meeting_id,
        )
        for follow_up_id, contact_id, text, due_on, meeting_id in rows
    )


def _report_backs(connection: Connection) -> tuple[TodayReportBack, ...]:
    rows = connection.execute(
        select(
            AdviceAction.id,
            AdviceAction.contact_id,
            AdviceAction.meeting_id,
            AdviceAction.advice,
            AdviceAction.acted_on,
        ).where(
            AdviceAction.report_back_sent_at.is_(None),
            AdviceAction.report_back_dismissed.is_(False),
        )
    )
    return tuple(TodayReportBack(*row) for row in rows)
