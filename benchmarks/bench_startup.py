"""Startup to the first painted window, next to a bare PySide6 window, and the app's memory.

    python benchmarks/bench_startup.py [--contacts 30000 --venues 5000 --meetings 10000]
                                       [--runs 5] [--quick]

Both are measured in the same run, as fresh processes on the offscreen platform (each with
compiled bytecode, as an installed copy has, kept in a temporary folder): a bare
`QWidget` shown until its first paint, and `python -m chatplanner --data-dir D` with
CHATPLANNER_REPORT_FIRST_PAINT=1 on a large synthetic profile. The figure is the ratio of the
medians (aim: at most 2x). Wall time is measured from spawning the process to the line it prints
at its first paint; the process's own age at the paint is reported too.

What "first paint" is: the main window painted with its navigation, menus and the visible
(Today) page's frame. That page reads its data right after the first paint, so the time until
the window is painted with the page's content is reported next to it (`app_content_painted_*`).
Memory is VmRSS of the running app on the People view, a second after its first paint. Prints
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.processes import ROOT, installed_like_env
from benchmarks.synthetic_profile import build_profile

BARE_WINDOW = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

def age():
    with open("/proc/self/stat") as s:
        ticks = int(s.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as u:
        return float(u.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")

def memory():
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found

class First(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(json.dumps({"first_paint_seconds": round(age(), 4), **memory()}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1200, 780)
watcher = First()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def _first_paint(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Wall seconds from spawn to the first report line (the first paint), and the last report
    line (with `wall_to_last_line` added: spawn to that line)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    report: dict[str, float] | None = None
    wall = 0.0
    for line in process.stdout:
        if line.startswith("{"):
            if report is None:
                wall = time.perf_counter() - started
            report = json.loads(line)
            report["wall_to_last_line"] = time.perf_counter() - started
    _out, err = process.communicate(timeout=120)
    if report is None:
        raise RuntimeError(f"no first-paint report from {command}: {err[-2000:]}")
    return wall, report


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


# Long: the benchmark's script: arguments, runs, report.
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.contacts, args.venues, args.meetings, args.runs = 3_000, 500, 1_000, 3
    with tempfile.TemporaryDirectory() as folder:
        env = installed_like_env(Path(folder) / "bytecode")
        directory = Path(folder) / "profile"
        built = build_profile(
            directory, contacts=args.contacts, venues=args.venues, meetings=args.meetings
        )
        app = [sys.executable, "-m", "chatplanner", "--data-dir", str(directory)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        app_env = {**env, "CHATPLANNER_REPORT_FIRST_PAINT": "1"}
        # Warm-up: the OS file cache, Python's bytecode cache and the day's automatic backup.
        _first_paint(bare, env)
        _first_paint(app, app_env)
        bare_wall, bare_age, app_wall, app_age = [], [], [], []
        content_wall, content_age = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            wall, report = _first_paint(bare, env)
            bare_wall.append(wall)
            bare_age.append(report["first_paint_seconds"])
            wall, report = _first_paint(app, app_env)
            app_wall.append(wall)
            app_age.append(report["first_paint_seconds"])
            content_wall.append(report["wall_to_last_line"])
            content_age.append(report["content_painted_seconds"])
        settle_env = {**app_env, "CHATPLANNER_REPORT_SETTLE_MS": "1000"}
        _wall, memory = _first_paint([*app, "--view", "people"], settle_env)
        _wall, today_memory = _first_paint(app, settle_env)
        _wall, bare_memory = _first_paint(bare, env)
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "platform": env["QT_QPA_PLATFORM"],
                "profile": built,
                "runs": args.runs,
                "bytecode_cache": True,
                "bare_window_first_paint_seconds": _median(bare_wall),
                "app_first_paint_seconds": _median(app_wall),
                "startup_ratio": round(
                    statistics.median(app_wall) / statistics.median(bare_wall), 2
                ),
                "target_ratio": 2.0,
                "bare_window_process_age_at_paint_seconds": _median(bare_age),
                "app_process_age_at_paint_seconds": _median(app_age),
                "first_paint_means": "main window with navigation, menus and the Today page's "
                "frame; the page reads its data right after",
                "app_content_painted_seconds": _median(content_wall),
                "app_process_age_at_content_painted_seconds": _median(content_age),
                "app_rss_mib_people_view": round(memory.get("VmRSS", 0) / 1024, 1),
                "app_peak_rss_mib_people_view": round(memory.get("VmHWM", 0) / 1024, 1),
                "app_rss_mib_today_view": round(today_memory.get("VmRSS", 0) / 1024, 1),
                "bare_window_rss_mib": round(bare_memory.get("VmRSS", 0) / 1024, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
