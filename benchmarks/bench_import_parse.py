"""Parse a 30,000-row LinkedIn Connections.csv and match it against 30,000 contacts.

Prints JSON: parse time (best and median of several runs), peak traced memory while parsing,
and the time to index existing contacts and match every imported row against them.
Run: python benchmarks/bench_import_parse.py [--rows N] [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# Measure the checkout this script lives in, not whichever copy happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.linkedin_export import write_connections
from chatplanner.domain.dedupe import ContactIndex
from chatplanner.interop.linkedin import parse_linkedin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(20260208)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        write_connections(path, args.rows, rng)
        size = path.stat().st_size

        timings = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            parsed = parse_linkedin(path)
            timings.append(time.perf_counter() - started)

        tracemalloc.start()
        parse_linkedin(path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    existing = [
        (i, r.first_name, r.last_name, r.email, r.linkedin_url, r.company)
        for i, r in enumerate(parsed.records)
    ]
    started = time.perf_counter()
    index = ContactIndex.from_rows(existing)
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    kinds = {"same": 0, "likely": 0, "new": 0}
    for record in parsed.records:
        kinds[index.match(record).kind] += 1
    match_seconds = time.perf_counter() - started

    print(
        json.dumps(
            {
                "benchmark": "import_parse",
                "python": platform.python_version(),
                "rows_written": args.rows,
                "file_bytes": size,
                "records": len(parsed.records),
                "skipped": len(parsed.skipped),
                "parse_seconds_best": round(min(timings), 4),
                "parse_seconds_median": round(statistics.median(timings), 4),
                "parse_peak_traced_mib": round(peak / (1024 * 1024), 1),
                "index_build_seconds": round(index_seconds, 4),
                "match_all_seconds": round(match_seconds, 4),
                "match_kinds": kinds,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
