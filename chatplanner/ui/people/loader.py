"""Loading the People list off the GUI thread, so a 30,000-person profile opens at once."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Signal

from chatplanner.errors import ChatplannerError
from chatplanner.services.contacts import ContactService


class SummaryLoader(QObject):
    """Runs `list_summaries` in a worker thread (with its own session) and hands back the rows.

    Only the newest request is delivered: a reload asked for while one runs replaces it.
    """

    loaded = Signal(object, object)  # list[ContactSummary], fingerprint
    failed = Signal(str)

    def __init__(self, service: ContactService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._generation = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            self._generation += 1
            generation = self._generation
        thread = threading.Thread(
            target=self._run, args=(generation,), name="people-loader", daemon=True
        )
        self._thread = thread
        thread.start()

    def wait(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, generation: int) -> None:
        try:
            fingerprint = self._service.list_fingerprint()
            rows = self._service.list_summaries(include_archived=True)
        except ChatplannerError as error:
            self._deliver_failure(generation, str(error))
            return
        except Exception as error:  # a worker must never die silently
            self._deliver_failure(generation, f"The contact list could not be read: {error}")
            return
        with self._lock:
            current = generation == self._generation
        if current:
            # RuntimeError: the page was closed meanwhile.
            with contextlib.suppress(RuntimeError):
                self.loaded.emit(rows, fingerprint)

    def _deliver_failure(self, generation: int, message: str) -> None:
        with self._lock:
            current = generation == self._generation
        if current:
            with contextlib.suppress(RuntimeError):
                self.failed.emit(message)
