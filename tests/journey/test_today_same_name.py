"""Two people with one name: Undo on a who-next card takes back that person's move-on only."""

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
    # Two cards "You moved on from Sam Lee", and Undo on the newer one only: the older one's
    # would have to take back the later move-on first.
    assert len(undo_buttons) == 1
    user.click(undo_buttons[0])
    assert workspace.people.contacts.get(second).stage is Stage.MESSAGED
    assert workspace.people.contacts.get(first).stage is Stage.MOVED_ON
    # The first person's move-on is now what Undo takes back: their card offers it.
    user.click(user.button("Undo"))
    assert workspace.people.contacts.get(first).stage is Stage.MESSAGED
    assert not user.sees("You moved on from")
