"""People in the running app, as the user meets it; run in a fresh process by bench_gui.py.

    python benchmarks/people_in_app.py PROFILE_DIR [--at-once]

The main window opens on Today as the app opens it (its data read and painted, then half a
second); resident memory is read there. The window makes People while it waits on Today (its
modules, then the page, which reads a large network's list in the background): by then it may
have done so. With `--at-once`, People is chosen as soon as Today's data is painted, before
any of that, and only its opening is measured: what a user who clicks at once waits for.
Then People is chosen in the navigation, and the script
notes when its first screen of rows is painted and when the whole list is in the table (search,
sort and filters cover everyone; the person editor beside it is made and filled just after),
and reads resident memory again a second later. Then it types queries into the search box
with key events through QTest, one key at a time, timing each from the key press until the
list is repainted, beside the floor measured in the same process: one substring pass over
every listed person's folded name. Every timing is given twice: the wall time the user waits,
and the process's CPU time over the same span (`_cpu_ms`: user + system, both threads, so the
list read in the worker counts), which barely moves when other work shares the machine. Prints
one JSON object.

QtTest is imported only after memory is read, so the figures are the app's own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from benchmarks.page_in_app import SETTLE_MS, wait, window_on_today
from chatplanner.services.workspace import Workspace
from chatplanner.ui.first_paint import memory_kib
from chatplanner.ui.main_window import PAGE_ROWS
from chatplanner.ui.theme import Theme, apply_theme, new_application

MEMORY_SETTLE_MS = 1000  # work a page defers to the event loop is counted too
TIMEOUT_S = 120
# Typed and then erased one key at a time: every prefix, as a user types and corrects.
QUERIES = ("zoe", "toronto", "product manager", "lefevre", "kowalska", "acme")


def until(app: QApplication, ready: Any, started: float, what: str) -> None:
    while not ready():
        if time.perf_counter() - started > TIMEOUT_S:
            raise SystemExit(f"{what}: not done in {TIMEOUT_S} s")
        app.processEvents()
        time.sleep(0.0005)


def resident_mib() -> float:
    return round(memory_kib().get("VmRSS", 0) / 1024, 1)


def main() -> None:
    directory = Path(sys.argv[1])
    at_once = "--at-once" in sys.argv[2:]
    app = new_application(sys.argv[:1])
    apply_theme(app, Theme.LIGHT)
    with Workspace.open(directory) as workspace:
        everyone = workspace.people.contacts.count()
        window = window_on_today(app, workspace, settle_ms=0 if at_once else SETTLE_MS)
        if not at_once:
            wait(app, MEMORY_SETTLE_MS - SETTLE_MS)
        today_mib = resident_mib()
        made_ahead = "people" in [page.key for page in window.built_pages()]

        started, started_cpu = time.perf_counter(), time.process_time()
        window.navigation.setCurrentRow(PAGE_ROWS["people"])  # as a click there does
        page: Any = window.page("people")
        app.processEvents()
        until(app, lambda: page.model.rowCount() > 0, started, "People's first rows")
        page.table.viewport().repaint()
        first_rows_ms = (time.perf_counter() - started) * 1000
        first_rows_cpu_ms = (time.process_time() - started_cpu) * 1000
        rows_at_first_paint = page.model.rowCount()
        until(
            app,
            lambda: page.model.total_count(include_archived=True) >= everyone,
            started,
            "People's whole list",
        )
        page.table.viewport().repaint()
        whole_list_ms = (time.perf_counter() - started) * 1000
        whole_list_cpu_ms = (time.process_time() - started_cpu) * 1000
        if at_once:
            window.close()
            print(
                json.dumps(
                    {
                        "people_first_rows_at_once_ms": round(first_rows_ms, 2),
                        "people_whole_list_at_once_ms": round(whole_list_ms, 2),
                        "people_made_ahead_at_once": made_ahead,
                    }
                ),
                flush=True,
            )
            return
        wait(app, MEMORY_SETTLE_MS)
        people_mib = resident_mib()

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from chatplanner.domain.text import fold

        # Every listed person's name, folded once (the floor's data, ready as the model's is).
        names = [fold(f"{row.first_name} {row.last_name}") for row in page.model._rows]
        search = page.filters.search
        search.setFocus()
        app.processEvents()
        keys, keys_cpu, floors = [], [], []
        for query in QUERIES:
            # Each character one key press (keyClicks of one character), then Backspace.
            strokes = [*query, *[""] * len(query)]
            typed = ""
            for char in strokes:
                typed = typed + char if char else typed[:-1]
                began, began_cpu = time.perf_counter(), time.process_time()
                if char:
                    QTest.keyClicks(search, char)
                else:
                    QTest.keyClick(search, Qt.Key.Key_Backspace)
                page.table.viewport().repaint()
                keys.append((time.perf_counter() - began) * 1000)
                keys_cpu.append((time.process_time() - began_cpu) * 1000)
                needle = fold(typed)
                began = time.perf_counter()
                _matches = [name for name in names if needle in name]
                floors.append((time.perf_counter() - began) * 1000)
            assert search.text() == "", search.text()
        window.close()
    print(
        json.dumps(
            {
                "contacts": everyone,
                "today_rss_mib": today_mib,
                "people_first_rows_ms": round(first_rows_ms, 2),
                "people_first_rows_cpu_ms": round(first_rows_cpu_ms, 2),
                "rows_at_first_paint": rows_at_first_paint,
                "people_made_ahead": made_ahead,
                "people_whole_list_ms": round(whole_list_ms, 2),
                "people_whole_list_cpu_ms": round(whole_list_cpu_ms, 2),
                "people_rss_mib": people_mib,
                "keystroke_ms": [round(k, 3) for k in keys],
                "keystroke_cpu_ms": [round(k, 3) for k in keys_cpu],
                "keystroke_floor_ms": [round(f, 3) for f in floors],
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
