"""A provider's own web server on 127.0.0.1, for the redirect tests: its /.well-known/carddav
sends to the contacts server (a real Radicale), as iCloud's and some hosts' do (RFC 6764)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Provider(BaseHTTPRequestHandler):
    """The provider's own web server: its /.well-known/carddav sends to the contacts server
    (a real Radicale), and it has nothing else."""

    seen: list[tuple[str, str]] = []
    contacts_server = ""

    def _any(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path))
        if self.path.rstrip("/") == "/.well-known/carddav":
            self._answer(301, {"Location": f"{self.contacts_server}.well-known/carddav"})
        else:
            self._answer(404, {})

    do_PROPFIND = do_GET = do_REPORT = do_PUT = do_DELETE = _any

    def _answer(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return None


@contextmanager
def provider(contacts_server: str) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    Provider.seen, Provider.contacts_server = [], contacts_server
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
