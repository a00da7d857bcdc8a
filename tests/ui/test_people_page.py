from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people import confirm
from chatplanner.ui.people.detail_panel import RECRUITER_NOTICE
from chatplanner.ui.people.group_manager import GroupManagerDialog
from chatplanner.ui.people.table_model import COMPANY, NAME
from chatplanner.ui.views import people as people_view
from chatplanner.ui.views.people import PeoplePage


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "p") as opened:
        group = opened.groups.create("Women in Data")
        opened.contacts.create(
            ContactDraft(first_name="Zoë", last_name="Brontë", company="Beta", city="Montréal")
        )
        opened.contacts.create(
            ContactDraft(
                first_name="Ann",
                last_name="<b>Bold</b>",
                company="Acme",
                kind=ContactKind.RECRUITER,
                group_ids=(group.id,),
            )
        )
        opened.contacts.create(
            ContactDraft(first_name="Carl", last_name="Zed", company="Cobalt", notes="Met at PMI")
        )
        yield opened


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> PeoplePage:
    stack = QUndoStack()
    made = PeoplePage(workspace, stack)
    made._test_undo = stack  # type: ignore[attr-defined]
    qtbot.addWidget(made)
    made.resize(1200, 800)
    made.show()
    return made


def names(page: PeoplePage) -> list[str]:
    model = page.model
    return [str(model.index(row, NAME).data()) for row in range(model.rowCount())]


def select(page: PeoplePage, *first_names: str) -> list[int]:
    ids = [s.id for s in page.model._rows if s.first_name in first_names]
    page._restore_selection(ids, ids[0])
    return ids


def undo_stack(page: PeoplePage) -> QUndoStack:
    return page._test_undo  # type: ignore[attr-defined,no-any-return]


def test_the_page_lists_everyone_sorted_by_name_and_counts_them(page: PeoplePage) -> None:
    assert names(page) == ["Ann <b>Bold</b>", "Carl Zed", "Zoë Brontë"]
    assert page.header.subtitle_label.text() == "3 people · 3 shown"


def test_typing_in_search_filters_accent_insensitively(page: PeoplePage, qtbot: QtBot) -> None:
    assert page.focus_search()
    qtbot.keyClicks(page.filters.search, "zoe")
    assert names(page) == ["Zoë Brontë"]
    assert page.header.subtitle_label.text() == "3 people · 1 shown"
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "pmi")  # notes are searched too
    assert names(page) == ["Carl Zed"]
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "women")  # and group names
    assert names(page) == ["Ann <b>Bold</b>"]


