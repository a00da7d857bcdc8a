"""Run one service call off the GUI thread and get its answer back on the GUI thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class BackgroundCall(QObject):
    """Emits `done(result)` or `failed(error)` on the thread that created it (the GUI thread)."""

    done = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, work: Callable[[], Any], call: BackgroundCall) -> None:
        super().__init__()
        self._work = work
        self._call = call

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to the GUI thread, which shows it
            self._emit(self._call.failed, error)
        else:
            self._emit(self._call.done, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # RuntimeError: the owner closed before the answer came, so nobody is waiting for it.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def run_in_background(
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> BackgroundCall:
    """Start `work` on the shared thread pool; the callbacks run on the GUI thread."""
    call = BackgroundCall(owner)
    call.done.connect(on_done)
    if on_error is not None:
        call.failed.connect(on_error)
    call.done.connect(call.deleteLater)
    call.failed.connect(call.deleteLater)
    QThreadPool.globalInstance().start(_Runner(work, call))
    return call
