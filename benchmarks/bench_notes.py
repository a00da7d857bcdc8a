"""Notes at scale through the services: search and the archive over 10,000 meetings.

Targets: a search over all notes <= 30 ms (p95 of several queries); writing the archive the
first time <= 10 s; rewriting it with nothing changed <= 1 s. Prints one JSON object.
Run from the repository root: `python benchmarks/bench_notes.py [--meetings N]`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Measure this checkout's code, not whichever copy of the package happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from benchmarks.figures import percentile
from benchmarks.synthetic_profile import FIRST, LAST
from chatplanner.db.models import Contact, FollowUp, Meeting, MeetingNotes, ThankYouDraft
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.services.workspace import Workspace

_WORDS = [
    "project",
    "charter",
    "schedule",
    "recovery",
    "change",
    "orders",
    "site",
    "engineer",
    "mentor",
    "coffee",
    "café",
    "résumé",
    "interview",
    "portfolio",
    "transit",
    "substation",
    "permits",
    "stakeholder",
    "budget",
    "risk",
    "register",
    "agile",
    "scrum",
    "sprint",
    "retrospective",
    "procurement",
    "contract",
    "tender",
    "safety",
    "quality",
    "handover",
    "commissioning",
    "design",
    "review",
    "drawings",
    "client",
    "owner",
    "consultant",
    "subcontractor",
    "crew",
    "foreman",
    "estimate",
    "baseline",
    "milestone",
    "critical",
    "path",
    "float",
    "earned",
    "value",
    "forecast",
    "variance",
]
QUERIES = [
    "charter",
    "cafe",
    "schedule recovery",
    "Zoe",
    "resume interview",
    "critical path",
    "okafor",
]


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = min(words, rng.randint(6, 16))
        sentence = " ".join(rng.choice(_WORDS) for _ in range(length))
        sentences.append(sentence.capitalize() + ".")
        words -= length
    return " ".join(sentences)


# Long: one bulk insert per table, in one transaction.
def build(workspace: Workspace, meetings: int, seed: int = 7) -> None:
    """Bulk-insert contacts, meetings, notes, follow-ups and drafts (Core, one transaction)."""
    rng = random.Random(seed)
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    contacts = max(1, meetings // 3)
    with workspace.context.sessions.begin() as session:
        session.execute(
            insert(Contact),
            [
                {
                    "id": i + 1,
                    "first_name": rng.choice(FIRST),
                    "last_name": rng.choice(LAST),
                    "email": f"person{i}@example.com",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(contacts)
            ],
        )
        session.execute(
            insert(Meeting),
            [
                {
                    "id": i + 1,
                    "contact_id": rng.randint(1, contacts),
                    "mode": rng.choice(["in_person", "online"]),
                    "starts_at": now - timedelta(days=rng.randint(0, 1500), minutes=i),
                    "timezone": "America/Toronto",
                    "status": "done",
                    "tags": "mentorship",
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(meetings)
            ],
        )
        session.execute(
            insert(MeetingNotes),
            [
                {
                    "meeting_id": i + 1,
                    "their_past": _text(rng, 40),
                    "their_present": _text(rng, 40),
                    "their_goals": _text(rng, 25),
                    "advice": _text(rng, 40),
                    "resources": _text(rng, 15),
                    "free_notes": _text(rng, 60),
                    "updated_at": now,
                }
                for i in range(meetings)
            ],
        )
        session.execute(
            insert(FollowUp),
            [
                {
                    "contact_id": 1,
                    "meeting_id": i + 1,
                    "owner": rng.choice(["me", "them"]),
                    "text": _text(rng, 8),
                    "position": 0,
                }
                for i in range(meetings)
            ],
        )
        session.execute(
            insert(ThankYouDraft),
            [
                {
                    "meeting_id": i + 1,
                    "subject": "Thank you",
                    "body": _text(rng, 80),
                    "generated_body": "",
                    "updated_at": now,
                }
                for i in range(0, meetings, 2)
            ],
        )


def build_profile(directory: Path, meetings: int) -> None:
    """A profile in `directory` with `meetings` chats with notes (`build`), made on a fixed day."""
    clock = lambda: datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # noqa: E731
    with Workspace.open(directory, clock=clock) as workspace:
        build(workspace, meetings)


# Long: the benchmark's script: arguments, runs, report.
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        clock = lambda: datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # noqa: E731
        with Workspace.open(Path(folder) / "profile", clock=clock) as workspace:
            started = time.perf_counter()
            build(workspace, args.meetings)
            build_s = time.perf_counter() - started

            timings: dict[str, list[float]] = {q: [] for q in QUERIES}
            hits: dict[str, int] = {}
            workspace.chats.archive.search("warm up")
            for _ in range(args.rounds):
                for query in QUERIES:
                    started = time.perf_counter()
                    hits[query] = len(workspace.chats.archive.search(query, 50))
                    timings[query].append((time.perf_counter() - started) * 1000)
            every = [t for values in timings.values() for t in values]

            started = time.perf_counter()
            first = workspace.chats.archive.sync()
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            again = workspace.chats.archive.sync()
            again_s = time.perf_counter() - started
            workspace.chats.meetings.save_notes(1, NoteSections(free_notes="One edited meeting."))
            started = time.perf_counter()
            one = workspace.chats.archive.sync_meeting(1)
            one_ms = (time.perf_counter() - started) * 1000

    print(
        json.dumps(
            {
                "meetings": args.meetings,
                "build_s": round(build_s, 2),
                "search_ms": {
                    "p50": round(statistics.median(every), 2),
                    "p95": round(percentile(every, 0.95), 2),
                    "max": round(max(every), 2),
                    "by_query_p50": {q: round(statistics.median(v), 2) for q, v in timings.items()},
                    "hits": hits,
                    "target_p95": 30,
                },
                "archive_first_write_s": round(first_s, 2),
                "archive_first_counts": [
                    len(first.written),
                    len(first.updated),
                    len(first.unchanged),
                ],
                "archive_no_change_s": round(again_s, 3),
                "archive_no_change_counts": [
                    len(again.written),
                    len(again.updated),
                    len(again.unchanged),
                ],
                "archive_one_meeting_ms": round(one_ms, 1),
                "archive_one_meeting": one,
                "targets_s": {"first_write": 10, "no_change": 1},
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
