"""Reading a page's whole list off the GUI thread, while its first screen is already shown."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from chatplanner.errors import ChatplannerError


class ListLoader(QObject):
    """Runs `read` in a worker thread and hands back what it returns: (rows, fingerprint).

    `read` must open its own session (services do). Only the newest request is delivered: a
    later `start` or a `cancel` drops an older one.
    """

    loaded = Signal(object, object)  # rows, fingerprint
    failed = Signal(str)
    # From the worker to this object's own thread, where `start` and `cancel` are called:
    # whether a result is still wanted is decided there.
    _finished = Signal(int, object, object, object)  # generation, rows, fingerprint, failure

    def __init__(
        self,
        read: Callable[[], tuple[object, object]],
        what: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._what = what  # "the contact list": said when an unexpected error stops the read
        self._generation = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            self._generation += 1
            generation = self._generation
        thread = threading.Thread(
            target=self._run, args=(generation,), name="list-loader", daemon=True
        )
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """Drop what is being read (the page read the list itself meanwhile)."""
        with self._lock:
            self._generation += 1

    def wait(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, generation: int) -> None:
        try:
            rows, fingerprint = self._read()
        except ChatplannerError as error:
            self._send(generation, None, None, str(error))
            return
        except Exception as error:  # a worker must never die silently
            self._send(
                generation, None, None, f"{self._what.capitalize()} could not be read: {error}"
            )
            return
        self._send(generation, rows, fingerprint, None)

    def _send(self, generation: int, rows: object, fingerprint: object, failure: object) -> None:
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._finished.emit(generation, rows, fingerprint, failure)

    def _deliver(self, generation: int, rows: object, fingerprint: object, failure: object) -> None:
        with self._lock:
            current = generation == self._generation
        if not current:
            return
        if isinstance(failure, str):
            self.failed.emit(failure)
        else:
            self.loaded.emit(rows, fingerprint)
