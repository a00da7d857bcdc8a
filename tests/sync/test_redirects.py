"""Redirects: followed with the same method on the same server (as servers redirect
/.well-known/caldav); towards another server, followed in discovery only (RFC 6764: a provider's
/.well-known/carddav sends to its contacts server), over HTTPS or between two servers on this
computer, never down to plain HTTP; the account then belongs to that server. A sync refuses them
with a plain message (the password is not sent there)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.interop.dav_http import DavHttp, SyncServerError, may_follow_to_another_server

from .conftest import MemoryKeyring
from .provider_server import Provider, provider
from .radicale_server import PASSWORD, Phone, card

MULTISTATUS = (
    b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/</d:href>'
    b"<d:propstat><d:prop><d:displayname>home</d:displayname></d:prop>"
    b"<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"
)


class _Redirecting(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, bool]] = []
    elsewhere = ""

    def do_PROPFIND(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path, "Authorization" in self.headers))
        if self.path == "/.well-known/caldav":
            self._answer(301, b"", {"Location": "/dav/"})
        elif self.path == "/away":
            self._answer(302, b"", {"Location": self.elsewhere})
        else:
            self._answer(207, MULTISTATUS, {"Content-Type": "application/xml"})

    def do_GET(self) -> None:
        self.seen.append((self.command, self.path, "Authorization" in self.headers))
        self._answer(200, b"<html>not WebDAV</html>", {"Content-Type": "text/html"})

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return None


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    other = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    _Redirecting.seen = []
    _Redirecting.elsewhere = f"http://127.0.0.1:{other.server_address[1]}/dav/"
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (httpd, other)]
    for thread in threads:
        thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    for s in (httpd, other):
        s.shutdown()
        s.server_close()


def test_a_redirected_propfind_is_sent_again_as_a_propfind_on_the_same_server(
    server: str,
) -> None:
    with DavHttp(server, "ada", "secret-password") as http:
        (found,) = http.propfind("/.well-known/caldav", "<d:displayname/>")
    assert found.text("{DAV:}displayname") == "home"
    assert _Redirecting.seen == [
        ("PROPFIND", "/.well-known/caldav", True),
        ("PROPFIND", "/dav/", True),
    ]


def test_a_redirect_to_another_server_is_refused_without_sending_the_password_there(
    server: str,
) -> None:
    with DavHttp(server, "ada", "secret-password") as http, pytest.raises(SyncServerError) as error:
        http.propfind("/away", "<d:displayname/>")
    assert "Add the account with the address" in str(error.value)
    assert "secret-password" not in str(error.value)
    assert [path for _method, path, _auth in _Redirecting.seen] == ["/away"]


@pytest.mark.parametrize(
    ("here", "there", "followed"),
    [
        ("https://example.org/.well-known/carddav", "https://contacts.example.net/", True),
        ("http://127.0.0.1:5232/.well-known/carddav", "https://contacts.example.net/", True),
        ("http://127.0.0.1:5232/", "http://127.0.0.1:5233/", True),  # a test's two servers
        ("https://example.org/", "http://contacts.example.net/", False),
        ("https://127.0.0.1:5232/", "http://127.0.0.1:5233/", False),  # never down to http
        ("http://127.0.0.1:5232/", "http://contacts.example.net/", False),
    ],
)
def test_which_redirects_to_another_server_discovery_follows(
    here: str, there: str, followed: bool
) -> None:
    assert may_follow_to_another_server(here, there) is followed


def test_discovery_follows_another_server_with_the_same_method_and_moves_there(
    server: str,
) -> None:
    with DavHttp(server, "ada", "secret-password") as http:
        http.follow_other_servers = True
        (found,) = http.propfind("/away", "<d:displayname/>")
        assert found.text("{DAV:}displayname") == "home"
        assert http.base_url == _Redirecting.elsewhere
        assert http.moved_from == server
    assert [(m, p) for m, p, _auth in _Redirecting.seen] == [
        ("PROPFIND", "/away"),
        ("PROPFIND", "/dav/"),
    ]


def test_an_account_found_through_a_redirect_to_another_server_is_that_servers(
    tmp_path: Path,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    profile = str(tmp_path / "p")
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    monkeypatch.setenv("DAV_PASSWORD", PASSWORD)
    contacts_host = phone.base_url.split("//")[1].rstrip("/")
    with provider(phone.base_url) as provider_url:
        add = ["sync", "add", provider_url, "--user", phone.user, "--password-env", "DAV_PASSWORD"]
        assert main([*add, "--data-dir", profile]) == 0
        assert f"Added {phone.user} on {phone.base_url}" in capsys.readouterr().out
        assert ("PROPFIND", "/.well-known/carddav") in Provider.seen
        assert {method for method, _path in Provider.seen} == {"PROPFIND"}  # method kept
        # The password is kept for the server the account now belongs to, and no other.
        assert list(memory_keyring.passwords) == [
            ("chatplanner-sync", f"{phone.user}@{phone.base_url}")
        ]
        Provider.seen.clear()

        assert main(["sync", "now", "--data-dir", profile]) == 0
        assert "1 new in the app" in capsys.readouterr().out
        assert Provider.seen == []  # later syncs go to the contacts server directly

        assert main(["sync", "status", "--json", "--data-dir", profile]) == 0
        status = json.loads(capsys.readouterr().out)
        assert (status["server"], status["host"]) == (phone.base_url, contacts_host)
        assert main(["sync", "status", "--data-dir", profile]) == 0
        shown = capsys.readouterr().out
    provider_host = provider_url.split("//")[1].rstrip("/")
    assert f"{phone.user} on {phone.base_url}" in shown
    assert f"{provider_host} sent this account to {contacts_host}" in shown
