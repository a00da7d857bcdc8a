"""Writes the archive on a worker thread, reporting progress and stopping when asked."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

from chatplanner.errors import ChatplannerError
from chatplanner.services.archive import ArchiveService

_log = logging.getLogger(__name__)


class ArchiveSyncWorker(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # SyncResult
    failed = Signal(str)
    ended = Signal()  # after finished or failed, whatever happened: the thread may stop

    def __init__(self, archive: ArchiveService) -> None:
        super().__init__()
        self._archive = archive
        self._stop = False

    def stop(self) -> None:
        # Read from the worker thread between files; a plain flag is enough for one writer.
        self._stop = True

    @Slot()
    def run(self) -> None:
        # Every failure is reported: an exception escaping a slot would leave the page waiting
        # for a signal that never comes (Write disabled for good, closing waiting on the thread).
        try:
            result = self._archive.sync(
                progress=lambda done, total: self.progress.emit(done, total),
                should_stop=lambda: self._stop,
            )
        except ChatplannerError as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(f"The archive could not be written: {error}. Try another folder.")
        except Exception as error:
            _log.exception("Writing the archive failed")
            self.failed.emit(
                f"The archive could not be written ({type(error).__name__}: {error}). "
                "The details are in the log; files already written are complete."
            )
        else:
            self.finished.emit(result)
        finally:
            self.ended.emit()


def prepare_sync(archive: ArchiveService, parent: QObject) -> tuple[QThread, ArchiveSyncWorker]:
    """A worker on its own thread, not started yet: connect its signals, then start the thread
    (a quick sync could otherwise finish before anyone listens). The thread ends itself; keep
    both objects until it has, then drop them."""
    thread = QThread(parent)
    worker = ArchiveSyncWorker(archive)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.ended.connect(thread.quit)
    return thread, worker
