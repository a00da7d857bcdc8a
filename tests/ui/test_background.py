"""The one way to run work off the GUI thread: the newest run wins, failures are logged with
their traceback and said in plain words, and closing never waits on stuck work."""

from __future__ import annotations

import gc
import logging
import threading
import time

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from chatplanner.errors import ChatplannerError, WorkCancelledError
from chatplanner.ui import background
from chatplanner.ui.background import BackgroundTask, ProgressCallback, StopCheck


def _list_task(what: str) -> BackgroundTask:
    return BackgroundTask(explain=lambda error: f"{what.capitalize()} could not be read: {error}")


def test_only_the_newest_read_is_delivered(qtbot: QtBot) -> None:
    release_first = threading.Event()
    calls: list[int] = []

    def read() -> tuple[object, object]:
        calls.append(len(calls))
        if len(calls) == 1:
            release_first.wait(5)  # the first read is slow: a second is asked for meanwhile
            return ["old"], "old-fingerprint"
        return ["new"], "new-fingerprint"

    loader = _list_task("the list")
    delivered: list[tuple[object, object]] = []
    loader.succeeded.connect(delivered.append)
    loader.call(read)
    first_run = loader._thread
    qtbot.waitUntil(lambda: len(calls) == 1)  # the first read has begun
    loader.call(read)
    qtbot.waitUntil(lambda: delivered == [(["new"], "new-fingerprint")])
    release_first.set()
    assert first_run is not None
    first_run.join(5)
    qtbot.wait(50)
    assert delivered == [(["new"], "new-fingerprint")]


def test_a_stale_result_is_dropped_even_after_it_arrives_late(qtbot: QtBot) -> None:
    release = threading.Event()
    task = BackgroundTask()
    delivered: list[object] = []
    task.succeeded.connect(delivered.append)
    task.call(lambda: release.wait(5) and "stale")
    task.discard()  # the page read the list itself meanwhile
    assert not task.running
    release.set()
    assert task.wait(5)
    qtbot.wait(50)
    assert delivered == []


def test_a_cancelled_read_is_dropped(qtbot: QtBot) -> None:
    loader = _list_task("the list")
    delivered: list[object] = []
    loader.succeeded.connect(lambda result: delivered.append(result[0]))
    loader.call(lambda: ([1, 2], "fingerprint"))
    loader.discard()
    loader.wait()
    qtbot.wait(50)
    assert delivered == []


def test_failures_are_said_in_plain_words(qtbot: QtBot) -> None:
    def refused() -> tuple[object, object]:
        raise ChatplannerError("The profile is read-only.")

    def broken() -> tuple[object, object]:
        raise ValueError("bad row")

    messages: list[str] = []
    for read in (refused, broken):
        loader = _list_task("the list of chats")
        loader.failed.connect(messages.append)
        with qtbot.waitSignal(loader.failed):
            loader.call(read)
    assert messages == [
        "The profile is read-only.",
        "The list of chats could not be read: bad row",
    ]


def test_an_exception_is_logged_with_its_traceback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> object:
        raise KeyError("a bug")

    task = BackgroundTask(name="the-test-task")
    messages: list[str] = []
    task.failed.connect(messages.append)
    with (
        caplog.at_level(logging.WARNING, logger=background.__name__),
        qtbot.waitSignal(task.failed),
    ):
        task.call(broken)
    assert messages == ["Something went wrong (KeyError: 'a bug'). Nothing was changed."]
    records = [r for r in caplog.records if r.exc_info and r.exc_info[0] is KeyError]
    assert records
    assert records[0].levelno == logging.ERROR
    assert "the-test-task" in records[0].getMessage()


def test_work_that_stops_when_asked_reports_cancelled_and_progress_arrives(qtbot: QtBot) -> None:
    asked = threading.Event()

    def work(progress: ProgressCallback, should_stop: StopCheck) -> object:
        progress(1, 3, "Reading")
        asked.wait(5)
        if should_stop():
            raise WorkCancelledError("Stopped. Nothing was changed.")
        return "finished"

    task = BackgroundTask()
    steps: list[tuple[int, int, str]] = []
    task.progressed.connect(lambda done, total, phase: steps.append((done, total, phase)))
    task.start(work)
    qtbot.waitUntil(lambda: steps == [(1, 3, "Reading")])
    with qtbot.waitSignal(task.cancelled):
        task.cancel()
        asked.set()
    assert not task.running


def test_closing_the_window_while_work_runs_does_not_hang(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "CLOSE_WAIT_SECONDS", 0.2)
    never = threading.Event()
    window = QWidget()
    task = BackgroundTask(window)
    delivered: list[object] = []
    task.succeeded.connect(delivered.append)
    task.call(lambda: never.wait(30))  # stuck work that ignores its stop check
    window.show()
    started = time.monotonic()
    window.close()
    assert task.cancel_and_wait() is False  # it let the stuck thread go
    window.deleteLater()
    qtbot.wait(20)
    assert time.monotonic() - started < 2
    never.set()  # the stuck work ends later: its news reaches nobody, and nothing crashes
    qtbot.wait(100)
    assert delivered == []


def test_garbage_is_collected_on_the_gui_thread_only_while_workers_run(qtbot: QtBot) -> None:
    # A collection on a worker thread would delete the window's Qt objects left in reference
    # cycles outside the GUI thread (Qt then fires a timer on a freed object and crashes).
    collected_on: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    def make_cycles() -> int:
        # Far past every generation's threshold: the interpreter would collect here itself.
        for _ in range(50_000):
            pair: list[object] = []
            pair.append(pair)
        return 0

    parent = QWidget()
    task = BackgroundTask(parent, name="cycle-maker")
    gc.callbacks.append(note)
    try:
        with qtbot.waitSignal(task.succeeded, timeout=10_000):
            task.call(make_cycles)
        qtbot.waitUntil(lambda: "MainThread" in collected_on, timeout=5_000)
    finally:
        gc.callbacks.remove(note)
    assert "cycle-maker" not in collected_on
    assert not gc.isenabled()  # the GUI thread's timer collects from now on
