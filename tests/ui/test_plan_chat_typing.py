"""Typing a day and a time into File › Plan a Chat, as into any date or time field."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.db.models import Meeting
from chatplanner.services.workspace import Workspace
from chatplanner.ui import main_window
from chatplanner.ui.dialogs.plan_chat import PlanChatDialog
from chatplanner.ui.main_window import MainWindow


@pytest.fixture
def dialog(qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch) -> PlanChatDialog:
    """The dialog File › Plan a Chat opens, shown without blocking the test, with Jessica chosen."""
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    opened: list[PlanChatDialog] = []

    def show_instead(dialog: QDialog) -> int:  # shown, left open and kept for the test
        assert isinstance(dialog, PlanChatDialog)
        opened.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(main_window, "run_modal", show_instead)
    plan = next(a for a in window.findChildren(QAction) if a.text() == "&Plan a Chat…")
    plan.trigger()  # File › Plan a Chat (its Ctrl+Shift+N is checked in test_plan_chat_dialog)
    assert len(opened) == 1
    shown = opened[0]
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    person = _named(shown, QComboBox, "Person")
    person.setFocus()
    qtbot.keyClicks(person, "Jessica")
    qtbot.waitUntil(lambda: shown._options is not None, timeout=10000)
    assert person.currentText().startswith("Jessica")
    return shown


W = TypeVar("W", bound=QWidget)


def _named(dialog: QWidget, kind: type[W], name: str) -> W:
    found = [w for w in dialog.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"no visible {name!r}"
    return found[0]


def _type_over(qtbot: QtBot, field: QAbstractSpinBox, text: str) -> None:
    edit = field.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(4, edit.height() // 2))
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _stored_start(ws: Workspace, dialog: PlanChatDialog) -> datetime:
    assert dialog.meeting_id is not None, "the chat was not planned"
    with ws.context.sessions() as session:
        meeting = session.get(Meeting, dialog.meeting_id)
        assert meeting is not None
        assert meeting.timezone is not None
        return meeting.starts_at.astimezone(ZoneInfo(meeting.timezone))


def test_a_time_typed_over_the_old_one_is_the_time_planned(
    qtbot: QtBot, demo: Workspace, dialog: PlanChatDialog
) -> None:
    time_field = _named(dialog, QAbstractSpinBox, "Time")
    _type_over(qtbot, time_field, "14:00")
    assert time_field.text() == "14:00"
    qtbot.keyClick(time_field.lineEdit(), Qt.Key.Key_Return)
    assert _stored_start(demo, dialog).strftime("%H:%M") == "14:00"


def test_up_and_down_step_the_hours_or_the_minutes_under_the_cursor(
    qtbot: QtBot, dialog: PlanChatDialog
) -> None:
    time_field = _named(dialog, QAbstractSpinBox, "Time")
    edit = time_field.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(4, edit.height() // 2))
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert time_field.text() == "11:00"
    edit.setCursorPosition(len(edit.text()))  # End: the minutes
    qtbot.keyClick(edit, Qt.Key.Key_End)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert time_field.text() == "10:59"


def test_a_typed_time_is_read_before_stepping(qtbot: QtBot, dialog: PlanChatDialog) -> None:
    time_field = _named(dialog, QAbstractSpinBox, "Time")
    _type_over(qtbot, time_field, "9:30")
    qtbot.keyClick(time_field.lineEdit(), Qt.Key.Key_Up)  # cursor on the minutes
    assert time_field.text() == "09:31"


def test_a_day_typed_with_its_month_name_then_enter_plans_that_day(
    qtbot: QtBot, demo: Workspace, dialog: PlanChatDialog
) -> None:
    day_field = _named(dialog, QAbstractSpinBox, "Day")
    _type_over(qtbot, day_field, "Sun 14 Mar 2027")
    qtbot.keyClick(day_field.lineEdit(), Qt.Key.Key_Return)
    start = _stored_start(demo, dialog)
    assert (start.date(), start.strftime("%H:%M")) == (date(2027, 3, 14), "10:00")


def test_enter_on_a_day_that_cannot_be_read_says_so_and_plans_nothing(
    qtbot: QtBot, demo: Workspace, dialog: PlanChatDialog
) -> None:
    day_field = _named(dialog, QAbstractSpinBox, "Day")
    before = day_field.text()
    _type_over(qtbot, day_field, "Sun 14 Mxr 2027")
    qtbot.keyClick(day_field.lineEdit(), Qt.Key.Key_Return)
    assert dialog.meeting_id is None
    assert dialog.isVisible()
    errors = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "“Sun 14 Mxr 2027” is not a day: type it like Sun 14 Mar 2027." in errors
    qtbot.keyClick(day_field.lineEdit(), Qt.Key.Key_Escape)
    day_field.clearFocus()
    assert day_field.text() == before
