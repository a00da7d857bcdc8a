"""People is made while the window waits on Today: its modules a turn at a time, then the page,
which reads the list (a large network's in the background). A click on People then shows
everyone at once, and what changed meanwhile is shown too."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.services.contacts import ContactService
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people import list_read
from chatplanner.ui.people.table_model import NAME
from chatplanner.ui.views.people import PeoplePage
from tests.ui.windows import ShowWindow, click_in_navigation


def _made_ahead(qtbot: QtBot, window: MainWindow) -> PeoplePage:
    qtbot.waitUntil(lambda: "people" in [page.key for page in window.built_pages()], timeout=10_000)
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    return people


def _click_people(qtbot: QtBot, window: MainWindow) -> None:
    click_in_navigation(qtbot, window, "people")


def _names_on_screen(people: PeoplePage) -> list[str]:
    table, model = people.table, people.model
    shown = table.viewport().rect()
    return [
        model.texts_at(row)[NAME]
        for row in range(model.rowCount())
        if shown.intersects(table.visualRect(model.index(row, NAME)))
    ]


def _everyone_listed(workspace: Workspace) -> int:
    return len(workspace.people.contacts.list_summaries())


def test_people_is_made_while_today_is_read_and_a_click_shows_everyone_at_once(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    window = show_window(demo)
    people = _made_ahead(qtbot, window)
    today = window.page("today")
    assert window.stack.currentWidget() is today
    assert today.isVisible()
    assert not people.isVisible()

    _click_people(qtbot, window)
    # Everyone is there in the same turn as the click: nothing is read or built after it.
    assert window.stack.currentWidget() is people
    assert people.table.isVisible()
    assert people.model.rowCount() == _everyone_listed(demo)
    first = people.model.record_at(0)
    assert _names_on_screen(people)[0] == first.display_name
    # The editor opens on the first person once the list is painted.
    qtbot.waitUntil(lambda: people.detail.contact_id == first.id, timeout=5000)
    assert people.detail.isVisible()


def test_a_large_network_is_read_in_the_background_while_today_is_shown(
    qtbot: QtBot,
    show_window: ShowWindow,
    demo: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 3)  # the demo counts as large
    everyone = demo.people.contacts.count()
    window = show_window(demo)
    people = _made_ahead(qtbot, window)
    # The first screen holds the demo's 40 people already: wait for the whole list's read.
    qtbot.waitUntil(lambda: not people.loader.running, timeout=10_000)
    assert people.model.total_count(include_archived=True) == everyone
    assert window.stack.currentWidget() is window.page("today")

    _click_people(qtbot, window)
    assert people.table.isVisible()
    assert people.model.rowCount() == _everyone_listed(demo)
    # Not "Loading all ... people": the whole list is in.
    assert people.header.subtitle_label.text().startswith(f"{everyone} people")
    assert len(_names_on_screen(people)) > 5


def test_someone_added_elsewhere_after_people_was_made_is_listed_on_the_click(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    window = show_window(demo)
    people = _made_ahead(qtbot, window)
    before = people.model.rowCount()
    # As the command line, or a sync, would add them while the window shows Today.
    demo.people.contact_edits.create(ContactDraft(first_name="Aarav", last_name="Aaberg"))

    _click_people(qtbot, window)
    qtbot.waitUntil(lambda: people.model.rowCount() == before + 1, timeout=5000)
    qtbot.waitUntil(lambda: "Aarav Aaberg" in _names_on_screen(people), timeout=5000)


def test_someone_added_while_the_whole_list_is_read_stays_listed_once_it_is_in(
    qtbot: QtBot,
    show_window: ShowWindow,
    demo: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Found in a walkthrough: a person saved in the first second, while a large network's list
    # was still being read, was written but missing from the list until a restart (the read,
    # begun before the save, replaced the rows).
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 3)
    release = threading.Event()
    read_everyone = list_read.read_everyone

    def held(contacts: ContactService, go: threading.Event | None = None) -> object:
        found = read_everyone(contacts, go)  # read before the save, as the race goes
        release.wait(10)
        return found

    monkeypatch.setattr(list_read, "read_everyone", held)
    window = show_window(demo)
    _click_people(qtbot, window)
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    qtbot.waitUntil(lambda: people.model.rowCount() > 0, timeout=5000)
    assert people.loader.running  # the whole list still being read
    qtbot.keyClick(people.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(people.detail.first_name, "Zed")
    qtbot.keyClicks(people.detail.last_name, "Walkthree")
    qtbot.keyClick(people.detail.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: people.detail.contact_id is not None, timeout=5000)
    created = people.detail.contact_id
    assert created is not None

    release.set()
    qtbot.waitUntil(lambda: not people.loader.running, timeout=10_000)
    everyone = demo.people.contacts.count()
    assert people.model.total_count(include_archived=True) == everyone
    assert people.model.visible_row_of(created) is not None
    qtbot.keyClicks(people.filters.search, "Walkthree")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=5000)
    assert "Zed Walkthree" in _names_on_screen(people)
