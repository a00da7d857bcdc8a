"""Removing the account and adding it again finds the app's events and cards on the server:
adopted by their UIDs, never duplicated (Radicale)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode, MeetingStatus
from chatplanner.services import calendar_sync, contact_sync
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

from .radicale_server import PASSWORD, Phone

NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
START = datetime(2026, 3, 18, 10, 0, tzinfo=ZoneInfo("America/Toronto"))


@pytest.fixture
def workspace(open_workspace: OpenWorkspace, phone: Phone) -> Workspace:
    ws = open_workspace(clock=lambda: NOW)
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
    return ws


def _plan(ws: Workspace, first: str, email: str | None = None) -> int:
    contact = ws.people.contact_edits.create(
        ContactDraft(first_name=first, last_name="Lovelace", email=email)
    )
    return ws.planning.scheduling.plan_chat(
        contact.id, MeetingMode.ONLINE, START, 45, call_link="https://meet.example/a"
    )


def _uids(phone: Phone) -> list[str]:
    return sorted(
        str(next(iter(Calendar.from_ical(text).walk("VEVENT")))["UID"])
        for text in phone.events(phone.collection_url("chats")).values()
    )


def _add_again(ws: Workspace, phone: Phone) -> None:
    ws.syncing.sync_accounts.remove()
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)


def test_adding_the_account_again_adopts_the_events_and_cards(
    workspace: Workspace, phone: Phone
) -> None:
    meeting = _plan(workspace, "Ada")  # no e-mail, no LinkedIn: only the UID can match
    workspace.syncing.sync.run()
    assert len(_uids(phone)) == 1
    assert len(phone.cards(phone.collection_url("people"))) == 1

    _add_again(workspace, phone)
    report = workspace.syncing.sync.run()

    assert report.calendar is not None
    assert report.contacts is not None
    assert report.calendar.created == 0
    assert report.calendar.adopted == 1
    assert "already in the calendar" in report.summary()
    assert len(_uids(phone)) == 1
    assert len(phone.cards(phone.collection_url("people"))) == 1
    assert len(workspace.people.contacts.list_summaries(True)) == 1

    # Cancelling the chat cancels the one event there is.
    workspace.chats.meetings.set_status(meeting, MeetingStatus.CANCELLED)
    workspace.syncing.sync.run()
    (text,) = phone.events(phone.collection_url("chats")).values()
    assert "STATUS:CANCELLED" in text


def test_uids_given_before_they_were_stable_are_found_again(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plan(workspace, "Ada")
    # The UIDs of an earlier version: random for each account link.
    with monkeypatch.context() as earlier:
        earlier.setattr(
            calendar_sync, "event_uid", lambda _tag, n, _at: f"chat-{n}-{uuid.uuid4().hex[:12]}@cp"
        )
        earlier.setattr(contact_sync, "card_uid", lambda _tag, _n, _at: str(uuid.uuid4()))
        workspace.syncing.sync.run()
    before = _uids(phone)

    _add_again(workspace, phone)
    workspace.syncing.sync.run()

    assert _uids(phone) == before
    assert len(phone.cards(phone.collection_url("people"))) == 1
    assert len(workspace.people.contacts.list_summaries(True)) == 1


def test_a_new_chat_given_the_number_of_a_deleted_one_gets_an_event_of_its_own(
    open_workspace: OpenWorkspace, phone: Phone
) -> None:
    ticks = iter(range(1_000_000))
    ws = open_workspace(clock=lambda: NOW + timedelta(seconds=next(ticks)))
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
    first = _plan(ws, "Ada")
    ws.syncing.sync.run()
    (ada,) = ws.people.contacts.list_summaries(True)
    ws.people.contact_edits.delete(
        [ada.id]
    )  # takes the chat with it; the last rows: their numbers come back
    ws.syncing.sync.run()  # the event stays, cancelled; the card is deleted

    second = _plan(ws, "Grace")
    report = ws.syncing.sync.run()

    assert second == first
    assert report.calendar is not None
    assert report.calendar.created == 1
    assert report.calendar.conflicts == 0
    texts = list(phone.events(phone.collection_url("chats")).values())
    assert len(texts) == 2
    assert sum("STATUS:CANCELLED" in text for text in texts) == 1
    (card_text,) = phone.cards(phone.collection_url("people")).values()
    assert "Grace" in card_text
