"""The worker that reads a page's whole list: the newest request wins, failures are said."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from chatplanner.errors import ChatplannerError
from chatplanner.ui.widgets.list_loader import ListLoader


def test_only_the_newest_read_is_delivered(qtbot: QtBot) -> None:
    release_first = threading.Event()
    calls: list[int] = []

    def read() -> tuple[object, object]:
        calls.append(len(calls))
        if len(calls) == 1:
            release_first.wait(5)  # the first read is slow: a second is asked for meanwhile
            return ["old"], "old-fingerprint"
        return ["new"], "new-fingerprint"

    loader = ListLoader(read, "the list")
    delivered: list[tuple[object, object]] = []
    loader.loaded.connect(lambda rows, fingerprint: delivered.append((rows, fingerprint)))
    loader.start()
    qtbot.waitUntil(lambda: len(calls) == 1)  # the first read has begun
    loader.start()
    qtbot.waitUntil(lambda: delivered == [(["new"], "new-fingerprint")])
    release_first.set()
    loader.wait()
    qtbot.wait(50)
    assert delivered == [(["new"], "new-fingerprint")]


def test_a_cancelled_read_is_dropped(qtbot: QtBot) -> None:
    loader = ListLoader(lambda: ([1, 2], "fingerprint"), "the list")
    delivered: list[object] = []
    loader.loaded.connect(lambda rows, _fingerprint: delivered.append(rows))
    loader.start()
    loader.cancel()
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
        loader = ListLoader(read, "the list of chats")
        loader.failed.connect(messages.append)
        with qtbot.waitSignal(loader.failed):
            loader.start()
    assert messages == [
        "The profile is read-only.",
        "The list of chats could not be read: bad row",
    ]
