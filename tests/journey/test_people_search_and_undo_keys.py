"""People: the selection lives through a search, and Ctrl+Z in a field just saved undoes the save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from chatplanner.ui.views.people import PeoplePage
from tests.journey.conftest import App
from tests.journey.story import sorted_out
from tests.journey.test_04_first_messages import _select


def _search(app: App, words: str) -> None:
    """Erase the search box, then type `words` into it."""
    box = app.user.named("Search people", QLineEdit)
    app.user.type_into(box, words, replace=True)


def _selected_names(app: App) -> list[str]:
    people = app.user.table("Stage")
    return [str(index.data()) for index in people.selectionModel().selectedRows()]


def _editor_name(app: App) -> str:
    first = app.user.labelled("First name")
    last = app.user.labelled("Last name")
    assert isinstance(first, QLineEdit)
    assert isinstance(last, QLineEdit)
    return f"{first.text()} {last.text()}".strip()


def _delete_enabled(app: App) -> bool:
    page = app.window.page("people")
    assert isinstance(page, PeoplePage)
    return page.selection_bar.delete_button.isEnabled()


def test_the_selection_stays_through_a_search_and_comes_back_after_it(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    user.wait_to_see("1 selected")

    _search(app, "omar")  # Omar is still listed: still selected, still in the editor
    assert user.sees("1 selected")
    assert [name for name in _selected_names(app) if "Omar" in name]
    assert _delete_enabled(app)
    assert _editor_name(app) == "Omar Haddad"

    _search(app, "priya")  # hidden: nobody selected, the editor shows nobody
    assert not user.sees("1 selected")
    assert not _selected_names(app)
    assert user.sees("Select a person to see their details")

    _search(app, "")  # erased: Omar is selected again and back in the editor
    user.wait_to_see("1 selected")
    assert [name for name in _selected_names(app) if "Omar" in name]
    assert _editor_name(app) == "Omar Haddad"

    # The bulk buttons act on him: Delete removes Omar and no one else.
    user.then_answer("Delete")
    user.click_button("Delete")
    user.qtbot.waitUntil(lambda: app.workspace.people.contacts.count() == len(ids) - 1)
    remaining = {c.id for c in app.workspace.people.contacts.list_summaries(include_archived=True)}
    assert ids["Omar"] not in remaining


def test_choosing_someone_else_during_a_search_forgets_the_hidden_selection(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    _search(app, "priya")
    user.click_row(user.table("Stage"), "Priya")
    user.wait_to_see("1 selected")
    _search(app, "")
    user.wait_to_see("1 selected")
    assert [name for name in _selected_names(app) if "Priya" in name]
    assert _editor_name(app) == "Priya Raman"


def test_ctrl_z_in_the_field_just_saved_undoes_the_save(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    company = user.labelled("Company")
    assert isinstance(company, QLineEdit)
    user.type_into(company, "Northline", replace=True)
    user.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, widget=company)
    contacts = app.workspace.people.contacts
    user.qtbot.waitUntil(lambda: contacts.get(ids["Omar"]).draft.company == "Northline")
    assert company.hasFocus()

    user.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, widget=company)
    user.qtbot.waitUntil(lambda: contacts.get(ids["Omar"]).draft.company == "EllisDon")
    user.qtbot.waitUntil(lambda: company.text() == "EllisDon")


def test_ctrl_z_while_typing_undoes_the_typing_first(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    company = user.labelled("Company")
    assert isinstance(company, QLineEdit)
    user.type_into(company, "Northline", replace=True)
    user.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, widget=company)
    contacts = app.workspace.people.contacts
    user.qtbot.waitUntil(lambda: contacts.get(ids["Omar"]).draft.company == "Northline")

    user.type_into(company, " Ltd")
    user.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, widget=company)
    # The field's own typing goes first; what was saved stays.
    assert company.text() != "Northline Ltd"
    assert contacts.get(ids["Omar"]).draft.company == "Northline"
