"""Chats written to a CalDAV calendar, one way: the app is the source.

Each chat has a stable UID (`chat-<n>-<made>-<profile tag>@chatplanner`, `sync_identity.py`:
the same through every account link, so an event already on the server is adopted) and a
`SyncEvent` row holding the ETag and the text last written. An event the user changed on the server (its ETag is not the one
the app wrote) is not overwritten: the difference is recorded as a conflict and reported, until
the user chooses (`overwrite=True` writes the app's version). Events the app did not create are
never read for writing, changed or deleted. A cancelled chat, or one deleted in the app, stays in
the calendar with `STATUS:CANCELLED`.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.models import Meeting, SyncAccount, SyncEvent, SyncNotice
from chatplanner.domain.event_differences import FIELD_WORDS, SHOWN, value_words
from chatplanner.domain.field_merge import Prefer
from chatplanner.interop.calendar_events import (
    CalendarClient,
    StoredEvent,
    differences,
    event_times,
)
from chatplanner.interop.dav_http import (
    DavHttp,
    NotFoundOnServerError,
    PreconditionFailedError,
    list_collection,
)
from chatplanner.services.contact_sync import Progress, ShouldStop, SyncCancelledError
from chatplanner.services.sync_identity import earlier_uids, event_uid, profile_tag

# Chats older than this are not sent the first time (the calendar needs what is coming).
PAST_DAYS = 60
_STAMP = re.compile(rb"^DTSTAMP[:;].*\r?\n", re.MULTILINE)
_CANCEL = re.compile(r"^STATUS:.*\r?\n", re.MULTILINE)


@dataclass
class CalendarReport:
    created: int = 0
    adopted: int = 0
    updated: int = 0
    cancelled: int = 0
    conflicts: int = 0
    new_conflicts: int = 0  # found by this sync (not already waiting for a choice)
    overwritten: int = 0
    taken: int = 0  # chats moved to the time the user gave the event on the server
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            (self.created, "new"),
            (self.adopted, "already in the calendar"),
            (self.updated, "updated"),
            (self.cancelled, "cancelled"),
            (self.overwritten, "overwritten on request"),
            (self.taken, "moved to the server's time"),
            (self.conflicts, "changed on the server (not overwritten)"),
        ]
        said = [f"{count} {what}" for count, what in parts if count]
        return "Calendar: " + (", ".join(said) if said else "no changes") + "."


def _vevent(ics: bytes) -> bytes:
    """The event itself: the calendar around it carries a random UID of its own."""
    start, end = ics.find(b"BEGIN:VEVENT"), ics.find(b"END:VEVENT")
    return ics[start:end] if start != -1 and end != -1 else ics


def _content_hash(ics: bytes) -> str:
    """The event without its time stamp: the same chat gives the same hash on every run."""
    return hashlib.sha256(_STAMP.sub(b"", _vevent(ics))).hexdigest()


def _cancelled_copy(body: str) -> bytes:
    """The last written event, marked cancelled (for a chat deleted in the app)."""
    text = _CANCEL.sub("", body)
    return text.replace("END:VEVENT", "STATUS:CANCELLED\r\nEND:VEVENT", 1).encode("utf-8")


class CalendarSync:
    def __init__(  # noqa: PLR0913 - the sync's collaborators, given once per run
        self,
        sessions: sessionmaker[Session],
        http: DavHttp,
        calendar: CalendarClient,
        account_id: int,
        now: datetime,
        event_ics: Callable[[int, str], bytes],
        *,
        progress: Progress,
        should_stop: ShouldStop,
        overwrite: bool = False,
        prefer: Prefer = None,
        take_time: Callable[[int, datetime, int], bool] | None = None,
        zone: ZoneInfo | None = None,
    ) -> None:
        self._sessions = sessions
        self._http = http
        self._calendar = calendar
        self._account_id = account_id
        self._now = now
        self._event_ics = event_ics  # (meeting id, uid) -> the event
        self._progress = progress
        self._should_stop = should_stop
        self._overwrite = overwrite or prefer == "app"
        self._prefer = prefer
        self._take_time = take_time  # (meeting id, start, minutes): the chat moved
        self._zone = zone
        self.report = CalendarReport()

    def run(self) -> CalendarReport:
        with self._sessions.begin() as session:
            tag = profile_tag(session)
            earlier = earlier_uids(session)[0]
            account = session.get(SyncAccount, self._account_id)
            assert account is not None and account.calendar_url
            calendar_url = account.calendar_url
            rows = [
                _EventLink(row)
                for row in session.scalars(
                    select(SyncEvent).where(SyncEvent.account_id == self._account_id)
                )
            ]
            since = self._now - timedelta(days=PAST_DAYS)
            made = {
                meeting_id: created_at
                for meeting_id, created_at in session.execute(
                    select(Meeting.id, Meeting.created_at)
                    .where(Meeting.starts_at >= since)
                    .order_by(Meeting.id)
                )
            }
            meetings = list(made)
        links = {link.meeting_id: link for link in rows if link.meeting_id is not None}
        # Chats deleted in the app: their events are marked cancelled.
        orphans = [link for link in rows if link.meeting_id is None]
        # Every chat already in the calendar stays followed, however old.
        wanted = list(dict.fromkeys([*meetings, *links]))
        self._progress("Reading the calendar…", 0, 0)
        on_server = list_collection(self._http, calendar_url, None).etags
        total = len(wanted) + len(orphans)
        for done, meeting_id in enumerate(wanted):
            if self._should_stop():
                raise SyncCancelledError
            if done % 25 == 0:
                self._progress("Writing chats to the calendar…", done, total)
            link = links.get(meeting_id)
            uid = (
                link.uid
                if link
                else earlier.get(meeting_id) or event_uid(tag, meeting_id, made[meeting_id])
            )
            ics = self._event_ics(meeting_id, uid)
            self._write(meeting_id, ics, link, on_server, calendar_url)
        for link in orphans:
            if "STATUS:CANCELLED" in link.body:
                continue
            self._write(None, _cancelled_copy(link.body), link, on_server, calendar_url)
        self._progress("Wrote the calendar.", total, total)
        return self.report

    def _write(  # noqa: C901, PLR0912 - one conditional write with each answer the server may give (created, changed there, gone, refused)
        self,
        meeting_id: int | None,
        ics: bytes,
        link: _EventLink | None,
        on_server: dict[str, str],
        calendar_url: str,
    ) -> None:
        digest = _content_hash(ics)
        cancelled = b"STATUS:CANCELLED" in ics
        adopting = False
        if link is None:
            uid = _uid_of(ics)
            href = self._http.absolute(f"{calendar_url.rstrip('/')}/{uid_file(uid)}")
            # Recorded before the PUT: a sync killed after it finds the event by its address.
            with self._sessions.begin() as session:
                row = SyncEvent(
                    account_id=self._account_id,
                    meeting_id=meeting_id,
                    uid=uid,
                    href=href,
                    etag=None,
                    content_sha256="",
                    # What the PUT sends: a sync killed after it compares the server's event
                    # with this before writing there again.
                    body=ics.decode("utf-8"),
                )
                session.add(row)
                session.flush()
                link = _EventLink(row)
            # Already there: written for this chat through an earlier link (the account removed
            # and added again). Its UID is the chat's: it is adopted, never duplicated.
            adopting = link.href in on_server
        server_etag = on_server.get(link.href)
        if link.etag is None and server_etag is None:
            etag_for_write = None  # new: created only if nothing is there (If-None-Match)
        elif link.etag is None:
            # Written by a sync stopped before it could record the answer. The event is the
            # app's (its UID is ours), but the phone may have changed it since: it is written
            # again, on the ETag read now, only if it still holds what the app sent.
            theirs = self._calendar.read(link.href)
            etag_seen = theirs.etag or server_etag
            if differences(link.body, theirs.text) and not self._overwrite:
                if self._settled(meeting_id, link, theirs, etag_seen):
                    return
                self._conflict(
                    link,
                    "changed on the server",
                    differences(ics.decode("utf-8"), theirs.text),
                    etag_seen,
                )
                return
            etag_for_write = etag_seen
        elif link.content_sha256 == digest and server_etag == link.etag:
            return  # unchanged on both sides
        elif server_etag is None:
            if not self._overwrite and link.chosen(None) != "app":
                self._conflict(link, "deleted on the server", {}, None)
                return
            etag_for_write = None
        elif server_etag != link.etag:
            if not self._overwrite and link.chosen(server_etag) != "app":
                theirs = self._calendar.read(link.href)
                if self._settled(meeting_id, link, theirs, server_etag):
                    return
                self._conflict(
                    link,
                    "changed on the server",
                    differences(ics.decode("utf-8"), theirs.text),
                    server_etag,
                )
                return
            etag_for_write = server_etag
        else:
            etag_for_write = link.etag
        try:
            etag = self._calendar.write(link.href, ics, etag_for_write)
        except PreconditionFailedError:
            theirs = self._calendar.read(link.href)
            self._conflict(
                link,
                "changed on the server",
                differences(ics.decode("utf-8"), theirs.text),
                theirs.etag,
            )
            return
        except NotFoundOnServerError:
            self._conflict(link, "deleted on the server", {}, None)
            return
        with self._sessions.begin() as session:
            stored = session.get(SyncEvent, link.id)
            assert stored is not None
            was_conflict = stored.conflict is not None
            row = stored
            row.etag, row.content_sha256, row.body = etag, digest, ics.decode("utf-8")
            row.conflict = None
        if adopting:
            self.report.adopted += 1
        elif link.etag is None:
            self.report.created += 1
        elif cancelled and "STATUS:CANCELLED" not in link.body:
            self.report.cancelled += 1
        elif was_conflict or server_etag != link.etag:
            self.report.overwritten += 1
        else:
            self.report.updated += 1

    def _settled(
        self,
        meeting_id: int | None,
        link: _EventLink,
        theirs: StoredEvent,
        etag: str | None,
    ) -> bool:
        """The user chose the server's time for this event (in the conflict window, or with
        `--keep server`): the chat moves to it, and the server's event stays as the user left
        it. False when there is no such choice for the event as it is now."""
        wanted = self._prefer == "server" or link.chosen(etag) == "server"
        times = event_times(theirs.text)
        if not wanted or meeting_id is None or times is None or self._take_time is None:
            return False
        start, end = times
        minutes = max(5, int((end - start).total_seconds() // 60))
        if not self._take_time(meeting_id, start, minutes):
            return False
        moved = self._event_ics(meeting_id, link.uid)
        with self._sessions.begin() as session:
            row = session.get(SyncEvent, link.id)
            assert row is not None
            row.etag, row.body, row.conflict = etag, theirs.text, None
            row.content_sha256 = _content_hash(moved)
        self.report.taken += 1
        return True

    def _conflict(
        self, link: _EventLink, what: str, diff: dict[str, dict[str, str]], etag: str | None
    ) -> None:
        self.report.conflicts += 1
        record = json.dumps({"what": what, "fields": diff, "server_etag": etag})
        with self._sessions.begin() as session:
            row = session.get(SyncEvent, link.id)
            assert row is not None
            if row.conflict == record:
                return
            row.conflict = record
            self.report.new_conflicts += 1
            zone, now = self._zone, self._now
            shown = "; ".join(
                f"{FIELD_WORDS.get(k, k).lower()}: here {value_words(k, v['app'], zone, now)}, "
                f"on the server {value_words(k, v['server'], zone, now)}"
                for k, v in diff.items()
                if k in SHOWN
            )
            text = (
                f"The calendar event “{_summary_of(link.body) or link.uid}” was {what}; the "
                "app's version was not written" + (f" ({shown})" if shown else "") + "."
            )
            session.add(SyncNotice(account_id=self._account_id, at=self._now, text=text))
            self.report.notices.append(text)


class _EventLink:
    def __init__(self, row: SyncEvent) -> None:
        self.id = row.id
        self.meeting_id = row.meeting_id
        self.uid = row.uid
        self.href = row.href
        self.etag = row.etag
        self.content_sha256 = row.content_sha256
        self.body = row.body
        recorded = _conflict_record(row.conflict)
        choice, seen = recorded.get("choice"), recorded.get("server_etag")
        self._choice = choice if isinstance(choice, str) else None
        self._choice_etag = seen if isinstance(seen, str) else None

    def chosen(self, server_etag: str | None) -> str | None:
        """The side the user chose, if the server's event is still the one they saw."""
        return self._choice if self._choice_etag == server_etag else None


def _conflict_record(text: str | None) -> dict[str, object]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def uid_file(uid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", uid) + ".ics"


def _uid_of(ics: bytes) -> str:
    found = re.search(rb"^UID:(.*?)\r?$", _vevent(ics), re.MULTILINE)
    return found.group(1).decode("utf-8").strip() if found else f"{uuid.uuid4()}@chatplanner"


def _summary_of(body: str) -> str:
    found = re.search(r"^SUMMARY:(.*?)\r?$", body, re.MULTILINE)
    return found.group(1).strip() if found else ""
