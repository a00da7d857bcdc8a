"""`backup`, `restore` and `contacts --json` on a big profile, as a user runs them: whole
processes, their peak memory (resident set) and their time, beside a floor measured in the same
run, at 3,000, 30,000 and 100,000 contacts (and 430,000 with --full).

The floor (a whole process too): Python's sqlite3 reads every row of every table the backup
holds and json writes each to a file, one row at a time: the least any of the three commands
can do. Each size's profile is built once (benchmarks/synthetic_profile.py; with --profile-430k
a profile built before is used for 430,000) and each command runs on it; a restore goes into a
new folder each time. Bytecode is compiled first, as an installed copy has it; runs of the
commands and of the floor alternate, so noise from other work falls on both.

Fails (exit status 1, the reason on stderr) when a command's peak memory is above 200 MB at any
size, or its CPU time grows worse than linearly with the contacts.

Run: python benchmarks/bench_backup.py [--quick] [--full] [--runs N] [--profile-430k DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import GrowthError, check_linear, ratio, summary
from benchmarks.processes import ROOT, compiled_env

TARGET_MB = 200.0
FULL = 430_000

# The floor: every backed-up table read with sqlite3, each row json-dumped to a file.
FLOOR = """
import json, sqlite3, sys
from chatplanner.interop.backup_schema import record_types
connection = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for name, rtype in sorted(record_types().items()):
        names = ", ".join(spec.name for spec in rtype.fields)
        for row in connection.execute(f"SELECT {names} FROM {name}"):
            out.write(json.dumps(row, ensure_ascii=False) + "\\n")
"""


def measured(
    command: list[str], env: dict[str, str], stdout: Path | None = None
) -> dict[str, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident MB of one whole process."""
    started = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)  # this child's own figures
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit status {process.returncode}\n{error[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }


def build(directory: Path, contacts: int, env: dict[str, str]) -> None:
    """A synthetic profile of `contacts` people, with venues and chats in proportion."""
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("synthetic_profile.py")),
            str(directory),
            "--contacts",
            str(contacts),
            "--venues",
            str(min(5_000, contacts // 6)),
            "--meetings",
            str(min(10_000, contacts // 3)),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


# Long: one size: the profile, then each command beside the floor, runs alternating.
def at_size(
    contacts: int, root: Path, env: dict[str, str], runs: int, built: Path | None
) -> dict[str, Any]:
    profile = built or root / f"profile-{contacts}"
    if built is None:
        build(profile, contacts, env)
    app = [sys.executable, "-m", "chatplanner"]
    backup = root / f"backup-{contacts}.json"
    floor_out = root / f"floor-{contacts}.jsonl"
    database = profile / "chatplanner.sqlite3"
    figures: dict[str, list[dict[str, float]]] = {
        "backup": [],
        "restore": [],
        "contacts_json": [],
        "floor": [],
    }
    for run in range(runs + 1):  # the first run warms the disk cache and is not counted
        results = {
            "backup": measured([*app, "--data-dir", str(profile), "backup", str(backup)], env),
            "floor": measured([sys.executable, "-c", FLOOR, str(database), str(floor_out)], env),
        }
        restored = root / f"restored-{contacts}-{run}"
        results["restore"] = measured(
            [*app, "--data-dir", str(restored), "restore", str(backup)], env
        )
        shutil.rmtree(restored)
        results["contacts_json"] = measured(
            [*app, "--data-dir", str(profile), "contacts", "--json", "--all"],
            env,
            root / "contacts.json",
        )
        if run:
            for name, figure in results.items():
                figures[name].append(figure)
    floor_cpu = statistics.median(f["cpu"] for f in figures["floor"])
    report: dict[str, Any] = {
        "backup_bytes": backup.stat().st_size,
        "contacts_json_bytes": (root / "contacts.json").stat().st_size,
    }
    for name, samples in figures.items():
        cpu = [f["cpu"] for f in samples]
        report[name] = {
            "wall_seconds": summary([f["wall"] for f in samples]),
            "cpu_seconds": summary(cpu),
            "peak_mb": round(max(f["peak_mb"] for f in samples), 1),
            "cpu_ratio_to_floor": ratio(statistics.median(cpu), floor_cpu),
        }
    backup.unlink()
    if built is None:
        shutil.rmtree(profile)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3k and 30k contacts, one run each")
    parser.add_argument("--full", action="store_true", help="430,000 contacts too")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--profile-430k", type=Path, help="a 430,000-contact profile built before (with --full)"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 30_000, 100_000])
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    sizes = [3_000, 30_000] if args.quick else list(args.sizes)
    if args.full and FULL not in sizes:
        sizes.append(FULL)
    load = os.getloadavg()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = compiled_env(root)
        for contacts in sizes:
            built = args.profile_430k if contacts == FULL else None
            results[str(contacts)] = at_size(contacts, root, env, runs, built)
    report: dict[str, Any] = {
        "benchmark": "backup",
        "what": "chatplanner backup FILE / restore FILE (into a new folder) / contacts --json "
        "--all, whole processes: peak resident memory, wall and CPU seconds",
        "floor": "sqlite3 reads every backed-up row, json writes each to a file, whole process",
        "bytecode": "compiled",
        "load_average_before": [round(value, 2) for value in load],
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "target_peak_mb": TARGET_MB,
        "sizes": results,
    }
    failures = []
    for command in ("backup", "restore", "contacts_json"):
        for contacts, figures in results.items():
            if figures[command]["peak_mb"] > TARGET_MB:
                failures.append(
                    f"{command} at {contacts} contacts: peak {figures[command]['peak_mb']} MB, "
                    f"above {TARGET_MB:.0f} MB"
                )
        medians = {int(c): f[command]["cpu_seconds"]["median"] for c, f in results.items()}
        try:
            report.setdefault("growth", {})[command] = check_linear(medians, command)
        except GrowthError as error:
            report.setdefault("growth", {})[command] = {"error": str(error)}
            failures.append(str(error))
    report["met"] = not failures
    print(json.dumps(report, indent=2))
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
