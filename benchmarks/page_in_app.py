"""One first click on a page in the running app, timed; run in a fresh process by the benchmarks.

    python benchmarks/page_in_app.py PROFILE_DIR PAGE_KEY

The main window opens on Today as the app opens it and reads Today's data; then the page is
chosen in the navigation, and the time until it is painted with its content (for lists: the
first screen of rows, selectable and open) is printed as JSON. Nothing of the page is imported
before the click: its code loads with it, as it does for a user.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import PAGE_ROWS, MainWindow
from chatplanner.ui.theme import Theme, apply_theme, new_application

SETTLE_MS = 500  # after Today's data is painted: the user looks before clicking
TIMEOUT_S = 60


def _people_ready(page: Any) -> bool:
    return bool(page.model.rowCount())


def _venues_ready(page: Any) -> bool:
    # The list, or its empty state when there is nothing to list.
    return bool(page.model.rowCount()) or page.list_stack.currentWidget() is page.empty


def _meetings_ready(page: Any) -> bool:
    # The list with the first chat open on the right (or the empty state).
    listed = bool(page.model.rowCount()) and page.detail.meeting_id is not None
    return listed or page.stack.currentWidget() is page.empty


def _insights_ready(page: Any) -> bool:
    return page.insights is not None


def _archive_ready(page: Any) -> bool:
    return bool(page.folder_label.text())


# When a page shows its content: read by the page's own widgets, whatever does the reading.
READY: dict[str, Callable[[Any], bool]] = {
    "people": _people_ready,
    "venues": _venues_ready,
    "meetings": _meetings_ready,
    "insights": _insights_ready,
    "archive": _archive_ready,
}


def wait(app: QApplication, milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def window_on_today(
    app: QApplication, workspace: Workspace, settle_ms: int = SETTLE_MS
) -> MainWindow:
    """The main window at 1280x800, shown with Today's data, then left as a user looks at it.

    As the app does (`app.run_gui`), what was made before the window's first paint is kept out
    of later garbage collections (`gc.freeze`): without that, a full collection walking the
    whole start-up's objects fell inside the timed click and was counted as the page's.
    """
    window = MainWindow(workspace)
    window.resize(1280, 800)
    window.first_painted.connect(gc.freeze)
    loaded = QEventLoop()
    window.first_load_done.connect(loaded.quit)
    window.show()
    loaded.exec()
    wait(app, settle_ms)
    return window


def main() -> None:
    directory, key = Path(sys.argv[1]), sys.argv[2]
    ready = READY[key]
    assert f"chatplanner.ui.views.{key}" not in sys.modules
    app = new_application(sys.argv[:1])
    apply_theme(app, Theme.LIGHT)
    with Workspace.open(directory) as workspace:
        window = window_on_today(app, workspace)

        started = time.perf_counter()
        window.navigation.setCurrentRow(PAGE_ROWS[key])  # as a click there does
        page = window.page(key)
        app.processEvents()
        while not ready(page):
            if time.perf_counter() - started > TIMEOUT_S:
                raise SystemExit(f"the {key} page showed no content in {TIMEOUT_S} s")
            app.processEvents()
            time.sleep(0.001)
        page.repaint()
        opened = time.perf_counter() - started
        print(json.dumps({"in_app_open_ms": round(opened * 1000, 2)}), flush=True)
        window.close()


if __name__ == "__main__":
    main()
