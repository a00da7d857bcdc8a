"""Sync Now in the window: in the background, with progress and Stop in the status bar, every
N minutes when the user asks for it, and one quiet line when the server cannot be reached."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QStatusBar, QWidget

from chatplanner.domain.field_merge import Prefer
from chatplanner.domain.moments import clock_time
from chatplanner.services.sync import SyncReport, SyncServerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.literal_text import literal

EVERY_MINUTES_KEY = "sync.every_minutes"
ProgressSignal = Callable[[int, int, str], None]


class _Offline:
    """The server could not be reached: not an error to shout about."""

    def __init__(self, message: str) -> None:
        self.message = message


class SyncController(QObject):
    """Owns the one background sync of the window."""

    finished = Signal(str)  # the line shown when a sync ends

    def __init__(self, workspace: Workspace, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._window = parent
        self._task = BackgroundTask(self)
        self._task.progressed.connect(self._on_progress)
        self._task.succeeded.connect(self._on_success)
        self._task.failed.connect(self._on_failure)
        self._task.cancelled.connect(lambda: self._end("Sync stopped."))
        self._overwrite = False
        self._keep: Prefer = None

        self.indicator = QWidget()
        row = QHBoxLayout(self.indicator)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLabel()
        self.line.setAccessibleName("Sync status")
        self.stop_button = QPushButton("Stop Sync")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        row.addWidget(self.line)
        row.addWidget(self.stop_button)
        status_bar.addPermanentWidget(self.indicator)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer)
        self.apply_interval()

    @property
    def running(self) -> bool:
        return self._task.running

    def apply_interval(self) -> None:
        """Start, change or stop the periodic sync from the setting (0: only when asked)."""
        minutes = int(self._workspace.settings.get(EVERY_MINUTES_KEY, 0) or 0)
        if minutes > 0:
            self._timer.start(minutes * 60 * 1000)
        else:
            self._timer.stop()

    def sync_now(self, *, overwrite_events: bool = False, keep: Prefer = None) -> bool:
        """Start a sync; False (and a line saying why) when it cannot start."""
        if self._task.running:
            return False
        if not self._workspace.writable:
            self.line.setText("Sync needs the profile open for writing.")
            return False
        if self._workspace.sync_accounts.account() is None:
            self.line.setText("No sync account: add one in Preferences › Sync.")
            return False
        self._overwrite, self._keep = overwrite_events, keep
        self.line.setText("Syncing…")
        self.stop_button.show()
        sync = self._workspace.sync

        def work(progress: ProgressSignal, stop: Callable[[], bool]) -> object:
            try:
                return sync.run(
                    progress=lambda message, done, total: progress(done, total, message),
                    should_stop=stop,
                    overwrite_events=overwrite_events,
                    keep=keep,
                )
            except SyncServerError as error:
                if error.offline:
                    return _Offline(str(error))
                raise

        self._task.start(work)
        return True

    def stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.line.setText("Stopping after the current step…")
        self._task.cancel()

    def shut_down(self) -> None:
        self._timer.stop()
        if self._task.running:
            self._task.cancel_and_wait()

    def _on_timer(self) -> None:
        if self._workspace.sync_accounts.account() is not None:
            self.sync_now()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.line.setText(f"{message} {done} of {total}" if total else message)

    def _on_success(self, result: object) -> None:
        if isinstance(result, _Offline):
            # One quiet line; the next sync (by hand or by the timer) tries again.
            account = self._workspace.sync_accounts.account()
            when = ""
            if account is not None and account.last_sync_at is not None:
                zone = self._workspace.context.zone()
                when = f" Last sync at {clock_time(account.last_sync_at, zone)}."
            self._end(f"Offline: sync waits for the server.{when}")
            return
        assert isinstance(result, SyncReport)
        self._end(result.summary())
        self._ask_about_conflicts(result)

    def _on_failure(self, message: str) -> None:
        self._end(message)

    def _end(self, text: str) -> None:
        self.stop_button.hide()
        self.stop_button.setEnabled(True)
        self.line.setText(text)
        self.finished.emit(text)

    def _ask_about_conflicts(self, report: SyncReport) -> None:
        """A change made on the server is never overwritten without asking."""
        events = report.calendar.conflicts if report.calendar is not None else 0
        cards = report.contacts.conflicts if report.contacts is not None else 0
        if not (events or cards) or self._overwrite or self._keep:
            return
        box = QMessageBox(self._window)
        box.setWindowTitle("Changed on Both Sides")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(
            "Some things were changed both here and on the server. Nothing was overwritten."
        )
        box.setInformativeText(literal("\n\n".join(report.notices[:8])))
        keep_app = box.addButton("Keep This Computer's Version", QMessageBox.ButtonRole.AcceptRole)
        keep_server = (
            box.addButton("Keep the Server's Contact Fields", QMessageBox.ButtonRole.ActionRole)
            if cards
            else None
        )
        field_by_field = (
            box.addButton("Choose Field by Field…", QMessageBox.ButtonRole.ActionRole)
            if cards
            else None
        )
        box.addButton("Decide Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep_app:
            self.sync_now(overwrite_events=True, keep="app")
        elif keep_server is not None and clicked is keep_server:
            self.sync_now(keep="server")
        elif field_by_field is not None and clicked is field_by_field:
            self.resolve_contact_conflicts()

    def resolve_contact_conflicts(self) -> None:
        """The field-by-field dialog; the choices made are applied by a sync started at once."""
        from chatplanner.ui.sync.conflict_dialog import ConflictDialog

        conflicts = self._workspace.sync_conflicts.contact_conflicts()
        if not conflicts:
            self.line.setText("No contact fields are waiting for a choice.")
            return
        dialog = ConflictDialog(conflicts, self._window)
        if not dialog.exec():
            return
        chosen = self._workspace.sync_conflicts.choose(dialog.choices())
        if chosen and not self.sync_now():
            self.line.setText("Your choices are applied by the next sync.")
