"""What Today's rules read from the profile, in a handful of queries (`read_snapshot`).

The queries are plain SQL through `ServiceContext.reading`: Today is the first page shown, and
it is read before SQLAlchemy is loaded (the plain reader), or through a session once the
database is open, by the same code. Values come back as the schema's types would give them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from chatplanner.db.stored_moments import stored_day, stored_moment, stored_moment_or_none
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
    TodayMeeting,
    TodayReportBack,
    TodaySnapshot,
)
from chatplanner.services.chat_times import ChatTimes
from chatplanner.services.context import ServiceContext
from chatplanner.services.stored_enums import UNKNOWN_MODE, enum_or, goal_or_none
from chatplanner.services.today_chats_done import latest_chat_ends, owed_thank_yous

# A thank-you counts as sent when the contact reached one of these after the chat began.
_THANKED_STAGES = frozenset({Stage.THANKED, Stage.KEEPING_IN_TOUCH})


def read_snapshot(
    context: ServiceContext,
    *,
    read_places: bool = True,
    thank_yous_listed: int | None = None,
    now: datetime | None = None,
) -> tuple[TodaySnapshot, bool]:
    """What the rules read: only the contacts that can need the user (see `_contacts`).
    With `thank_yous_listed`, what the rules read at `now` (default: the service's clock):
    of the chats done, only the most urgent of those owed a thank-you (at least that many),
    the others counted (`unlisted_thank_yous`), and the end of the latest one with each
    person thanked or kept in touch with, as their last touch: a large profile holds
    thousands, and a page shows a few.

    Rows are read as plain tuples: the ORM's row handling, and attribute access by name,
    cost a large part of a second over a profile of 30,000 contacts, and Today is the first
    page the user waits for.
    """
    times = ChatTimes(context, read_places=read_places)
    with context.reading() as connection:
        listed, unlisted = owed_thank_yous(connection, thank_yous_listed)
        values = {
            **_VALUES,
            "every_chat_done": listed is None,
            "owed_listed": json.dumps(listed or []),
        }
        moment = now or context.now()
        chat_ends = {} if listed is None else latest_chat_ends(connection, moment)
        contacts = _contacts(connection, values, chat_ends, moment)
        outreach, thank_you_times = _outreach(connection)
        snapshot = TodaySnapshot(
            contacts=tuple(contacts.values()),
            outreach=outreach,
            meetings=_meetings(connection, values, contacts, thank_you_times, times),
            follow_ups=_follow_ups(connection),
            report_backs=_report_backs(connection),
            unlisted_thank_yous=tuple(unlisted),
        )
    return snapshot, times.places_pending


# The stored values the queries compare with, by name (`:messaged` in the SQL).
_VALUES = {
    "messaged": Stage.MESSAGED.value,
    "thanked": Stage.THANKED.value,
    "keeping_in_touch": Stage.KEEPING_IN_TOUCH.value,
    "thank_you": OutreachKind.THANK_YOU.value,
    "me": FollowUpOwner.ME.value,
    "done": MeetingStatus.DONE.value,
    "cancelled": MeetingStatus.CANCELLED.value,
}
_OPEN_PROMISE = (
    "follow_ups.owner = :me AND follow_ups.done_at IS NULL AND follow_ups.due_on IS NOT NULL"
)
_OPEN_REPORT = (
    "advice_actions.report_back_sent_at IS NULL AND advice_actions.report_back_dismissed IS 0"
)
_GROUP_CADENCES = """
    SELECT contact_groups.contact_id, groups.keep_in_touch_days
    FROM contact_groups JOIN groups ON groups.id = contact_groups.group_id
    WHERE groups.keep_in_touch_days IS NOT NULL
"""
# The chats the rules read: every chat not cancelled, or (`:every_chat_done` false) of the
# chats done only the ones owed a thank-you that are listed (`:owed_listed`, a JSON array of
# ids): the others give no item, and the end of the latest is folded into the last touch of the
# people thanked or kept in touch with (`latest_chat_ends`).
_CHATS_READ = """
    meetings.status != :cancelled AND (
        meetings.status != :done
        OR :every_chat_done
        OR meetings.id IN (SELECT value FROM json_each(:owed_listed))
    )
"""
# Contacts the rules can give an item, and only those: a chat read, an open promise or report
# back, someone messaged with a message on record or a day they were marked messaged (patience
# counts from it), or someone thanked or kept in touch with a touch on record or a chat done
# (the cadence counts from the last one). Everyone else (most of a large profile) gives none,
# and is not read.
# "archived IS NOT 1" rather than "IS 0" (the same rows: the column is never NULL), so that
# SQLite scans the table instead of walking the People list's name index, which reads this many
# rows twice as slowly.
_CONTACTS = f"""
    SELECT contacts.id, contacts.first_name, contacts.last_name, contacts.stage, contacts.kind,
        contacts.stage_changed_at, contacts.follow_up_after_days, contacts.move_on_after_days,
        contacts.keep_in_touch_days, contacts.last_touch_at, contacts.snoozed_until
    FROM contacts
    WHERE contacts.archived IS NOT 1 AND (
        contacts.stage = :messaged AND (
            contacts.stage_changed_at IS NOT NULL
            OR contacts.id IN (SELECT outreach.contact_id FROM outreach)
        )
        OR contacts.stage IN (:thanked, :keeping_in_touch) AND (
            contacts.last_touch_at IS NOT NULL
            OR contacts.stage_changed_at IS NOT NULL
            OR contacts.id IN (SELECT outreach.contact_id FROM outreach)
            OR contacts.id IN (SELECT meetings.contact_id FROM meetings WHERE meetings.status = :done)
        )
        OR contacts.id IN (SELECT meetings.contact_id FROM meetings WHERE {_CHATS_READ})
        OR contacts.id IN (SELECT follow_ups.contact_id FROM follow_ups WHERE {_OPEN_PROMISE})
        OR contacts.id IN (SELECT advice_actions.contact_id FROM advice_actions WHERE {_OPEN_REPORT})
    )
"""
# Only messaged, thanked and kept-in-touch people need their messages (patience, cadence);
# everyone's thank-yous tell whether a chat was thanked for.
_OUTREACH = """
    SELECT outreach.id, outreach.contact_id, outreach.kind, outreach.sent_at,
        outreach.replied_at, outreach.outcome, outreach.goal
    FROM outreach JOIN contacts ON contacts.id = outreach.contact_id
    WHERE contacts.archived IS 0 AND (
        contacts.stage IN (:messaged, :thanked, :keeping_in_touch)
        OR outreach.kind = :thank_you
    )
"""
# The other person's name and place, for the clock of a call still to come: read for the chats
# not yet done only (a few), not joined to every chat (most of a large profile's).
_CHATS_TO_COME = """
    SELECT meetings.id, contacts.first_name, contacts.last_name, contacts.city, contacts.country
    FROM meetings JOIN contacts ON contacts.id = meetings.contact_id
    WHERE meetings.status NOT IN (:done, :cancelled)
"""
_LIVE_CHATS = f"""
    SELECT meetings.id, meetings.contact_id, meetings.starts_at, meetings.duration_minutes,
        meetings.status, meetings.mode, meetings.timezone, venues.name, thank_you_drafts.sent_at
    FROM meetings
    LEFT OUTER JOIN venues ON venues.id = meetings.venue_id
    LEFT OUTER JOIN thank_you_drafts ON thank_you_drafts.meeting_id = meetings.id
    WHERE {_CHATS_READ}
"""
_FOLLOW_UPS = f"""
    SELECT follow_ups.id, follow_ups.contact_id, follow_ups.text, follow_ups.due_on,
        follow_ups.meeting_id
    FROM follow_ups WHERE {_OPEN_PROMISE}
"""
_REPORT_BACKS = f"""
    SELECT advice_actions.id, advice_actions.contact_id, advice_actions.meeting_id,
        advice_actions.advice, advice_actions.acted_on
    FROM advice_actions WHERE {_OPEN_REPORT}
"""


def _contacts(
    connection: sqlite3.Connection,
    values: Mapping[str, object],
    chat_ends: Mapping[int, datetime],
    now: datetime,
) -> dict[int, TodayContact]:
    """The people read, with the end of their latest chat done (`chat_ends`, by id) as their last
    touch when it is later than the one stored."""
    group_days: dict[int, list[int | None]] = defaultdict(list)
    for contact_id, days in connection.execute(_GROUP_CADENCES):
        group_days[contact_id].append(days)
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
    ) in connection.execute(_CONTACTS, values):
        contacts[contact_id] = TodayContact(
            id=contact_id,
            name=shown_name(first_name, last_name),
            stage=enum_or(Stage, stage, Stage.NOT_CONTACTED),
            kind=enum_or(ContactKind, kind, ContactKind.OTHER),
            stage_changed_at=stored_moment_or_none(stage_changed_at),
            follow_up_after_days=follow_up_after_days,
            move_on_after_days=move_on_after_days,
            keep_in_touch_days=keep_in_touch_days,
            group_keep_in_touch_days=tuple(group_days.get(contact_id, ())),
            last_touch_at=_last_touch(
                stored_moment_or_none(last_touch_at), chat_ends.get(contact_id), now
            ),
            snoozed_until=stored_day(snoozed_until),
        )
    return contacts


def _last_touch(
    stored: datetime | None, chat_end: datetime | None, now: datetime
) -> datetime | None:
    """The stored last touch, or the end of a chat done when that is later (a stored touch
    still ahead of `now` counts for nothing to the rules, which count only touches past)."""
    if chat_end is None or (stored is not None and chat_end <= stored <= now):
        return stored
    return chat_end


def _outreach(
    connection: sqlite3.Connection,
) -> tuple[tuple[OutreachRecord, ...], dict[int, list[datetime]]]:
    """The messages the rules read, and when thank-yous went out, by contact."""
    records = []
    thank_yous: dict[int, list[datetime]] = defaultdict(list)
    for outreach_id, contact_id, stored_kind, sent, replied_at, outcome, goal in connection.execute(
        _OUTREACH, _VALUES
    ):
        kind = enum_or(OutreachKind, stored_kind, OutreachKind.TOUCH)
        sent_at = stored_moment(sent)
        if kind is OutreachKind.THANK_YOU:
            thank_yous[contact_id].append(sent_at)
        records.append(
            OutreachRecord(
                id=outreach_id,
                contact_id=contact_id,
                kind=kind,
                sent_at=sent_at,
                replied_at=stored_moment_or_none(replied_at),
                outcome=outcome,
                goal=goal_or_none(goal),
            )
        )
    return tuple(records), thank_yous


# Long: one query for the live chats and one record per row.
def _meetings(
    connection: sqlite3.Connection,
    values: Mapping[str, object],
    contacts: dict[int, TodayContact],
    thank_yous: dict[int, list[datetime]],
    times: ChatTimes,
) -> tuple[TodayMeeting, ...]:
    to_come = {
        meeting_id: (first_name, last_name, city, country)
        for meeting_id, first_name, last_name, city, country in connection.execute(
            _CHATS_TO_COME, _VALUES
        )
    }
    meetings = []
    for (
        meeting_id,
        contact_id,
        stored_start,
        duration,
        status,
        mode,
        zone,
        venue_name,
        draft_sent,
    ) in connection.execute(_LIVE_CHATS, values):
        contact = contacts.get(contact_id)
        if contact is None:
            continue  # archived
        starts_at = stored_moment(stored_start)
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
                mode=enum_or(MeetingMode, mode, UNKNOWN_MODE),
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


def _follow_ups(connection: sqlite3.Connection) -> tuple[TodayFollowUp, ...]:
    return tuple(
        TodayFollowUp(
            id=follow_up_id,
            contact_id=contact_id,
            text=text or "",
            due_on=stored_day(due_on),
            owner=FollowUpOwner.ME,
            meeting_id=meeting_id,
        )
        for follow_up_id, contact_id, text, due_on, meeting_id in connection.execute(
            _FOLLOW_UPS, _VALUES
        )
    )


def _report_backs(connection: sqlite3.Connection) -> tuple[TodayReportBack, ...]:
    return tuple(
        TodayReportBack(report_id, contact_id, meeting_id, advice, stored_day(acted_on))
        for report_id, contact_id, meeting_id, advice, acted_on in connection.execute(_REPORT_BACKS)
    )
