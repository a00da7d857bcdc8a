"""Archiving the person shown, through the window: the editor never shows someone who is not
selected, and Undo brings the person back selected and shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft, ContactSummary
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people import confirm
from chatplanner.ui.people.editor_pane import EDITOR, HINT
from chatplanner.ui.people.table_model import NAME
from chatplanner.ui.views.people import PeoplePage
from tests.ui.windows import ShowWindow

from .test_words_in_the_window import go_to


def _click_row(qtbot: QtBot, page: PeoplePage, row: int) -> None:
    page.table.scrollTo(page.model.index(row, NAME))
    cell = page.table.visualRect(page.model.index(row, NAME)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)


def _archived_by_click(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow, row: int
) -> tuple[MainWindow, PeoplePage, ContactSummary]:
    """The demo's People, the person on `row` clicked, shown, then archived with the bar's
    button: the window, the page and who was archived."""
    window = show_window(demo)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    _click_row(qtbot, page, row)
    chosen = page.model.record_at(row)
    qtbot.waitUntil(lambda: page.detail.contact_id == chosen.id)
    qtbot.mouseClick(page.selection_bar.archive_button, Qt.MouseButton.LeftButton)
    return window, page, chosen


def test_archiving_the_person_shown_leaves_nobody_in_the_editor_and_undo_brings_them_back(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow
) -> None:
    everyone = len(demo.people.contacts.list_summaries())
    window, page, chosen = _archived_by_click(qtbot, demo, show_window, 3)
    qtbot.wait(50)  # whatever the view does after the rows change, done
    assert page.model.rowCount() == everyone - 1
    assert page.selected_ids() == []
    assert page.detail_stack.currentIndex() == HINT  # nobody, as nobody is selected
    assert window.statusBar().currentMessage().startswith("Archived 1 person")
    # Listed only on asking, the archived are counted apart.
    assert page.header.subtitle_label.text() == "39 people · 1 archived · 39 shown"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == everyone)
    assert page.selected_ids() == [chosen.id]
    assert page.current_id() == chosen.id
    assert page.detail_stack.currentIndex() == EDITOR
    assert page.detail.contact_id == chosen.id
    assert page.detail.first_name.text() == chosen.first_name


def test_a_search_that_matches_only_the_archived_says_where_they_are(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow
) -> None:
    _window, page, archived = _archived_by_click(qtbot, demo, show_window, 0)
    qtbot.mouseClick(page.filters.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.filters.search, archived.first_name)
    assert page.model.rowCount() == 0
    said = "Nobody matches.\nArchived people do: tick Archived to see them."
    assert page.table.nobody_text == said
    # Painted in the middle of the table (a band around it: the words may wrap to two lines).
    picture = page.table.viewport().grab().toImage()
    background = picture.pixelColor(2, 2)
    middle = picture.height() // 2
    band = [
        picture.pixelColor(x, y)
        for y in range(middle - 20, middle + 20)
        for x in range(0, picture.width(), 2)
    ]
    assert any(colour != background for colour in band)
    qtbot.mouseClick(page.filters.archived, Qt.MouseButton.LeftButton)
    assert [page.model.record_at(r).id for r in range(page.model.rowCount())] == [archived.id]
    assert page.table.nobody_text == ""


def test_the_table_points_to_archived_people_only_where_they_would_match(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow
) -> None:
    _window, page, _archived = _archived_by_click(qtbot, demo, show_window, 0)
    qtbot.mouseClick(page.filters.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.filters.search, "qqq")  # nobody at all
    assert page.model.rowCount() == 0
    assert page.table.nobody_text == "Nobody matches."
    qtbot.mouseClick(page.filters.archived, Qt.MouseButton.LeftButton)
    assert page.table.nobody_text == "Nobody matches."
    qtbot.mouseClick(page.filters.archived, Qt.MouseButton.LeftButton)
    page.filters.search.clear()
    assert page.model.rowCount() > 0
    assert page.table.nobody_text == ""


def test_a_network_all_archived_says_so(
    qtbot: QtBot, workspace: Workspace, show_window: ShowWindow
) -> None:
    for given in ("Zoe", "Yuri"):
        workspace.people.contact_edits.create(ContactDraft(first_name=given, last_name="Alpha"))
    ids = [s.id for s in workspace.people.contacts.list_summaries()]
    workspace.people.contact_edits.set_archived(ids, True)
    window = show_window(workspace)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    assert page.header.subtitle_label.text() == "0 people · 2 archived · 0 shown"
    assert page.table.nobody_text == "Everyone here is archived: tick Archived to see them."


def test_ctrl_end_and_ctrl_home_select_the_person_they_show_and_delete_asks_about_them(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found in a walkthrough: Ctrl+End showed the last person in the editor while the row
    # clicked before stayed selected, and the bar's Delete asked to delete that one.
    asked: list[list[str]] = []

    def answer(_parent: object, names: list[str], *_rest: object) -> bool:
        asked.append(names)
        return False  # nothing deleted

    monkeypatch.setattr(confirm, "confirm_deletion", answer)
    window = show_window(demo)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    _click_row(qtbot, page, 2)
    qtbot.waitUntil(lambda: page.detail.contact_id == page.model.record_at(2).id)

    for key, row in ((Qt.Key.Key_End, page.model.rowCount() - 1), (Qt.Key.Key_Home, 0)):
        qtbot.keyClick(page.table, key, Qt.KeyboardModifier.ControlModifier)
        shown_id = page.model.record_at(row).id
        qtbot.waitUntil(lambda: page.detail.contact_id == shown_id)  # noqa: B023 - waited for here
        assert page.selected_ids() == [shown_id]
        assert page.selection_bar.isVisible()
        assert (
            page.table.viewport()
            .rect()
            .intersects(page.table.visualRect(page.model.index(row, NAME)))
        )

    qtbot.mouseClick(page.selection_bar.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [[page.model.record_at(0).display_name]]

    # With Shift too, from the person clicked to the last one: all of them selected.
    _click_row(qtbot, page, 2)
    qtbot.waitUntil(lambda: page.detail.contact_id == page.model.record_at(2).id)
    last = page.model.rowCount() - 1
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_End,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert page.selected_ids() == [page.model.record_at(row).id for row in range(2, last + 1)]
    assert page.table.currentIndex().row() == last
