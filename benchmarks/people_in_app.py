"""One first click on People in the running app, timed; run by bench_people.py in a fresh process.

    python benchmarks/people_in_app.py PROFILE_DIR

The main window opens on Today as the app opens it and reads Today's data; then People is
chosen in the navigation, and the time until its first screen is painted (rows selectable and
open) is printed as JSON. Nothing of the People page is imported before the click: its code
loads with it, as it does for a user.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import PAGE_ROWS, MainWindow
from chatplanner.ui.theme import Theme, apply_theme, new_application

SETTLE_MS = 500  # after Today's data is painted: the user looks before clicking


def wait(app: QApplication, milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def main() -> None:
    assert "chatplanner.ui.views.people" not in sys.modules
    app = new_application(sys.argv[:1])
    apply_theme(app, Theme.LIGHT)
    with Workspace.open(Path(sys.argv[1])) as workspace:
        window = MainWindow(workspace)
        window.resize(1280, 800)
        loaded = QEventLoop()
        window.first_load_done.connect(loaded.quit)
        window.show()
        loaded.exec()
        wait(app, SETTLE_MS)

        started = time.perf_counter()
        window.navigation.setCurrentRow(PAGE_ROWS["people"])  # as a click there does
        page = window.page("people")
        app.processEvents()
        while page.model.rowCount() == 0:  # type: ignore[attr-defined]
            app.processEvents()
            time.sleep(0.001)
        page.repaint()
        opened = time.perf_counter() - started
        print(json.dumps({"in_app_open_ms": round(opened * 1000, 2)}), flush=True)
        window.close()


if __name__ == "__main__":
    main()
