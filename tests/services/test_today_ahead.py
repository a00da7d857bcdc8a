"""Today's list read ahead in a forked process: the page's first read takes it only while it is
what the page would read itself; anything else (a commit since, other cards asked for, a process
that failed or hangs) and the page reads as before."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chatplanner.domain.today_items import FIRST_LISTED, TodayKind
from chatplanner.services import today_ahead
from chatplanner.services.today import TodayService
from chatplanner.services.today_ahead import ReadAhead, TodayRead, start_read_ahead
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
SHOWN = dict.fromkeys(TodayKind, FIRST_LISTED)


@pytest.fixture
def demo_folder(tmp_path: Path, profile_templates: ProfileTemplates) -> Path:
    return profile_templates.copy_to(tmp_path / "demo", demo=True, now=NOW)


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test runner has threads of its own; the child here only reads and exits.
    monkeypatch.setattr(today_ahead, "can_read_ahead", lambda: True)


class _Taken(ReadAhead):
    """A read already taken from its process: what the page finds when it asks."""

    def __init__(self, read: TodayRead | None) -> None:
        self._pid = self._pipe = None  # no process
        self._read = read

    def take(self, timeout: float = 0.0) -> TodayRead | None:
        return self._read


def _started(folder: Path) -> ReadAhead:
    ahead = start_read_ahead(folder, lambda: NOW)
    assert ahead is not None
    return ahead


def _no_reading_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read again in this process")

    monkeypatch.setattr(TodayService, "snapshot", refused)


def test_the_first_list_is_the_one_read_ahead_and_the_same_as_read_here(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ahead = _started(demo_folder)
    workspace = Workspace.open(demo_folder, plain_reads=True, clock=lambda: NOW)
    try:
        today = workspace.pipeline.today
        expected = today.listing(SHOWN, read_places=False)
        today.adopt_read_ahead(ahead)
        with monkeypatch.context() as patched:
            _no_reading_here(patched)
            assert today.listing(SHOWN, read_places=False) == expected
        assert today.read_ahead_used
        assert expected.items  # the demo always owes something
        # Taken once: the next read is this process's own.
        assert today.listing(SHOWN, read_places=False) == expected
    finally:
        workspace.close()


def test_a_commit_after_the_read_ahead_makes_the_page_read_for_itself(
    demo_folder: Path,
) -> None:
    read = _started(demo_folder).take(timeout=30)
    assert read is not None
    workspace = Workspace.open(demo_folder, clock=lambda: NOW)
    try:
        today = workspace.pipeline.today
        [first, *_] = read.listing.items
        workspace.people.contact_edits.set_archived([first.contact_id], True)  # off Today
        today.adopt_read_ahead(_Taken(read))
        listing = today.listing(SHOWN, read_places=False)
        assert not today.read_ahead_used
        assert first.contact_id not in {item.contact_id for item in listing.items}
    finally:
        workspace.close()


def test_other_cards_asked_for_are_read_here(demo_folder: Path) -> None:
    read = _started(demo_folder).take(timeout=30)
    assert read is not None
    workspace = Workspace.open(demo_folder, plain_reads=True, clock=lambda: NOW)
    try:
        today = workspace.pipeline.today
        today.adopt_read_ahead(_Taken(read))
        one_each = dict.fromkeys(TodayKind, 1)
        listing = today.listing(one_each, read_places=False)
        assert not today.read_ahead_used
        assert len(listing.items) < len(read.listing.items)
    finally:
        workspace.close()


def test_a_profile_the_plain_reader_cannot_read_gives_nothing_ahead(tmp_path: Path) -> None:
    ahead = start_read_ahead(tmp_path / "none", lambda: NOW)
    assert ahead is not None
    assert ahead.take(timeout=30) is None


def test_a_process_still_reading_is_stopped_and_leaves_no_zombie(
    demo_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_ahead, "_read", lambda *_args: time.sleep(60))
    ahead = _started(demo_folder)
    pid = ahead._pid
    assert pid is not None
    started = time.monotonic()
    assert ahead.take(timeout=0.2) is None
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def test_no_process_is_forked_beside_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real check
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not today_ahead.can_read_ahead()
    finally:
        release.set()
        other.join()
