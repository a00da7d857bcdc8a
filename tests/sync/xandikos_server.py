"""A real Xandikos CalDAV/CardDAV server on 127.0.0.1: the second server the sync tests run
against (a git-backed store; it answers /.well-known with a redirect, where Radicale answers
directly). Xandikos has no logins of its own (it is meant behind a proxy that checks them), so
the tests of passwords run against Radicale only."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
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


def fill_address_book(folder: Path, cards: Iterable[tuple[str, str]]) -> None:
    """(file name, vCard) of many cards into the user's address book of the Xandikos in
    `folder` (made by a first start, stopped now), as one commit of the address book's git
    repository: a PUT per card would be a commit per card."""
    from dulwich.index import index_entry_from_stat, locked_index
    from dulwich.objects import Blob
    from dulwich.repo import Repo

    repo = Repo(str(folder / "data" / USER / "contacts" / "addressbook"))
    count = 0
    with locked_index(repo.index_path()) as index:
        for name, text in cards:
            path = Path(repo.path) / name
            data = text.encode("utf-8")
            path.write_bytes(data)
            blob = Blob.from_string(data)
            repo.object_store.add_object(blob)
            index[name.encode("utf-8")] = index_entry_from_stat(path.lstat(), blob.id)
            count += 1
        tree = index.commit(repo.object_store)
        repo.get_worktree().commit(message=f"{count} cards".encode(), tree=tree)


def xandikos_phone(server: XandikosServer) -> XandikosPhone:
    return XandikosPhone(server.url, USER, PASSWORD)


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[XandikosPhone]:
    """A fresh Xandikos for each test, and the user's phone on it: a test module that imports
    this fixture runs its tests against Xandikos instead of Radicale."""
    with XandikosServer(tmp_path / "xandikos") as server:
        yield xandikos_phone(server)
