"""Reading the whole Meetings list off the GUI thread, while its first screen is already shown."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Signal

from chatplanner.errors import ChatplannerError
from chatplanner.services.meetings import MeetingService


class MeetingListLoader(QObject):
    """Runs `list_meetings` in a worker thread (with its own session) and hands back the rows.

    Only the newest request is delivered: a later `start` or a `cancel` drops an older one.
    """

    loaded = Signal(object, object)  # list[MeetingSummary], fingerprint
    failed = Signal(str)
    # From the worker to this object's own thread, where `cancel` is called: checked there.
    _finished = Signal(int, object, object, object)  # generation, rows, fingerprint, failure

    def __init__(self, service: MeetingService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
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
            target=self._run, args=(generation,), name="meetings-loader", daemon=True
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
            # The fingerprint first: a change made while the rows are read shows as a change.
            fingerprint = self._service.list_fingerprint()
            rows = self._service.list_meetings()
        except ChatplannerError as error:
            self._send(generation, None, None, str(error))
            return
        except Exception as error:  # a worker must never die silently
            self._send(generation, None, None, f"The list of chats could not be read: {error}")
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
