"""A contact field changed both in the app and on the phone: the window shows each conflicting
field with both values, the user chooses a side per field, and the next sync applies it on both
sides (a real Radicale)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace
from tests.journey.user import User

from .radicale_server import PASSWORD, Phone, card

SYNC_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def workspace(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        opened.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        yield opened


def _grace_changed_on_both_sides(workspace: Workspace, phone: Phone) -> str:
    """Grace's e-mail and title changed on the phone and, differently, in the app."""
    url = phone.put_card(
        phone.collection_url("people"),
        card("grace-1", "Grace", "Hopper", "grace@navy.mil", "TITLE:Admiral\r\nX-KEPT:yes"),
    )
    workspace.syncing.sync.run()
    text, etag = phone.get(url)
    text = text.replace("grace@navy.mil", "grace@yale.edu").replace("Admiral", "Professor")
    phone.put(url, text, "text/vcard", etag)
    (grace,) = workspace.people.contacts.list_summaries()
    draft = workspace.people.contacts.get(grace.id).draft
    workspace.people.contact_edits.update(
        grace.id, replace(draft, email="grace@navy.example", title="Rear Admiral")
    )
    return url


def test_the_user_chooses_a_side_for_each_conflicting_field(
    user: User, workspace: Workspace, phone: Phone
) -> None:
    url = _grace_changed_on_both_sides(workspace, phone)
    seen: list[str] = []
    failures: list[BaseException] = []
    applied: list[bool] = []

    def choose_per_field(dialog: QWidget) -> None:
        try:
            assert dialog.windowTitle() == "Changed on Both Sides"
            seen.extend(label.text() for label in user.all_visible(QLabel, dialog))
            # Both values of each field are on screen, as the choices.
            assert user.button("grace@navy.example", dialog).isVisible()
            user.click_button("grace@yale.edu", dialog)  # the e-mail: the server's
            user.click_button("Rear Admiral", dialog)  # the title: mine
            user.click_button("Apply Choices", dialog)
            applied.append(True)
        except BaseException as error:
            failures.append(error)
            dialog.close()

    # The sync that finds the conflicts opens the window that lists them.
    user._when_dialog_opens(choose_per_field)
    user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)
    user.qtbot.waitUntil(lambda: bool(applied or failures), timeout=60_000)
    if failures:
        raise failures[0]
    line = user.named("Sync status", QLabel)
    # The choices are applied by the sync that starts at once.
    user.qtbot.waitUntil(lambda: "updated on the server" in line.text(), timeout=60_000)

    assert "Grace Hopper" in seen
    assert "Email" in seen  # the contact form's words, never a column's name
    assert "Title" in seen
    assert not any("chatplanner sync" in text for text in seen)  # no command line words
    (grace,) = workspace.people.contacts.list_summaries()
    draft = workspace.people.contacts.get(grace.id).draft
    assert (draft.email, draft.title) == ("grace@yale.edu", "Rear Admiral")
    server = read_card(phone.get(url)[0]).fields
    assert (server["email"], server["title"]) == ("grace@yale.edu", "Rear Admiral")
    assert "X-KEPT:yes" in phone.get(url)[0]
    status = workspace.syncing.sync_accounts.status()
    assert status is not None
    assert status.contact_conflicts == 0
    assert user.stray_dialogs == []


def test_a_field_left_unchosen_stays_in_conflict_and_the_other_is_applied(
    workspace: Workspace, phone: Phone
) -> None:
    url = _grace_changed_on_both_sides(workspace, phone)
    workspace.syncing.sync.run()
    (conflict,) = workspace.syncing.sync_conflicts.contact_conflicts()
    assert [(f.label, f.mine, f.server) for f in conflict.fields] == [
        ("Email", "grace@navy.example", "grace@yale.edu"),
        ("Title", "Rear Admiral", "Professor"),
    ]
    workspace.syncing.sync_conflicts.choose({(conflict.link_id, "title"): "server"})

    workspace.syncing.sync.run()

    (still,) = workspace.syncing.sync_conflicts.contact_conflicts()
    assert [f.field for f in still.fields] == ["email"]
    assert workspace.people.contacts.get(conflict.contact_id).draft.title == "Professor"
    assert read_card(phone.get(url)[0]).fields["email"] == "grace@yale.edu"  # untouched


def test_a_choice_is_not_applied_to_a_value_changed_since(
    workspace: Workspace, phone: Phone
) -> None:
    url = _grace_changed_on_both_sides(workspace, phone)
    workspace.syncing.sync.run()
    (conflict,) = workspace.syncing.sync_conflicts.contact_conflicts()
    workspace.syncing.sync_conflicts.choose({(conflict.link_id, "email"): "app"})
    text, etag = phone.get(url)
    phone.put(url, text.replace("grace@yale.edu", "grace@harvard.edu"), "text/vcard", etag)

    workspace.syncing.sync.run()

    (again,) = workspace.syncing.sync_conflicts.contact_conflicts()
    email = next(f for f in again.fields if f.field == "email")
    assert (email.server, email.choice) == ("grace@harvard.edu", None)  # asked again
    assert read_card(phone.get(url)[0]).fields["email"] == "grace@harvard.edu"
