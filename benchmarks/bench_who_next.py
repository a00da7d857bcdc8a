"""Today's "who to reach next" and the follow-ups' search index on a large profile.

    python benchmarks/bench_who_next.py [--contacts 30000 --meetings 10000] [--quick]

Today reads its who-next cards again on each refresh, unless `suggestions_fingerprint` says
nothing that ranks people changed: the figures are the ranking itself and that fingerprint. The
follow-ups' index is made on opening a profile that lacks it: the figures are that opening, an
opening with the index, and a search that finds three promises in every chat.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text

from benchmarks.synthetic_profile import build_profile
from chatplanner.db.fts import DROP_STATEMENTS
from chatplanner.db.models import FollowUp
from chatplanner.services.workspace import Workspace


def _seconds(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return round(time.perf_counter() - start, 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=30000)
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--quick", action="store_true", help="3,000 contacts and 1,000 chats")
    args = parser.parse_args()
    contacts, meetings = (3000, 1000) if args.quick else (args.contacts, args.meetings)
    folder = Path(tempfile.mkdtemp()) / "profile"
    build_profile(folder, contacts=contacts, venues=100, meetings=meetings)
    figures: dict[str, object] = {"contacts": contacts, "meetings": meetings}
    with Workspace.open(folder) as workspace:
        with workspace.context.sessions.begin() as session:
            chats = session.execute(text("SELECT id, contact_id FROM meetings")).all()
            session.execute(
                insert(FollowUp),
                [
                    {
                        "contact_id": contact,
                        "meeting_id": chat,
                        "owner": "me",
                        "text": f"Send my résumé to the coordinator ({n})",
                        "position": n,
                    }
                    for chat, contact in chats
                    for n in range(3)
                ],
            )
        outreach = workspace.pipeline.outreach
        figures["suggest_people_s"] = _seconds(outreach.suggest_people)
        figures["suggestions_fingerprint_s"] = _seconds(outreach.suggestions_fingerprint)
        figures["search_follow_ups_s"] = _seconds(lambda: workspace.chats.archive.search("resume"))
        with workspace.context.sessions.begin() as session:
            for statement in DROP_STATEMENTS:
                if "follow_ups" in statement:  # as a profile of an earlier version is
                    session.execute(text(statement))
    figures["open_making_follow_up_index_s"] = _seconds(lambda: Workspace.open(folder).close())
    figures["open_with_follow_up_index_s"] = _seconds(lambda: Workspace.open(folder).close())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
