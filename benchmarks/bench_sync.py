"""Contacts sync against a local Radicale or Xandikos: the first sync of a large address book,
an unchanged second sync, and sending the app's new contacts, each beside what the server alone
costs.

    python benchmarks/bench_sync.py [--server radicale|xandikos] [--cards 30000] [--push 20]
                                    [--quick] [--server-copy DIR]

The address book is filled by writing the cards into the server's storage (as another program
would: Radicale's storage folder, or one commit of Xandikos's git repository), then read once so
that the server builds its own cache: that server-side cost is reported apart
(`server_warm_up_seconds`: the phone's own first listing and sync token). `--server-copy DIR`
keeps that warmed server folder in DIR and starts from a copy of it when DIR exists already (a
30,000-card warm-up takes Radicale about ten minutes).

The server's own share is measured twice: inside the sync, the time spent waiting for answers
(`..._waiting_on_server_seconds`), and alone, the same requests sent by a bare HTTP client that
parses nothing (`server_alone_...`): the floor that no client can go below. Prints one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatplanner.db.models import Contact, SyncAccount
from chatplanner.interop import dav_http
from chatplanner.services.workspace import Workspace
from tests.sync.local_server import LocalServer
from tests.sync.radicale_server import PASSWORD, USER, Phone, RadicaleServer, card
from tests.sync.xandikos_server import XandikosServer, fill_address_book, xandikos_phone

FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim")
LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")
EXTRA = "TEL;TYPE=CELL:+1 555 0100\r\nORG:Example Corp\r\nTITLE:Engineer\r\nX-CUSTOM:kept"
SYNC_COLLECTION = (
    '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>{token}</d:sync-token>'
    "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
)
MULTIGET = (
    '<?xml version="1.0"?><card:addressbook-multiget xmlns:d="DAV:" '
    'xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><card:address-data/>'
    "</d:prop>{hrefs}</card:addressbook-multiget>"
)
BATCH = 250  # as the app's multiget


def _cards(cards: int) -> Iterator[tuple[str, str]]:
    """(file name, vCard) of each card of the address book."""
    for number in range(cards):
        uid = str(uuid.uuid4())
        first, last = FIRST[number % len(FIRST)], LAST[number % len(LAST)]
        yield f"{uid}.vcf", card(uid, first, f"{last}{number}", f"p{number}@example.org", EXTRA)


def _fill_radicale(server: RadicaleServer, phone: Phone, cards: int) -> None:
    phone.make_calendar()
    phone.make_address_book()
    folder = server.folder / "storage" / "collection-root" / USER / "people"
    for name, text in _cards(cards):
        (folder / name).write_text(text, encoding="utf-8", newline="")


def _sync_collection(phone: Phone, token: str = "") -> bytes:
    response = phone.request(
        "REPORT",
        phone.collection_url("people"),
        SYNC_COLLECTION.format(token=token),
        {"Content-Type": "application/xml"},
    )
    assert response.status_code == 207, response.status_code
    return response.content or b""


def _warm_up(phone: Phone) -> None:
    """What the user's phone did long before: listed the book and took a sync token (Radicale
    builds its item cache and the token's history then, once per collection)."""
    phone.list(phone.collection_url("people"))
    _sync_collection(phone)


def _server_alone_first_sync(phone: Phone) -> float:
    """The requests of a first sync (a listing, then every card by multiget), parsed not at
    all beyond the hrefs: what the server costs."""
    started = time.perf_counter()
    listing = ElementTree.fromstring(_sync_collection(phone))
    hrefs = [h.text or "" for h in listing.iter("{DAV:}href") if (h.text or "").endswith(".vcf")]
    for start in range(0, len(hrefs), BATCH):
        body = MULTIGET.format(
            hrefs="".join(f"<d:href>{h}</d:href>" for h in hrefs[start : start + BATCH])
        )
        response = phone.request(
            "REPORT",
            phone.collection_url("people"),
            body,
            {"Content-Type": "application/xml", "Depth": "1"},
        )
        assert response.status_code == 207, response.status_code
    return time.perf_counter() - started


def _server_alone_put(phone: Phone) -> float:
    """One new card into the full book, and its removal: Radicale compares a new card's UID
    with every card of the book."""
    book = phone.collection_url("people")
    started = time.perf_counter()
    url = phone.put_card(book, card(str(uuid.uuid4()), "Probe", "Card", "probe@example.org"))
    elapsed = time.perf_counter() - started
    phone.delete(url)
    return elapsed


