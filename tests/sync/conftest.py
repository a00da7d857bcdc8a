"""Sync tests talk to a real Radicale server on 127.0.0.1, and to nothing else."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from tests.journey.user import User

from .radicale_server import PASSWORD, USER, Phone, RadicaleServer

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection
_real_getaddrinfo = socket.getaddrinfo


class OutsideNetworkError(RuntimeError):
    pass


def _loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _checked(address: object) -> None:
    host = address[0] if isinstance(address, tuple) and address else address
    if not _loopback(host):
        raise OutsideNetworkError(f"sync tests may reach 127.0.0.1 only, not {host!r}")


def _connect(self: socket.socket, address: socket._Address) -> None:
    if self.family != socket.AF_UNIX:
        _checked(address)
    _real_connect(self, address)


def _connect_ex(self: socket.socket, address: socket._Address) -> int:
    if self.family != socket.AF_UNIX:
        _checked(address)
    return _real_connect_ex(self, address)


def _create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
    _checked(address)
    return _real_create_connection(address, *args, **kwargs)  # type: ignore[arg-type]


def _getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if not _loopback(host):
        raise OutsideNetworkError(f"sync tests may resolve loopback names only, not {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replaces the suite's guard here: loopback is allowed, everything else still refused."""
    monkeypatch.setattr(socket.socket, "connect", _connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _connect_ex)
    monkeypatch.setattr(socket, "create_connection", _create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", _getaddrinfo)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The keyring for tests: in memory, nothing reaches the system's keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    """One server per test module; each test uses collections of its own."""
    with RadicaleServer(tmp_path_factory.mktemp("radicale")) as server:
        yield server


_users = iter(range(1, 1_000_000))


@pytest.fixture
def phone(radicale: RadicaleServer) -> Phone:
    """A fresh user on the server with a calendar and an address book, and their phone."""
    user = f"user{next(_users)}"
    radicale.add_user(user, PASSWORD)
    phone = Phone(radicale.url, user, PASSWORD)
    phone.make_calendar()
    phone.make_address_book()
    return phone


@pytest.fixture
def user(qtbot: QtBot, workspace: Workspace) -> User:
    """The user in front of the app's window on the test module's `workspace`."""
    return User.in_front_of(qtbot, MainWindow(workspace))


__all__ = ["USER", "MemoryKeyring", "Path"]
