"""Quitting with Ctrl+Q keeps what was typed into a person's details, as moving to another
person does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from tests.journey.conftest import App
from tests.journey.story import sorted_out
from tests.journey.test_04_first_messages import _select


def _omars_field(app: App, label: str) -> tuple[dict[str, int], QLineEdit]:
    """The people of the story, and the field `label` of Omar's details, selected on People."""
    ids = sorted_out(app.workspace)
    _select(app, "Omar")
    field = app.user.labelled(label)
    assert isinstance(field, QLineEdit)
    return ids, field


def test_ctrl_q_saves_a_persons_unsaved_edits(app: App) -> None:
    ids, company = _omars_field(app, "Company")
    user = app.user
    user.type_into(company, "Northline", replace=True)  # typed, not saved
    assert app.workspace.people.contacts.get(ids["Omar"]).draft.company != "Northline"
    user.press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, widget=company)
    user.qtbot.waitUntil(lambda: not app.window.isVisible())
    assert app.workspace.people.contacts.get(ids["Omar"]).draft.company == "Northline"


def test_ctrl_q_keeps_a_person_being_added(app: App) -> None:
    sorted_out(app.workspace)
    before = app.workspace.people.contacts.count()
    user = app.user
    user.go_to("People")
    user.shortcut(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File › New Person
    first = user.labelled("First name")
    assert isinstance(first, QLineEdit)
    user.type_into(first, "Zed")
    user.press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, widget=first)
    user.qtbot.waitUntil(lambda: not app.window.isVisible())
    assert app.workspace.people.contacts.count() == before + 1
    assert any(c.first_name == "Zed" for c in app.workspace.people.contacts.list_summaries())


def test_ctrl_q_asks_before_losing_edits_that_cannot_be_saved(app: App) -> None:
    ids, email = _omars_field(app, "Email")
    user = app.user
    user.type_into(user.labelled("Company"), "Northline", replace=True)
    user.type_into(email, "omar at northline", replace=True)  # cannot be saved like this

    def says_why(dialog: QWidget) -> None:
        words = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "could not be saved" in words

    user.then_answer("Keep editing", says_why)
    user.press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, widget=email)
    user.qtbot.wait(300)
    assert app.window.isVisible()  # still open, on People, with what was typed
    assert app.window.navigation.currentItem().text() == "People"
    assert email.isVisible()
    assert email.text() == "omar at northline"
    assert user.sees("is not an email address")  # the form says why

    app.window.activateWindow()  # as the desktop does once the question is gone
    user.qtbot.waitUntil(app.window.isActiveWindow)
    user.then_answer("Close without saving")
    user.press(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, widget=email)
    user.qtbot.waitUntil(lambda: not app.window.isVisible())
    stored = app.workspace.people.contacts.get(ids["Omar"]).draft
    assert stored.email != "omar at northline"
    assert stored.company != "Northline"


def test_choosing_another_person_keeps_edits_that_cannot_be_saved_and_says_why(app: App) -> None:
    ids, email = _omars_field(app, "Email")
    user = app.user
    user.type_into(user.labelled("Company"), "Northline", replace=True)
    user.type_into(email, "omar at northline", replace=True)  # cannot be saved like this
    people = user.table("Stage")
    user.click_row(people, "Jessica")
    user.qtbot.wait(100)
    # Still Omar, with what was typed and why it cannot be saved, and his row selected.
    assert email.isVisible()
    assert email.text() == "omar at northline"
    assert user.sees("is not an email address")
    current = people.currentIndex()
    assert current.isValid()
    assert "Omar" in str(people.model().index(current.row(), 0).data())
    assert app.workspace.people.contacts.get(ids["Omar"]).draft.company != "Northline"
    # Put right, it is saved, and the next person opens.
    user.type_into(email, "omar@northline.example", replace=True)
    user.click_row(people, "Jessica")
    first = user.labelled("First name")
    assert isinstance(first, QLineEdit)
    user.qtbot.waitUntil(lambda: first.text() == "Jessica")
    stored = app.workspace.people.contacts.get(ids["Omar"]).draft
    assert (stored.email, stored.company) == ("omar@northline.example", "Northline")
    user.click_row(people, "Omar")  # and back: Omar opens again
    user.qtbot.waitUntil(lambda: first.text() == "Omar")