@contextmanager
def _server_waits() -> Iterator[list[float]]:
    """The time the app spends waiting for the server's answers, summed."""
    waited = [0.0]
    real = dav_http.DavHttp.request

    def timed(self: dav_http.DavHttp, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return real(self, *args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - started

    dav_http.DavHttp.request = timed  # type: ignore[method-assign]
    try:
        yield waited
    finally:
        dav_http.DavHttp.request = real  # type: ignore[method-assign]


def _timed(action: Callable[[], Any]) -> tuple[float, float, float, Any]:
    """(seconds, of which waiting on the server, the app's own CPU seconds, result). The CPU
    seconds hardly depend on what else the machine runs; the wall-clock ones do."""
    with _server_waits() as waited:
        started, cpu = time.perf_counter(), time.process_time()
        result = action()
        return time.perf_counter() - started, waited[0], time.process_time() - cpu, result


def _server_cpu(server: LocalServer) -> float:
    """The server process's CPU seconds so far (user and system; Linux's /proc)."""
    pid = server.pid
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server(kind: str, folder: Path) -> LocalServer:
    return XandikosServer(folder) if kind == "xandikos" else RadicaleServer(folder)


def _phone(server: LocalServer) -> Phone:
    if isinstance(server, XandikosServer):
        return xandikos_phone(server)
    return Phone(server.url)


def _server_folder(
    kind: str, base: Path, copy: Path | None, cards: int
) -> tuple[Path, float | None]:
    """A filled, warmed server folder: a copy of `copy` when it holds one, else made now (and
    kept in `copy`); the warm-up's seconds when it was made now."""
    target = base / "server"
    if copy is not None and copy.is_dir() and any(copy.iterdir()):
        shutil.copytree(copy, target, symlinks=True)
        return target, None
    if kind == "xandikos":
        with XandikosServer(target):
            pass  # makes the user's calendar and address book
        fill_address_book(target, _cards(cards))
    else:
        with RadicaleServer(target) as server:
            _fill_radicale(server, Phone(server.url), cards)
    with _server(kind, target) as server:
        started = time.perf_counter()
        _warm_up(_phone(server))
        warm = time.perf_counter() - started
    if copy is not None:
        shutil.copytree(target, copy, symlinks=True)
    return target, warm


# Long: the benchmark's script: arguments, runs, report.
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=("radicale", "xandikos"), default="radicale")
    parser.add_argument("--cards", type=int, default=30_000)
    parser.add_argument("--push", type=int, default=20, help="new app contacts to send")
    parser.add_argument("--quick", action="store_true", help="2,000 cards, 20 to send")
    parser.add_argument("--server-copy", type=Path, help="keep (or reuse) the warmed server")
    args = parser.parse_args()
    if args.quick:
        args.cards, args.push = 2_000, 20
    figures: dict[str, Any] = {
        "benchmark": "sync",
        "server": args.server,
        "cards_on_server": args.cards,
    }
    with tempfile.TemporaryDirectory() as folder:
        server_folder, warm = _server_folder(
            args.server, Path(folder), args.server_copy, args.cards
        )
        figures["server_warm_up_seconds"] = None if warm is None else round(warm, 2)
        with _server(args.server, server_folder) as server:
            phone = _phone(server)
            with Workspace.open(Path(folder) / "profile") as workspace:
                workspace.syncing.sync_accounts.timeout = 3600
                workspace.syncing.sync_accounts.add(server.url, USER, PASSWORD, keep_password=False)

                def sync() -> Any:
                    return workspace.syncing.sync.run(password=PASSWORD)

                server_cpu = _server_cpu(server)
                first, first_wait, first_cpu, report = _timed(sync)
                first_server_cpu = _server_cpu(server) - server_cpu
                assert report.contacts.new_in_app == args.cards, report.summary()
                server_cpu = _server_cpu(server)
                second, second_wait, second_cpu, again = _timed(sync)
                second_server_cpu = _server_cpu(server) - server_cpu
                assert again.contacts.summary() == "Contacts: no changes.", again.summary()
                with workspace.context.sessions() as session:
                    account = session.query(SyncAccount).one()
                    token = account.contacts_sync_token or ""
                started = time.perf_counter()
                _sync_collection(phone, token)
                alone_unchanged = time.perf_counter() - started
                alone_first = _server_alone_first_sync(phone)
                alone_put = _server_alone_put(phone)
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
                push, push_wait, _push_cpu, sent = _timed(sync)
                assert sent.contacts.new_on_server == args.push, sent.summary()
                third, third_wait, third_cpu, _ = _timed(sync)
    figures.update(
        {
            "first_sync_seconds": round(first, 2),
            "first_sync_waiting_on_server_seconds": round(first_wait, 2),
            "first_sync_app_cpu_seconds": round(first_cpu, 2),
            "first_sync_server_cpu_seconds": round(first_server_cpu, 2),
            "server_alone_first_sync_requests_seconds": round(alone_first, 2),
            "unchanged_second_sync_seconds": round(second, 2),
            "unchanged_second_sync_waiting_on_server_seconds": round(second_wait, 2),
            "unchanged_second_sync_app_cpu_seconds": round(second_cpu, 2),
            "unchanged_second_sync_server_cpu_seconds": round(second_server_cpu, 2),
            "server_alone_unchanged_sync_collection_seconds": round(alone_unchanged, 2),
            "new_app_contacts_sent": args.push,
            "sending_them_seconds": round(push, 2),
            "sending_them_waiting_on_server_seconds": round(push_wait, 2),
            "server_alone_one_new_card_put_seconds": round(alone_put, 2),
            "unchanged_sync_after_sending_seconds": round(third, 2),
            "unchanged_sync_after_sending_waiting_on_server_seconds": round(third_wait, 2),
            "unchanged_sync_after_sending_app_cpu_seconds": round(third_cpu, 2),
        }
    )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
