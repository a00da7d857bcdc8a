from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.about import about_html
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.people import PeoplePage
from chatplanner.ui.widgets.status_messages import messages_first
from tests.profiles import OpenWorkspace
from tests.ui.windows import ShowWindow


@pytest.fixture
def window(show_window: ShowWindow, workspace: Workspace) -> MainWindow:
    return show_window(workspace, None)


def test_navigation_lists_every_view_in_order(window: MainWindow) -> None:
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[:5] == ["Today", "People", "Venues", "Meetings", "Archive"]


def test_ctrl_number_switches_views(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("venues")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("today")


def test_every_view_of_an_empty_profile_says_what_it_will_hold(window: MainWindow) -> None:
    for page in window.pages:
        window.show_page(page.key)
        texts = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
        assert any(len(text) > 40 for text in texts), f"{page.key} has no explanatory text"


def test_window_geometry_is_remembered_in_the_profile(qtbot: QtBot, workspace: Workspace) -> None:
    first = MainWindow(workspace)
    qtbot.addWidget(first)
    # A size within the test platform's 800x800 screen: a larger one is made to fit it.
    first.resize(800, 700)
    first.show()
    first.close()
    second = MainWindow(workspace)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (800, 700)  # not the 1200x780 default
    assert workspace.profile.ui_state_path.exists()


def test_about_escapes_the_profile_path_and_names_the_data_location() -> None:
    html = about_html("/home/<b>eve</b>/data")
    assert "&lt;b&gt;eve&lt;/b&gt;" in html
    assert "<b>eve</b>" not in html
    assert "GeoNames" in html


def menu_of(action: QAction) -> QMenu:
    menu = action.menu()
    assert isinstance(menu, QMenu)
    return menu


def test_quit_has_a_shortcut_even_where_the_platform_defines_none(window: MainWindow) -> None:
    quit_actions = [
        action
        for menu_action in window.menuBar().actions()
        for action in menu_of(menu_action).actions()
        if action.text() == "&Quit"
    ]
    assert quit_actions
    assert not quit_actions[0].shortcut().isEmpty()


def test_the_navigation_names_each_page_as_the_page_names_itself() -> None:
    from chatplanner.ui.views.registry import PAGES

    for entry in PAGES:
        page_class = entry.page_class()
        assert (page_class.key, page_class.label, page_class.icon_name) == (  # type: ignore[attr-defined]
            entry.key,
            entry.label,
            entry.icon_name,
        )


def test_pages_are_built_when_first_shown(window: MainWindow) -> None:
    # People alone is made ahead, once the window is open and idle (test_people_made_ahead.py).
    assert [page.key for page in window.built_pages() if page.key != "people"] == ["today"]
    window.show_page("venues")
    built = [page.key for page in window.built_pages() if page.key != "people"]
    assert built == ["today", "venues"]
    assert window.stack.currentWidget() is window.page("venues")
    assert window.stack.count() == len(window.pages)


def test_the_window_cannot_be_made_smaller_than_the_size_every_page_is_laid_out_for(
    window: MainWindow,
) -> None:
    # Where the screen has the room; a smaller screen gets a window that fits it, whose
    # content scrolls (tests/ui/test_small_screen.py).
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry().size() - (window.frameGeometry().size() - window.size())
    window.resize(500, 400)
    assert (window.width(), window.height()) == (min(1024, room.width()), min(700, room.height()))
    assert window.height() == 700, "the test screen has the room for the smallest height"


def test_a_long_profile_path_never_hides_the_sync_line_a_message_would(
    qtbot: QtBot, show_window: ShowWindow, open_workspace: OpenWorkspace, tmp_path: Path
) -> None:
    workspace = open_workspace(tmp_path / ("a-rather-long-folder-name-" * 8) / "profile")
    window = show_window(workspace, (1024, 700))
    bar = window.statusBar()
    assert bar.currentMessage() == f"Profile: {workspace.profile.directory}"
    sync_line = QLabel("Synced at 14:05 · next at 14:20")
    bar.addPermanentWidget(sync_line)
    messages_first(bar).step_aside(sync_line)  # as the sync line does
    assert sync_line.isVisible()  # beside the path, which it may cut
    # A message the user must read whole has the bar to itself for its time.
    long_message = "Marked as acted on. Today suggests a note to tell Jessica Tran what came of it."
    bar.showMessage(long_message * 2, 300)
    assert not sync_line.isVisible()
    qtbot.waitUntil(sync_line.isVisible)  # and beside the bar once the message has gone


def test_the_profile_note_comes_back_when_a_message_has_had_its_time(
    qtbot: QtBot, show_window: ShowWindow, open_workspace: OpenWorkspace, tmp_path: Path
) -> None:
    workspace = open_workspace(tmp_path / "profile")
    window = show_window(workspace)
    bar = window.statusBar()
    note = f"Profile: {workspace.profile.directory}"
    assert bar.currentMessage() == note
    bar.showMessage("Saved Ann Archer", 50)
    assert bar.currentMessage() == "Saved Ann Archer"
    qtbot.waitUntil(lambda: bar.currentMessage() == note)
    bar.showMessage("Contacts imported.")
    bar.clearMessage()
    assert bar.currentMessage() == note


def test_find_on_a_page_with_nothing_to_search_looks_for_a_person(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    window = show_window(demo)  # on Today, which has no search box
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.filters.search.hasFocus())
    qtbot.keyClicks(page.filters.search, "wei")
    assert [page.model.record_at(row).first_name for row in range(page.model.rowCount())] == ["Wei"]


def test_find_with_nobody_to_find_shows_how_to_bring_people_in_and_takes_no_typing(
    qtbot: QtBot, show_window: ShowWindow, open_workspace: OpenWorkspace, tmp_path: Path
) -> None:
    window = show_window(open_workspace(tmp_path / "empty"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    assert window.stack.currentWidget() is page
    assert page.empty.isVisible()  # "Bring your network in"
    assert not page.filters.search.hasFocus()
    # Typed where the keys land, not into the navigation, where a letter would choose a page.
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused is not window.navigation
    qtbot.keyClicks(focused, "meet")
    assert window.stack.currentWidget() is page
    assert page.filters.search.text() == ""
    # The same from Venues, empty too.
    window.show_page("venues")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "a")
    assert window.stack.currentWidget() is window.page("venues")
