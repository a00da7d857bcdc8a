"""Any CLI command on a small profile, as a script calling the CLI waits for it: whole processes.

    python benchmarks/bench_cli.py [--runs N] [--quick]

Commands: every command that reads (`venues --contact 1 --json`, `contacts --search x`,
`contacts --json`, `today`, `search`, `draft`, `brief`, `advice`, `ics`) and `archive` with
nothing changed, on a small synthetic profile (200 contacts, 50 venues, 100 meetings), beside
the floor `chatplanner --version` (Python and the package, nothing else), runs alternating so
that noise falls on all (the first round, not counted, writes the archive). Bytecode is compiled
first, as an installed copy has it. Reports the median wall time, its spread, the CPU time
(user + system, steady when other work shares the machine) and the ratio to the floor.
Target: at most 0.3 s each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import ratio, summary
from benchmarks.processes import compiled_env, timed_run_with_cpu
from benchmarks.synthetic_profile import build_profile

TARGET_SECONDS = 0.3
COMMANDS = {
    "version (floor)": ["--version"],
    "venues --contact 1 --json": ["venues", "--contact", "1", "--json"],
    "contacts --search x": ["contacts", "--search", "x"],
    "contacts --json": ["contacts", "--json"],
    "today": ["today"],
    "search coffee": ["search", "coffee"],
    "draft 1": ["draft", "1"],
    "brief 1": ["brief", "1"],
    "advice": ["advice"],
    "ics 1 -": ["ics", "1", "-"],
    "archive (nothing changed)": ["archive"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="five runs")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        profile = root / "profile"
        build_profile(profile, contacts=200, venues=50, meetings=100)
        env = compiled_env(root)
        app = [sys.executable, "-m", "chatplanner", "--data-dir", str(profile)]
        walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
        cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for run in range(runs + 1):  # the first round warms caches, not counted
            for name, words in COMMANDS.items():
                command = [sys.executable, "-m", "chatplanner", "--version"]
                if words != ["--version"]:
                    command = [*app, *words]
                wall, cpu = timed_run_with_cpu(command, env)
                if run:
                    walls[name].append(wall)
                    cpus[name].append(cpu)
    floor = statistics.median(walls["version (floor)"])
    floor_cpu = statistics.median(cpus["version (floor)"])
    figures: dict[str, object] = {}
    for name in COMMANDS:
        median = statistics.median(walls[name])
        figures[name] = {
            "wall_seconds": summary(walls[name]),
            "cpu_seconds": summary(cpus[name]),
            "ratio_to_floor": ratio(median, floor),
            "cpu_ratio_to_floor": ratio(statistics.median(cpus[name]), floor_cpu),
            "target_met": name.endswith("(floor)") or median <= TARGET_SECONDS,
        }
    print(
        json.dumps(
            {
                "benchmark": "cli",
                "what": "whole processes on a small profile (200 contacts, 50 venues)",
                "floor": "chatplanner --version",
                "bytecode": "compiled",
                "target_seconds": TARGET_SECONDS,
                "commands": figures,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
