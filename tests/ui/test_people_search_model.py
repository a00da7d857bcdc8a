"""The People table model's search as typed key by key: whatever shortcut it takes (rows kept
from the last query, words already matched, texts copied in name order, cell texts kept from the
last paint), each step shows exactly the people a plain search of everyone shows."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft, ContactSummary
from chatplanner.services.contact_search import matches, search_words
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people.table_model import (
    COMPANY,
    LAST_CONTACT,
    NAME,
    PeopleFilter,
    PeopleTableModel,
)
from tests.profiles import OpenWorkspace

PEOPLE = (
    ("Zoë", "Brontë", "Beta", "Montréal"),
    ("Zoe", "Baker", "Acme", "Toronto"),
    ("伟", "李", "Acme", "北京"),
    ("محمد", "علي", "Beta", "Dubai"),
    ("Anna", "Kowalska", "Cobalt", "Kraków"),
    ("Élodie", "Lefèvre", "Acme", "Paris"),
    ("Carl", "Zed", None, None),
    ("", "", "Acme", "Toronto"),
)


@pytest.fixture
def rows(open_workspace: OpenWorkspace) -> list[ContactSummary]:
    workspace: Workspace = open_workspace()
    for first, last, company, city in PEOPLE:
        workspace.people.contact_edits.create(
            ContactDraft(
                first_name=first,
                last_name=last,
                email=None if first or last else "nameless@example.com",  # listed last
                company=company,
                city=city,
            )
        )
    archived = workspace.people.contact_edits.create(
        ContactDraft(first_name="Zoltan", last_name="Old")
    )
    workspace.people.contact_edits.set_archived([archived.id], True)
    return workspace.people.contacts.list_summaries(include_archived=True)


def shown(model: PeopleTableModel) -> list[int]:
    return [model.record_at(row).id for row in range(model.rowCount())]


def plain_search(model: PeopleTableModel, rows: list[ContactSummary], text: str) -> list[int]:
    """Everyone the row filters keep, in the table's order, holding every word typed."""
    words = search_words(text)
    keep = {s.id for s in rows if matches(s.search_text, words)}
    everyone = PeopleTableModel()
    everyone.set_rows(rows)
    order = Qt.SortOrder.DescendingOrder if model._descending else Qt.SortOrder.AscendingOrder
    everyone.sort(model._sort_column, order)
    everyone.set_filter(PeopleFilter(show_archived=model._filter.show_archived))
    return [i for i in shown(everyone) if i in keep]


def test_each_key_shows_what_a_plain_search_shows(qtbot: QtBot, rows: list[ContactSummary]) -> None:
    model = PeopleTableModel()
    model.set_rows(rows)
    typed = ""
    chosen = random.Random(16)
    queries = ["zoe", "acme toronto", "李", "محم", "lefevre", "ko wal", "zo bet", "toronto acme"]
    for query in queries:
        for step in [*query, *[None] * len(query)]:
            typed = typed + step if step is not None else typed[:-1]
            model.set_filter(PeopleFilter(text=typed, show_archived=model._filter.show_archived))
            assert shown(model) == plain_search(model, rows, typed), typed
        if chosen.random() < 0.5:  # sorted another way, or with the archived, part of the time
            model.sort(chosen.choice([NAME, COMPANY]), Qt.SortOrder.DescendingOrder)
        model.set_filter(PeopleFilter(show_archived=not model._filter.show_archived))
    model.set_filter(PeopleFilter(text="zo", show_archived=True))
    assert {model.record_at(row).first_name for row in range(model.rowCount())} == {
        "Zoë",
        "Zoe",
        "Zoltan",
    }


def test_cell_texts_follow_the_rows_and_the_zone(qtbot: QtBot, rows: list[ContactSummary]) -> None:
    model = PeopleTableModel()
    model.set_rows(rows)
    model.set_filter(PeopleFilter(text="kowalska"))
    assert model.index(0, NAME).data() == "Anna Kowalska"
    anna = model.record_at(0)
    model.update_rows([anna._replace(first_name="Ania")])
    assert model.index(0, NAME).data() == "Ania Kowalska"
    assert model.index(0, LAST_CONTACT).data() == ""
    met = datetime(2026, 3, 3, 2, tzinfo=UTC)
    model.update_rows([model.record_at(0)._replace(last_contact_at=met)])
    assert model.index(0, LAST_CONTACT).data() == "3 Mar 2026"
    model.zone = ZoneInfo("America/Toronto")  # 2 a.m. UTC is the evening before in Toronto
    assert model.index(0, LAST_CONTACT).data() == "2 Mar 2026"


def test_the_rows_of_chosen_people_are_where_the_table_shows_them(
    qtbot: QtBot, rows: list[ContactSummary]
) -> None:
    model = PeopleTableModel()
    model.set_rows(rows)
    chooser = random.Random(5)
    ids = [s.id for s in rows] + [10**6]  # and someone not listed at all
    for text in ("", "z", "acme", "nobody at all"):
        model.set_filter(PeopleFilter(text=text))
        listed = shown(model)
        for count in (0, 1, 2, len(ids)):  # a few people, one at a time; many, in one pass
            chosen = chooser.sample(ids, count)
            expected = [row for row, contact_id in enumerate(listed) if contact_id in chosen]
            assert model.visible_rows_of(chosen) == expected, (text, chosen)
        # One at a time too, asked again after the list changed under the same question.
        for _ in range(2):
            for contact_id in ids:
                row = listed.index(contact_id) if contact_id in listed else None
                assert model.visible_row_of(contact_id) == row, (text, contact_id)
            model.sort(NAME, Qt.SortOrder.DescendingOrder)
            listed = shown(model)
        model.sort(NAME, Qt.SortOrder.AscendingOrder)
