"""Storage at scale: opening a large profile, its integrity checks and its automatic backup.

    python benchmarks/bench_storage.py [--contacts 30000 --venues 5000 --meetings 10000] [--quick]

The figures decide two designs: `PRAGMA quick_check` runs on every opening for writing, and the
daily automatic backup is taken synchronously at open. Both stay well under a second at 30,000
contacts. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_profile import build_profile
from chatplanner.profile import Profile
from chatplanner.services.auto_backup import take_automatic_backup
from chatplanner.services.workspace import Workspace


def _best_and_median(samples: list[float]) -> dict[str, float]:
    return {"best": round(min(samples), 4), "median": round(statistics.median(samples), 4)}


def _timed(action, repeats: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    if args.quick:
        args.contacts, args.venues, args.meetings = 3_000, 500, 1_000
        args.repeats = 3
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "profile"
        built = build_profile(
            directory, contacts=args.contacts, venues=args.venues, meetings=args.meetings
        )
        profile = Profile(directory)
        db_path = profile.database_path

        def check(pragma: str) -> None:
            connection = sqlite3.connect(db_path)
            try:
                assert connection.execute(f"PRAGMA {pragma}").fetchone() == ("ok",)
            finally:
                connection.close()

        quick = _timed(lambda: check("quick_check"), args.repeats)
        full = _timed(lambda: check("integrity_check"), args.repeats)
        # Opening includes quick_check; no backup is due (one was taken at build time today).
        opening = _timed(lambda: Workspace.open(directory).close(), args.repeats)
        counter = iter(range(1_000_000))

        def backup() -> None:
            when = datetime(2030, 1, 1, tzinfo=UTC).replace(second=next(counter) % 60)
            take_automatic_backup(profile, when)

        copying = _timed(backup, args.repeats)
    print(
        json.dumps(
            {
                "benchmark": "storage",
                **built,
                "quick_check_seconds": _best_and_median(quick),
                "integrity_check_seconds": _best_and_median(full),
                "open_for_writing_seconds": _best_and_median(opening),
                "automatic_backup_seconds": _best_and_median(copying),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
