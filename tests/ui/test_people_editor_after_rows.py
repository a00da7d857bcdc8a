"""A large network on People: the first rows are painted, then the whole list is read, before the
person editor is made; then the editor opens on the person the list opens on, and works as it
always did. A person clicked while the list is read opens at once."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft, ContactSummary
from chatplanner.services.contacts import ContactService
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people import editor_pane, list_read
from chatplanner.ui.people.editor_pane import EDITOR, HINT_TEXT
from chatplanner.ui.people.table_model import NAME
from chatplanner.ui.views import people as people_view
from chatplanner.ui.views.people import PeoplePage
from tests.ui.windows import ShowWindow

from .test_words_in_the_window import go_to


class _ListPaints(QObject):
    """At each paint of the list with rows in it: whether the editor had been made."""

    def __init__(self, page: PeoplePage) -> None:
        super().__init__(page)
        self._page = page
        self.editor_made: list[bool] = []
        page.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._page.model.rowCount():
            self.editor_made.append(self._page.detail_stack.made_editor is not None)
        return False


class _EditorMade(QObject):
    """How many people the list held when the editor was made in its pane."""

    def __init__(self, page: PeoplePage) -> None:
        super().__init__(page)
        self._page = page
        self.rows_then: list[int] = []
        page.detail_stack.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and self._page.detail_stack.made_editor is None:
            self.rows_then.append(self._page.model.total_count(include_archived=True))
        return False


def _editor_shows(page: PeoplePage, contact_id: int) -> bool:
    editor = page.detail_stack.made_editor
    return (
        editor is not None
        and page.detail_stack.currentIndex() == EDITOR
        and editor.contact_id == contact_id
    )


def _on_people_while_read(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    monkeypatch: pytest.MonkeyPatch,
    people: tuple[tuple[str, str], ...],
) -> tuple[PeoplePage, threading.Event]:
    """These people as a large network, its first screen of two shown on People by a click in
    the window; the whole list is read only once the event returned is set."""
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 2)
    read_everyone = list_read.read_everyone
    may_read = threading.Event()

    def held_back(contacts: ContactService, go: threading.Event | None = None) -> object:
        may_read.wait(10)
        return read_everyone(contacts, go)

    monkeypatch.setattr(list_read, "read_everyone", held_back)
    return _on_people(qtbot, workspace, show_window, people), may_read


def _on_people(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    people: tuple[tuple[str, str], ...],
) -> PeoplePage:
    """These people, and the window on People, chosen by a click."""
    for given, family in people:
        workspace.people.contact_edits.create(ContactDraft(first_name=given, last_name=family))
    window = show_window(workspace)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    return page


def test_the_first_rows_are_painted_before_the_editor_opens_on_the_first_person(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)  # as for a large network
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 2)
    # The page is made before the click below: however slow the machine, it waits for the paint.
    monkeypatch.setattr(editor_pane, "OPEN_AT_LATEST_MS", 60_000)
    for given, family in (("Zoë", "Brontë"), ("Ann", "Archer"), ("Carl", "Zed")):
        workspace.people.contact_edits.create(ContactDraft(first_name=given, last_name=family))
    window = show_window(workspace)
    page = window.page("people")  # made as the click makes it, to watch its first paint
    assert isinstance(page, PeoplePage)
    paints = _ListPaints(page)
    made = _EditorMade(page)
    assert page.detail_stack.hint.text() == ""  # not "Select a person": the list opens on one

    go_to(qtbot, window, "People")
    first = page.model.record_at(0)
    assert first.display_name == "Ann Archer"
    qtbot.waitUntil(lambda: _editor_shows(page, first.id))
    assert paints.editor_made[0] is False
    assert made.rows_then == [3]  # made once, when everyone was in
    assert page.current_id() == first.id
    assert page.detail.first_name.text() == "Ann"
    assert page.detail_stack.hint.text() == HINT_TEXT

    # The whole list in, the next person clicked: the editor follows the selection.
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    second = page.model.record_at(1)
    cell = page.table.visualRect(page.model.index(1, NAME)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.waitUntil(lambda: _editor_shows(page, second.id))
    assert page.detail.first_name.text() == second.first_name


def test_a_list_that_is_not_painted_opens_its_first_person_a_moment_later(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(editor_pane, "OPEN_AT_LATEST_MS", 50)
    workspace.people.contact_edits.create(ContactDraft(first_name="Ann", last_name="Archer"))
    page = PeoplePage(workspace, QUndoStack())  # never shown, so its list is never painted
    qtbot.addWidget(page)
    first = page.model.record_at(0)
    assert page.detail_stack.made_editor is None
    qtbot.waitUntil(lambda: _editor_shows(page, first.id))
    assert page.detail_stack.hint.text() == HINT_TEXT


def test_a_person_clicked_while_the_whole_list_is_read_opens_at_once(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(editor_pane, "OPEN_AT_LATEST_MS", 60_000)
    people = (("Ann", "Archer"), ("Bea", "Bell"), ("Carl", "Zed"))
    # The whole list is still read while the user clicks.
    page, may_read = _on_people_while_read(qtbot, workspace, show_window, monkeypatch, people)
    try:
        assert page.model.rowCount() == 2
        second = page.model.record_at(1)
        cell = page.table.visualRect(page.model.index(1, NAME)).center()
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.waitUntil(lambda: _editor_shows(page, second.id))
        assert page.model.total_count(include_archived=True) == 2  # still being read
    finally:
        may_read.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert page.current_id() == second.id
    assert _editor_shows(page, second.id)


def test_a_search_typed_while_the_whole_list_is_read_counts_and_chooses_nobody_too_soon(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typed while only the first screen is in, a search says no count of that screen, and
    the whole list, once in, does not open on a match the user did not choose."""
    people = (("Ann", "Archer"), ("Bea", "Bell"), ("Zoë", "Zed"))
    page, may_read = _on_people_while_read(qtbot, workspace, show_window, monkeypatch, people)
    try:
        assert page.current_id() is not None  # the page opened on Ann
        qtbot.mouseClick(page.filters.search, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(page.filters.search, "zo")
        assert page.model.rowCount() == 0  # Zoë is not in the first screen
        assert page.header.subtitle_label.text() == "Loading all 3 people…"
    finally:
        may_read.set()
    qtbot.waitUntil(lambda: page.model.total_count(include_archived=True) == 3, timeout=5000)
    assert [page.model.record_at(0).first_name] == ["Zoë"]
    assert page.header.subtitle_label.text() == "3 people · 1 shown"
    assert page.selected_ids() == []
    assert page.current_id() is None
    assert page.filters.search.text() == "zo"
    # Cleared, the search shows everyone and Ann, whom the page opened on, again.
    page.filters.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.current_id() == page.model.record_at(0).id
    assert page.model.record_at(0).first_name == "Ann"


def test_a_name_opened_from_today_on_a_large_network_opens_that_person(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before People was ever shown: its first screen holds someone else, the whole list is
    still to be read, and it is that person who opens."""
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 1)
    for given, family in (("Ann", "Archer"), ("Bea", "Bell"), ("Zoë", "Zed")):
        workspace.people.contact_edits.create(ContactDraft(first_name=given, last_name=family))
    zoe = next(s for s in workspace.people.contacts.list_summaries() if s.first_name == "Zoë")
    window = show_window(workspace)  # on Today
    window.open_contact(zoe.id)  # what a click on her name on a card does
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: _editor_shows(page, zoe.id))
    assert page.current_id() == zoe.id
    assert page.selected_ids() == [zoe.id]
    assert page.detail.first_name.text() == "Zoë"
    qtbot.wait(100)  # nothing that comes in later moves the selection
    assert page.current_id() == zoe.id
    assert page.model.total_count(include_archived=True) == 3


def _people_open_on_ann(
    qtbot: QtBot,
    workspace: Workspace,
    show_window: ShowWindow,
    people: tuple[tuple[str, str], ...],
) -> tuple[PeoplePage, ContactSummary]:
    """These people (Ann Archer first by name) on People, chosen in the window, with the editor
    open on Ann."""
    page = _on_people(qtbot, workspace, show_window, people)
    ann = page.model.record_at(0)
    assert ann.display_name == "Ann Archer"
    qtbot.waitUntil(lambda: _editor_shows(page, ann.id))
    return page, ann


def test_a_search_that_hides_the_person_edited_empties_the_editor_once_the_typing_pauses(
    qtbot: QtBot, workspace: Workspace, show_window: ShowWindow
) -> None:
    """Typed key by key: the person in the editor stays while a key hides them and the next
    lists them again (no switch at each key); once the typing pauses with them hidden, the
    editor shows nobody rather than someone not listed."""
    page, ann = _people_open_on_ann(
        qtbot, workspace, show_window, (("Ann", "Archer"), ("Zoë", "Brontë"), ("Carl", "Zed"))
    )
    switches: list[int] = []
    page.detail_stack.currentChanged.connect(switches.append)

    search = page.filters.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "z")  # Zoë and Carl Zed: Ann hidden
    assert page.model.rowCount() == 2
    assert _editor_shows(page, ann.id)
    qtbot.keyClick(search, Qt.Key.Key_Backspace)  # everyone again
    assert page.model.rowCount() == 3
    qtbot.wait(people_view.UNLISTED_HIDDEN_AFTER_MS + 100)
    assert switches == []
    assert _editor_shows(page, ann.id)
    assert page.current_id() == ann.id

    qtbot.keyClicks(search, "zo")  # Zoë alone
    assert _editor_shows(page, ann.id)
    qtbot.waitUntil(lambda: page.detail_stack.currentIndex() != EDITOR)
    assert page.detail_stack.hint.isVisible()
    assert page.detail_stack.hint.text() == HINT_TEXT
    # Listed again: the editor is back on them as it held them.
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: _editor_shows(page, ann.id))
    assert page.detail.first_name.text() == "Ann"


def test_a_click_into_the_editor_before_the_typing_pauses_keeps_the_person_hidden_by_the_search(
    qtbot: QtBot, workspace: Workspace, show_window: ShowWindow
) -> None:
    """The user clicks a field of the person a search has just hidden, before the editor gives
    way: the editor stays, and what they type goes into the field."""
    page, ann = _people_open_on_ann(
        qtbot, workspace, show_window, (("Ann", "Archer"), ("Zoë", "Brontë"))
    )
    search = page.filters.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "zo")  # Ann hidden
    company = page.detail.company
    qtbot.mouseClick(company, Qt.MouseButton.LeftButton)
    assert company.hasFocus()
    qtbot.wait(people_view.UNLISTED_HIDDEN_AFTER_MS + 100)
    assert _editor_shows(page, ann.id)
    qtbot.keyClicks(company, "Northline")
    assert company.text() == "Northline"
    assert page.detail.is_dirty
