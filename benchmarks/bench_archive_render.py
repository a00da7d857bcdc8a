"""Notes archive at scale: first write, no-change rerun and one edited meeting, 10,000 meetings.

Targets: first write <= 10 s, no-change rerun <= 1 s. Prints one JSON object.
Run from the repository root: `python benchmarks/bench_archive_render.py [--meetings N]`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

# Measure this checkout's code, not whichever copy of the package happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic_profile import FIRST, LAST, sentence
from chatplanner.domain.enums import FollowUpOwner, MeetingMode
from chatplanner.interop.archive_markdown import (
    ArchiveFollowUp,
    ArchiveWriter,
    MeetingArchiveEntry,
    render_meeting,
)


def make_entries(count: int, seed: int = 7) -> list[MeetingArchiveEntry]:
    rng = random.Random(seed)
    start = date(2018, 1, 1)
    entries = []
    for meeting_id in range(1, count + 1):
        entries.append(
            MeetingArchiveEntry(
                meeting_id=meeting_id,
                contact_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                met_on=start + timedelta(days=rng.randrange(3000)),
                mode=rng.choice(list(MeetingMode)),
                venue="Café Central: Herrengasse 14",
                tags=("mentor", "design"),
                their_past=sentence(rng, 40),
                their_present=sentence(rng, 30),
                their_goals=sentence(rng, 20),
                advice="\n".join(f"- {sentence(rng, 12)}" for _ in range(4)),
                resources="- Inspired, by Marty Cagan\n- https://example.org/reading",
                free_notes="\n\n".join(sentence(rng, 50) for _ in range(2)),
                follow_ups=(
                    ArchiveFollowUp(FollowUpOwner.ME, "Send my portfolio", date(2026, 3, 10)),
                    ArchiveFollowUp(FollowUpOwner.THEM, "Introduce me to Dana"),
                ),
                thank_you_subject="Thank you",
                thank_you_body="Hi,\n\n" + sentence(rng, 60) + "\n\nBest wishes,\nSam",
            )
        )
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    args = parser.parse_args()
    entries = make_entries(args.meetings)
    with tempfile.TemporaryDirectory() as folder:
        writer = ArchiveWriter(Path(folder) / "archive")

        began = time.perf_counter()
        for entry in entries:
            render_meeting(entry)
        render_only = time.perf_counter() - began

        began = time.perf_counter()
        first = writer.sync(entries, [])
        first_write = time.perf_counter() - began

        began = time.perf_counter()
        rerun = writer.sync(entries, first.files.values())
        no_change_warm = time.perf_counter() - began

        # As after a restart: a new writer, only the hashes stored in the profile.
        began = time.perf_counter()
        cold = ArchiveWriter(Path(folder) / "archive").sync(entries, first.files.values())
        no_change_cold = time.perf_counter() - began

        edited = list(entries)
        edited[len(edited) // 2] = replace(edited[len(edited) // 2], free_notes="Edited.")
        began = time.perf_counter()
        one_edit = writer.sync(edited, rerun.files.values())
        one_edit_seconds = time.perf_counter() - began

        total_bytes = sum(p.stat().st_size for p in (Path(folder) / "archive").iterdir())
    print(
        json.dumps(
            {
                "meetings": args.meetings,
                "render_only_s": round(render_only, 3),
                "first_write_s": round(first_write, 3),
                "first_write_files": len(first.written),
                "no_change_rerun_cold_s": round(no_change_cold, 3),
                "no_change_rerun_warm_s": round(no_change_warm, 3),
                "no_change_rewrites": len(rerun.written)
                + len(rerun.updated)
                + len(cold.written)
                + len(cold.updated),
                "one_edit_rerun_s": round(one_edit_seconds, 3),
                "one_edit_rewrites": len(one_edit.written) + len(one_edit.updated),
                "archive_mib": round(total_bytes / 2**20, 1),
                "targets": {"first_write_s": 10.0, "no_change_rerun_cold_s": 1.0},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
