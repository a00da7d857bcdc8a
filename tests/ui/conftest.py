"""The main window, shown, for the tests of the window's pages and dialogs."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from tests.ui.windows import ShowWindow


@pytest.fixture
def show_window(qtbot: QtBot) -> ShowWindow:
    """Shows the main window on a profile, at a size, and waits until it is on screen with its
    first page's data (read right after the first paint: a test's own refresh of the page must
    not race that one, which would replace the cards the test holds)."""

    def show(workspace: Workspace, size: tuple[int, int] | None = (1280, 860)) -> MainWindow:
        main = MainWindow(workspace)
        qtbot.addWidget(main)
        if size is not None:
            main.resize(*size)
        with qtbot.waitSignal(main.first_load_done, timeout=10_000):
            main.show()
        qtbot.waitExposed(main)
        return main

    return show
