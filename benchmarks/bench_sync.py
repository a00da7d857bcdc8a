"""Contacts sync against a local Radicale: the first sync of a large address book, an unchanged
second sync, and sending the app's new contacts.

    python benchmarks/bench_sync.py [--cards 30000] [--push 300] [--quick]

The address book is filled by writing the cards into Radicale's storage folder (as another
program would), then read once so that Radicale builds its own cache: that server-side cost is
reported apart (`server_warm_up_seconds`: the phone's own first listing and sync token),
the sync figures are the app's. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatplanner.db.models import Contact
from chatplanner.services.workspace import Workspace
from tests.sync.radicale_server import PASSWORD, USER, Phone, RadicaleServer, card

FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")
EXTRA = "TEL;TYPE=CELL:+1 555 0100\r\nORG:Example Corp\r\nTITLE:Engineer\r\nX-CUSTOM:kept"


def _fill_address_book(server: RadicaleServer, phone: Phone, cards: int) -> None:
    phone.make_calendar()
    phone.make_address_book()
    folder = server.folder / "storage" / "collection-root" / USER / "people"
    for number in range(cards):
        uid = str(uuid.uuid4())
        first, last = FIRST[number % len(FIRST)], LAST[number % len(LAST)]
        text = card(uid, first, f"{last}{number}", f"p{number}@example.org", EXTRA)
        (folder / f"{uid}.vcf").write_text(text, encoding="utf-8", newline="")


def _warm_up(phone: Phone) -> None:
    """What the user's phone did long before: listed the book and took a sync token (Radicale
    builds its item cache and the token's history then, once per collection)."""
    book = phone.collection_url("people")
    phone.list(book)
    body = (
        '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token/>'
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
    )
    response = phone.request("REPORT", book, body, {"Content-Type": "application/xml"})
    assert response.status_code == 207, response.status_code


def _timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=30_000)
    parser.add_argument("--push", type=int, default=300, help="new app contacts to send")
    parser.add_argument("--quick", action="store_true", help="2,000 cards, 100 to send")
    args = parser.parse_args()
    if args.quick:
        args.cards, args.push = 2_000, 100
    with (
        tempfile.TemporaryDirectory() as folder,
        RadicaleServer(Path(folder) / "server") as server,
    ):
        phone = Phone(server.url)
        _fill_address_book(server, phone, args.cards)
        warm, _ = _timed(lambda: _warm_up(phone))
        with Workspace.open(Path(folder) / "profile") as workspace:
            workspace.sync_accounts.timeout = 600
            workspace.sync_accounts.add(server.url, USER, PASSWORD, keep_password=False)
            first, report = _timed(lambda: workspace.sync.run(password=PASSWORD))
            assert report.contacts.new_in_app == args.cards, report.summary()
            second, again = _timed(lambda: workspace.sync.run(password=PASSWORD))
            assert again.contacts.summary() == "Contacts: no changes.", again.summary()
            now = workspace.context.now()
            with workspace.context.sessions.begin() as session:
                session.add_all(
                    Contact(
                        first_name="New",
                        last_name=f"Person{n}",
                        email=f"new{n}@example.org",
                        created_at=now,
                        updated_at=now,
                    )
                    for n in range(args.push)
                )
            push, sent = _timed(lambda: workspace.sync.run(password=PASSWORD))
            assert sent.contacts.new_on_server == args.push, sent.summary()
            third, _ = _timed(lambda: workspace.sync.run(password=PASSWORD))
    print(
        json.dumps(
            {
                "benchmark": "sync",
                "cards_on_server": args.cards,
                "server_warm_up_seconds": round(warm, 2),
                "first_sync_seconds": round(first, 2),
                "unchanged_second_sync_seconds": round(second, 2),
                "new_app_contacts_sent": args.push,
                "sending_them_seconds": round(push, 2),
                "unchanged_sync_after_sending_seconds": round(third, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
