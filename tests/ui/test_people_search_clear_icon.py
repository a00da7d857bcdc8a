"""The search box's own clear icon (⊗) goes with its text when the filters are cleared at once
(the Clear button, or a new person shown): it stayed beside an emptied box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from tests.ui.windows import ShowWindow, click_people


def _clear_icon(search: QLineEdit) -> QWidget:
    action = search.findChild(QAction, "_q_qlineeditclearaction")
    assert action is not None
    [button] = [o for o in action.associatedObjects() if isinstance(o, QWidget)]
    return button


def _icon_shown(search: QLineEdit) -> bool:
    button = _clear_icon(search)
    return button.isVisible() and float(button.property("opacity")) > 0


def test_clearing_the_filters_takes_the_search_boxs_clear_icon_away(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    page = click_people(qtbot, show_window(demo))
    everyone = page.model.rowCount()
    search = page.filters.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "gagnon")
    qtbot.waitUntil(lambda: page.model.rowCount() < everyone)
    qtbot.waitUntil(lambda: _icon_shown(search))

    clear = page.filters.clear_button
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert search.text() == ""
    assert page.model.rowCount() == everyone
    qtbot.waitUntil(lambda: not _icon_shown(search))  # it fades out
    assert not clear.isVisible()
