"""File › Plan a Chat, chosen while People shows someone, is for that person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.plan_chat import PlanChatDialog
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.people import PeoplePage


def _open_plan_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> PlanChatDialog:
    opened: list[PlanChatDialog] = []

    def show_instead(self: PlanChatDialog) -> int:
        opened.append(self)
        self.show()
        return 0

    monkeypatch.setattr(PlanChatDialog, "exec", show_instead)
    plan = next(a for a in window.findChildren(QAction) if a.text() == "&Plan a Chat…")
    plan.trigger()
    assert len(opened) == 1
    return opened[0]


def _person_box(dialog: PlanChatDialog) -> QComboBox:
    found = [w for w in dialog.findChildren(QComboBox) if w.accessibleName() == "Person"]
    assert len(found) == 1
    return found[0]


def test_plan_a_chat_from_people_is_for_the_person_shown(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("people")
    table = next(t for t in window.findChildren(QTableView) if t.isVisible())
    qtbot.waitUntil(lambda: table.model().rowCount() > 3, timeout=10000)
    index = table.model().index(2, 0)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    name = table.model().index(2, 0).data()
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    qtbot.waitUntil(lambda: people.current_id() is not None, timeout=5000)

    dialog = _open_plan_dialog(window, monkeypatch)
    qtbot.addWidget(dialog)

    assert _person_box(dialog).currentText().startswith(str(name))


def test_plan_a_chat_from_another_page_asks_whom(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("meetings")

    dialog = _open_plan_dialog(window, monkeypatch)
    qtbot.addWidget(dialog)

    assert _person_box(dialog).currentData() in (None, 0)
