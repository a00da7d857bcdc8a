"""The People list read in its opening order (`in_list_order`, which lets the table keep each
person's search text once rather than copy it) shows exactly what the list read by last name
shows: the same rows in the same order, however sorted or searched, a missing name key too."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from chatplanner.db.models import Contact
from chatplanner.domain.contacts import ContactDraft, ContactSummary
from chatplanner.domain.enums import ContactKind, OnlineActivity, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people.prepared_rows import prepare_rows
from chatplanner.ui.people.table_model import COMPANY, NAME, PeopleFilter, PeopleTableModel
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
# Equal name keys written differently (their order among equals is by last, first name, id),
# nameless people, and a company shared by several.
PEOPLE = (
    ("Zoë", "Brontë", "Beta"),
    ("ZOE", "BRONTE", "Acme"),
    ("Zoe", "Bronte", None),
    ("Zoe", "Bronte", "Acme"),
    ("Anna", "Kowalska", "Acme"),
    ("", "", "Acme"),
    ("", "", None),
    ("伟", "李", "Beta"),
    ("Carl", "Zed", "Cobalt"),
)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    workspace: Workspace = open_workspace(clock=lambda: NOW)
    edits = workspace.people.contact_edits
    for number, (first, last, company) in enumerate(PEOPLE):
        edits.create(
            ContactDraft(
                first_name=first,
                last_name=last,
                email=None if first or last else f"nameless{number}@example.com",
                company=company,
            )
        )
    archived = edits.create(ContactDraft(first_name="Zoltan", last_name="Old"))
    edits.set_archived([archived.id], True)
    return workspace


def shown(model: PeopleTableModel) -> list[int]:
    return [model.record_at(row).id for row in range(model.rowCount())]


def views(model: PeopleTableModel) -> list[list[int]]:
    """What the table shows sorted each way, with and without the archived, and searched."""
    seen = []
    for column in (NAME, COMPANY):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            for show_archived in (False, True):
                for text in ("", "zoe", "acme", "bronte z"):
                    model.set_filter(PeopleFilter(text=text, show_archived=show_archived))
                    seen.append(shown(model))
    return seen


def assert_same_list(workspace: Workspace, qtbot: QtBot) -> None:
    contacts = workspace.people.contacts
    by_last_name = contacts.list_summaries(include_archived=True)
    in_list_order = contacts.list_summaries(include_archived=True, in_list_order=True)
    assert sorted(in_list_order) == sorted(by_last_name)
    models = []
    for rows in (by_last_name, in_list_order):
        model = PeopleTableModel()
        model.set_rows(prepare_rows(rows))
        models.append(model)
    assert views(models[1]) == views(models[0])
    assert len(views(models[0])[0]) == len(PEOPLE)


def test_the_list_in_its_own_order_shows_the_same_rows(workspace: Workspace, qtbot: QtBot) -> None:
    contacts = workspace.people.contacts
    in_list_order = contacts.list_summaries(include_archived=True, in_list_order=True)
    assert [s.id for s in in_list_order] == contacts.ids_in_list_order(include_archived=True)
    prepared = prepare_rows(in_list_order)
    # Already in name order: the table keeps the summaries' own texts, not copies.
    assert prepared.by_name[0] == list(range(len(in_list_order)))
    assert all(t is s.search_text for t, s in zip(prepared.texts, in_list_order, strict=True))
    assert_same_list(workspace, qtbot)


def test_a_missing_name_key_still_gives_the_same_list(workspace: Workspace, qtbot: QtBot) -> None:
    with workspace.context.sessions.begin() as session:
        # As another tool would: a name changed, its key left to be made again.
        session.execute(
            update(Contact).where(Contact.first_name == "Carl").values(first_name="Aaron")
        )
        assert session.query(Contact).filter(Contact.name_key.is_(None)).count() == 1
    assert_same_list(workspace, qtbot)


def test_a_person_renamed_after_the_list_was_read_keeps_one_text_each(
    workspace: Workspace, qtbot: QtBot
) -> None:
    contacts = workspace.people.contacts
    model = PeopleTableModel()
    model.set_rows(prepare_rows(contacts.list_summaries(include_archived=True, in_list_order=True)))
    anna = next(s for s in contacts.list_summaries() if s.first_name == "Anna")
    draft = contacts.get(anna.id).draft
    workspace.people.contact_edits.update(anna.id, replace(draft, last_name="Aalto"))
    model.update_rows(contacts.summaries([anna.id]))
    fresh = PeopleTableModel()
    fresh.set_rows(prepare_rows(contacts.list_summaries(include_archived=True)))
    assert views(model) == views(fresh)
    assert model.summary_of(anna.id) == contacts.summaries([anna.id])[0]


def summary(number: int, name: str) -> ContactSummary:
    return ContactSummary(
        id=number,
        first_name=name,
        last_name="",
        company=None,
        title=None,
        city=None,
        kind=ContactKind.PEER,
        stage=Stage.NOT_CONTACTED,
        goal=None,
        online_activity=OnlineActivity.UNKNOWN,
        last_contact_at=None,
        group_ids=(),
        archived=False,
        search_text=f"{name}\nacme",
    )


def test_rows_nearly_in_name_order_keep_their_own_texts() -> None:
    in_order = [summary(n, f"person {n:04}") for n in range(1000)]
    moved = [*in_order[:10], *in_order[11:500], in_order[10], *in_order[500:]]  # one edited
    for rows in (in_order, moved):
        prepared = prepare_rows(rows)
        assert [rows[i].id for i in prepared.by_name[0]] == list(range(1000))
        assert all(t is s.search_text for t, s in zip(prepared.texts, rows, strict=True))
    # Read in another order (by last name): a copy of each text, made in name order.
    shuffled = in_order[::2] + in_order[1::2]
    prepared = prepare_rows(shuffled)
    assert [shuffled[i].id for i in prepared.by_name[0]] == list(range(1000))
    assert prepared.texts == [s.search_text for s in shuffled]
    assert not any(t is s.search_text for t, s in zip(prepared.texts, shuffled, strict=True))
