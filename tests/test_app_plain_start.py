"""The GUI's start on an up-to-date profile: Today is read through the plain reader and painted
with its content before SQLAlchemy is loaded, then the database is opened (checked, backed up),
before the first-run questions. A profile the plain reader cannot read (from a newer version,
damaged) goes through the full opening and its messages first."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner import app
from chatplanner.collection import collect_when_due
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import PAGE_ROWS, MainWindow
from chatplanner.ui.views.today import TodayPage
from tests.journey.ui_finders import wheel
from tests.reporting_app import reporting_app_env

ROOT = Path(__file__).resolve().parents[1]
ARGS = argparse.Namespace(demo=False, screenshot=None, view="today")
WELCOME = "Welcome to chatplanner"

Run = Callable[[QApplication, MainWindow, Workspace], int]


def _run_window(workspace: Workspace, monkeypatch: pytest.MonkeyPatch, run: Run) -> int:
    """The app's window on `workspace` as `run_gui` composes it, `run` in place of the event
    loop."""
    monkeypatch.setattr(app, "_exec_with_raise_requests", run)
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    try:
        return app._run_window(ARGS, application, workspace, seed=False)
    finally:
        workspace.close()


def test_today_is_painted_from_the_plain_reader_then_the_database_opens(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(demo_profile / "backups")
    seen: dict[str, object] = {}

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        qtbot.addWidget(window)
        page = window.page("today")
        assert isinstance(page, TodayPage)

        def loaded() -> None:
            seen.update(open_at_content=workspace.database_open, items=len(page.items))

        window.first_load_done.connect(loaded)
        with qtbot.waitSignal(window.opened, timeout=10_000):
            window.show()
        seen["open_after"] = workspace.database_open
        window.close()
        return 0

    assert _run_window(app._lock_profile(demo_profile), monkeypatch, run) == 0
    assert seen["open_at_content"] is False
    assert isinstance(seen["items"], int)
    assert seen["items"] > 0
    assert seen["open_after"] is True
    assert list((demo_profile / "backups").glob("auto-*.sqlite3"))  # the day's backup


def test_the_first_run_questions_come_after_the_database_is_opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Workspace.open(tmp_path / "p").close()  # up to date, and empty: nobody was asked yet
    seen: list[bool] = []

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        qtbot.addWidget(window)
        window.first_load_done.connect(lambda: seen.append(workspace.database_open))
        window.show()
        qtbot.waitUntil(lambda: _visible(WELCOME), timeout=10_000)
        seen.append(workspace.database_open)
        window.close()
        return 0

    assert _run_window(app._lock_profile(tmp_path / "p"), monkeypatch, run) == 0
    assert seen == [False, True]


def _visible(title: str) -> bool:
    return any(w.isVisible() and w.windowTitle() == title for w in QApplication.topLevelWidgets())


def _from_a_newer_version(directory: Path) -> None:
    with sqlite3.connect(directory / "chatplanner.sqlite3") as database:
        database.execute("UPDATE alembic_version SET version_num = 'someone-elses'")


def _damaged(directory: Path) -> None:
    db_path = directory / "chatplanner.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [(_from_a_newer_version, "newer version"), (_damaged, "damaged")],
)
def test_a_profile_the_plain_reader_cannot_read_is_opened_fully_first(
    qtbot: QtBot,
    demo_profile: Path,
    monkeypatch: pytest.MonkeyPatch,
    spoil: Callable[[Path], None],
    words: str,
) -> None:
    spoil(demo_profile)
    said: list[str] = []  # the message box over the window, or the offer of a backup

    def shown(box: QMessageBox) -> int:
        said.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)

    def decline(_parent: object, message: str, *_rest: object) -> bool:
        said.append(message)
        return False

    monkeypatch.setattr("chatplanner.ui.restore_backup.offer_recovery", decline)
    monkeypatch.setattr(QApplication, "exit", lambda *_a: None)  # no event loop to leave here
    seen: dict[str, object] = {}

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        qtbot.addWidget(window)
        page = window.page("today")
        assert isinstance(page, TodayPage)
        window.first_load_done.connect(lambda: seen.update(loaded=True))
        window.show()
        qtbot.wait(300)
        seen.update(items=page.items, open=workspace.database_open)
        window.close()
        return 0

    _run_window(app._lock_profile(demo_profile), monkeypatch, run)
    assert seen == {"items": (), "open": False}  # Today unread: the opening said what is wrong
    assert len(said) == 1
    assert words in said[0]


def test_the_first_paint_report_says_today_was_painted_before_sqlalchemy_loaded(
    demo_profile: Path, tmp_path: Path
) -> None:
    shutil.rmtree(demo_profile / "backups")
    # Long enough after the content for the database to be opened before the app quits.
    env = reporting_app_env(tmp_path, settle_ms=1500)
    done = subprocess.run(
        [sys.executable, "-m", "chatplanner", "--data-dir", str(demo_profile)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first, content, report = (json.loads(line) for line in done.stdout.strip().splitlines())
    assert report["database_layer_at_content"] == []
    assert report["content_painted_seconds"] > report["first_paint_seconds"]
    # Each moment said as it happens (a reader times the lines), then all of them at the end.
    assert first["first_paint_seconds"] == report["first_paint_seconds"]
    assert content["content_painted_seconds"] == report["content_painted_seconds"]
    assert list((demo_profile / "backups").glob("auto-*.sqlite3"))  # opened after the paint
    # Read by a second process while the window was built, where there is a core for it.
    two_cores = sys.platform == "linux" and len(os.sched_getaffinity(0)) >= 2
    assert report["today_read_ahead"] is two_cores


def test_the_demo_says_its_profile_is_deleted_on_quitting(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--demo` without a folder of its own works in a temporary one: the status bar says so
    where it would name the folder, and the folder is gone after quitting."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv(app.ALLOW_OFFSCREEN_ENV, "1")  # the window is shown offscreen here
    seen: dict[str, object] = {}

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        with qtbot.waitSignal(window.opened, timeout=10_000):
            window.show()
        seen["note"] = window.statusBar().currentMessage()
        seen["folder"] = workspace.profile.directory
        window.close()
        # Gone with its pages' work still under way, as when the app quits: nothing it
        # started answers after the profile is deleted.
        shiboken6.delete(window)
        return 0

    monkeypatch.setattr(app, "_exec_with_raise_requests", run)
    args = argparse.Namespace(demo=True, screenshot=None, view="today", data_dir=None)
    assert app.run_gui(args) == 0
    assert seen["note"] == "Demo profile: everything here is deleted when you quit"
    assert isinstance(seen["folder"], Path)
    assert seen["folder"].parent == tmp_path
    assert not seen["folder"].exists()


@pytest.mark.parametrize(
    ("demo", "words"),
    [
        (True, "Filling the demo with sample people and chats…"),
        (False, "Setting up your new profile…"),
    ],
    ids=["demo", "new-profile"],
)
def test_the_empty_frame_says_what_the_slow_first_opening_does(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo: bool, words: str
) -> None:
    """Filling the demo, or making a new profile's tables, takes about half a second after the
    window's first paint: Today said "What needs you now" over a blank page meanwhile (a new
    user's walkthrough). It says what is being done, then the day's line as always."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv(app.ALLOW_OFFSCREEN_ENV, "1")  # the window is shown offscreen here
    seen: dict[str, str] = {}

    def run(_app: QApplication, window: MainWindow, _workspace: Workspace) -> int:
        page = window.page("today")
        assert isinstance(page, TodayPage)

        def at_first_paint() -> None:
            seen["painted"] = page.header.subtitle_label.text()

        window.first_painted.connect(at_first_paint)
        with qtbot.waitSignal(window.opened, timeout=10_000):
            window.show()
        seen["opened"] = page.header.subtitle_label.text()
        for dialog in window.findChildren(QDialog):
            dialog.reject()  # the first-run questions of a new profile
        window.close()
        shiboken6.delete(window)
        return 0

    monkeypatch.setattr(app, "_exec_with_raise_requests", run)
    folder = None if demo else str(tmp_path / "new profile")
    args = argparse.Namespace(demo=demo, screenshot=None, view="today", data_dir=folder)
    assert app.run_gui(args) == 0
    assert seen["painted"] == words
    assert seen["opened"] != words
    assert " · " in seen["opened"]  # "Fri 4 Dec · 3 things", "… · Nothing waiting"


