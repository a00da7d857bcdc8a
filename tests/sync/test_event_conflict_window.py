"""A chat's event changed on the server by the user (new title, moved) while the chat was moved
in the app: File › Sync Conflicts shows the app's version and the server's in words, and the
user's choice (the server's time) is applied by the next sync (a real Radicale)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QRadioButton, QWidget

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode
from chatplanner.services.workspace import Workspace
from tests.journey.user import User

from .radicale_server import PASSWORD, Phone

SYNC_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def workspace(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        opened.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        yield opened


def _moved_on_both_sides(workspace: Workspace, phone: Phone) -> tuple[int, str, datetime]:
    person = workspace.people.contact_edits.create(
        ContactDraft(first_name="Jessica", last_name="Ng")
    )
    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    meeting = workspace.planning.scheduling.plan_chat(
        person.id, MeetingMode.ONLINE, start, call_link="https://meet.example/abc"
    )
    workspace.syncing.sync.run()
    calendar = phone.collection_url("chats")
    (href,) = [h for h in phone.list(calendar) if h.endswith(".ics")]
    url = phone.base_url.rstrip("/") + href
    body, etag = phone.get(url)
    event = Calendar.from_ical(body)
    vevent = next(iter(event.walk("VEVENT")))
    theirs = start + timedelta(days=1)
    for name, value in (
        ("SUMMARY", "Lunch with Jessica"),
        ("DTSTART", theirs),
        ("DTEND", theirs + timedelta(minutes=45)),
    ):
        vevent.pop(name)
        vevent.add(name, value)
    phone.put(url, event.to_ical().decode("utf-8"), "text/calendar", etag)
    workspace.chats.meetings.update_plan(meeting, starts_at=start + timedelta(hours=2))
    return meeting, url, theirs


def test_the_sync_conflicts_window_shows_an_event_changed_on_the_server_and_takes_its_time(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    meeting, url, theirs = _moved_on_both_sides(workspace, phone)
    workspace.syncing.sync.run()  # finds the conflict (as the command line would)
    seen: list[str] = []

    def take_the_servers_time(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Changed on Both Sides"
        seen.extend(label.text() for label in user.all_visible(QLabel, dialog))
        (take,) = [
            b
            for b in user.all_visible(QRadioButton, dialog)
            if b.text() == "Take the Server's Time"
        ]
        user.click(take)
        user.click_button("Apply Choices", dialog)

    with user.in_next_dialog(take_the_servers_time):
        user.open_from_menu("File", "Sync Conflicts…")
    line = user.named("Sync status", QLabel)
    user.qtbot.waitUntil(lambda: "moved to the server's time" in line.text(), timeout=60_000)

    assert "Chat with Jessica Ng" in seen
    assert {"Title", "Starts", "On this computer", "On the server"} <= set(seen)
    assert "“Lunch with Jessica”" in seen
    assert not any("T" in text and text[:4].isdigit() for text in seen)  # no raw timestamps
    assert workspace.chats.meetings.summary(meeting).starts_at == theirs
    assert "Lunch with Jessica" in phone.get(url)[0]  # the user's event, as they left it
    assert workspace.syncing.sync_conflicts.event_conflicts() == []
    again = workspace.syncing.sync.run()
    assert again.calendar is not None
    assert again.calendar.summary() == "Calendar: no changes."


def test_keep_server_on_the_command_line_takes_the_servers_time(
    workspace: Workspace, phone: Phone
) -> None:
    meeting, url, theirs = _moved_on_both_sides(workspace, phone)
    first = workspace.syncing.sync.run()
    assert first.calendar is not None
    assert first.calendar.conflicts == 1
    assert "2026-" not in " ".join(first.notices)  # times in words

    workspace.syncing.sync.run(keep="server")

    assert workspace.chats.meetings.summary(meeting).starts_at == theirs
    assert "Lunch with Jessica" in phone.get(url)[0]


def test_the_window_opens_once_for_a_conflict_and_not_again_until_something_new(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    _moved_on_both_sides(workspace, phone)
    opened: list[str] = []

    def later(dialog: QWidget) -> None:
        opened.append(dialog.windowTitle())
        assert "Chat with Jessica Ng" in user.texts(dialog)
        user.click_button("Decide Later", dialog)

    with user.in_next_dialog(later):
        user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)
        user.qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    line = user.named("Sync status", QLabel)
    user.qtbot.waitUntil(lambda: "not overwritten" in line.text(), timeout=60_000)

    line.setText("")
    user.window.activateWindow()  # the dialog is closed: the window has the keyboard again
    user.qtbot.waitUntil(user.window.isActiveWindow)
    user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)  # the same conflict, already shown: not asked again
    user.qtbot.waitUntil(lambda: "not overwritten" in line.text(), timeout=60_000)
    user.qtbot.wait(300)

    assert opened == ["Changed on Both Sides"]
    assert user.stray_dialogs == []


def test_the_chats_plan_tab_says_its_event_was_changed_on_the_server(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    _moved_on_both_sides(workspace, phone)
    workspace.syncing.sync.run()

    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Plan")
    user.wait_to_see("Changed in your calendar on the server")
    (line,) = [text for text in user.texts() if "in your calendar on the server" in text]

    assert "Title: “Lunch with Jessica”" in line
    assert "Starts: " in line
    assert "2026" not in line  # a day this year is said without its year
    assert "File › Sync Conflicts" in line
