"""The type of the `show_window` fixture (tests/ui/conftest.py), for annotations, and the
user's way to another page of a window shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from chatplanner.ui.main_window import PAGE_ROWS, MainWindow

if TYPE_CHECKING:  # imported by the tests' conftest: the page's modules load when clicked
    from chatplanner.ui.views.people import PeoplePage

# show_window(workspace, size=(width, height)); size None leaves the window's own size.
ShowWindow = Callable[..., MainWindow]


def click_in_navigation(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """A mouse click on the page `key` in the window's navigation."""
    navigation = window.navigation
    row = navigation.visualItemRect(navigation.item(PAGE_ROWS[key]))
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=row.center())


def click_people(qtbot: QtBot, window: MainWindow) -> PeoplePage:
    """People chosen with the mouse, as a user does; its page."""
    from chatplanner.ui.views.people import PeoplePage

    click_in_navigation(qtbot, window, "people")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    return page
