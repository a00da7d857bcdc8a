"""A screen with less room than the smallest window the pages are laid out for (a 1280x720
laptop under its panel, a large text setting that scales the whole desktop): the window still
fits on it, and what does not fit scrolls instead of lying beyond the screen's edge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MINIMUM_WIDTH, TITLE_BAR_ALLOWANCE
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


# A window shown on a screen 1024x700 (the offscreen platform's screens from a file), frameless:
# as a window is before the window manager has put its frame on; prints its size and minimum.
_SHOWN_ON_A_SMALL_SCREEN = """
import json, sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
workspace = Workspace.open(Path(sys.argv[1]))
main = MainWindow(workspace)
main.setWindowFlag(Qt.WindowType.FramelessWindowHint)
main.first_load_done.connect(lambda: QTimer.singleShot(50, app.quit))
main.show()
app.exec()
room = main.screen().availableGeometry()
print(json.dumps({
    "room": [room.width(), room.height()],
    "window": [main.width(), main.height()],
    "minimum": [main.minimumWidth(), main.minimumHeight()],
}))
workspace.close()
"""


def test_a_window_shown_before_its_frame_leaves_room_for_a_title_bar(tmp_path: Path) -> None:
    """On a screen 700 high, the window opened 700 high under its title bar: its bottom edge
    and status bar (the demo's warning, the profile, "Saved") lay below the screen (seen under
    a real window manager). Until the frame is known, room is left for one."""
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "small", "width": 1024, "height": 700, "dpr": 1}]}),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _SHOWN_ON_A_SMALL_SCREEN, str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"},
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["room"] == [1024, 700], "the platform took the screen from the file"
    assert shown["window"][1] <= 700 - TITLE_BAR_ALLOWANCE
    assert shown["minimum"][1] <= 700 - TITLE_BAR_ALLOWANCE
