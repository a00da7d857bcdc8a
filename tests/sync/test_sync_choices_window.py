"""After adding the account, the user changes in Preferences › Sync the calendar and the address
book (among those the server offers) and which contacts go to the server, then syncs: the
choice is what reaches the server (a real Radicale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QWidget

from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace
from tests.journey.user import User

from .radicale_server import PASSWORD, Phone

CTRL = Qt.KeyboardModifier.ControlModifier
SYNC_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def workspace(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        yield opened


def _in_preferences_sync(user: User, steps: object) -> None:
    def run(dialog: QWidget) -> None:
        user.open_tab("Sync", dialog)
        steps(dialog)  # type: ignore[operator]
        user.click_button("OK", dialog)

    _back_to_the_window(user)
    with user.in_next_dialog(run):
        user.shortcut(Qt.Key.Key_Comma, CTRL)


def _back_to_the_window(user: User) -> None:
    """After a modal dialog closes, the offscreen platform leaves no window active."""
    user.window.activateWindow()
    user.qtbot.waitUntil(user.window.isActiveWindow)


def _tick(user: User, groups: QListWidget, name: str) -> None:
    """Click the group's line, then Space ticks it (as the keyboard user does)."""
    user.click_row(groups, name)
    user.press(Qt.Key.Key_Space, widget=groups)


def test_the_user_chooses_another_address_book_and_only_some_groups(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    phone.make_address_book("friends", "Friends")
    phone.make_calendar("work", "Work")
    mentors = workspace.people.groups.create("Mentors").id
    ada = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Lovelace")
    )
    workspace.people.contact_edits.create(ContactDraft(first_name="Bob", last_name="Private"))
    workspace.people.contact_edits.add_to_group([ada.id], mentors)

    def add_account(dialog: QWidget) -> None:
        user.type_into(user.named("Server address", within=dialog), phone.base_url)
        user.type_into(user.named("User name", within=dialog), phone.user)
        user.type_into(user.named("Password", within=dialog), PASSWORD)
        user.click_button("Find Calendars and Address Books", dialog)
        book = user.named("Address book", QComboBox, dialog)
        user.qtbot.waitUntil(lambda: book.count() > 1, timeout=30_000)
        assert book.currentText() == "Friends"  # the first, by name
        user.choose(book, "People")
        user.click_button("Add Account", dialog)
        user.wait_to_see("Account added", dialog)

    _in_preferences_sync(user, add_account)
    account = workspace.syncing.sync_accounts.require()
    assert (account.address_book_name, account.contact_groups) == ("People", ())

    def change_choices(dialog: QWidget) -> None:
        book = user.named("Address book in use", QComboBox, dialog)
        assert [book.itemText(i) for i in range(book.count())] == ["People"]  # before asking
        user.click_button("Find Calendars and Address Books", dialog)
        user.qtbot.waitUntil(lambda: book.count() == 2, timeout=30_000)
        assert book.currentText() == "People"
        user.choose(book, "Friends")
        user.choose(user.named("Calendar in use", QComboBox, dialog), "Work")
        groups = user.named("Groups to sync", QListWidget, dialog)
        assert not groups.isEnabled()  # all contacts, until the user says otherwise
        user.click_button("Only the members of the groups ticked below", dialog)
        _tick(user, groups, "Mentors")

    _in_preferences_sync(user, change_choices)

    account = workspace.syncing.sync_accounts.require()
    assert (account.address_book_name, account.calendar_name) == ("Friends", "Work")
    assert account.contact_groups == ("Mentors",)
    _back_to_the_window(user)
    user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)
    line = user.named("Sync status", QLabel)
    user.qtbot.waitUntil(lambda: line.text().startswith("Contacts:"), timeout=60_000)
    names = [
        read_card(text).fields["first_name"]
        for text in phone.cards(phone.collection_url("friends")).values()
    ]
    assert names == ["Ada"]
    assert phone.cards(phone.collection_url("people")) == {}
    assert user.stray_dialogs == []


def test_only_some_groups_with_none_ticked_is_refused_with_a_plain_line(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    workspace.people.groups.create("Mentors")
    workspace.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)

    def choose_no_group(dialog: QWidget) -> None:
        user.click_button("Only the members of the groups ticked below", dialog)
        user.click_button("OK", dialog)
        user.wait_to_see("Tick at least one group", dialog)
        user.click_button("All contacts", dialog)

    _in_preferences_sync(user, choose_no_group)
    assert workspace.syncing.sync_accounts.require().contact_groups == ()
    assert user.stray_dialogs == []
