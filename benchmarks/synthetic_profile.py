"""Build a large synthetic profile for benchmarks: contacts, groups, venues, meetings with notes.

    python benchmarks/synthetic_profile.py DIR [--contacts 30000 --venues 5000 --meetings 10000]

Rows go in through SQLAlchemy Core in one transaction (seconds, not minutes), with names in many
scripts, so figures reflect real text. Any bench script can call `build_profile`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from chatplanner.db.models import (
    Contact,
    Group,
    Meeting,
    MeetingNotes,
    Venue,
    Visit,
    contact_groups,
)
from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.services.workspace import Workspace

FIRST = ["Zoë", "Anna", "José María", "محمد", "伟", "Priya", "Łukasz", "Siobhán", "Ngozi", "Hans"]
LAST = ["Lefèvre", "Kowalska", "García-Núñez", "العلي", "王", "Raghunathan", "Wiśniewski", "Okafor"]
COMPANIES = ["Acme Robotics", "Société Générale", "腾讯", "Siemens AG", "Nubank", "Shopify", None]
TITLES = ["Head of Sales", "Software Engineer", "Product Manager", "Analyste Crédit", None]
CITIES = ["Toronto", "Montréal", "Berlin", "São Paulo", "Lagos", "Bengaluru", "Kraków", None]
# Values the app reads back, straight from its enumerations.
KINDS = [kind.value for kind in ContactKind]
STAGES = [stage.value for stage in Stage]
WORDS = [
    "design",
    "team",
    "product",
    "hiring",
    "manager",
    "portfolio",
    "studio",
    "bank",
    "mentor",
    "coffee",
    "advice",
]
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


# Long: one bulk insert per table, in one transaction.
def build_profile(
    directory: Path, *, contacts: int = 30_000, venues: int = 5_000, meetings: int = 10_000
) -> dict[str, float | int]:
    """Create (or fill) the profile in `directory`; returns the counts and the build time."""
    rng = random.Random(20260601)
    started = time.perf_counter()
    stamp = NOW
    workspace = Workspace.open(directory, clock=lambda: NOW)
    with workspace, workspace.context.sessions.begin() as session:
        session.execute(
            insert(Group),
            [
                {"id": g, "name": f"Group {g}", "kind": "association", "created_at": stamp}
                for g in range(1, 41)
            ],
        )
        session.execute(
            insert(Contact),
            [
                {
                    "id": i,
                    "first_name": rng.choice(FIRST),
                    "last_name": f"{rng.choice(LAST)} {i}",
                    "email": f"person{i}@example.com" if i % 3 else None,
                    "linkedin_url": f"https://www.linkedin.com/in/person-{i}",
                    "company": rng.choice(COMPANIES),
                    "title": rng.choice(TITLES),
                    "city": rng.choice(CITIES),
                    "kind": rng.choice(KINDS),
                    "online_activity": "unknown",
                    "stage": rng.choice(STAGES),
                    "notes": sentence(rng, 12) if i % 4 == 0 else "",
                    "source": "linkedin",
                    "archived": False,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for i in range(1, contacts + 1)
            ],
        )
        session.execute(
            insert(contact_groups),
            [{"contact_id": i, "group_id": 1 + i % 40} for i in range(1, contacts + 1) if i % 2],
        )
        session.execute(
            insert(Venue),
            [
                {
                    "id": v,
                    "name": f"Café {rng.choice(LAST)} {v}",
                    "kind": rng.choice(["coffee_shop", "restaurant", "bar", "other"]),
                    "city": rng.choice(CITIES),
                    "latitude": 43.6 + rng.uniform(-0.3, 0.3),
                    "longitude": -79.4 + rng.uniform(-0.4, 0.4),
                    "quietness": rng.randint(1, 5),
                    "created_at": stamp,
                }
                for v in range(1, venues + 1)
            ],
        )
        meeting_rows, note_rows, visit_rows = [], [], []
        for m in range(1, meetings + 1):
            starts = NOW - timedelta(days=rng.randrange(3000), hours=rng.randrange(12))
            venue_id = rng.randint(1, venues) if venues and m % 3 else None
            meeting_rows.append(
                {
                    "id": m,
                    "contact_id": rng.randint(1, max(contacts, 1)),
                    "mode": "in_person" if venue_id else "online",
                    "venue_id": venue_id,
                    "starts_at": starts,
                    "duration_minutes": 45,
                    "status": "done",
                    "tags": "",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            note_rows.append(
                {
                    "meeting_id": m,
                    "their_past": sentence(rng, 25),
                    "their_present": sentence(rng, 25),
                    "their_goals": sentence(rng, 15),
                    "advice": sentence(rng, 30),
                    "resources": sentence(rng, 8),
                    "free_notes": sentence(rng, 40),
                    "updated_at": stamp,
                }
            )
            if venue_id:
                visit_rows.append(
                    {"venue_id": venue_id, "visited_on": starts.date(), "meeting_id": m}
                )
        if meeting_rows:
            session.execute(insert(Meeting), meeting_rows)
            session.execute(insert(MeetingNotes), note_rows)
        if visit_rows:
            session.execute(insert(Visit), visit_rows)
    return {
        "contacts": contacts,
        "venues": venues,
        "meetings": meetings,
        "build_seconds": round(time.perf_counter() - started, 2),
        "database_bytes": (directory / "chatplanner.sqlite3").stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--venues", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    args = parser.parse_args()
    figures = build_profile(
        args.directory, contacts=args.contacts, venues=args.venues, meetings=args.meetings
    )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
