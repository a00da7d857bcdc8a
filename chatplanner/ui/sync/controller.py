"""Sync Now in the window: in the background, with progress and Stop in the status bar, every
N minutes when the user asks for it, and one quiet line when the server cannot be reached."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QWidget,
)

from chatplanner.domain.field_merge import Prefer
from chatplanner.domain.moments import clock_time
from chatplanner.services.sync import SyncReport, SyncServerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal

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

    def sync_now(
        self, *, overwrite_events: bool = False, keep: Prefer = None, ask: bool = True
    ) -> bool:
        """Start a sync; False (and a line saying why) when it cannot start. `ask`: where no
        keyring holds the password, ask for it (the timer does not)."""
        if self._task.running:
            return False
        if not self._workspace.writable:
            self.line.setText("Sync needs the profile open for writing.")
            return False
        accounts = self._workspace.syncing.sync_accounts
        account = accounts.account()
        if account is None:
            self.line.setText("No sync account: add one in Preferences › Sync.")
            return False
        if not accounts.password_known(account):
            if not ask:
                self.line.setText("Sync waits for your password: File › Sync Now.")
                return False
            password = ask_password(self._window, account.username, account.server_url)
            if not password:
                self.line.setText("Sync needs the password for the server.")
                return False
            accounts.keep_for_session(account, password)
        self._overwrite, self._keep = overwrite_events, keep
        self.line.setText("Syncing…")
        self.stop_button.show()
        sync = self._workspace.syncing.sync

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
                if error.status == 401:  # a password given this session is asked again
                    accounts.forget_for_session(account)
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
        if self._workspace.syncing.sync_accounts.account() is not None:
            self.sync_now(ask=False)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.line.setText(f"{message} {done} of {total}" if total else message)

    def _on_success(self, result: object) -> None:
        if isinstance(result, _Offline):
            # One quiet line; the next sync (by hand or by the timer) tries again.
            account = self._workspace.syncing.sync_accounts.account()
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
        """A change made on the server is never overwritten without asking: conflicts this
        sync found open the window that lists them all, with a choice for each."""
        new = sum(
            part.new_conflicts for part in (report.calendar, report.contacts) if part is not None
        )
        if not new or self._overwrite or self._keep:
            return
        self.resolve_conflicts()

    def resolve_conflicts(self) -> None:
        """File › Sync Conflicts: contact fields and chats' events changed on both sides, a
        choice for each; the choices made are applied by a sync started at once."""
        from chatplanner.ui.sync.conflict_dialog import ConflictDialog

        conflicts = self._workspace.syncing.sync_conflicts
        contacts, events = conflicts.contact_conflicts(), conflicts.event_conflicts()
        if not (contacts or events):
            self.line.setText("Nothing is waiting for a choice.")
            return
        dialog = ConflictDialog(contacts, self._window, events=events)
        if not run_modal(dialog):
            return
        chosen = conflicts.choose(dialog.choices()) + conflicts.choose_events(
            dialog.event_choices()
        )
        if chosen and not self.sync_now():
            self.line.setText("Your choices are applied by the next sync.")


NO_KEYRING = (
    "No keyring is available on this computer, so the password is kept only until chatplanner "
    "closes, and asked again next time."
)


def ask_password(parent: QWidget, username: str, server_url: str) -> str:
    """The server's password, asked where no keyring keeps it; "" when the user cancels."""
    password, given = QInputDialog.getText(
        parent,
        "Sync Password",
        literal(
            f"Password for {username} on {urlsplit(server_url).netloc or server_url}:\n\n"
            + NO_KEYRING
        ),
        QLineEdit.EchoMode.Password,
    )
    return password if given else ""
