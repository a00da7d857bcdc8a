"""The window on a profile whose enum columns hold texts no member has (a hand-edited or damaged
file, a newer version's profile): every page opens, with the person and the chat shown, and no
error reaches the user."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.cli.main import VIEWS
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.meetings.detail import MeetingDetailView
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.people import PeoplePage
from tests.profiles import OpenWorkspace
from tests.ui.windows import ShowWindow
from tests.unknown_values import write_unknown_values

# The demo's people and chats: Fatemeh Rahimi (contact 24) has chat 10 ahead, in person;
# Olúwadámilọ́lá (23) chat 11 ahead, online; Zoë Tremblay (31) chat 1, done, with notes.
CHATS = {10: "Fatemeh", 11: "Olúwadámilọ́lá", 1: "Zoë"}
PEOPLE = {24: "Fatemeh", 23: "Olúwadámilọ́lá", 31: "Zoë"}


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(30)
    QApplication.processEvents()


def _work_done(qtbot: QtBot, window: QWidget) -> None:
    """Every page's work off the GUI thread has reported how it ended."""
    tasks = window.findChildren(BackgroundTask)
    qtbot.waitUntil(lambda: not any(task.running for task in tasks), timeout=10_000)


def _shown_text(widget: QWidget) -> str:
    """The words of the visible labels and fields under `widget`."""
    labels = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    fields = [field.text() for field in widget.findChildren(QLineEdit) if field.isVisible()]
    return "\n".join([*labels, *fields])


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The message boxes the window would have shown, instead of showing them."""
    shown: list[str] = []

    def record(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        shown.append(" ".join(str(a) for a in args if isinstance(a, str)))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: record(box.text()))
    return shown


@pytest.mark.parametrize("every_other_row", [False, True], ids=["every row", "every other row"])
def test_every_page_opens_on_unknown_stored_values(
    qtbot: QtBot,
    demo_profile: Path,
    open_workspace: OpenWorkspace,
    show_window: ShowWindow,
    dialogs: list[str],
    caplog: pytest.LogCaptureFixture,
    every_other_row: bool,
) -> None:
    write_unknown_values(demo_profile, every_other_row=every_other_row)
    window = show_window(open_workspace(demo_profile))
    caplog.set_level(logging.WARNING)
    for key in VIEWS:
        window.show_page(key)
        _settle(qtbot)
        _work_done(qtbot, window)

    window.show_page("people")
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    for contact_id, name in PEOPLE.items():
        people.show_contact(contact_id)
        _settle(qtbot)
        assert name in _shown_text(people), name

    window.show_page("meetings")
    meetings = window.page("meetings")
    assert isinstance(meetings, MeetingsPage)
    qtbot.waitUntil(lambda: not meetings.loading, timeout=5000)
    detail = meetings.findChild(MeetingDetailView)
    assert detail is not None
    for meeting_id, name in CHATS.items():
        meetings.show_meeting(meeting_id)
        _settle(qtbot)
        assert detail.meeting_id == meeting_id
        assert name in _shown_text(detail), name
        for index in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(index)
            _settle(qtbot)
            assert detail.tabs.currentWidget().isVisible(), detail.tabs.tabText(index)

    window.show_page("today")
    _settle(qtbot)
    _work_done(qtbot, window)
    assert "Fatemeh" in _shown_text(window.page("today"))
    assert dialogs == []
    assert [record.getMessage() for record in caplog.records] == []
