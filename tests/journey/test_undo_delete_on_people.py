"""Delete someone on People and undo it: the table, the selection bar and the editor agree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMenu

from tests.journey.conftest import App
from tests.journey.story import sorted_out
from tests.journey.test_04_first_messages import _select


def _editor_name(app: App) -> str:
    first = app.user.labelled("First name")
    last = app.user.labelled("Last name")
    assert isinstance(first, QLineEdit)
    assert isinstance(last, QLineEdit)
    return f"{first.text()} {last.text()}".strip()


def _choose_from_menu_bar(app: App, menu_title: str, entry: str) -> None:
    """Click a menu's title in the menu bar, then click `entry` in the menu it opens."""
    user = app.user
    bar = app.window.menuBar()
    title = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    user.click(bar, bar.actionGeometry(title).center())
    menu = title.menu()
    assert isinstance(menu, QMenu)
    user.qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == entry)
    assert action.isEnabled()
    user.click(menu, menu.actionGeometry(action).center())


def _selection_words(app: App) -> str:
    return " | ".join(t for t in app.user.texts() if "elect" in t)


def test_undoing_a_delete_brings_the_person_back_selected_and_shown(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    people = user.table("Stage")
    user.wait_to_see("1 selected")

    user.then_answer("Delete")
    user.press(Qt.Key.Key_Delete, widget=people)
    user.qtbot.waitUntil(lambda: app.workspace.people.contacts.count() == len(ids) - 1)
    # Nobody is selected, and the editor shows nobody.
    # The bar says so in a sentence, or in two words where its buttons leave no room for one.
    words = _selection_words(app)
    assert "Select people to change many at once" in words or "None selected" in words
    assert user.sees("Select a person to see their details")
    assert not any("Omar" in row for row in user.rows(people, 0))

    _choose_from_menu_bar(app, "Edit", "Undo Delete Omar Haddad")
    user.qtbot.waitUntil(lambda: app.workspace.people.contacts.count() == len(ids))
    user.qtbot.waitUntil(lambda: any("Omar" in row for row in user.rows(people, 0)))
    assert _selection_words(app) == "1 selected"
    assert _editor_name(app) == "Omar Haddad"
    assert [row for row in user.rows(people, 0) if "Omar" in row]
    assert people.selectionModel().selectedRows()[0].data().startswith("Omar")


def test_undoing_the_delete_of_two_people_selects_both_again(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar", "Mei")
    user.wait_to_see("2 selected")
    user.then_answer("Delete")
    user.click_button("Delete")
    user.qtbot.waitUntil(lambda: app.workspace.people.contacts.count() == len(ids) - 2)

    _choose_from_menu_bar(app, "Edit", "Undo Delete 2 people")
    user.qtbot.waitUntil(lambda: app.workspace.people.contacts.count() == len(ids))
    user.wait_to_see("2 selected")
    assert _editor_name(app) in {"Omar Haddad", "Mei Chen"}
