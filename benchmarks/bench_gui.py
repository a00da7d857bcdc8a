"""The window as the user waits for it, each figure beside its floor measured in the same run.

    python benchmarks/bench_gui.py [--contacts 30000 --venues 5000 --meetings 10000]
                                   [--runs 5] [--quick] [--growth] [--start-up-only]

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

Start-up is also given in CPU seconds (user + system) of the process at each moment, beside the
bare window's at its paint: they barely move when other work shares the machine, where wall
times do. Every figure has its runs' spread (min, max): a wide spread says the machine was noisy.

--start-up-only measures start-up alone (neither People nor memory).

--growth measures 3,000, 30,000 and 100,000 contacts (with a sixth as many venues and a third as
many chats), and checks that start-up and memory grow linearly or better with the size: what
each takes above its floor (CPU seconds to Today's content and to the empty frame above the bare
window's, resident memory above the bare window's) may grow at most 1.3 times as fast as the
size from one size to the next. Above the floor, since a constant part (Python, Qt) would hide
a part that grows too fast. It exits with status 1 and names each figure that grew faster.

People's figures come with the CPU time (user + system) of the same spans, `_cpu_ms`: steadier
than wall time when other work shares the machine.

    python benchmarks/bench_gui.py --people-growth [--runs 3]

measures People alone at 3,000, 30,000 and 100,000 contacts (venues and chats in the same
proportion) and exits with status 1, naming the figure, when its first rows, its whole list or
search as you type (their CPU time) grows worse than linearly with the contacts.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import GrowthError, check_linear, percentile, ratio, summary
from benchmarks.processes import at_each_size, child_figures, compiled_env, first_paint
from benchmarks.synthetic_profile import build_profile

HERE = Path(__file__).resolve().parent

BARE_MAIN_WINDOW = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def age():
    with open("/proc/self/stat") as s:
        ticks = int(s.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as u:
        return float(u.read().split()[0]) - ticks / os.sysconf("SC_CLK_TCK")

def cpu():
    return round(time.process_time(), 4)

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
            figures.update(first_paint_seconds=round(age(), 4), first_paint_cpu_seconds=cpu())
            print(json.dumps(figures), flush=True)
            QTimer.singleShot(int(os.environ.get("SETTLE_MS", "0")), report)
        return False

figures = {}

def report():
    print(json.dumps({**figures, "VmRSS": rss_kib()}), flush=True)
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
    "rss_mib_at_100k": 250,
}
# --growth: contacts at each size; venues and chats scale with them (30k: 5k venues, 10k chats).
GROWTH_SIZES = (3_000, 30_000, 100_000)
GROWTH_SLACK = 1.3


def start_up(directory: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    """Whole processes: the app to Today's content and to its empty frame, beside the bare
    main window to its first paint; one warm-up pair, then `runs` interleaved pairs. Wall
    seconds from spawn, and the process's CPU seconds at the same moments."""
    app = [sys.executable, "-m", "chatplanner", "--data-dir", str(directory)]
    bare = [sys.executable, "-c", BARE_MAIN_WINDOW]
    app_env = {**env, "CHATPLANNER_REPORT_FIRST_PAINT": "1"}
    first_paint(bare, env)  # the disk cache and the day's automatic backup
    first_paint(app, app_env)
    floors, frames, contents, answering, freezes = [], [], [], [], []
    floor_cpu, frame_cpu, content_cpu, window_cpu = [], [], [], []
    for _ in range(runs):
        wall, report = first_paint(bare, env)
        floors.append(wall)
        floor_cpu.append(report["first_paint_cpu_seconds"])
        wall, report = first_paint(app, app_env)
        frames.append(wall)
        contents.append(report["wall_to_content_line"])
        answering.append(report["wall_to_last_line"])
        freezes.append(report["longest_freeze_after_content_ms"])
        frame_cpu.append(report["first_paint_cpu_seconds"])
        content_cpu.append(report["content_painted_cpu_seconds"])
        window_cpu.append(report["content_painted_window_cpu_seconds"])
    floor = statistics.median(floors)
    cpu_floor = statistics.median(floor_cpu)
    return {
        "floor_bare_main_window_painted_s": summary(floors),
        "content_painted_s": summary(contents),
        "content_ratio_of_medians": ratio(statistics.median(contents), floor),
        "answering_after_content_s": summary(answering),
        "answering_ratio_of_medians": ratio(statistics.median(answering), floor),
        "longest_freeze_after_content_ms": summary(freezes, 1),
        "empty_frame_s": summary(frames),
        "empty_frame_ratio_of_medians": ratio(statistics.median(frames), floor),
        "floor_cpu_s": summary(floor_cpu),
        "content_painted_cpu_s": summary(content_cpu),
        "content_cpu_ratio_of_medians": ratio(statistics.median(content_cpu), cpu_floor),
        "content_painted_window_cpu_s": summary(window_cpu),
        "empty_frame_cpu_s": summary(frame_cpu),
        "empty_frame_cpu_ratio_of_medians": ratio(statistics.median(frame_cpu), cpu_floor),
        "means": "spawn to the line the process prints: the bare window at its first paint; "
        "the app at the first paint of its window (empty frame) and when Today is painted "
        "with its data; answering: the first turn of the event loop once the window is wholly "
        "open (its database opened, its `opened` signal), when any click is handled; "
        "longest_freeze_after_content_ms: the longest the window could not answer between the "
        "content's paint and then (the longest gap between turns of its event loop); "
        "*_cpu_s: the process's CPU seconds (user + system) at those moments, with those of the "
        "process that read Today's list ahead; window_cpu: the window's process alone",
    }


