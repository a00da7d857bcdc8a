"""Writes the archive on a worker thread, reporting progress and stopping when asked."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from chatplanner.errors import ChatplannerError
from chatplanner.services.archive import ArchiveService


class ArchiveSyncWorker(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # SyncResult
    failed = Signal(str)

    def __init__(self, archive: ArchiveService) -> None:
        super().__init__()
        self._archive = archive
        self._stop = False

    def stop(self) -> None:
        # Read from the worker thread between files; a plain flag is enough for one writer.
        self._stop = True

    @Slot()
    def run(self) -> None:
        try:
            result = self._archive.sync(
                progress=lambda done, total: self.progress.emit(done, total),
                should_stop=lambda: self._stop,
            )
        except ChatplannerError as error:
            self.failed.emit(str(error))
            return
        except OSError as error:
            self.failed.emit(f"The archive could not be written: {error}. Try another folder.")
            return
        self.finished.emit(result)


def prepare_sync(archive: ArchiveService, parent: QObject) -> tuple[QThread, ArchiveSyncWorker]:
    """A worker on its own thread, not started yet: connect its signals, then start the thread
    (a quick sync could otherwise finish before anyone listens). The thread ends itself; keep
    both objects until it has, then drop them."""
    thread = QThread(parent)
    worker = ArchiveSyncWorker(archive)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    return thread, worker
