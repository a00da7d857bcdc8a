"""Which chats owed a thank-you Today reads: a large profile can owe thousands, a page shows
the first few, and the others are only counted, by SQLite."""

from __future__ import annotations

import heapq
import math
import sqlite3

from chatplanner.domain.enums import MeetingStatus, OutreachKind, Stage

_ENUM_VALUES = {
    "thanked": Stage.THANKED.value,
    "keeping_in_touch": Stage.KEEPING_IN_TOUCH.value,
    "thank_you": OutreachKind.THANK_YOU.value,
    "done": MeetingStatus.DONE.value,
}
# Chats done and owed a thank-you, by the rule `today._meetings` applies to every chat it reads
# (no draft sent, no thank-you sent since the chat began, the person not marked thanked since):
# whom each is with, whether that person is read anyway (thanked or kept in touch with), and
# when it ended as a Julian day: to choose which to read, never to order them.
_OWED_THANK_YOUS = """
    SELECT meetings.id, meetings.contact_id, contacts.stage IN (:thanked, :keeping_in_touch),
        julianday(meetings.starts_at) + max(0, coalesce(meetings.duration_minutes, 0)) / 1440.0
    FROM meetings
    JOIN contacts ON contacts.id = meetings.contact_id
    LEFT OUTER JOIN thank_you_drafts ON thank_you_drafts.meeting_id = meetings.id
    WHERE meetings.status = :done AND contacts.archived IS NOT 1
        AND thank_you_drafts.sent_at IS NULL
        AND NOT coalesce(
            contacts.stage IN (:thanked, :keeping_in_touch)
            AND contacts.stage_changed_at >= meetings.starts_at,
            0
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


def owed_thank_yous(
    connection: sqlite3.Connection, listed: int | None
) -> tuple[list[int] | None, list[int]]:
    """The chats owed a thank-you to read, and whom each of the others is with (counted, not
    read): all read (None) without `listed`; else the `listed` that end first, any that end
    within a second of the last of them, and those of people read anyway."""
    if listed is None:
        return None, []
    rows = connection.execute(_OWED_THANK_YOUS, _ENUM_VALUES).fetchall()
    ends = heapq.nsmallest(listed, (end for *_rest, end in rows if end is not None))
    if listed <= 0:
        last = -math.inf
    elif len(ends) < listed:
        last = math.inf
    else:
        last = ends[-1] + _ONE_SECOND_IN_DAYS
    read, unlisted = [], []
    for meeting_id, contact_id, read_anyway, end in rows:
        if read_anyway or end is None or end <= last:
            read.append(meeting_id)
        else:
            unlisted.append(contact_id)
    return read, unlisted
