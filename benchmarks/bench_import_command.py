"""The LinkedIn import as a user runs it: `chatplanner import linkedin Connections.csv`, the
whole process, at 3,000, 30,000 and 100,000 rows, beside its floor measured in the same run.

The floor (benchmarks/import_floor.py, also a whole process): the csv module reads the file and
one `executemany` writes the rows, with no matching and no checks. Each run imports into a fresh
copy of a profile opened once before (created, migrated, its daily backup taken), as one that is
in use. Bytecode is compiled first, as an installed copy has it. Runs of the command and of the
floor alternate, so noise from other work on the machine falls on both; the spread is reported.
Fails (exit status 1) when the command grows worse than linearly with the rows.

Run: python benchmarks/bench_import_command.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import GrowthError, check_linear, ratio, summary
from benchmarks.linkedin_export import write_connections
from benchmarks.processes import (
    compile_checkout,
    installed_like_env,
    timed_run,
    timed_run_with_cpu,
)

FLOOR = Path(__file__).with_name("import_floor.py")
TARGET_SECONDS = 1.0  # at 30,000 rows
TARGET_RATIO = 4.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3k and 30k rows, two runs each")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 30_000, 100_000])
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    if args.quick:
        args.sizes = [3_000, 30_000]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bytecode = root / "bytecode"
        compile_checkout(bytecode)
        env = installed_like_env(bytecode)
        app = [sys.executable, "-m", "chatplanner"]
        base = root / "opened"
        timed_run([*app, "--data-dir", str(base), "contacts"], env)  # create, migrate, back up
        results: dict[str, object] = {}
        medians: dict[int, float] = {}
        for rows in args.sizes:
            source = root / f"Connections-{rows}.csv"
            write_connections(source, rows, random.Random(20260208))
            command_seconds: list[float] = []
            floor_seconds: list[float] = []
            command_cpu: list[float] = []
            floor_cpu: list[float] = []
            for run in range(runs + 1):  # the first pair warms the disk cache, not counted
                profile = root / f"profile-{rows}-{run}"
                shutil.copytree(base, profile)
                command, cpu = timed_run_with_cpu(
                    [*app, "--data-dir", str(profile), "import", "linkedin", str(source)], env
                )
                floor_copy = root / f"floor-{rows}-{run}"
                shutil.copytree(base, floor_copy)
                floor, floor_cpu_seconds = timed_run_with_cpu(
                    [
                        sys.executable,
                        str(FLOOR),
                        str(source),
                        str(floor_copy / "chatplanner.sqlite3"),
                    ],
                    env,
                )
                shutil.rmtree(profile)
                shutil.rmtree(floor_copy)
                if run:
                    command_seconds.append(command)
                    floor_seconds.append(floor)
                    command_cpu.append(cpu)
                    floor_cpu.append(floor_cpu_seconds)
            command_figures = summary(command_seconds)
            floor_figures = summary(floor_seconds)
            medians[rows] = float(command_figures["median"])
            results[str(rows)] = {
                "command_seconds": command_figures,
                "floor_seconds": floor_figures,
                "ratio_of_medians": ratio(command_figures["median"], floor_figures["median"]),
                "command_cpu_seconds": summary(command_cpu),
                "floor_cpu_seconds": summary(floor_cpu),
                "cpu_ratio_of_medians": ratio(
                    statistics.median(command_cpu), statistics.median(floor_cpu)
                ),
            }
        report: dict[str, object] = {
            "benchmark": "import_command",
            "what": "chatplanner import linkedin FILE, whole process, into an opened profile",
            "floor": "csv module + one executemany + commit, whole process",
            "bytecode": "compiled",
            "sizes": results,
        }
        if "30000" in results:
            at_30k = results["30000"]
            assert isinstance(at_30k, dict)
            report["target_30k"] = {
                "seconds": TARGET_SECONDS,
                "ratio": TARGET_RATIO,
                "met": at_30k["command_seconds"]["median"] <= TARGET_SECONDS
                and at_30k["ratio_of_medians"] <= TARGET_RATIO,
            }
        try:
            report["growth"] = check_linear(medians, "import command")
        except GrowthError as error:
            report["growth"] = {"error": str(error)}
            print(json.dumps(report, indent=2))
            print(error, file=sys.stderr)
            return 1
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
