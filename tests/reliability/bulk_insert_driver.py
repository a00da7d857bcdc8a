"""A real process that writes a large batch of contacts in ONE transaction, for kill tests.

    python bulk_insert_driver.py PROFILE_DIR COUNT

Prints `progress N` after every batch and `committed N` at the end. `import_contacts` is the
seam: when the contact-import service exists, point it at that service instead of raw inserts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

from chatplanner.db.models import Contact
from chatplanner.domain.clock import to_db
from chatplanner.services.workspace import Workspace

BATCH = 500


def contact_rows(count: int, now: datetime) -> list[dict[str, object]]:
    stamp = to_db(now)
    return [
        {
            "first_name": f"Zoë {i}",
            "last_name": "Lefèvre-García",
            "email": f"person{i}@example.com",
            "linkedin_url": f"https://www.linkedin.com/in/person-{i}",
            "company": "Société Générale",
            "title": "Analyste crédit senior",
            "notes": "Met at the alumni breakfast; " * 8,
            "kind": "peer",
            "online_activity": "unknown",
            "stage": "not_contacted",
            "source": "linkedin",
            "archived": False,
            "created_at": stamp,
            "updated_at": stamp,
        }
        for i in range(count)
    ]


def import_contacts(workspace: Workspace, count: int, on_progress: Callable[[int], None]) -> int:
    """Everything or nothing: one unit of work for the whole batch."""
    rows = contact_rows(count, workspace.context.now())
    with workspace.context.sessions.begin() as session:
        for start in range(0, count, BATCH):
            session.execute(insert(Contact), rows[start : start + BATCH])
            on_progress(min(start + BATCH, count))
    return count


def _progress(done: int) -> None:
    print(f"progress {done}", flush=True)


def main(argv: list[str]) -> int:
    directory, count = Path(argv[0]), int(argv[1])
    with Workspace.open(directory) as workspace:
        written = import_contacts(workspace, count, _progress)
    print(f"committed {written}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
