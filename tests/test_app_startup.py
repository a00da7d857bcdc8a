"""The GUI's start: the window is painted before the database layer is imported or opened."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from chatplanner import app
from chatplanner.errors import ProfileLockedError
from chatplanner.profile import ProfileLock, ensure_profile_dir
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _damage(directory: Path) -> bytes:
    """A profile whose newest automatic backup holds a name, its database then damaged."""
    with Workspace.open(directory, clock=lambda: START) as workspace:
        workspace.settings.set("user.name", "Back again")
    Workspace.open(directory, clock=lambda: START + timedelta(days=1)).close()
    db_path = directory / "chatplanner.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_what_the_window_needs_before_its_first_paint_does_not_import_sqlalchemy() -> None:
    script = (
        "import sys\n"
        "import chatplanner.cli.main, chatplanner.app, chatplanner.ui.main_window\n"
        "import chatplanner.ui.views.today\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "[]"


def test_the_lock_is_taken_before_the_database_is_opened(tmp_path: Path) -> None:
    workspace = app._lock_profile(tmp_path / "p")
    try:
        assert not workspace.database_open
        assert not (tmp_path / "p" / "chatplanner.sqlite3").exists()
        with pytest.raises(ProfileLockedError):
            app._lock_profile(tmp_path / "p")
    finally:
        workspace.close()
    app._lock_profile(tmp_path / "p").close()  # released by close()


def test_a_workspace_opened_after_its_lock_serves_as_one_opened_at_once(tmp_path: Path) -> None:
    profile = ensure_profile_dir(tmp_path / "p")
    lock = ProfileLock(profile)
    lock.acquire()
    with Workspace.with_lock(lock, profile) as workspace:
        settings = workspace.settings  # a service made before the database is open
        workspace.open_database()
        settings.set("user.name", "Ada")
        assert workspace.writable
        assert workspace.database_open
    with Workspace.open(tmp_path / "p") as reopened:
        assert reopened.settings.get("user.name") == "Ada"


def test_the_window_opens_the_database_after_its_first_paint_then_reads_the_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    Workspace.open(tmp_path / "p").close()
    workspace = app._lock_profile(tmp_path / "p")
    seen: list[bool] = []

    def open_database() -> bool:
        seen.append(window.isVisible())
        workspace.open_database()
        return True

    window = MainWindow(workspace, before_first_load=open_database)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.first_load_done, timeout=5000):
            window.show()
        assert seen == [True]
        assert workspace.database_open
    finally:
        window.close()
        workspace.close()


def test_first_painted_comes_after_the_paint_and_before_the_database_is_opened(
    qtbot: QtBot, tmp_path: Path
) -> None:
    workspace = app._lock_profile(tmp_path / "p")
    order: list[str] = []

    def open_database() -> bool:
        order.append("open database")
        workspace.open_database()
        return True

    window = MainWindow(workspace, before_first_load=open_database)
    window.first_painted.connect(lambda: order.append("painted"))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.first_load_done, timeout=5000):
            window.show()
        assert order == ["painted", "open database"]
    finally:
        window.close()
        workspace.close()


def test_a_database_that_will_not_open_stops_the_first_read(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = app._lock_profile(tmp_path / "p")
    window = MainWindow(workspace, before_first_load=lambda: False)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.wait(100)  # the page's refresh would fail on a database that is not open
        assert not workspace.database_open
    finally:
        window.close()
        workspace.close()


def test_a_damaged_database_found_after_the_paint_is_restored_under_the_held_lock(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "p"
    damaged = _damage(directory)
    monkeypatch.setattr("chatplanner.ui.restore_backup.offer_recovery", lambda *_a: True)
    workspace = app._lock_profile(directory)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    try:
        args = argparse.Namespace(screenshot=None)
        assert app._open_database_over(args, workspace, window) is None
        assert workspace.settings.get("user.name") == "Back again"
        with pytest.raises(ProfileLockedError):
            app._lock_profile(directory)  # still ours
    finally:
        window.close()
        workspace.close()
    kept = list((directory / "backups").glob("replaced-*.sqlite3"))
    assert [k.read_bytes() for k in kept] == [damaged]


def test_a_damaged_database_not_restored_ends_the_app_with_status_2(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "p"
    damaged = _damage(directory)
    monkeypatch.setattr("chatplanner.ui.restore_backup.offer_recovery", lambda *_a: False)
    workspace = app._lock_profile(directory)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    try:
        args = argparse.Namespace(screenshot=None)
        assert app._open_database_over(args, workspace, window) == 2
    finally:
        window.close()
        workspace.close()
    assert (directory / "chatplanner.sqlite3").read_bytes() == damaged


def test_an_unusable_database_found_after_the_paint_is_said_over_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    directory = tmp_path / "p"
    workspace = app._lock_profile(directory)
    (directory / "chatplanner.sqlite3").mkdir()  # where the file should be: unusable
    shown: list[tuple[object, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.parent(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    try:
        status = app._open_database_over(argparse.Namespace(screenshot=None), workspace, window)
    finally:
        window.close()
        workspace.close()
    assert status == 2
    assert [parent for parent, _text in shown] == [window]
    assert "chatplanner.sqlite3" in shown[0][1]


def test_an_offscreen_window_without_a_screenshot_is_refused_with_a_plain_message(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chatplanner", "--data-dir", str(tmp_path / "p")],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "offscreen" in done.stderr
    assert "--screenshot" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "p").exists()  # refused before anything was made


def test_the_first_paint_hook_and_the_test_hook_still_open_offscreen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chatplanner.ui.first_paint import REPORT_ENV

    window = argparse.Namespace(screenshot=None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv(REPORT_ENV, raising=False)
    monkeypatch.delenv(app.ALLOW_OFFSCREEN_ENV, raising=False)
    assert app.unseen_window_refusal(window) is not None
    assert app.unseen_window_refusal(argparse.Namespace(screenshot="x.png")) is None
    monkeypatch.setenv(REPORT_ENV, "1")
    assert app.unseen_window_refusal(window) is None
    monkeypatch.delenv(REPORT_ENV)
    monkeypatch.setenv(app.ALLOW_OFFSCREEN_ENV, "1")
    assert app.unseen_window_refusal(window) is None
    monkeypatch.delenv(app.ALLOW_OFFSCREEN_ENV)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.unseen_window_refusal(window) is None


def test_a_screenshot_waits_for_the_work_its_page_started_off_the_gui_thread(
    qtbot: QtBot,
) -> None:
    """The picture shows what the page shows once its background reads have arrived (Today's
    other clock on a call comes with the city list), not whatever the race left on screen."""
    import threading

    from PySide6.QtWidgets import QApplication, QMainWindow

    from chatplanner.ui.background import BackgroundTask

    window = QMainWindow()
    qtbot.addWidget(window)
    arrived: list[object] = []
    release = threading.Event()
    task = BackgroundTask(window, name="slow-read")
    task.succeeded.connect(arrived.append)
    task.call(lambda: release.wait(5) and "read")
    threading.Timer(0.3, release.set).start()
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    app._settle_background_work(application, window)
    assert arrived == ["read"]
    assert not task.running
