"""The letters the app writes, driven through the main window as a user does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.meetings import MeetingsPage


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "demo") as workspace:
        workspace.seed_demo()
        yield workspace


@pytest.fixture
def window(qtbot: QtBot, demo: Workspace) -> MainWindow:
    main = MainWindow(demo)
    qtbot.addWidget(main)
    main.resize(1280, 860)
    main.show()
    qtbot.waitExposed(main)
    return main


def button(parent: QWidget, text: str) -> QPushButton:
    found = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no visible button {text!r}"
    return found[0]


def click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    index = titles.index(title)
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def open_chat_with(qtbot: QtBot, window: MainWindow, name: str) -> MeetingsPage:
    """Ctrl+4, then a click on the chat's row in the list."""
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    model = page.model
    rows = [
        model.index(row)
        for row in range(model.rowCount())
        if name in str(model.index(row).data(Qt.ItemDataRole.DisplayRole))
    ]
    assert rows, f"no chat with {name}"
    index: QModelIndex = rows[0]
    page.list.scrollTo(index)
    rect = page.list.visualRect(index)
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.name.text().startswith(name))
    return page


def test_notes_typed_in_the_notes_tab_become_the_new_thank_you(
    qtbot: QtBot, window: MainWindow, demo: Workspace
) -> None:
    page = open_chat_with(qtbot, window, "Wei")
    click_tab(qtbot, page.detail.tabs, "Notes")
    advice = page.detail.notes_tab.fields["advice"]
    advice.setFocus()
    qtbot.keyClick(advice, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(advice, Qt.Key.Key_Delete)
    qtbot.keyClicks(advice, "- Take the CAPM exam before the PMP.")
    qtbot.keyClick(advice, Qt.Key.Key_Return)
    qtbot.keyClicks(advice, "- Volunteer on a PMI chapter committee to meet people.")
    resources = page.detail.notes_tab.fields["resources"]
    resources.setFocus()
    qtbot.keyClick(resources, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(resources, "Book: Making Things Happen (Scott Berkun)")
    click_tab(qtbot, page.detail.tabs, "Thank-you")
    qtbot.mouseClick(
        button(page.detail.thank_you_tab, "Generate from notes"), Qt.MouseButton.LeftButton
    )
    body = " ".join(page.detail.thank_you_tab.body.toPlainText().split())
    assert (
        "your advice to take the CAPM exam before the PMP, and to volunteer on a PMI chapter "
        "committee to meet people" in body
    )
    assert "the book Making Things Happen by Scott Berkun" in body
    assert "Book:" not in body and "- Take" not in body
    assert body.count("Amara Okafor") == 1
    meeting_id = page.detail.meeting_id
    assert meeting_id is not None
    saved = demo.thank_you.saved(meeting_id)
    assert saved is not None and "your advice to take the CAPM exam" in " ".join(saved.body.split())
