"""`chatplanner archive` when nothing changed, the whole process, at 3k, 10k and 30k chats.

    python benchmarks/bench_archive_command.py [--sizes 3000 10000 30000] [--runs N] [--quick]

For each size, a profile of that many chats with notes (benchmarks/bench_notes.py) whose archive
was written once; then the command runs again with nothing changed, in fresh processes with
compiled bytecode, beside its floor measured in the same run (alternating): a process that reads
every chat's notes with sqlite3 and hashes them (the least a "has anything changed" check
reads). Reports wall and CPU time with their spread. Target at 10,000 chats: at most 0.4 s.
Fails (exit status 1) when the command grows worse than linearly with the chats.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_notes import build_profile
from benchmarks.figures import print_report
from benchmarks.processes import at_each_size, command_beside_floor, timed_run_with_cpu

TARGET_SECONDS = 0.4
FLOOR = """
import hashlib, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
digests = [
    hashlib.sha256("\\x1f".join(str(value) for value in row).encode()).hexdigest()
    for row in connection.execute(
        "SELECT m.id, m.starts_at, m.tags, n.their_past, n.their_present, n.their_goals, "
        "n.advice, n.resources, n.free_notes FROM meetings m "
        "LEFT JOIN meeting_notes n ON n.meeting_id = m.id ORDER BY m.id"
    )
]
"""


def measure(size: int, root: Path, env: dict[str, str], runs: int) -> dict[str, Any]:
    profile = root / f"profile-{size}"
    build_profile(profile, size)
    command = [sys.executable, "-m", "chatplanner", "--data-dir", str(profile), "archive"]
    floor = [sys.executable, "-c", FLOOR, str(profile / "chatplanner.sqlite3")]
    timed_run_with_cpu(command, env)  # the first write of the archive
    return command_beside_floor(
        partial(timed_run_with_cpu, command, env), partial(timed_run_with_cpu, floor, env), runs
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 10_000, 30_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1,000 and 3,000 chats, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = [1_000, 3_000], 3
    results = at_each_size(args.sizes, lambda size, root, env: measure(size, root, env, args.runs))
    medians = {int(size): figures["command_seconds"]["median"] for size, figures in results.items()}
    report: dict[str, object] = {
        "benchmark": "archive_command_no_change",
        "what": "chatplanner archive, nothing changed since the last run, whole process",
        "floor": "sqlite3 reads every chat's notes and hashes them, whole process",
        "bytecode": "compiled",
        "sizes": results,
    }
    if "10000" in results:
        report["target_10000"] = {
            "seconds": TARGET_SECONDS,
            "met": results["10000"]["command_seconds"]["median"] <= TARGET_SECONDS,
        }
    return print_report(report, medians, "archive, nothing changed")


if __name__ == "__main__":
    sys.exit(main())