def people(directory: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "people_in_app.py"), str(directory)]
    got = child_figures(command, env, runs, "people_in_app")
    at_once = child_figures([*command, "--at-once"], env, runs, "people_in_app --at-once")
    keys, floors = got["keystroke_ms"], got["keystroke_floor_ms"]
    floor_median = statistics.median(floors)
    return {
        "contacts": int(got["contacts"][0]),
        # In how many runs the window had made People (and read its list) by the click, and
        # how many rows were painted first (the whole list when it had): a half second after
        # Today's data was painted, as a user looks at Today before clicking.
        "people_made_ahead_runs": sum(bool(made) for made in got["people_made_ahead"]),
        "rows_at_first_paint": [int(rows) for rows in got["rows_at_first_paint"]],
        "people_first_rows_ms": summary(got["people_first_rows_ms"], 1),
        "people_first_rows_cpu_ms": summary(got["people_first_rows_cpu_ms"], 1),
        "people_whole_list_ms": summary(got["people_whole_list_ms"], 1),
        "people_whole_list_cpu_ms": summary(got["people_whole_list_cpu_ms"], 1),
        # People chosen as soon as Today's data is painted, before the window has made it.
        "people_first_rows_at_once_ms": summary(at_once["people_first_rows_at_once_ms"], 1),
        "people_whole_list_at_once_ms": summary(at_once["people_whole_list_at_once_ms"], 1),
        "people_made_ahead_at_once_runs": sum(
            bool(made) for made in at_once["people_made_ahead_at_once"]
        ),
        "keystroke_ms": summary(keys, 2),
        "keystroke_cpu_ms": summary(got["keystroke_cpu_ms"], 2),
        "keystroke_floor_one_substring_pass_ms": summary(floors, 3),
        "keystroke_p95_ratio_to_floor_median": ratio(percentile(keys, 0.95), floor_median),
        "today_rss_mib": summary(got["today_rss_mib"], 1),
        "people_rss_mib": summary(got["people_rss_mib"], 1),
    }


PEOPLE_GROWTH_SIZES = GROWTH_SIZES
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
    return summary([first_paint(bare, settled)[1]["VmRSS"] / 1024 for _ in range(runs)], 1)


def measure(
    root: Path,
    env: dict[str, str],
    sizes: tuple[int, int, int],
    runs: int,
    *,
    with_people: bool = True,
) -> dict[str, Any]:
    """Start-up and (`with_people`) People on a new synthetic profile of `sizes` (contacts,
    venues, chats)."""
    contacts, venues, meetings = sizes
    directory = root / f"profile-{contacts}"
    built = build_profile(directory, contacts=contacts, venues=venues, meetings=meetings)
    measured = {"profile": built, "start_up": start_up(directory, env, runs)}
    if with_people:
        measured["people"] = people(directory, env, runs)
    return measured


