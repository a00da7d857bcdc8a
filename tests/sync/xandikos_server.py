"""A real Xandikos CalDAV/CardDAV server on 127.0.0.1: the second server the sync tests run
against (a git-backed store; it answers /.well-known with a redirect, where Radicale answers
directly). Xandikos has no logins of its own (it is meant behind a proxy that checks them), so
the tests of passwords run against Radicale only."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import niquests
import pytest

from .local_server import LocalServer
from .radicale_server import ADDRESS_BOOK, CALENDAR, PASSWORD, USER, Phone


class XandikosServer(LocalServer):
    """`with XandikosServer(folder) as server:`, one user with one calendar and one address
    book (the server's defaults)."""

    name = "Xandikos"

    def _command(self) -> list[str]:
        return [
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
        ]

    def _answers(self) -> bool:
        try:
            niquests.get(self.url, timeout=1)
            return True
        except niquests.exceptions.RequestException:
            return False


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


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[XandikosPhone]:
    """A fresh Xandikos for each test, and the user's phone on it: a test module that imports
    this fixture runs its tests against Xandikos instead of Radicale."""
    with XandikosServer(tmp_path / "xandikos") as server:
        yield xandikos_phone(server)
