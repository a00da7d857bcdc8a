"""The user adds their account in Preferences › Sync and syncs from the window, against a real
server, while the window stays usable."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from chatplanner.db.models import SyncAccount
from chatplanner.services.sync_passwords import store_password
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.preferences import PreferencesDialog
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.sync.conflict_dialog import ConflictDialog

from .provider_server import Provider, provider
from .radicale_server import PASSWORD, Phone, card

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _named(parent: QWidget, kind: type[W], name: str) -> W:
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, (name, found)
    return found[0]


def _button(parent: QWidget, text: str) -> QPushButton:
    found = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert len(found) == 1, (text, [b.text() for b in parent.findChildren(QPushButton)])
    return found[0]


def _add_account_in_preferences(
    qtbot: QtBot, window: MainWindow, phone: Phone, monkeypatch: pytest.MonkeyPatch, every: int = 0
) -> None:
    def fill_in(dialog: PreferencesDialog) -> int:
        dialog.show()
        tabs = dialog.findChild(QTabWidget)
        assert tabs is not None
        tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Sync"))
        qtbot.keyClicks(_named(dialog, QLineEdit, "Server address"), phone.base_url)
        qtbot.keyClicks(_named(dialog, QLineEdit, "User name"), phone.user)
        qtbot.keyClicks(_named(dialog, QLineEdit, "Password"), PASSWORD)
        qtbot.mouseClick(
            _button(dialog, "Find Calendars and Address Books"), Qt.MouseButton.LeftButton
        )
        calendars = _named(dialog, QComboBox, "Calendar")
        qtbot.waitUntil(lambda: calendars.count() > 0, timeout=30_000)
        assert calendars.currentText() == "Chats"
        assert _named(dialog, QComboBox, "Address book").currentText() == "People"
        found = _named(dialog, QLabel, "Sync account message").text()
        assert found.startswith("Found 1 calendar and 1 address book. ")
        qtbot.mouseClick(_button(dialog, "Add Account"), Qt.MouseButton.LeftButton)
        message = _named(dialog, QLabel, "Sync account message")
        qtbot.waitUntil(lambda: "Account added" in message.text(), timeout=30_000)
        spin = _named(dialog, QSpinBox, "Sync every")
        spin.setValue(every)
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", fill_in)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    _back_to(qtbot, window)


def _back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The dialog is closed: the window has the keyboard again."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _sync_line(window: MainWindow) -> QLabel:
    return _named(window.statusBar(), QLabel, "Sync status")


def test_the_user_adds_an_account_and_syncs_from_the_window(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    _add_account_in_preferences(qtbot, window, phone, monkeypatch, every=15)
    account = workspace.syncing.sync_accounts.account()
    assert account is not None
    assert account.calendar_name == "Chats"
    assert workspace.settings.get("sync.every_minutes") == 15

    qtbot.keyClick(
        window,
        Qt.Key.Key_Y,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    line = _sync_line(window)
    # The window stays responsive while the sync runs in the background.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("people")
    qtbot.waitUntil(lambda: line.text().startswith("Contacts:"), timeout=60_000)

    assert "1 new in the app" in line.text()
    assert [c.first_name for c in workspace.people.contacts.list_summaries()] == ["Grace"]
    assert not _button_visible(window, "Stop Sync")


def _button_visible(window: MainWindow, text: str) -> bool:
    return any(b.text() == text and b.isVisible() for b in window.findChildren(QPushButton))


def test_offline_the_window_says_so_in_one_quiet_line(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add_account_in_preferences(qtbot, window, phone, monkeypatch)
    with workspace.context.sessions.begin() as session:
        dead = "http://127.0.0.1:9/"  # the discard port: nothing listens
        session.execute(
            update(SyncAccount).values(
                server_url=dead, address_book_url=dead + "p/", calendar_url=None
            )
        )
    store_password(dead, phone.user, PASSWORD)
    shown: list[str] = []

    def show(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", show)

    qtbot.keyClick(
        window,
        Qt.Key.Key_Y,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    line = _sync_line(window)
    qtbot.waitUntil(lambda: line.text().startswith("Offline"), timeout=30_000)
    assert line.text() == "Offline: sync waits for the server."
    assert shown == []  # no dialog, nothing in the user's way
    assert workspace.syncing.sync_accounts.require().last_result.startswith(
        "The server 127.0.0.1:9"
    )


def test_the_user_removes_the_account_in_preferences(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add_account_in_preferences(qtbot, window, phone, monkeypatch)

    asked: list[str] = []
    answers = iter(["Keep Account", "Remove Account"])

    def answer(box: QMessageBox) -> int:
        box.show()
        asked.append(f"{box.text()} {box.informativeText()}")
        default = box.defaultButton()
        assert default is not None
        assert default.text() == "Keep Account"  # Return keeps it
        chosen = next(answers)
        (button,) = [b for b in box.buttons() if b.text() == chosen]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return 0

    def remove(dialog: PreferencesDialog) -> int:
        dialog.show()
        tabs = dialog.findChild(QTabWidget)
        assert tabs is not None
        tabs.setCurrentIndex(tabs.count() - 1)
        monkeypatch.setattr(QMessageBox, "exec", answer)
        qtbot.mouseClick(_button(dialog, "Remove Account"), Qt.MouseButton.LeftButton)
        assert workspace.syncing.sync_accounts.account() is not None  # asked first: kept
        qtbot.mouseClick(_button(dialog, "Remove Account"), Qt.MouseButton.LeftButton)
        assert "Nothing was deleted" in _named(dialog, QLabel, "Sync account message").text()
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", remove)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert workspace.syncing.sync_accounts.account() is None
    assert len(asked) == 2
    assert f"Remove {phone.user} on 127.0.0.1:" in asked[0]
    assert "The events and contacts on the server stay as they are" in asked[0]
    assert "nothing in chatplanner is deleted" in asked[0]


def test_an_event_changed_on_the_phone_is_shown_and_overwritten_only_when_the_user_says_so(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import UTC, datetime, timedelta

    from chatplanner.domain.contacts import ContactDraft
    from chatplanner.domain.enums import MeetingMode

    _add_account_in_preferences(qtbot, window, phone, monkeypatch)
    person = workspace.people.contact_edits.create(
        ContactDraft(first_name="Jessica", last_name="Ng")
    )
    start = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    meeting = workspace.planning.scheduling.plan_chat(
        person.id, MeetingMode.ONLINE, start, call_link="https://meet.example/abc"
    )
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Y, keys)
    line = _sync_line(window)
    qtbot.waitUntil(lambda: "Calendar: 1 new" in line.text(), timeout=60_000)
    calendar = phone.collection_url("chats")
    (href,) = [h for h in phone.list(calendar) if h.endswith(".ics")]
    url = phone.base_url.rstrip("/") + href
    body, etag = phone.get(url)
    phone.put(url, body.replace("Coffee chat with", "Lunch with"), "text/calendar", etag)
    workspace.chats.meetings.update_plan(meeting, starts_at=start + timedelta(hours=1))
    asked: list[str] = []

    def keep_mine(dialog: ConflictDialog) -> int:
        dialog.show()
        asked.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        (button,) = [
            b
            for b in dialog.findChildren(QRadioButton)
            if b.text() == "Keep This Computer's Version"
        ]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog.accept()
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", keep_mine)
    qtbot.keyClick(window, Qt.Key.Key_Y, keys)

    qtbot.waitUntil(lambda: "overwritten on request" in line.text(), timeout=60_000)
    assert len(asked) == 1
    assert "Lunch with" in asked[0]
    assert "Coffee chat with" in phone.get(url)[0]


def test_the_user_adds_an_account_at_an_address_that_sends_to_another_server(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The provider's address (its /.well-known/carddav redirects to its contacts server): the
    window says where the account goes, and syncs go there directly."""
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    contacts_host = phone.base_url.split("//")[1].rstrip("/")
    with provider(phone.base_url) as provider_url:
        provider_host = provider_url.split("//")[1].rstrip("/")

        def fill_in(dialog: PreferencesDialog) -> int:
            dialog.show()
            tabs = dialog.findChild(QTabWidget)
            assert tabs is not None
            tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Sync"))
            qtbot.keyClicks(_named(dialog, QLineEdit, "Server address"), provider_url)
            qtbot.keyClicks(_named(dialog, QLineEdit, "User name"), phone.user)
            qtbot.keyClicks(_named(dialog, QLineEdit, "Password"), PASSWORD)
            qtbot.mouseClick(
                _button(dialog, "Find Calendars and Address Books"), Qt.MouseButton.LeftButton
            )
            message = _named(dialog, QLabel, "Sync account message")
            qtbot.waitUntil(lambda: message.text().startswith("Found"), timeout=30_000)
            assert f"on {contacts_host}, where {provider_host} sends this account" in message.text()
            assert _named(dialog, QComboBox, "Address book").currentText() == "People"
            qtbot.mouseClick(_button(dialog, "Add Account"), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "Account added" in message.text(), timeout=30_000)
            shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
            assert any(f"on {phone.base_url}" in text for text in shown), shown
            dialog.accept()
            return 1

        monkeypatch.setattr(PreferencesDialog, "exec", fill_in)
        qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        _back_to(qtbot, window)
        Provider.seen.clear()

        qtbot.keyClick(
            window,
            Qt.Key.Key_Y,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        line = _sync_line(window)
        qtbot.waitUntil(lambda: line.text().startswith("Contacts:"), timeout=60_000)
        assert Provider.seen == []  # the sync went to the contacts server directly

    assert "1 new in the app" in line.text()
    assert workspace.syncing.sync_accounts.require().server_url == phone.base_url
