"""One sync: contacts both ways with the address book, then chats to the calendar.

Runs without Qt; the GUI runs it in a background task and the CLI in the foreground. Progress
goes to a callback, and a stop request is checked between steps (what was done is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chatplanner.db.models import SyncAccount
from chatplanner.domain.field_merge import Prefer
from chatplanner.domain.limits import MEETING_MINUTES
from chatplanner.interop.calendar_events import CalendarClient
from chatplanner.interop.dav_http import DavHttp, SyncServerError
from chatplanner.services.calendar_sync import CalendarReport, CalendarSync
from chatplanner.services.contact_sync import (
    ContactReport,
    ContactSync,
    Progress,
    ShouldStop,
    SyncCancelledError,
)
from chatplanner.services.context import ServiceContext
from chatplanner.services.meetings import MeetingEditError, MeetingService
from chatplanner.services.scheduling import SchedulingService
from chatplanner.services.sync_accounts import SyncAccountService

__all__ = ["SyncReport", "SyncServerError", "SyncService"]


@dataclass(frozen=True)
class SyncReport:
    contacts: ContactReport | None
    calendar: CalendarReport | None
    cancelled: bool

    def summary(self) -> str:
        parts = []
        if self.contacts is not None:
            parts.append(self.contacts.summary())
        if self.calendar is not None:
            parts.append(self.calendar.summary())
        if self.cancelled:
            parts.append("Stopped; the rest is done on the next sync.")
        return " ".join(parts) or "Nothing to sync."

    @property
    def notices(self) -> list[str]:
        found: list[str] = []
        for part in (self.contacts, self.calendar):
            if part is not None:
                found.extend(part.notices)
        return found


def _no_progress(_message: str, _done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


class SyncService:
    def __init__(
        self,
        context: ServiceContext,
        accounts: SyncAccountService,
        scheduling: SchedulingService,
        meetings: MeetingService,
    ) -> None:
        self._context = context
        self._accounts = accounts
        self._scheduling = scheduling
        self._meetings = meetings

    # Long: one sync run: lock, contacts, then the calendar, each step reported; the order is the sync's contract.
    def run(
        self,
        *,
        password: str | None = None,
        progress: Progress | None = None,
        should_stop: ShouldStop | None = None,
        overwrite_events: bool = False,
        keep: Prefer = None,
    ) -> SyncReport:
        """Sync the account now. A server problem raises `SyncServerError` (its message is
        also kept as the account's last result); nothing done before it is undone."""
        account = self._accounts.require()
        secret = self._accounts.password(account, password)
        progress = progress or _no_progress
        should_stop = should_stop or _never
        now = self._context.now()
        contacts: ContactReport | None = None
        calendar: CalendarReport | None = None
        cancelled = False
        http = DavHttp(account.server_url, account.username, secret, self._accounts.timeout)
        try:
            if account.address_book_url:
                engine = ContactSync(
                    self._context.sessions,
                    http,
                    account.id,
                    now,
                    progress=progress,
                    should_stop=should_stop,
                    prefer=keep,
                )
                try:
                    contacts = engine.run()
                except SyncCancelledError:
                    contacts, cancelled = engine.report, True
            if account.calendar_url and not cancelled:
                client = CalendarClient(
                    account.server_url,
                    account.calendar_url,
                    account.username,
                    secret,
                    self._accounts.timeout,
                )
                writer = CalendarSync(
                    self._context.sessions,
                    http,
                    client,
                    account.id,
                    now,
                    self._event_ics,
                    progress=progress,
                    should_stop=should_stop,
                    overwrite=overwrite_events,
                    prefer=keep,
                    take_time=self._take_time,
                    zone=self._context.zone(),
                )
                try:
                    calendar = writer.run()
                except SyncCancelledError:
                    calendar, cancelled = writer.report, True
                finally:
                    client.close()
        except SyncServerError as error:
            self._record(account.id, str(error), success=False)
            raise
        finally:
            http.close()
        report = SyncReport(contacts, calendar, cancelled)
        self._record(account.id, report.summary(), success=not cancelled)
        return report

    def _take_time(self, meeting_id: int, starts_at: datetime, minutes: int) -> bool:
        """The user chose the time they gave the event on the server: the chat moves there
        (False, and the chat stays, when that time is not one a chat can have)."""
        try:
            self._meetings.update_plan(
                meeting_id, starts_at=starts_at, duration_minutes=min(minutes, MEETING_MINUTES[1])
            )
        except MeetingEditError:
            return False
        return True

    def _event_ics(self, meeting_id: int, uid: str) -> bytes:
        return self._scheduling.calendar_event_ics(meeting_id, uid)

    def _record(self, account_id: int, result: str, *, success: bool) -> None:
        with self._context.sessions.begin() as session:
            row = session.get(SyncAccount, account_id)
            if row is None:
                return
            row.last_result = result
            if success:
                row.last_sync_at = self._context.now()
