"""Opening each page shows nothing but the window: no widget flashes up as a window of its own
(a label shown before it had a parent did, for a moment, the first time Meetings opened)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.registry import PAGES
from tests.ui.windows import ShowWindow


class _WindowsShown(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(f"{type(watched).__name__} {watched.windowTitle()!r}")
        return False


def test_opening_every_page_shows_no_window_but_the_main_one(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    window = show_window(demo)
    application = QApplication.instance()
    assert application is not None
    seen = _WindowsShown()
    application.installEventFilter(seen)
    try:
        for page in PAGES:
            window.show_page(page.key)
            qtbot.wait(20)
    finally:
        application.removeEventFilter(seen)
    assert seen.shown == []
