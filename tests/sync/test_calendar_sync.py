"""Chats written to a real calendar (Radicale), one way, with the user's phone on the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import Goal, MeetingMode, MeetingStatus, TravelMode
from chatplanner.domain.venues import UserBase, VenueDraft
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

from .radicale_server import PASSWORD, Phone

NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
TORONTO = UserBase("Home", "Toronto", 43.6532, -79.3832, "CA", "America/Toronto")
START = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("America/Toronto"))
PHONE_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
    "UID:dentist@phone\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260319T140000Z\r\n"
    "DTEND:20260319T150000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace, phone: Phone) -> Workspace:
    ws = open_workspace(clock=lambda: NOW)
    ws.planning.venues.set_base(TORONTO)
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
    return ws


def _plan(ws: Workspace) -> int:
    contact = ws.people.contact_edits.create(
        ContactDraft(
            first_name="Jessica",
            last_name="Ng",
            title="Project Manager",
            company="Acme",
            goal=Goal.MENTORSHIP,
        )
    )
    venue = ws.planning.venues.add(
        VenueDraft(
            "Quiet Beans", address="12 King St", city="Toronto", latitude=43.66, longitude=-79.39
        )
    )
    return ws.planning.scheduling.plan_chat(
        contact.id, MeetingMode.IN_PERSON, START, 45, venue_id=venue, travel_mode=TravelMode.WALK
    )


def _events(phone: Phone) -> dict[str, str]:
    return phone.events(phone.collection_url("chats"))


def _event(text: str) -> object:
    return next(iter(Calendar.from_ical(text).walk("VEVENT")))


def test_a_chat_becomes_one_event_with_zone_place_reminder_and_description(
    workspace: Workspace, phone: Phone
) -> None:
    _plan(workspace)

    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.created == 1
    (text,) = _events(phone).values()
    event = _event(text)
    assert "BEGIN:VTIMEZONE" in text
    assert "TZID:America/Toronto" in text
    assert event["DTSTART"].dt == START  # type: ignore[index]
    assert event["DTEND"].dt == START + timedelta(minutes=45)  # type: ignore[index]
    assert "Quiet Beans" in str(event["LOCATION"])  # type: ignore[index]
    assert event.get("GEO") is not None  # type: ignore[attr-defined]
    description = str(event["DESCRIPTION"])  # type: ignore[index]
    assert "With Jessica Ng, Project Manager at Acme." in description
    assert "Your goal: mentorship." in description
    alarm = next(iter(event.walk("VALARM")))  # type: ignore[attr-defined]
    assert "Time to leave" in str(alarm["DESCRIPTION"])
    assert str(event["UID"]).endswith("@chatplanner")  # type: ignore[index]


def test_moving_a_chat_updates_its_event_and_a_second_sync_writes_nothing(
    workspace: Workspace, phone: Phone
) -> None:
    meeting = _plan(workspace)
    workspace.syncing.sync.run()
    ((href, first),) = _events(phone).items()
    uid = str(_event(first)["UID"])  # type: ignore[index]

    workspace.chats.meetings.update_plan(meeting, starts_at=START + timedelta(days=1))
    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.updated == 1
    ((moved_href, moved),) = _events(phone).items()
    assert moved_href == href
    assert str(_event(moved)["UID"]) == uid  # type: ignore[index]
    assert _event(moved)["DTSTART"].dt == START + timedelta(days=1)  # type: ignore[index]
    listed = phone.list(phone.collection_url("chats"))
    assert workspace.syncing.sync.run().calendar.summary() == "Calendar: no changes."  # type: ignore[union-attr]
    assert phone.list(phone.collection_url("chats")) == listed


def test_a_cancelled_chat_stays_in_the_calendar_marked_cancelled(
    workspace: Workspace, phone: Phone
) -> None:
    meeting = _plan(workspace)
    workspace.syncing.sync.run()

    workspace.chats.meetings.set_status(meeting, MeetingStatus.CANCELLED)
    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.cancelled == 1
    (text,) = _events(phone).values()
    assert str(_event(text)["STATUS"]) == "CANCELLED"  # type: ignore[index]


def test_a_chat_deleted_in_the_app_is_cancelled_in_the_calendar(
    workspace: Workspace, phone: Phone
) -> None:
    _plan(workspace)
    workspace.syncing.sync.run()
    (person,) = workspace.people.contacts.list_summaries(True)
    workspace.people.contact_edits.delete([person.id])  # takes the chat with it

    workspace.syncing.sync.run()

    (text,) = _events(phone).values()
    assert str(_event(text)["STATUS"]) == "CANCELLED"  # type: ignore[index]


def test_an_event_the_user_changed_on_the_server_is_not_overwritten_until_asked(
    workspace: Workspace, phone: Phone
) -> None:
    meeting = _plan(workspace)
    workspace.syncing.sync.run()
    ((href, _text),) = _events(phone).items()
    url = phone.base_url.rstrip("/") + href
    body, etag = phone.get(url)
    phone.put(url, body.replace("Quiet Beans", "Loud Beans"), "text/calendar", etag)
    workspace.chats.meetings.update_plan(meeting, starts_at=START + timedelta(hours=2))

    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.conflicts == 1
    assert any("changed on the server" in n and "Loud Beans" in n for n in report.notices)
    assert "Loud Beans" in phone.get(url)[0]
    status = workspace.syncing.sync_accounts.status()
    assert status is not None
    assert status.event_conflicts == 1

    report = workspace.syncing.sync.run(overwrite_events=True)

    assert report.calendar is not None
    assert report.calendar.overwritten == 1
    after = phone.get(url)[0]
    assert "Loud Beans" not in after
    assert _event(after)["DTSTART"].dt == START + timedelta(hours=2)  # type: ignore[index]


def test_events_the_app_did_not_create_are_never_touched(
    workspace: Workspace, phone: Phone
) -> None:
    calendar = phone.collection_url("chats")
    phone.put(f"{calendar}dentist.ics", PHONE_EVENT, "text/calendar")
    before = phone.list(calendar)
    _plan(workspace)

    workspace.syncing.sync.run()
    workspace.syncing.sync.run(overwrite_events=True)

    after = phone.list(calendar)
    dentist = next(h for h in before if h.endswith("dentist.ics"))
    assert after[dentist] == before[dentist]
    assert len([h for h in after if h.endswith(".ics")]) == 2


class _Killed(Exception):
    """Stands for SIGKILL right after the server took the event, before its ETag was kept."""


def _write_then_die(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from chatplanner.interop.calendar_events import CalendarClient

    real = CalendarClient.write

    def write(self: CalendarClient, href: str, ics: bytes, etag: str | None) -> str | None:
        real(self, href, ics, etag)
        raise _Killed

    monkeypatch.setattr(CalendarClient, "write", write)
    with pytest.raises(_Killed):
        workspace.syncing.sync.run()
    monkeypatch.undo()


def test_an_event_whose_etag_a_killed_sync_never_kept_is_written_on_the_etag_read_now(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = _plan(workspace)
    _write_then_die(workspace, monkeypatch)
    ((href, etag),) = [
        (h, e) for h, e in phone.list(phone.collection_url("chats")).items() if h.endswith(".ics")
    ]
    workspace.chats.meetings.update_plan(meeting, starts_at=START + timedelta(hours=1))

    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.conflicts == 0
    (text,) = _events(phone).values()
    assert _event(text)["DTSTART"].dt == START + timedelta(hours=1)  # type: ignore[index]
    assert phone.list(phone.collection_url("chats"))[href] != etag


def test_an_event_a_killed_sync_wrote_and_the_phone_changed_since_is_not_overwritten(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = _plan(workspace)
    _write_then_die(workspace, monkeypatch)
    ((href, _text),) = _events(phone).items()
    url = phone.base_url.rstrip("/") + href
    body, etag = phone.get(url)
    phone.put(url, body.replace("Quiet Beans", "Loud Beans"), "text/calendar", etag)
    workspace.chats.meetings.update_plan(meeting, starts_at=START + timedelta(hours=1))

    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.calendar.conflicts == 1
    assert any("changed on the server" in n and "Loud Beans" in n for n in report.notices)
    assert "Loud Beans" in phone.get(url)[0]
