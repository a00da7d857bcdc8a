"""Redirects: followed with the same method on the same server (as servers redirect
/.well-known/caldav), refused with a plain message towards another server (the password is not
sent there)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chatplanner.interop.dav_http import DavHttp, SyncServerError

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
