"""Preferences › Sync: add or remove the CalDAV/CardDAV account, choose the calendar and the
address book (when adding it, or later among those the server offers), which contacts go to the
server (all, or the members of chosen groups), and how often to sync. Talking to the server runs
in the background."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.moments import plural
from chatplanner.services.sync_accounts import Account, Collection, Discovery, SyncAccountService
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.literal_text import literal
from chatplanner.ui.sync.controller import NO_KEYRING
from chatplanner.ui.widgets.modal import run_modal

NONE_CHOSEN = "(do not sync)"


class SyncAccountTab(QWidget):
    """Adding and removing write to the account at once (adding needs the server); the
    calendar, address book and groups of an added account, and the interval, are saved on OK."""

    account_changed = Signal()

    # Long: the account form, built in one place.
    def __init__(self, accounts: SyncAccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._task = BackgroundTask(self)
        self._task.succeeded.connect(self._on_done)
        self._task.failed.connect(self._on_failed)
        self._discovery: Discovery | None = None
        self._account: Account | None = None
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
        self.add_button = QPushButton("Add Account")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._add)
        form.addRow("Server address", self.server)
        form.addRow("User name", self.user)
        form.addRow("Password", self.password)
        self.find_button, self.calendar, self.address_book = _collection_rows(
            form, self._find, "Calendar", "Address book"
        )
        form.addRow("", self.add_button)
        form.addRow(
            _hint(
                "The password is kept in your system's keyring, never in the profile (without a "
                "keyring, only until chatplanner closes). Plain "
                "http:// is accepted only for a server on this computer."
            )
        )
        layout.addWidget(self.new_account)
        self.choices = self._choices_box()
        layout.addWidget(self.choices)

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
        self.choices.setVisible(account is not None)
        self._account = account
        if account is not None:
            self._show_choices(account)

    # An added account's choices ---------------------------------------------------------------
    def _choices_box(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.find_again, self.calendar_in_use, self.book_in_use = _collection_rows(
            form, self._find_for_account, "Calendar in use", "Address book in use"
        )
        form.addRow(
            _hint(
                "Another address book starts afresh: nothing is deleted on either side, and "
                "cards are matched to your contacts by e-mail or LinkedIn profile again."
            )
        )
        self.all_contacts = QRadioButton("All contacts")
        self.some_groups = QRadioButton("Only the members of the groups ticked below")
        scope = QButtonGroup(box)
        scope.addButton(self.all_contacts)
        scope.addButton(self.some_groups)
        self.some_groups.toggled.connect(self._on_scope)
        self.groups = QListWidget()
        self.groups.setAccessibleName("Groups to sync")
        self.groups.setMaximumHeight(120)
        scope_column = QVBoxLayout()
        # As wide as their words: the whole of each reads as the place to click.
        scope_column.addWidget(self.all_contacts, 0, Qt.AlignmentFlag.AlignLeft)
        scope_column.addWidget(self.some_groups, 0, Qt.AlignmentFlag.AlignLeft)
        scope_column.addWidget(self.groups)
        form.addRow("Contacts sent to the server", scope_column)
        return box

    def _show_choices(self, account: Account) -> None:
        found = self._discovery
        calendars = found.calendars if found is not None else ()
        books = found.address_books if found is not None else ()
        _fill_in_use(self.calendar_in_use, calendars, account.calendar_url, account.calendar_name)
        _fill_in_use(self.book_in_use, books, account.address_book_url, account.address_book_name)
        self.groups.clear()
        chosen = set(account.contact_groups)
        for name in sorted(set(self._accounts.group_names()) | chosen, key=str.casefold):
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.groups.addItem(item)
        (self.some_groups if chosen else self.all_contacts).setChecked(True)
        self._on_scope()

    def _on_scope(self) -> None:
        self.groups.setEnabled(self.some_groups.isChecked())

    def chosen_groups(self) -> tuple[str, ...]:
        if not self.some_groups.isChecked():
            return ()
        items = (self.groups.item(row) for row in range(self.groups.count()))
        return tuple(i.text() for i in items if i.checkState() == Qt.CheckState.Checked)

    def check(self) -> str | None:
        """Why the choices cannot be saved, or None."""
        if self._account is not None and self.some_groups.isChecked() and not self.chosen_groups():
            return "Tick at least one group to sync, or choose All contacts."
        return None

    def save(self) -> None:
        """Write the added account's choices (the dialog's OK)."""
        account = self._account
        if account is None:
            return
        calendar = self.calendar_in_use.currentData()
        book = self.book_in_use.currentData()
        calendar = calendar if isinstance(calendar, Collection) else None
        book = book if isinstance(book, Collection) else None
        if (calendar is not None and calendar.url != account.calendar_url) or (
            book is not None and book.url != account.address_book_url
        ):
            account = self._accounts.choose_collections(calendar, book)
        groups = self.chosen_groups()
        if groups != account.contact_groups:
            self._accounts.set_contact_groups(groups)

    def _find_for_account(self) -> None:
        self._pending = "find again"
        self.message.setText("Asking the server…")
        self.find_again.setEnabled(False)
        self._task.start(lambda _p, _s: self._accounts.discover_for_account())

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
                    keyring_optional=True,  # then kept for this session only, and said so
                )
                if calendar is not None or book is not None
                else None
            )
        )

    def _on_done(self, result: object) -> None:
        self.find_button.setEnabled(True)
        self.find_again.setEnabled(True)
        if self._pending == "find again" and isinstance(result, Discovery):
            self._discovery = result
            calendar, book = self.calendar_in_use.currentData(), self.book_in_use.currentData()
            _fill_in_use(
                self.calendar_in_use,
                result.calendars,
                calendar.url if isinstance(calendar, Collection) else None,
                "",
            )
            _fill_in_use(
                self.book_in_use,
                result.address_books,
                book.url if isinstance(book, Collection) else None,
                "",
            )
            self.message.setText(
                f"Found {plural(len(result.calendars), 'calendar')} and "
                f"{plural(len(result.address_books), 'address book')}. Choose, then OK."
            )
        elif self._pending == "find" and isinstance(result, Discovery):
            self._discovery = result
            _fill(self.calendar, result.calendars)
            _fill(self.address_book, result.address_books)
            self.add_button.setEnabled(bool(result.calendars or result.address_books))
            self.message.setText(
                f"Found {plural(len(result.calendars), 'calendar')} and "
                f"{plural(len(result.address_books), 'address book')}"
                + _found_through(result)
                + ". Choose, then add the account."
            )
        elif self._pending == "add" and isinstance(result, Account):
            self.password.clear()
            session_only = (
                f" {NO_KEYRING}" if self._accounts.password_for_session_only(result) else ""
            )
            self.message.setText(f"Account added. Sync with File › Sync Now.{session_only}")
            self.show_account(result)
            self.account_changed.emit()
        elif self._pending == "add":
            self.message.setText("Choose a calendar or an address book to sync.")
            self.add_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self.find_button.setEnabled(True)
        self.find_again.setEnabled(True)
        self.add_button.setEnabled(self._discovery is not None)
        self.message.setText(message)

    def _remove(self) -> None:
        current = self._accounts.account()
        if current is None or not confirm_removal(self, current):
            return
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


def _fill_in_use(
    combo: QComboBox, found: tuple[Collection, ...], current_url: str | None, current_name: str
) -> None:
    """The collections found, the one in use chosen; before asking the server, only the one in
    use (or "do not sync" when there is none)."""
    combo.clear()
    collections = list(found)
    if current_url is not None and all(c.url != current_url for c in collections):
        collections.insert(0, Collection(current_url, current_name or current_url))
    for collection in collections:
        combo.addItem(collection.name, collection)
    if current_url is None:
        combo.insertItem(0, NONE_CHOSEN, None)
        combo.setCurrentIndex(0)
    else:
        combo.setCurrentIndex(next(i for i, c in enumerate(collections) if c.url == current_url))


def _collection_rows(
    form: QFormLayout, find: Callable[[], None], calendar_name: str, book_name: str
) -> tuple[QPushButton, QComboBox, QComboBox]:
    """The button that asks the server for its calendars and address books (it calls `find`),
    and a row to choose each; `calendar_name` and `book_name` are the boxes' accessible names.
    Both forms, adding an account and the added account's, have these rows."""
    find_button = QPushButton("Find Calendars and Address Books")
    find_button.clicked.connect(find)
    calendar = QComboBox()
    calendar.setAccessibleName(calendar_name)
    book = QComboBox()
    book.setAccessibleName(book_name)
    form.addRow("", find_button)
    form.addRow("Calendar for chats", calendar)
    form.addRow("Address book for contacts", book)
    return find_button, calendar, book


def _hint(text: str) -> QLabel:
    """A form's note under its fields, in the hint style, wrapped to the form's width."""
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setProperty("role", "hint")
    return hint


def _found_through(result: Discovery) -> str:
    """Where the account will live when the address given sent discovery to another server."""
    if result.found_through is None:
        return ""
    given, used = urlsplit(result.found_through).netloc, urlsplit(result.server_url).netloc
    return f" on {used}, where {given} sends this account (the account and its password go there)"


def confirm_removal(parent: QWidget, account: Account) -> bool:
    """Remove Account asks first, saying what stays."""
    box = QMessageBox(parent)
    box.setWindowTitle("Remove Account")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(literal(f"Remove {account.username} on {urlsplit(account.server_url).netloc}?"))
    box.setInformativeText(
        "The events and contacts on the server stay as they are, and nothing in chatplanner is "
        "deleted. chatplanner stops syncing and forgets the password. Adding the account again "
        "finds what is on the server without writing it twice."
    )
    remove = box.addButton("Remove Account", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep Account", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)  # Return keeps it: removing is never the reflex answer
    run_modal(box)
    return box.clickedButton() is remove
