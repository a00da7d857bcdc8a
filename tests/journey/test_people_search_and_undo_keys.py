"""People: the selection lives through a search, and Ctrl+Z in a field just saved undoes the save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from chatplanner.ui.views.people import PeoplePage
from tests.journey.conftest import App, Launch
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

    _search(app, "priya")  # hidden: nobody selected, and once the typing pauses the editor
    assert not user.sees("1 selected")  # shows nobody
    assert not _selected_names(app)
    user.wait_to_see("Select a person to see their details")

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


def _save_omars_company_by_key(app: App) -> tuple[dict[str, int], QLineEdit]:
    """Omar's company typed over with "Northline" and saved with Ctrl+S in the field."""
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    company = user.labelled("Company")
    assert isinstance(company, QLineEdit)
    user.type_into(company, "Northline", replace=True)
    user.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, widget=company)
    contacts = app.workspace.people.contacts
    user.qtbot.waitUntil(lambda: contacts.get(ids["Omar"]).draft.company == "Northline")
    return ids, company


def test_ctrl_z_in_the_field_just_saved_undoes_the_save(app: App) -> None:
    ids, company = _save_omars_company_by_key(app)
    user = app.user
    contacts = app.workspace.people.contacts
    assert company.hasFocus()

    user.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, widget=company)
    user.qtbot.waitUntil(lambda: contacts.get(ids["Omar"]).draft.company == "EllisDon")
    user.qtbot.waitUntil(lambda: company.text() == "EllisDon")


def test_ctrl_z_while_typing_undoes_the_typing_first(app: App) -> None:
    ids, company = _save_omars_company_by_key(app)
    user = app.user
    contacts = app.workspace.people.contacts

    user.type_into(company, " Ltd")
    user.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, widget=company)
    # The field's own typing goes first; what was saved stays.
    assert company.text() != "Northline Ltd"
    assert contacts.get(ids["Omar"]).draft.company == "Northline"


def test_search_results_open_at_the_current_person(launch: Launch, demo_profile: Path) -> None:
    app = launch(demo_profile)
    user = app.user
    user.go_to("People")
    people = user.table("Stage")
    bar = people.verticalScrollBar()

    def scroll(notches: int) -> None:
        for _notch in range(abs(notches)):
            user.wheel(people.viewport(), -1 if notches < 0 else 1)

    def current_in_view() -> bool:
        rows = people.selectionModel().selectedRows()
        return len(rows) == 1 and people.viewport().rect().intersects(people.visualRect(rows[0]))

    scroll(-40)  # down to the end of the list: the last person there becomes the current one
    user.qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    last = people.indexAt(people.viewport().rect().bottomLeft() + QPoint(5, -5))
    name = str(last.data())
    user.click_row(people, name)
    user.wait_to_see("1 selected")
    scroll(40)  # back to the top, the current person out of view
    user.qtbot.waitUntil(lambda: bar.value() == 0)
    assert not current_in_view()

    _search(app, "a")  # results that still hold them: the list shows them
    assert name in user.rows(people, 0)
    assert bar.maximum() > 0
    assert current_in_view()

    first = user.rows(people, 0)[0]
    user.click_row(people, first)
    scroll(-40)  # the new current person at the top, the list at its end
    user.qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    _search(app, "")
    user.wait_to_see("1 selected")
    assert str(people.selectionModel().selectedRows()[0].data()) == first
    assert current_in_view()


def test_clear_and_escape_take_the_search_back_like_erasing_it(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user
    for take_back in ("Clear", "Escape"):
        _select(app, "Omar")
        user.wait_to_see("1 selected")
        box = user.named("Search people", QLineEdit)
        _search(app, "priya")  # Omar hidden; Priya the one row listed
        assert not _selected_names(app)
        if take_back == "Clear":
            user.click_button("Clear")
        else:
            user.qtbot.keyClick(box, Qt.Key.Key_Escape)
        user.wait_to_see("1 selected")
        assert box.text() == ""
        assert [name for name in _selected_names(app) if "Omar" in name], take_back
        assert _editor_name(app) == "Omar Haddad"
        assert box.hasFocus()  # where the user types the next search