def test_sorting_by_company_both_ways(page: PeoplePage) -> None:
    page.table.sortByColumn(COMPANY, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["Ann <b>Bold</b>", "Zoë Brontë", "Carl Zed"]
    page.table.sortByColumn(COMPANY, Qt.SortOrder.DescendingOrder)
    assert names(page) == ["Carl Zed", "Zoë Brontë", "Ann <b>Bold</b>"]


def test_filter_by_kind_and_group(page: PeoplePage) -> None:
    page.filters.kind.setCurrentIndex(page.filters.kind.findData(ContactKind.RECRUITER))
    assert names(page) == ["Ann <b>Bold</b>"]
    page.filters.clear()
    assert len(names(page)) == 3
    page.filters.group.setCurrentIndex(1)
    assert names(page) == ["Ann <b>Bold</b>"]
    page.filters.clear()
    page.filters.stage.setCurrentIndex(page.filters.stage.findData(Stage.MET))
    assert names(page) == []


def test_bulk_set_kind_then_undo_and_redo(page: PeoplePage, workspace: Workspace) -> None:
    ids = select(page, "Zoë", "Carl")
    page.set_kind(ContactKind.MENTOR)
    kinds = {s.id: s.kind for s in workspace.contacts.list_summaries()}
    assert all(kinds[i] is ContactKind.MENTOR for i in ids)
    assert page.model.summary_of(ids[0]).kind is ContactKind.MENTOR  # type: ignore[union-attr]
    undo_stack(page).undo()
    kinds = {s.id: s.kind for s in workspace.contacts.list_summaries()}
    assert all(kinds[i] is ContactKind.OTHER for i in ids)
    assert page.model.summary_of(ids[0]).kind is ContactKind.OTHER  # type: ignore[union-attr]
    undo_stack(page).redo()
    assert page.model.summary_of(ids[1]).kind is ContactKind.MENTOR  # type: ignore[union-attr]


def test_archive_hides_people_until_archived_is_shown(page: PeoplePage) -> None:
    select(page, "Carl")
    page.toggle_archived()
    assert "Carl Zed" not in names(page)
    page.filters.archived.setChecked(True)
    assert "Carl Zed (archived)" in names(page)
    undo_stack(page).undo()
    assert "Carl Zed" in names(page)


def test_delete_asks_saying_what_goes_then_undo_brings_back_the_same_person(
    page: PeoplePage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    asked: list[tuple[list[str], int, str]] = []

    def answer(_parent: object, shown: list[str], total: int, impact: str) -> bool:
        asked.append((shown, total, impact))
        return True

    monkeypatch.setattr(confirm, "confirm_deletion", answer)
    [carl] = select(page, "Carl")
    workspace.contacts.set_stage(carl, Stage.MESSAGED)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked and asked[0][0] == ["Carl Zed"] and asked[0][1] == 1
    assert "Carl Zed" not in names(page)
    with pytest.raises(Exception, match="no longer exists"):
        workspace.contacts.get(carl)
    undo_stack(page).undo()
    assert "Carl Zed" in names(page)
    assert workspace.contacts.get(carl).stage is Stage.MESSAGED


def test_declining_the_question_deletes_nothing(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm, "confirm_deletion", lambda *_args: False)
    select(page, "Carl")
    page.delete_selected()
    assert len(names(page)) == 3 and undo_stack(page).count() == 0


def test_the_deletion_question_names_what_goes_with_the_person() -> None:
    title, text = confirm.deletion_question(["Ann"], 1, "Also deletes 2 messages.")
    assert title == "Delete this person?"
    assert "Delete Ann" in text and "Also deletes 2 messages." in text and "undo" in text


def test_editing_and_saving_with_ctrl_s_then_undo(
    page: PeoplePage, workspace: Workspace, qtbot: QtBot
) -> None:
    [zoe] = select(page, "Zoë")
    assert page.detail.contact_id == zoe
    page.detail.title.setFocus()
    qtbot.keyClicks(page.detail.title, "Data Lead")
    assert page.detail.save_button.isEnabled()
    qtbot.keyClick(page.detail.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert workspace.contacts.get(zoe).draft.title == "Data Lead"
    assert not page.detail.is_dirty
    undo_stack(page).undo()
    assert workspace.contacts.get(zoe).draft.title is None
    assert page.detail.title.text() == ""


def test_revert_puts_back_what_is_saved(page: PeoplePage, qtbot: QtBot) -> None:
    select(page, "Zoë")
    qtbot.keyClicks(page.detail.city, " Nord")
    page.detail.revert()
    assert page.detail.city.text() == "Montréal" and not page.detail.is_dirty


def test_an_invalid_email_is_explained_and_not_saved(
    page: PeoplePage, workspace: Workspace, qtbot: QtBot
) -> None:
    [zoe] = select(page, "Zoë")
    qtbot.keyClicks(page.detail.email, "not-an-address")
    page.detail.save()
    assert "not an email address" in page.detail.error_label.text()
    assert workspace.contacts.get(zoe).draft.email is None


def test_recruiters_are_marked_as_a_business_relationship(page: PeoplePage) -> None:
    select(page, "Ann")
    assert page.detail.recruiter_banner.isVisible()
    assert page.detail.recruiter_banner.text() == RECRUITER_NOTICE
    select(page, "Zoë")
    assert not page.detail.recruiter_banner.isVisible()


def test_names_with_markup_are_shown_literally(page: PeoplePage) -> None:
    select(page, "Ann")
    assert page.detail.name_label.textFormat() == Qt.TextFormat.PlainText
    assert page.detail.name_label.text() == "Ann <b>Bold</b>"
    assert "Ann <b>Bold</b>" in names(page)


def test_new_contact_with_ctrl_n_then_undo_and_redo_keeps_the_id(
    page: PeoplePage, workspace: Workspace, qtbot: QtBot
) -> None:
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.detail.contact_id is None and page.detail.first_name.hasFocus()
    qtbot.keyClicks(page.detail.first_name, "Dana")
    page.detail.save()
    created = page.detail.contact_id
    assert created is not None and "Dana" in names(page)
    undo_stack(page).undo()
    assert "Dana" not in names(page)
    undo_stack(page).redo()
    assert workspace.contacts.get(created).draft.first_name == "Dana"


def test_the_stage_changes_and_shows_in_the_timeline(
    page: PeoplePage, workspace: Workspace
) -> None:
    [zoe] = select(page, "Zoë")
    combo = page.detail.stage_combo
    combo.setCurrentIndex(combo.findData(Stage.MESSAGED))
    combo.activated.emit(combo.currentIndex())
    assert workspace.contacts.get(zoe).stage is Stage.MESSAGED
    assert page.detail.timeline_model.entry(0).title == "Stage: Messaged"


def test_show_contact_clears_filters_that_hide_the_person(page: PeoplePage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.filters.search, "zoe")
    carl = next(s.id for s in page.model._rows if s.first_name == "Carl")
    page.show_contact(carl)
    assert page.filters.search.text() == ""
    assert page.current_id() == carl and page.detail.contact_id == carl


def test_an_empty_profile_offers_import_and_adding_by_hand(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "empty") as workspace:
        page = PeoplePage(workspace, QUndoStack())
        qtbot.addWidget(page)
        page.show()
        assert page.stack.currentWidget() is page.empty
        assert page.empty.action_button is not None
        with qtbot.waitSignal(page.import_requested) as signal:
            page.empty.action_button.click()
        assert signal.args == ["linkedin"]
        page.add_by_hand.click()
        assert page.stack.currentWidget() is not page.empty
        assert page.detail.contact_id is None


def test_the_import_menu_asks_for_each_kind(page: PeoplePage, qtbot: QtBot) -> None:
    menu = page.import_button.menu()
    assert menu is not None
    kinds = []
    page.import_requested.connect(kinds.append)
    for action in menu.actions():
        action.trigger()
    assert kinds == ["linkedin", "vcard", "google"]


def test_export_of_the_selection_writes_a_vcard(
    page: PeoplePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "picked.vcf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    select(page, "Zoë", "Carl")
    page.export_vcard(selected=True)
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2 and "Zoë" in text


def test_large_profiles_load_in_the_background(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_view, "BACKGROUND_LOAD_FROM", 1)
    page = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    page.loader.wait()


def test_a_large_profile_opens_on_its_first_screen_then_fills_in(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_view, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 2)
    page = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    # At once: the first two people in the full list's order, the first one opened.
    assert names(page) == ["Ann <b>Bold</b>", "Carl Zed"]
    assert page.header.subtitle_label.text() == "Loading all 3 people…"
    assert page.current_id() == page.model.summary_at(0).id
    opened = page.detail.contact_id
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert names(page) == ["Ann <b>Bold</b>", "Carl Zed", "Zoë Brontë"]
    assert page.detail.contact_id == opened
    assert page.header.subtitle_label.text() == "3 people · 3 shown"


def test_the_group_manager_creates_and_merges_groups(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = GroupManagerDialog(workspace.groups)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("WiD", True)))
    dialog.create_group()
    assert [g.name for g in workspace.groups.list()] == ["WiD", "Women in Data"]
    assert dialog.current_group() is not None and dialog.current_group().name == "WiD"  # type: ignore[union-attr]
    monkeypatch.setattr(
        QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("Women in Data", True))
    )
    dialog.merge_group()
    assert [g.name for g in workspace.groups.list()] == ["Women in Data"]
    assert dialog.members_model.stringList() == ["Ann <b>Bold</b> · Acme"]
