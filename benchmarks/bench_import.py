"""Import a 30,000-row LinkedIn Connections.csv end to end into a fresh profile, then again.

Generates a realistic modern export (the "Notes:" preamble, a byte-order mark, the URL column,
names in many scripts, quoted commas and line breaks, hidden profiles, a few e-mail addresses),
then runs the import service exactly as the app does: preview (parse + match) and commit.
Prints JSON: seconds for the first import and for a re-import of the same file (which must
change nothing), peak resident memory of the process (ru_maxrss) and, from a second traced
run into another fresh profile, the peak memory Python allocated during the import.
Run: python benchmarks/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# Measure the checkout this script lives in, not whichever copy happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.linkedin_export import write_connections
from chatplanner.services.import_preview import ImportSummary
from chatplanner.services.workspace import Workspace


def run_import(profile: Path, source: Path) -> tuple[float, dict[str, int], ImportSummary]:
    with Workspace.open(profile) as workspace:
        started = time.perf_counter()
        preview = workspace.people.contact_import.preview(source, "linkedin")
        summary = workspace.people.contact_import.commit(preview)
        seconds = time.perf_counter() - started
    return seconds, dict(preview.counts), summary


def peak_rss_mib() -> float:
    # ru_maxrss is in kibibytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    rng = random.Random(20260208)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "Connections.csv"
        write_connections(source, args.rows, rng)
        # Open (and migrate) the profile before measuring, as the app has when you import.
        Workspace.open(root / "profile").close()
        rss_before = peak_rss_mib()
        first_seconds, first_counts, first = run_import(root / "profile", source)
        rss_after_first = peak_rss_mib()
        again_seconds, again_counts, again = run_import(root / "profile", source)

        Workspace.open(root / "traced").close()
        tracemalloc.start()
        run_import(root / "traced", source)
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            json.dumps(
                {
                    "benchmark": "import_end_to_end",
                    "python": platform.python_version(),
                    "rows_written": args.rows,
                    "file_bytes": source.stat().st_size,
                    "first_import_seconds": round(first_seconds, 3),
                    "first_import_preview": first_counts,
                    "first_import": {
                        "new": first.new,
                        "updated": first.updated,
                        "merged": first.merged,
                        "skipped": first.skipped,
                    },
                    "reimport_seconds": round(again_seconds, 3),
                    "reimport_preview": again_counts,
                    "reimport_changes": again.new + again.updated + again.merged,
                    "reimport_unchanged": again.unchanged,
                    "peak_rss_mib_before_import": rss_before,
                    "peak_rss_mib_after_first_import": rss_after_first,
                    "peak_rss_mib_at_end": peak_rss_mib(),
                    "import_peak_traced_mib": round(traced_peak / (1024 * 1024), 1),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
