"""New cards are written as vCard 4.0 when the address book takes only 4.0, else as 3.0 (which
every server reads): the server's preference, read from its supported-address-data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chatplanner.services.workspace import Workspace

_HEAD = '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">'


def _response(href: str, prop: str) -> str:
    return (
        f"<d:response><d:href>{href}</d:href><d:propstat><d:prop>{prop}</d:prop>"
        "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    )


def _server_answers(versions: tuple[str, ...]) -> dict[str, str]:
    """What a minimal CardDAV server answers to each PROPFIND of discovery."""
    types = "".join(
        f'<card:address-data-type content-type="text/vcard" version="{v}"/>' for v in versions
    )
    return {
        "/.well-known/carddav": _response(
            "/", "<d:current-user-principal><d:href>/ada/</d:href></d:current-user-principal>"
        ),
        "/ada/": _response(
            "/ada/",
            "<card:addressbook-home-set><d:href>/ada/books/</d:href></card:addressbook-home-set>",
        ),
        "/ada/books/": _response("/ada/books/", "<d:resourcetype><d:collection/></d:resourcetype>")
        + _response(
            "/ada/books/people/",
            "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
            "<d:displayname>People</d:displayname>",
        ),
        "/ada/books/people/": _response(
            "/ada/books/people/",
            f"<card:supported-address-data>{types}</card:supported-address-data>",
        ),
    }


@contextmanager
def _card_server(versions: tuple[str, ...]) -> Iterator[str]:
    answers = _server_answers(versions)

    class Handler(BaseHTTPRequestHandler):
        def do_PROPFIND(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            found = answers.get(self.path)
            body = b"" if found is None else (_HEAD + found + "</d:multistatus>").encode()
            self.send_response(404 if found is None else 207)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    ("versions", "written"),
    [(("4.0",), "4.0"), (("3.0", "4.0"), "3.0"), (("3.0",), "3.0"), ((), "3.0")],
)
def test_new_cards_take_the_version_the_address_book_prefers(
    tmp_path: Path, versions: tuple[str, ...], written: str
) -> None:
    with _card_server(versions) as url, Workspace.open(tmp_path / "p") as workspace:
        account = workspace.syncing.sync_accounts.add(url, "ada", "secret", keep_password=False)
    assert account.address_book_name == "People"
    assert account.card_version == written
