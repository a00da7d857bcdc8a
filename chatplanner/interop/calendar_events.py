"""Writing and reading the app's events in a CalDAV calendar, through the `caldav` package.

Every write is conditional: `If-Match` with the ETag the app last saw (an event the user changed
on the server is refused with 412, never overwritten), or `If-None-Match: *` for a new event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from icalendar import Calendar

from chatplanner.interop.dav_http import (
    NotFoundOnServerError,
    PreconditionFailedError,
    SyncServerError,
    check_server_url,
)

if TYPE_CHECKING:
    from caldav.calendarobjectresource import Event
    from caldav.collection import Calendar as DavCalendar

_log = logging.getLogger(__name__)
# The fields of an event shown when the user changed it on the server.
COMPARED = (
    ("SUMMARY", "title"),
    ("DTSTART", "start"),
    ("DTEND", "end"),
    ("LOCATION", "place"),
    ("DESCRIPTION", "description"),
    ("STATUS", "status"),
)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    text: str
    etag: str | None


class CalendarClient:
    """One calendar on one server, for the length of a sync."""

    def __init__(
        self, server_url: str, calendar_url: str, username: str, password: str, timeout: float
    ) -> None:
        from caldav.davclient import DAVClient  # imported when a sync runs (its HTTP stack)

        check_server_url(calendar_url)
        self._client = DAVClient(
            url=check_server_url(server_url),
            username=username,
            password=password,
            timeout=int(timeout),
            ssl_verify_cert=True,  # a certificate error is reported, never ignored
            enable_rfc6764=False,  # the calendar's address is known: no DNS look-ups
        )
        self._calendar: DavCalendar = self._client.calendar(url=calendar_url)

    def close(self) -> None:
        self._client.close()

    def _event(self, href: str, etag: str | None) -> Event:
        from caldav.calendarobjectresource import Event
        from caldav.elements import dav

        props = {dav.GetEtag.tag: etag} if etag else {}
        return Event(self._client, url=href, parent=self._calendar, props=props)

    def write(self, href: str, ics: bytes, etag: str | None) -> str | None:
        """PUT the event; returns its new ETag. `etag` None: create only."""
        event = self._event(href, etag)
        with translated_errors(href):
            event.save(
                raw_data=ics,
                precondition="etag",
                no_overwrite=etag is None,
                increase_seqno=False,
            )
        return event.etag

    def read(self, href: str) -> StoredEvent:
        event = self._event(href, None)
        with translated_errors(href):
            event.load()
        return StoredEvent(str(event.data or ""), event.etag)


class translated_errors:
    """caldav's and niquests' errors as plain `SyncServerError`s, without passwords or URLs
    holding credentials."""

    def __init__(self, href: str) -> None:
        self._href = href

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: object
    ) -> Literal[False]:
        if error is None or isinstance(error, SyncServerError):
            return False
        import niquests
        from caldav.lib import error as dav_error

        if isinstance(error, dav_error.ETagMismatchError | dav_error.ConsistencyError):
            raise PreconditionFailedError(
                "The event was changed on the server since the last sync; it was not overwritten.",
                status=412,
            ) from None
        if isinstance(error, dav_error.NotFoundError):
            raise NotFoundOnServerError(
                "The event is no longer on the server.", status=404
            ) from None
        if isinstance(error, dav_error.DAVError):
            status = getattr(error, "status", None)
            if status == 412:
                raise PreconditionFailedError(
                    "The event was changed on the server since the last sync; it was not "
                    "overwritten.",
                    status=412,
                ) from None
            if status in (401, 403):
                raise SyncServerError(
                    "The calendar server refused the user name or password, or does not let "
                    "this account write to the calendar.",
                    status=status,
                ) from None
            if status == 404:
                raise NotFoundOnServerError(
                    "The calendar is no longer on the server; choose another one.", status=404
                ) from None
            raise SyncServerError(
                f"The calendar server refused to store an event ({status or type(error).__name__})."
                " Nothing was lost; try again later.",
                status=status,
            ) from None
        if isinstance(error, niquests.exceptions.SSLError):
            raise SyncServerError(
                "The calendar server did not prove who it is: its certificate could not be "
                "verified."
            ) from None
        if isinstance(error, niquests.exceptions.Timeout):
            raise SyncServerError(
                "The calendar server did not answer in time. Nothing was lost.", offline=True
            ) from None
        if isinstance(error, niquests.exceptions.ConnectionError | OSError):
            raise SyncServerError(
                "The calendar server cannot be reached. Nothing was lost.", offline=True
            ) from None
        if isinstance(error, ValueError):  # calendar data the library could not read
            raise SyncServerError(
                "The calendar server sent an event that could not be read. Nothing was changed."
            ) from None
        return False


def event_fields(text: str) -> dict[str, str]:
    """The compared fields of the first VEVENT, as text; empty when it cannot be read."""
    try:
        calendar = Calendar.from_ical(text)
    except ValueError:
        return {}
    for component in calendar.walk("VEVENT"):
        found = {}
        for prop, label in COMPARED:
            value = component.get(prop)
            if value is None:
                continue
            shown = getattr(value, "dt", value)
            found[label] = shown.isoformat() if hasattr(shown, "isoformat") else str(shown)
        return found
    return {}


def event_times(text: str) -> tuple[datetime, datetime] | None:
    """The first VEVENT's start and end, when both are moments with a zone (not all-day)."""
    try:
        calendar = Calendar.from_ical(text)
    except ValueError:
        return None
    for component in calendar.walk("VEVENT"):
        start = getattr(component.get("DTSTART"), "dt", None)
        end = getattr(component.get("DTEND"), "dt", None)
        if (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and start.tzinfo is not None
            and end.tzinfo is not None
            and end > start
        ):
            return start, end
        return None
    return None


def differences(ours: str, theirs: str) -> dict[str, dict[str, str]]:
    """label -> {"app": .., "server": ..} for each compared field that differs."""
    mine, server = event_fields(ours), event_fields(theirs)
    return {
        label: {"app": mine.get(label, ""), "server": server.get(label, "")}
        for _prop, label in COMPARED
        if mine.get(label, "") != server.get(label, "")
    }