class _Cycle:
    def __init__(self) -> None:
        self.itself = self


def _cycles(count: int = 2_000) -> weakref.ref[_Cycle]:
    """Garbage only the cyclic collector frees, past its first threshold (700): the first of
    it, while it is not freed."""
    first = _Cycle()
    kept = weakref.ref(first)
    del first
    for _ in range(count):
        _Cycle()
    return kept


def test_the_collector_waits_until_the_window_is_wholly_open(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the start makes lives as long as the app: the collector does not walk it while the
    window starts, and collects again once the window is open."""
    monkeypatch.setenv(app.ALLOW_OFFSCREEN_ENV, "1")
    collected: dict[str, int] = {}
    kept: dict[str, bool] = {}

    def run(_app: QApplication, window: MainWindow, _workspace: Workspace) -> int:
        qtbot.addWidget(window)
        garbage = _cycles()
        collected["starting"] = collect_when_due()
        kept["starting"] = garbage() is not None
        with qtbot.waitSignal(window.opened, timeout=10_000):
            window.show()
        _cycles()
        collected["open"] = collect_when_due()
        window.close()
        return 0

    monkeypatch.setattr(app, "_exec_with_raise_requests", run)
    args = argparse.Namespace(demo=False, screenshot=None, view="today", data_dir=demo_profile)
    assert app.run_gui(args) == 0
    assert collected["starting"] == 0
    assert kept["starting"]  # not collected meanwhile either
    assert collected["open"] > 0


def _held_database_layer(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """The database layer's loading held until the event is set; the threads it ran on."""
    release, threads = threading.Event(), []
    load = Workspace.load_database_layer

    def held() -> None:
        threads.append(threading.current_thread().name)
        release.wait(10)
        load()

    monkeypatch.setattr(Workspace, "load_database_layer", staticmethod(held))
    return release, threads


def _shown_while_the_layer_loads(
    qtbot: QtBot, window: MainWindow, threads: list[str]
) -> list[bool]:
    """The window shown with Today's content, the database layer's loading begun (and held);
    a True is added to the list returned each time the window says it is wholly open."""
    qtbot.addWidget(window)
    opened: list[bool] = []
    window.opened.connect(lambda: opened.append(True))
    with qtbot.waitSignal(window.first_load_done, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    return opened


def test_the_window_answers_while_the_database_layer_loads_on_a_worker(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = _held_database_layer(monkeypatch)
    seen: dict[str, object] = {}

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        window.resize(1024, 700)
        opened = _shown_while_the_layer_loads(qtbot, window, threads)
        page = window.page("today")
        assert isinstance(page, TodayPage)
        bar = page.scroll_area.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
        wheel(page.scroll_area.viewport(), -3)  # the user scrolls Today meanwhile
        seen.update(scrolled=bar.value(), open_while_held=workspace.database_open)
        seen["opened_while_held"] = bool(opened)
        with qtbot.waitSignal(window.opened, timeout=10_000):
            release.set()
        seen["open_after"] = workspace.database_open
        window.close()
        return 0

    assert _run_window(app._lock_profile(demo_profile), monkeypatch, run) == 0
    assert threads == ["database-layer"]
    assert isinstance(seen["scrolled"], int)
    assert seen["scrolled"] > 0
    assert seen["open_while_held"] is False
    assert seen["opened_while_held"] is False
    assert seen["open_after"] is True


def test_a_page_chosen_while_the_database_layer_loads_opens_the_database_at_once(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = _held_database_layer(monkeypatch)
    seen: dict[str, object] = {}

    def run(_app: QApplication, window: MainWindow, workspace: Workspace) -> int:
        opened = _shown_while_the_layer_loads(qtbot, window, threads)
        navigation = window.navigation
        row = navigation.visualItemRect(navigation.item(PAGE_ROWS["venues"]))
        qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
        seen.update(open_on_click=workspace.database_open, opened_on_click=len(opened))
        seen["shown"] = window.stack.currentWidget() is window.page("venues")
        release.set()  # the loading ends after the opening: nothing is opened twice
        qtbot.wait(300)
        seen["opened_in_all"] = len(opened)
        window.close()
        return 0

    assert _run_window(app._lock_profile(demo_profile), monkeypatch, run) == 0
    assert seen == {
        "open_on_click": True,
        "opened_on_click": 1,
        "shown": True,
        "opened_in_all": 1,
    }
