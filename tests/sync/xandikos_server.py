"""A real Xandikos CalDAV/CardDAV server on 127.0.0.1: the second server the sync tests run
against (a git-backed store; it answers /.well-known with a redirect, where Radicale answers
directly). Xandikos has no logins of its own (it is meant behind a proxy that checks them), so
the tests of passwords run against Radicale only."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import niquests

from .radicale_server import ADDRESS_BOOK, CALENDAR, PASSWORD, USER, Phone, _free_port


class XandikosServer:
    """`with XandikosServer(folder) as server:`, one user with one calendar and one address
    book (the server's defaults)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = (self.folder / "xandikos.log").open("ab")
        for _attempt in range(5):
            self.port = _free_port()
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "xandikos.web",
                    "--directory",
                    str(self.folder / "data"),
                    "--state-dir",
                    str(self.folder / "state"),
                    "--defaults",
                    "--current-user-principal",
                    f"/{USER}/",
                    "--listen-address",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--no-detect-systemd",
                ],
                stdout=log,
                stderr=log,
            )
            if self._wait_until_answering():
                return
            self.stop()
        raise RuntimeError(f"Xandikos did not start; see {self.folder / 'xandikos.log'}")

    def _wait_until_answering(self) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                return False
            try:
                niquests.get(self.url, timeout=1)
                return True
            except niquests.exceptions.RequestException:
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> XandikosServer:
        self.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.stop()


@dataclass
class XandikosPhone(Phone):
    """The phone on Xandikos: its address book and calendar are the server's defaults."""

    def collection_url(self, name: str) -> str:
        home = {ADDRESS_BOOK: "contacts/addressbook", CALENDAR: "calendars/calendar"}[name]
        return f"{self.base_url}{self.user}/{home}/"

    def make_calendar(self, name: str = CALENDAR, display: str = "Chats") -> str:
        return self.collection_url(name)  # made by the server's --defaults

    def make_address_book(self, name: str = ADDRESS_BOOK, display: str = "People") -> str:
        return self.collection_url(name)


def xandikos_phone(server: XandikosServer) -> XandikosPhone:
    return XandikosPhone(server.url, USER, PASSWORD)
