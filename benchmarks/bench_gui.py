"""The window as the user waits for it, each figure beside its floor measured in the same run.

    python benchmarks/bench_gui.py [--contacts 30000 --venues 5000 --meetings 10000]
                                   [--runs 5] [--quick]

On a synthetic profile (benchmarks/synthetic_profile.py), offscreen Qt, every process a fresh one
with the checkout's compiled bytecode (compiled first, as an installed copy has it, in a
temporary folder: this matters where PYTHONDONTWRITEBYTECODE is set):

- start-up: `python -m chatplanner --data-dir D` from spawn until Today is painted with its
  content (and, separately, until the empty frame's first paint), beside a bare `QMainWindow`
  shown and painted, the runs of both interleaved so that load from other work falls on both;
- People in the running app (benchmarks/people_in_app.py): chosen in the navigation after
  Today, until its first 60 rows are painted, and until the whole list is in the table;
- search as you type: key events through QTest into People's search box, each timed from the
  key press until the list is repainted, every prefix of a few queries typed and erased; p95
  (nearest rank) beside one substring pass over every person's folded name, in the same process;
- resident memory on Today, then on People (a second after each), beside the bare window's.

People's figures come with the CPU time (user + system) of the same spans, `_cpu_ms`: steadier
than wall time when other work shares the machine.

    python benchmarks/bench_gui.py --people-growth [--runs 3]

measures People alone at 3,000, 30,000 and 100,000 contacts (venues and chats in the same
proportion) and exits with status 1, naming the figure, when its first rows, its whole list or
search as you type (their CPU time) grows worse than linearly with the contacts.

Every figure has its runs' spread (min, max): a wide spread says the machine was noisy.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_startup import _first_paint
from benchmarks.figures import GrowthError, check_linear, percentile, ratio, summary
from benchmarks.processes import at_each_size, child_figures, compiled_env
from benchmarks.synthetic_profile import build_profile

HERE = Path(__file__).resolve().parent

BARE_MAIN_WINDOW = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def age():
    with open("/proc/self/stat") as s:
        ticks = int(s.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as u:
        return float(u.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")

def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

class First(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(json.dumps({"first_paint_seconds": round(age(), 4)}), flush=True)
            QTimer.singleShot(int(os.environ.get("SETTLE_MS", "0")), report)
        return False

def report():
    print(json.dumps({"VmRSS": rss_kib()}), flush=True)
    app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
watcher = First()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

TARGETS = {
    "content_ratio": 2.0,
    "people_first_rows_ms": 100,
    "people_whole_list_ms": 200,
    "keystroke_p95_ms": 8,
    "rss_mib_at_30k": 150,
}


def start_up(directory: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    """Whole processes: the app to Today's content and to its empty frame, beside the bare
    main window to its first paint; one warm-up pair, then `runs` interleaved pairs."""
    app = [sys.executable, "-m", "chatplanner", "--data-dir", str(directory)]
    bare = [sys.executable, "-c", BARE_MAIN_WINDOW]
    app_env = {**env, "CHATPLANNER_REPORT_FIRST_PAINT": "1"}
    _first_paint(bare, env)  # the disk cache and the day's automatic backup
    _first_paint(app, app_env)
    floors, frames, contents = [], [], []
    for _ in range(runs):
        wall, _report = _first_paint(bare, env)
        floors.append(wall)
        wall, report = _first_paint(app, app_env)
        frames.append(wall)
        contents.append(report["wall_to_last_line"])
    floor = statistics.median(floors)
    return {
        "floor_bare_main_window_painted_s": summary(floors),
        "content_painted_s": summary(contents),
        "content_ratio_of_medians": ratio(statistics.median(contents), floor),
        "empty_frame_s": summary(frames),
        "empty_frame_ratio_of_medians": ratio(statistics.median(frames), floor),
        "means": "spawn to the line the process prints: the bare window at its first paint; "
        "the app at the first paint of its window (empty frame) and when Today is painted "
        "with its data",
    }


def people(directory: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "people_in_app.py"), str(directory)]
    got = child_figures(command, env, runs, "people_in_app")
    keys, floors = got["keystroke_ms"], got["keystroke_floor_ms"]
    floor_median = statistics.median(floors)
    return {
        "contacts": int(got["contacts"][0]),
        "rows_at_first_paint": int(got["rows_at_first_paint"][0]),
        "people_first_rows_ms": summary(got["people_first_rows_ms"], 1),
        "people_first_rows_cpu_ms": summary(got["people_first_rows_cpu_ms"], 1),
        "people_whole_list_ms": summary(got["people_whole_list_ms"], 1),
        "people_whole_list_cpu_ms": summary(got["people_whole_list_cpu_ms"], 1),
        "keystroke_ms": summary(keys, 2),
        "keystroke_cpu_ms": summary(got["keystroke_cpu_ms"], 2),
        "keystroke_floor_one_substring_pass_ms": summary(floors, 3),
        "keystroke_p95_ratio_to_floor_median": ratio(percentile(keys, 0.95), floor_median),
        "today_rss_mib": summary(got["today_rss_mib"], 1),
        "people_rss_mib": summary(got["people_rss_mib"], 1),
    }


PEOPLE_GROWTH_SIZES = (3_000, 30_000, 100_000)
# What must grow at most linearly with the contacts: CPU time, which other work on the machine
# barely moves (a wall time measured while it is busy would fail for the wrong reason).
PEOPLE_GROWTH_FIGURES = (
    ("people_first_rows_cpu_ms", "median"),
    ("people_whole_list_cpu_ms", "median"),
    ("keystroke_cpu_ms", "median"),
    ("keystroke_cpu_ms", "p95"),
)


def people_growth(runs: int, sizes: tuple[int, ...] = PEOPLE_GROWTH_SIZES) -> int:
    """People at each size (venues and chats in the default profile's proportion to the
    contacts); prints the figures and their growth, and returns 1, saying which figure, when
    one grows worse than linearly (benchmarks/figures.check_linear), else 0."""

    def measure(size: int, root: Path, env: dict[str, str]) -> dict[str, Any]:
        directory = root / f"profile-{size}"
        build_profile(directory, contacts=size, venues=size // 6, meetings=size // 3)
        return people(directory, env, runs)

    by_size = at_each_size(list(sizes), measure)
    growth: dict[str, Any] = {}
    failures = []
    for figure, statistic in PEOPLE_GROWTH_FIGURES:
        name = f"{figure} {statistic}"
        values = {int(size): float(got[figure][statistic]) for size, got in by_size.items()}
        try:
            growth[name] = check_linear(values, name)
        except GrowthError as error:
            growth[name] = {"error": str(error)}
            failures.append(str(error))
    report = {"benchmark": "gui people growth", "runs": runs, "people": by_size, "growth": growth}
    print(json.dumps(report, indent=2))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


def bare_memory(env: dict[str, str], runs: int) -> dict[str, Any]:
    bare = [sys.executable, "-c", BARE_MAIN_WINDOW]
    settled = {**env, "SETTLE_MS": "1000"}
    return summary([_first_paint(bare, settled)[1]["VmRSS"] / 1024 for _ in range(runs)], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, 3 runs")
    parser.add_argument(
        "--people-growth",
        action="store_true",
        help="People alone at 3k, 30k and 100k contacts: fails where it grows worse than linearly",
    )
    args = parser.parse_args()
    if args.people_growth:
        raise SystemExit(people_growth(args.runs))
    if args.quick:
        args.contacts, args.venues, args.meetings, args.runs = 3_000, 500, 1_000, 3
    with tempfile.TemporaryDirectory(prefix="chatplanner-bench-gui-") as folder:
        root = Path(folder)
        env = compiled_env(root)
        directory = root / "profile"
        built = build_profile(
            directory, contacts=args.contacts, venues=args.venues, meetings=args.meetings
        )
        started = start_up(directory, env, args.runs)
        listed = people(directory, env, args.runs)
        floor_mib = bare_memory(env, args.runs)
    listed["floor_bare_main_window_rss_mib"] = floor_mib
    print(
        json.dumps(
            {
                "benchmark": "gui",
                "platform": env["QT_QPA_PLATFORM"],
                "bytecode": "compiled first (compileall), written even with "
                "PYTHONDONTWRITEBYTECODE set",
                "profile": built,
                "runs": args.runs,
                "start_up": started,
                "people": listed,
                "p95": "nearest rank",
                "targets": TARGETS,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
