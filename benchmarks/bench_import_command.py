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
import random
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import print_report
from benchmarks.linkedin_export import write_connections
from benchmarks.processes import command_beside_floor, compiled_env, timed_run, timed_run_with_cpu

FLOOR = Path(__file__).with_name("import_floor.py")
TARGET_SECONDS = 1.0  # at 30,000 rows
TARGET_RATIO = 4.0


def in_fresh_copy(
    base: Path, copy: Path, command: list[str], env: dict[str, str]
) -> tuple[float, float]:
    """(wall, CPU) seconds of `command` run on `copy`, a fresh copy of the profile `base`
    (removed afterwards): every run imports into a profile as it was before any import."""
    shutil.copytree(base, copy)
    try:
        return timed_run_with_cpu(command, env)
    finally:
        shutil.rmtree(copy)


# Long: the benchmark's script: arguments, runs, report.
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
        env = compiled_env(root)
        app = [sys.executable, "-m", "chatplanner"]
        base = root / "opened"
        timed_run([*app, "--data-dir", str(base), "contacts"], env)  # create, migrate, back up
        results: dict[str, dict[str, Any]] = {}  # JSON figures, as command_beside_floor gives
        medians: dict[int, float] = {}
        for rows in args.sizes:
            source = root / f"Connections-{rows}.csv"
            write_connections(source, rows, random.Random(20260208))
            profile = root / f"profile-{rows}"
            floor_copy = root / f"floor-{rows}"
            results[str(rows)] = command_beside_floor(
                partial(
                    in_fresh_copy,
                    base,
                    profile,
                    [*app, "--data-dir", str(profile), "import", "linkedin", str(source)],
                    env,
                ),
                partial(
                    in_fresh_copy,
                    base,
                    floor_copy,
                    [
                        sys.executable,
                        str(FLOOR),
                        str(source),
                        str(floor_copy / "chatplanner.sqlite3"),
                    ],
                    env,
                ),
                runs,
            )
            medians[rows] = results[str(rows)]["command_seconds"]["median"]
        report: dict[str, object] = {
            "benchmark": "import_command",
            "what": "chatplanner import linkedin FILE, whole process, into an opened profile",
            "floor": "csv module + one executemany + commit, whole process",
            "bytecode": "compiled",
            "sizes": results,
        }
        if "30000" in results:
            at_30k = results["30000"]
            report["target_30k"] = {
                "seconds": TARGET_SECONDS,
                "ratio": TARGET_RATIO,
                "met": at_30k["command_seconds"]["median"] <= TARGET_SECONDS
                and at_30k["ratio_of_medians"] <= TARGET_RATIO,
            }
        return print_report(report, medians, "import command")


if __name__ == "__main__":
    sys.exit(main())
