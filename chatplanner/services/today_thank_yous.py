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
# Chats done and owed a thank-you by someone Today does not read anyway (the people thanked or
# kept in touch with are, with all their chats), by the rule `today._meetings` applies to every
# chat it reads: no draft sent, no thank-you sent since the chat began (the person's stage
# does not count: it is not a thanked one). Whom each is with, and when it ended as a Julian
# day: to choose which to read, never to order them. The people archived and those read anyway
# are told from the contacts' indexes alone: looking up each chat's person in the table itself
# costs more than the rest of the query.
_OWED_THANK_YOUS = """
    SELECT meetings.id, meetings.contact_id,
        julianday(meetings.starts_at) + max(0, coalesce(meetings.duration_minutes, 0)) / 1440.0
    FROM meetings
    LEFT OUTER JOIN thank_you_drafts ON thank_you_drafts.meeting_id = meetings.id
    WHERE meetings.status = :done AND thank_you_drafts.sent_at IS NULL
        AND meetings.contact_id NOT IN (SELECT contacts.id FROM contacts WHERE contacts.archived = 1)
        AND meetings.contact_id NOT IN (
            SELECT contacts.id FROM contacts WHERE contacts.stage IN (:thanked, :keeping_in_touch)
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
    """The chats owed a thank-you to read (besides those of the people read anyway), and whom
    each of the others is with (counted, not read): all read (None) without `listed`; else the
    `listed` that end first and any that end within a second of the last of them. The others
    come after at least `listed` of the chats read, so a page showing `listed` never shows
    them."""
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
