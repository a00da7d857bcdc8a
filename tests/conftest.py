"""Test-wide guards: headless Qt, no network, and a temporary profile for every test."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from chatplanner.collection import collect_when_due
from chatplanner.domain.clock import Clock, system_clock
from chatplanner.services.workspace import Workspace
from tests.profiles import DemoAt, OpenWorkspace, ProfileTemplates, fixed_clock

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NetworkBlockedError(RuntimeError):
    pass


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkBlockedError("tests must not use the network")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: socket._Address) -> None:
    # Unix sockets (Qt's local server, for instance) stay allowed; internet ones do not.
    if self.family == socket.AF_UNIX:
        _real_connect(self, address)
        return
    _refuse()


def _guarded_connect_ex(self: socket.socket, address: socket._Address) -> int:
    if self.family == socket.AF_UNIX:
        return _real_connect_ex(self, address)
    _refuse()
    return 1


@pytest.fixture(autouse=True)
def _garbage_collected_between_tests() -> Iterator[None]:
    """Once a background task has run, the app collects garbage from a timer on the GUI thread
    (chatplanner.collection); a test that never turns the event loop collects here instead."""
    yield
    collect_when_due()


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may reach the user's real profile or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("CHATPLANNER_HOME", raising=False)


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    """A fresh, empty profile directory."""
    path = tmp_path / "profile"
    return path


@pytest.fixture(scope="session")
def profile_templates(tmp_path_factory: pytest.TempPathFactory) -> ProfileTemplates:
    return ProfileTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def demo_profile(tmp_path: Path, profile_templates: ProfileTemplates) -> Path:
    """The folder of a demo profile of this test's own, closed."""
    return profile_templates.copy_to(tmp_path / "demo", demo=True)


@pytest.fixture
def open_workspace(tmp_path: Path, profile_templates: ProfileTemplates) -> Iterator[OpenWorkspace]:
    """Opens profiles for the test and closes them after it; without a directory, a new
    profile (`profile` in the test's folder)."""
    opened: list[Workspace] = []

    def open_(directory: Path | None = None, *, clock: Clock = system_clock) -> Workspace:
        if directory is None:
            directory = tmp_path / "profile"
            now = None if clock is system_clock else clock()
            profile_templates.copy_to(directory, now=now)
        workspace = Workspace.open(directory, clock=clock)
        opened.append(workspace)
        return workspace

    yield open_
    for workspace in reversed(opened):
        workspace.close()


@pytest.fixture
def demo(demo_profile: Path, open_workspace: OpenWorkspace) -> Workspace:
    """A demo profile of this test's own, open."""
    return open_workspace(demo_profile)


@pytest.fixture
def demo_at(
    tmp_path: Path, profile_templates: ProfileTemplates, open_workspace: OpenWorkspace
) -> DemoAt:
    """Opens a demo profile of this test's own seen from a fixed moment, with that clock."""

    def open_(now: datetime) -> Workspace:
        folder = profile_templates.copy_to(tmp_path / "demo", demo=True, now=now)
        return open_workspace(folder, clock=fixed_clock(now))

    return open_


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    """A new, empty profile of this test's own, open."""
    return open_workspace()
