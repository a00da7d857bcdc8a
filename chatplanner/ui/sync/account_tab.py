"""Preferences › Sync: add or remove the CalDAV/CardDAV account, choose the calendar and the
address book, and how often to sync. Talking to the server runs in the background."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chatplanner.services.sync_accounts import Account, Collection, Discovery, SyncAccountService
from chatplanner.ui.background import BackgroundTask

NONE_CHOSEN = "(do not sync)"


class SyncAccountTab(QWidget):
    """Writes to the account at once (adding needs the server); the interval is saved on OK."""

    account_changed = Signal()

    def __init__(self, accounts: SyncAccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self._on_done)
        self._task.failed.connect(self._on_failed)
        self._discovery: Discovery | None = None
        self._pending: str = ""

        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.new_account = QWidget()
        form = QFormLayout(self.new_account)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://dav.example.org")
        self.server.setAccessibleName("Server address")
        self.user = QLineEdit()
        self.user.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.find_button = QPushButton("Find Calendars and Address Books")
        self.find_button.clicked.connect(self._find)
        self.calendar = QComboBox()
        self.calendar.setAccessibleName("Calendar")
        self.address_book = QComboBox()
        self.address_book.setAccessibleName("Address book")
        self.add_button = QPushButton("Add Account")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._add)
        form.addRow("Server address", self.server)
        form.addRow("User name", self.user)
        form.addRow("Password", self.password)
        form.addRow("", self.find_button)
        form.addRow("Calendar for chats", self.calendar)
        form.addRow("Address book for contacts", self.address_book)
        form.addRow("", self.add_button)
        hint = QLabel(
            "The password is kept in your system's keyring, never in the profile. Plain "
            "http:// is accepted only for a server on this computer."
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form.addRow(hint)
        layout.addWidget(self.new_account)

        buttons = QHBoxLayout()
        self.remove_button = QPushButton("Remove Account")
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        every = QFormLayout()
        self.every_minutes = QSpinBox()
        self.every_minutes.setRange(0, 24 * 60)
        self.every_minutes.setSuffix(" minutes")
        self.every_minutes.setSpecialValueText("only when asked")
        self.every_minutes.setAccessibleName("Sync every")
        every.addRow("Sync every", self.every_minutes)
        layout.addLayout(every)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Sync account message")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.show_account(accounts.account())

    def show_account(self, account: Account | None) -> None:
        if account is None:
            self.summary.setText("No account: chats and contacts stay on this computer only.")
        else:
            self.summary.setText(
                f"Syncing as {account.username} on {account.server_url}\n"
                f"Calendar: {account.calendar_name or NONE_CHOSEN}\n"
                f"Address book: {account.address_book_name or NONE_CHOSEN}"
                + (f"\nLast result: {account.last_result}" if account.last_result else "")
            )
        self.new_account.setVisible(account is None)
        self.remove_button.setVisible(account is not None)

    def stop(self) -> None:
        if self._task.running:
            self._task.cancel_and_wait()

    # Talking to the server -----------------------------------------------------------------
    def _credentials(self) -> tuple[str, str, str]:
        return self.server.text().strip(), self.user.text().strip(), self.password.text()

    def _find(self) -> None:
        server, user, password = self._credentials()
        if not (server and user and password):
            self.message.setText("Give the server address, your user name and your password.")
            return
        self._pending = "find"
        self.message.setText("Asking the server…")
        self.find_button.setEnabled(False)
        self._task.start(lambda _p, _s: self._accounts.discover(server, user, password))

    def _add(self) -> None:
        server, user, password = self._credentials()
        calendar = self.calendar.currentData()
        book = self.address_book.currentData()
        self._pending = "add"
        self.message.setText("Adding the account…")
        self.add_button.setEnabled(False)
        self._task.start(
            lambda _p, _s: (
                self._accounts.add(
                    server,
                    user,
                    password,
                    calendar=None if calendar is None else calendar.url,
                    address_book=None if book is None else book.url,
                )
                if calendar is not None or book is not None
                else None
            )
        )

    def _on_done(self, result: object) -> None:
        self.find_button.setEnabled(True)
        if self._pending == "find" and isinstance(result, Discovery):
            self._discovery = result
            _fill(self.calendar, result.calendars)
            _fill(self.address_book, result.address_books)
            self.add_button.setEnabled(bool(result.calendars or result.address_books))
            self.message.setText(
                f"Found {len(result.calendars)} calendars and {len(result.address_books)} "
                "address books. Choose, then add the account."
            )
        elif self._pending == "add" and isinstance(result, Account):
            self.password.clear()
            self.message.setText("Account added. Sync with File › Sync Now.")
            self.show_account(result)
            self.account_changed.emit()
        elif self._pending == "add":
            self.message.setText("Choose a calendar or an address book to sync.")
            self.add_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self.find_button.setEnabled(True)
        self.add_button.setEnabled(self._discovery is not None)
        self.message.setText(message)

    def _remove(self) -> None:
        account = self._accounts.remove()
        self.message.setText(
            f"Removed {account.username} on {account.server_url}. Nothing was deleted on the "
            "server or here."
        )
        self.show_account(None)
        self.account_changed.emit()


def _fill(combo: QComboBox, collections: tuple[Collection, ...]) -> None:
    combo.clear()
    for collection in collections:
        combo.addItem(collection.name, collection)
    combo.addItem(NONE_CHOSEN, None)
