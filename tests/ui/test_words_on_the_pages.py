"""Small words on the Meetings and Archive pages: counts, colons, and no "saved" too soon."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDateTimeEdit, QFileDialog, QLabel, QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from tests.profiles import OpenWorkspace
from tests.ui.windows import ShowWindow


@pytest.fixture
def one_chat(open_workspace: OpenWorkspace) -> Workspace:
    workspace = open_workspace()
    contact = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Byron")
    )
    start = (workspace.context.now() + timedelta(days=3)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    workspace.planning.scheduling.plan_chat(contact.id, MeetingMode.ONLINE, start, timezone="UTC")
    return workspace


@pytest.fixture
def window(show_window: ShowWindow, one_chat: Workspace) -> MainWindow:
    return show_window(one_chat)


def _visible_texts(page: QWidget) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def test_one_chat_is_counted_as_one_chat(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("meetings")
    page = window.page("meetings")
    qtbot.waitUntil(lambda: any("coming up" in t for t in _visible_texts(page)))
    counts = [t for t in _visible_texts(page) if "coming up" in t]
    assert counts[0].startswith("1 chat, 1 coming up.")


def test_a_chosen_archive_folder_has_no_space_before_its_colon(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "notes"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    window.show_page("archive")
    page = window.page("archive")
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Choose folder…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    lines = [line for text in _visible_texts(page) for line in text.splitlines()]
    assert f"Archive folder: {chosen}" in lines


def test_the_when_field_does_not_say_saved_until_its_change_is_saved(
    qtbot: QtBot, window: MainWindow, one_chat: Workspace
) -> None:
    window.show_page("meetings")
    page = window.page("meetings")
    meeting = one_chat.chats.meetings.list_meetings()[0]
    window.open_meeting(meeting.id)
    tabs = next(t for t in page.findChildren(QTabWidget) if t.isVisible())
    plan_index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Plan")
    qtbot.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(plan_index).center()
    )
    when = next(w for w in page.findChildren(QDateTimeEdit) if w.isVisible())
    edit = when.findChild(QWidget, "qt_spinbox_lineedit") or when
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(4, edit.height() // 2))
    qtbot.keyClick(edit, Qt.Key.Key_Up)  # the day under the cursor: one day later

    assert "All changes saved" not in _visible_texts(page)
    assert "Not saved yet: press Enter" in _visible_texts(page)
    assert one_chat.chats.meetings.list_meetings()[0].starts_at == meeting.starts_at

    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "All changes saved" in _visible_texts(page)
    stored = one_chat.chats.meetings.list_meetings()[0].starts_at
    assert stored.astimezone(UTC) - meeting.starts_at.astimezone(UTC) == timedelta(days=1)
