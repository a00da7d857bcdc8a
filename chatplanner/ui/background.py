"""The one way to run work off the GUI thread.

`BackgroundTask` runs one piece of work at a time on a worker thread and reports how it ended on
the GUI thread: `succeeded(result)`, `failed(message)` or `cancelled()`, with `progressed` along
the way. It is cancellable (the work is handed a stop check), only the newest run is ever
delivered (a generation counter drops what an older or discarded run says), it never holds up
closing (waits are bounded and the worker threads are daemons), and every exception is logged
with its traceback and turned into a plain sentence.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from chatplanner.collection import (
    collect_automatically,
    collect_on_this_thread_only,
    collect_when_due,
)
from chatplanner.errors import ChatplannerError, WorkCancelledError

ProgressCallback = Callable[[int, int, str], None]  # done, total (0: unknown), what is happening
StopCheck = Callable[[], bool]
Work = Callable[[ProgressCallback, StopCheck], object]
Explain = Callable[[Exception], str]

_log = logging.getLogger(__name__)

# How long closing waits for work in flight before letting its (daemon) thread go.
CLOSE_WAIT_SECONDS = 10.0

_SUCCEEDED, _FAILED, _CANCELLED, _PROGRESSED = range(4)

# How often the GUI thread checks whether a garbage collection is due (what the interpreter
# would have checked on every allocation): often enough that cycles do not pile up.
_COLLECTION_INTERVAL_MS = 250


def something_went_wrong(error: Exception) -> str:
    """The plain sentence for an unexpected failure, when the caller has none of its own."""
    return f"Something went wrong ({type(error).__name__}: {error}). Nothing was changed."


class _Relay(QObject):
    """Carries a worker's news to the GUI thread. It lives as long as the application, so a
    worker never emits on an object that may be deleted meanwhile; the task it is meant for is
    checked on arrival.

    Once there are workers, the relay also runs Python's cyclic garbage collection, on the GUI
    thread only (chatplanner.collection says why)."""

    news = Signal(object, int, int, object)  # task, generation, kind, payload

    def __init__(self) -> None:
        super().__init__()
        self.news.connect(self._deliver)
        collect_on_this_thread_only()
        self._collection = QTimer(self)
        self._collection.setInterval(_COLLECTION_INTERVAL_MS)
        self._collection.timeout.connect(collect_when_due)
        self._collection.start()
        self.destroyed.connect(lambda: collect_automatically())

    @Slot(object, int, int, object)
    def _deliver(self, task: object, generation: int, kind: int, payload: object) -> None:
        if isinstance(task, BackgroundTask) and shiboken6.isValid(task):
            task._arrived(generation, kind, payload)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
        application = QCoreApplication.instance()
        if application is not None:
            _relay.moveToThread(application.thread())
    return _relay


class BackgroundTask(QObject):
    """One piece of work at a time; a new `start` replaces the run in flight (whose result is
    then dropped). Signals arrive on the GUI thread.

    `explain` turns an unexpected exception into the sentence `failed` carries; a
    `ChatplannerError` is already a sentence and is said as it is. A `WorkCancelledError`
    (the work saw its stop check turn true and rolled back) is reported as `cancelled`.
    """

    progressed = Signal(int, int, str)  # done, total (0: unknown), what is happening
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        explain: Explain = something_went_wrong,
        name: str = "background-task",
    ) -> None:
        super().__init__(parent)
        self._explain = explain
        self._name = name
        self._relay = _the_relay()
        self._generation = 0
        self._running = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Work was started and has not reported how it ended yet."""
        return self._running

    @property
    def generation(self) -> int:
        """Bumped by every `start` and `discard`: news from an older generation is dropped."""
        return self._generation

    def start(self, work: Work) -> None:
        self._stop.set()  # a run still in flight is told to stop; its news will be dropped
        self._generation += 1
        self._stop = threading.Event()
        self._running = True
        thread = threading.Thread(
            target=self._run,
            args=(work, self._generation, self._stop),
            name=self._name,
            daemon=True,  # a stuck worker never keeps the application from quitting
        )
        self._thread = thread
        thread.start()

    def call(self, function: Callable[[], object]) -> None:
        """Start work that takes no progress callback or stop check."""
        self.start(lambda _progress, _stop: function())

    def cancel(self) -> None:
        """Ask the work to stop at its next check; how it ended is still reported (`cancelled`
        when it rolled back, or what it finished with)."""
        self._stop.set()

    def discard(self) -> None:
        """Stop the work and drop whatever it would report: nothing more is delivered."""
        self._stop.set()
        self._generation += 1
        self._running = False

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ends, at most `timeout` seconds (by default
        `CLOSE_WAIT_SECONDS`); True when it did."""
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(CLOSE_WAIT_SECONDS if timeout is None else timeout)
        return not thread.is_alive()

    def cancel_and_wait(self, timeout: float | None = None) -> bool:
        """Closing: stop and drop the work, then wait a bounded time for it to wind down (a
        cancelled import rolls back meanwhile). True when the thread ended."""
        self.discard()
        return self.wait(timeout)

    # The worker thread ------------------------------------------------------------------------
    def _run(self, work: Work, generation: int, stop: threading.Event) -> None:
        def progress(done: int, total: int, phase: str) -> None:
            self._send(generation, _PROGRESSED, (done, total, phase))

        try:
            result = work(progress, stop.is_set)
        except WorkCancelledError:
            self._send(generation, _CANCELLED, None)
        except Exception as error:  # a worker must never die silently
            if isinstance(error, ChatplannerError):
                _log.warning("%s stopped: %s", self._name, error, exc_info=True)
                message = str(error)
            else:
                _log.exception("%s failed", self._name)
                message = self._plain(error)
            self._send(generation, _FAILED, message)
        else:
            self._send(generation, _SUCCEEDED, result)

    def _plain(self, error: Exception) -> str:
        try:
            return self._explain(error)
        except Exception:  # the explanation itself must not lose the failure
            _log.exception("Explaining a failure of %s failed", self._name)
            return something_went_wrong(error)

    def _send(self, generation: int, kind: int, payload: object) -> None:
        # RuntimeError: the application is shutting down and the relay is gone.
        with contextlib.suppress(RuntimeError):
            self._relay.news.emit(self, generation, kind, payload)

    # Back on the GUI thread -------------------------------------------------------------------
    def _arrived(self, generation: int, kind: int, payload: object) -> None:
        if generation != self._generation or not self._running:
            return  # an older or discarded run: nobody is waiting for it
        if kind == _PROGRESSED:
            assert isinstance(payload, tuple)
            self.progressed.emit(*payload)
            return
        self._running = False
        if kind == _SUCCEEDED:
            self.succeeded.emit(payload)
        elif kind == _FAILED:
            self.failed.emit(str(payload))
        else:
            self.cancelled.emit()
