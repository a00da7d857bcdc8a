"""Running one long service call off the GUI thread, with progress and cancellation."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from chatplanner.errors import ChatplannerError
from chatplanner.services.import_preview import (
    ImportCancelledError,
    ProgressCallback,
    StopCheck,
)

Work = Callable[[ProgressCallback, StopCheck], object]
_log = logging.getLogger(__name__)
# Every thread until it has finished: Qt aborts the process when a running QThread object is
# destroyed, which could happen if its dialog were deleted without being closed.
_LIVE_THREADS: set[QThread] = set()


class _Job(QObject):
    """Lives on the worker thread; runs the work once and says how it ended."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._stop.is_set)
        except ImportCancelledError:
            self.cancelled.emit()
        except ChatplannerError as error:
            self.failed.emit(str(error))
        except Exception as error:  # the dialog must hear of every failure, never hang
            _log.exception("Background work failed")
            self.failed.emit(
                f"Something went wrong ({type(error).__name__}: {error}). Nothing was changed."
            )
        else:
            self.succeeded.emit(result)
        finally:
            self.ended.emit()


class BackgroundTask(QObject):
    """One piece of work at a time on its own thread; its signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)  # done, total (0: unknown), what is happening
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._stop = threading.Event()
        # Threads whose work is over may still be winding down; they are let go once finished.
        self._threads: list[tuple[QThread, _Job]] = []

    @property
    def running(self) -> bool:
        """Work was started and has not reported how it ended yet."""
        return self._busy

    def start(self, work: Work) -> None:
        if self._busy:
            raise RuntimeError("A task is already running.")
        self._busy = True
        self._stop = threading.Event()
        thread = QThread()
        job = _Job(work, self._stop)
        job.moveToThread(thread)
        # Connected to methods of this object (which lives on the GUI thread): queued there.
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_success)
        job.failed.connect(self._on_failure)
        job.cancelled.connect(self._on_cancel)
        job.ended.connect(thread.quit)
        thread.finished.connect(self._release_finished)
        thread.started.connect(job.run)
        self._threads.append((thread, job))
        _LIVE_THREADS.add(thread)
        thread.start()

    def cancel(self) -> None:
        """Ask the work to stop; it rolls back and reports `cancelled`."""
        self._stop.set()

    def cancel_and_wait(self) -> None:
        """Stop and wait for every thread (the dialog is closing)."""
        self._stop.set()
        for thread, _job in self._threads:
            thread.quit()
            thread.wait()
        self._busy = False
        self._release_finished()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, phase: str) -> None:
        if self._busy:
            self.progressed.emit(done, total, phase)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self._busy = False
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)

    @Slot()
    def _on_cancel(self) -> None:
        self._busy = False
        self.cancelled.emit()

    @Slot()
    def _release_finished(self) -> None:
        for thread, job in list(self._threads):
            if thread.isFinished():
                self._threads.remove((thread, job))
                _LIVE_THREADS.discard(thread)
                job.deleteLater()
                thread.deleteLater()