def growth(measured: dict[int, dict[str, Any]], floor_mib: float) -> dict[str, Any]:
    """Each figure above its floor, by size, and how it grew from one size to the next; the
    failures (figures that grew faster than linearly) under "failures"."""
    above: dict[str, Callable[[dict[str, Any]], float]] = {
        "content_painted_cpu_s_above_floor": lambda m: (
            _median(m, "start_up", "content_painted_cpu_s") - _median(m, "start_up", "floor_cpu_s")
        ),
        "empty_frame_cpu_s_above_floor": lambda m: (
            _median(m, "start_up", "empty_frame_cpu_s") - _median(m, "start_up", "floor_cpu_s")
        ),
        "today_rss_mib_above_floor": lambda m: _median(m, "people", "today_rss_mib") - floor_mib,
        "people_rss_mib_above_floor": lambda m: _median(m, "people", "people_rss_mib") - floor_mib,
    }
    report: dict[str, Any] = {"slack": GROWTH_SLACK, "failures": []}
    for name, figure in above.items():
        # A figure at or under its floor has nothing above it that could grow: count 1 ms/MiB.
        by_size = {size: max(figure(m), 0.001) for size, m in measured.items()}
        entry: dict[str, Any] = {"by_size": {str(k): round(v, 3) for k, v in by_size.items()}}
        try:
            entry["growth"] = check_linear(by_size, name, GROWTH_SLACK)
        except GrowthError as error:
            entry["growth"] = {"error": str(error)}
            report["failures"].append(str(error))
        report[name] = entry
    return report


def _median(measured: dict[str, Any], part: str, key: str) -> float:
    return float(measured[part][key]["median"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, 3 runs")
    parser.add_argument(
        "--growth",
        action="store_true",
        help="3k, 30k and 100k contacts; exit status 1 where a figure grows faster than linearly",
    )
    parser.add_argument(
        "--people-growth",
        action="store_true",
        help="People alone at 3k, 30k and 100k contacts: fails where it grows worse than linearly",
    )
    parser.add_argument(
        "--start-up-only",
        action="store_true",
        help="start-up alone (Today's content and the empty frame beside the bare window)",
    )
    args = parser.parse_args()
    if args.start_up_only and (args.growth or args.people_growth):
        parser.error("--start-up-only measures one size: not with --growth or --people-growth")
    if args.people_growth:
        raise SystemExit(people_growth(args.runs))
    if args.quick:
        args.contacts, args.venues, args.meetings, args.runs = 3_000, 500, 1_000, 3
    sizes = (
        [(n, n // 6, n // 3) for n in GROWTH_SIZES]
        if args.growth
        else [(args.contacts, args.venues, args.meetings)]
    )
    with tempfile.TemporaryDirectory(prefix="chatplanner-bench-gui-") as folder:
        root = Path(folder)
        env = compiled_env(root)
        measured = {
            size[0]: measure(root, env, size, args.runs, with_people=not args.start_up_only)
            for size in sizes
        }
        floor_mib = None if args.start_up_only else bare_memory(env, args.runs)
    for figures in measured.values():
        if floor_mib is not None:
            figures["people"]["floor_bare_main_window_rss_mib"] = floor_mib
    report: dict[str, Any] = {
        "benchmark": "gui",
        "platform": env["QT_QPA_PLATFORM"],
        "bytecode": "compiled first (compileall), written even with PYTHONDONTWRITEBYTECODE set",
        "runs": args.runs,
        "p95": "nearest rank",
        "targets": TARGETS,
    }
    if not args.growth:
        report.update(measured[args.contacts])
        print(json.dumps(report, indent=2))
        return 0
    report["sizes"] = {str(size): figures for size, figures in measured.items()}
    assert floor_mib is not None  # measured with People
    report["growth"] = grown = growth(measured, floor_mib["median"])
    print(json.dumps(report, indent=2))
    for failure in grown["failures"]:
        print(f"bench_gui: {failure}", file=sys.stderr)
    return 1 if grown["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
