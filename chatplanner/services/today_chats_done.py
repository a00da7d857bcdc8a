"""Which chats done Today reads. A large profile holds thousands: those owed a thank-you are
read only as far as the page lists them (SQLite counts the others), and the others only give
the people thanked or kept in touch with the end of their latest chat (the cadence counts from
it), folded into their last touch."""

from __future__ import annotations

import heapq
import math
import sqlite3
from datetime import datetime

from chatplanner.db.stored_moments import stored_moment
from chatplanner.domain.enums import MeetingStatus, OutreachKind, Stage
from chatplanner.domain.schedule import stored_meeting_end

_ENUM_VALUES = {
    "thanked": Stage.THANKED.value,
    "keeping_in_touch": Stage.KEEPING_IN_TOUCH.value,
    "thank_you": OutreachKind.THANK_YOU.value,
    "done": MeetingStatus.DONE.value,
}
_THANKED_PEOPLE = (
    "SELECT contacts.id FROM contacts WHERE contacts.stage IN (:thanked, :keeping_in_touch)"
)
# Chats done and owed a thank-you, by the rule `today._meetings` applies to every chat it reads:
# no draft sent, no thank-you sent since the chat began, the person not marked thanked since.
# Whom each is with, and when it ended as a Julian day: to choose which to read, never to order
# them. Whether a chat's person is archived or thanked is told from the contacts' indexes, and
# the person is looked up only when thanked (since when): looking up every chat's person in
# the table itself costs more than the rest of the query.
_OWED_THANK_YOUS = f"""
    SELECT meetings.id, meetings.contact_id,
        julianday(meetings.starts_at) + max(0, coalesce(meetings.duration_minutes, 0)) / 1440.0
    FROM meetings
    LEFT OUTER JOIN thank_you_drafts ON thank_you_drafts.meeting_id = meetings.id
    WHERE meetings.status = :done AND thank_you_drafts.sent_at IS NULL
        AND meetings.contact_id NOT IN (SELECT contacts.id FROM contacts WHERE contacts.archived = 1)
        AND (
            meetings.contact_id NOT IN ({_THANKED_PEOPLE})
            OR NOT EXISTS (
                SELECT 1 FROM contacts WHERE contacts.id = meetings.contact_id
                    AND contacts.stage_changed_at >= meetings.starts_at
            )
        )
        AND NOT EXISTS (
            SELECT 1 FROM outreach
            WHERE outreach.contact_id = meetings.contact_id AND outreach.kind = :thank_you
                AND outreach.sent_at >= meetings.starts_at
        )
"""
# The chats that end within this of the last listed one are read too: more than a Julian day's
# rounding (microseconds), so that no chat the rules could put before it is left unread.
_ONE_SECOND_IN_DAYS = 1 / 86_400
_CHATS_DONE_WITH_THANKED_PEOPLE = f"""
    SELECT meetings.contact_id, meetings.starts_at, meetings.duration_minutes
    FROM meetings
    WHERE meetings.status = :done AND meetings.contact_id IN ({_THANKED_PEOPLE})
"""


def owed_thank_yous(
    connection: sqlite3.Connection, listed: int | None
) -> tuple[list[int] | None, list[int]]:
    """The chats owed a thank-you to read, and whom each of the others is with (counted, not
    read): all read (None) without `listed`; else the `listed` that end first and any that end
    within a second of the last of them. The others come after at least `listed` of the chats
    read, so a page showing `listed` never shows them."""
    if listed is None:
        return None, []
    rows = connection.execute(_OWED_THANK_YOUS, _ENUM_VALUES).fetchall()
    ends = heapq.nsmallest(listed, (end for _id, _contact, end in rows if end is not None))
    if listed <= 0:
        last = -math.inf
    elif len(ends) < listed:
        last = math.inf
    else:
        last = ends[-1] + _ONE_SECOND_IN_DAYS
    read, unlisted = [], []
    for meeting_id, contact_id, end in rows:
        if end is None or end <= last:
            read.append(meeting_id)
        else:
            unlisted.append(contact_id)
    return read, unlisted


def latest_chat_ends(connection: sqlite3.Connection, now: datetime) -> dict[int, datetime]:
    """When the latest chat done with each person thanked or kept in touch with ended, by
    their id: of the chats that had ended by `now` (a chat marked done before its end is no
    touch yet, as the rules count touches)."""
    latest: dict[int, datetime] = {}
    for contact_id, starts_at, duration in connection.execute(
        _CHATS_DONE_WITH_THANKED_PEOPLE, _ENUM_VALUES
    ):
        ended = stored_meeting_end(stored_moment(starts_at), duration)
        if ended <= now and (contact_id not in latest or latest[contact_id] < ended):
            latest[contact_id] = ended
    return latest
