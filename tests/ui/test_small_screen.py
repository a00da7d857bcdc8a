"""A screen with less room than the smallest window the pages are laid out for (a 1280x720
laptop under its panel, a large text setting that scales the whole desktop): the window still
fits on it, and what does not fit scrolls instead of lying beyond the screen's edge."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MINIMUM_WIDTH
from tests.ui.windows import ShowWindow

from ..journey.ui_finders import button


def test_a_screen_narrower_than_the_smallest_window_gets_a_window_that_fits(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    main = show_window(demo, None)
    screen = main.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert room.width() < MINIMUM_WIDTH, "the test screen is narrower than the smallest window"

    main.resize(room.width(), room.height() - 60)
    qtbot.waitUntil(lambda: main.width() <= room.width())
    assert main.width() <= room.width()
    assert main.height() <= room.height()

    main.show_page("meetings")
    page = main.stack.currentWidget()
    assert page is not None
    plan = button(page, "Plan a chat…")
    content = main.centralWidget()
    assert isinstance(content, QScrollArea)
    content.ensureWidgetVisible(plan)
    qtbot.wait(10)
    shown = QRect(plan.mapTo(main, QPoint(0, 0)), plan.size())
    assert main.rect().contains(shown), "the button can be brought on screen"


def test_a_new_window_opens_within_a_screen_smaller_than_the_smallest_window(
    show_window: ShowWindow, demo: Workspace
) -> None:
    # A large text scale (QT_FONT_DPI=144 on a 1280x800 desktop) leaves such a screen: the
    # window used to open at 1024x700 there, its right edge and buttons beyond the screen.
    main = show_window(demo, None)
    screen = main.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert room.width() < MINIMUM_WIDTH, "the test screen is narrower than the smallest window"
    assert main.width() <= room.width()
    assert main.height() <= room.height()


def test_at_the_smallest_window_nothing_scrolls_as_a_whole(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    main = show_window(demo, (1024, 700))
    content = main.centralWidget()
    assert isinstance(content, QScrollArea)
    for page in ("today", "people", "venues", "meetings", "archive", "insights"):
        main.show_page(page)
        qtbot.wait(20)
        assert not content.horizontalScrollBar().isVisible(), page
        assert not content.verticalScrollBar().isVisible(), page
