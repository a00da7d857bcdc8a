"""Two people with one name: Undo on one's who-next card never takes back the other's move-on."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import Stage
from tests.journey.conftest import App
from tests.journey.story import messaged


def test_undo_on_a_who_next_card_takes_back_only_that_persons_move_on(app: App) -> None:
    workspace = app.workspace
    first = workspace.people.contact_edits.create(
        ContactDraft(first_name="Sam", last_name="Lee")
    ).id
    second = workspace.people.contact_edits.create(
        ContactDraft(first_name="Sam", last_name="Lee")
    ).id
    for contact in (first, second):
        messaged(workspace, contact, days_ago=20)  # past the 14 days before moving on
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Sam Lee")

    user.click(user.button_beside("Mark as moved on", "Sam Lee"))
    user.wait_to_see("You moved on from")
    user.click(user.button_beside("Mark as moved on", "Sam Lee"))
    assert workspace.people.contacts.get(first).stage is Stage.MOVED_ON
    assert workspace.people.contacts.get(second).stage is Stage.MOVED_ON
    undo_buttons = [b for b in user.all_visible(QPushButton) if b.text() == "Undo"]
    assert len(undo_buttons) == 2  # one who-next card each, both "You moved on from Sam Lee"

    # The first card's Undo: Ctrl+Z would take back the second person's move-on, so it does not.
    user.click(undo_buttons[0])
    assert workspace.people.contacts.get(first).stage is Stage.MOVED_ON
    assert workspace.people.contacts.get(second).stage is Stage.MOVED_ON
    # The card that is left is the second person's: its Undo brings them back.
    user.click(user.button("Undo"))
    assert workspace.people.contacts.get(second).stage is Stage.MESSAGED
    assert workspace.people.contacts.get(first).stage is Stage.MOVED_ON
    assert not user.sees("You moved on from")
