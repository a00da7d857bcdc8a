"""The first click on each page in a running app: Venues, Meetings, Insights and Archive.

    python benchmarks/bench_pages.py [--contacts 30000 --venues 5000 --meetings 10000]
                                     [--runs 3] [--quick]

Builds a large synthetic profile, then for each page runs fresh app processes
(benchmarks/page_in_app.py, with compiled bytecode as an installed copy has, kept in a
temporary folder): the main window opens on Today and reads Today's data, and half a second
later the page is chosen in the navigation; the figure is the time until the page is painted
with its content, loading the page's code included. One warm-up process, then `--runs`
processes; the median is reported. People has its own figure in bench_people.py. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.processes import page_first_open_ms
from benchmarks.synthetic_profile import build_profile

PAGES = ("venues", "meetings", "insights", "archive")
TARGET_MS = 150


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=PAGES, help="measure only these pages")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, 2 runs")
    args = parser.parse_args()
    if args.quick:
        args.contacts, args.venues, args.meetings = 3_000, 500, 1_000
        args.runs = 2

    with tempfile.TemporaryDirectory(prefix="chatplanner-bench-pages-") as name:
        folder = Path(name)
        built = build_profile(
            folder / "profile", contacts=args.contacts, venues=args.venues, meetings=args.meetings
        )
        pages = {}
        for key in args.only or PAGES:
            runs = page_first_open_ms(folder / "profile", key, args.runs, folder / "bytecode")
            pages[key] = {"median_ms": round(statistics.median(runs), 2), "runs_ms": runs}
    figures = {
        "contacts": args.contacts,
        "venues": args.venues,
        "meetings": args.meetings,
        "profile_build_s": built["build_seconds"],
        "first_open_ms": {key: figure["median_ms"] for key, figure in pages.items()},
        "pages": pages,
        "first_open_means": "a running app on Today (its data read and painted, then half a "
        "second); the page chosen in the navigation, until it is painted with its content: "
        "loading the page's code, building it and reading its data",
        "target_ms": TARGET_MS,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
