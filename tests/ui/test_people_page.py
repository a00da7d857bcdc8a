from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs import composer
from chatplanner.ui.dialogs.composer import ComposerDialog
from chatplanner.ui.people import confirm, list_read
from chatplanner.ui.people.detail_panel import RECRUITER_NOTICE
from chatplanner.ui.people.editor_pane import EDITOR
from chatplanner.ui.people.group_manager import GroupManagerDialog
from chatplanner.ui.people.table_model import COMPANY, NAME
from chatplanner.ui.undo import Change, ChangeKind
from chatplanner.ui.views import people as people_view
from chatplanner.ui.views.people import PeoplePage
from tests.profiles import OpenWorkspace


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    opened = open_workspace()
    group = opened.people.groups.create("Women in Data")
    opened.people.contact_edits.create(
        ContactDraft(first_name="Zoë", last_name="Brontë", company="Beta", city="Montréal")
    )
    opened.people.contact_edits.create(
        ContactDraft(
            first_name="Ann",
            last_name="<b>Bold</b>",
            company="Acme",
            kind=ContactKind.RECRUITER,
            group_ids=(group.id,),
        )
    )
    opened.people.contact_edits.create(
        ContactDraft(first_name="Carl", last_name="Zed", company="Cobalt", notes="Met at PMI")
    )
    return opened


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> PeoplePage:
    stack = QUndoStack()
    made = PeoplePage(workspace, stack)
    stack.setParent(made)  # found again by undo_stack(page)
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


def kind_shown(page: PeoplePage, contact_id: int) -> ContactKind:
    summary = page.model.summary_of(contact_id)
    assert summary is not None
    return summary.kind


def undo_stack(page: PeoplePage) -> QUndoStack:
    stack = page.findChild(QUndoStack)
    assert stack is not None
    return stack


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


def test_backspace_shows_again_what_the_shorter_query_showed_after_a_sort_and_an_edit(
    page: PeoplePage, qtbot: QtBot, workspace: Workspace
) -> None:
    # What a query found is kept while the user types and erases; a sort or an edit shows
    # the list as it is then, never what was kept from before.
    assert page.focus_search()
    qtbot.keyClicks(page.filters.search, "z")
    assert names(page) == ["Carl Zed", "Zoë Brontë"]
    qtbot.keyClicks(page.filters.search, "o")
    assert names(page) == ["Zoë Brontë"]
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Backspace)
    assert names(page) == ["Carl Zed", "Zoë Brontë"]
    page.table.sortByColumn(COMPANY, Qt.SortOrder.AscendingOrder)
    qtbot.keyClicks(page.filters.search, "o")
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Backspace)
    assert names(page) == ["Zoë Brontë", "Carl Zed"]  # Beta before Cobalt
    carl = next(s for s in page.model._rows if s.first_name == "Carl")
    page.model.update_rows([carl._replace(search_text=carl.search_text.replace("zed", "ode"))])
    qtbot.keyClicks(page.filters.search, "o")
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Backspace)
    assert names(page) == ["Zoë Brontë"]


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
    kinds = {s.id: s.kind for s in workspace.people.contacts.list_summaries()}
    assert all(kinds[i] is ContactKind.MENTOR for i in ids)
    assert kind_shown(page, ids[0]) is ContactKind.MENTOR
    undo_stack(page).undo()
    kinds = {s.id: s.kind for s in workspace.people.contacts.list_summaries()}
    assert all(kinds[i] is ContactKind.OTHER for i in ids)
    assert kind_shown(page, ids[0]) is ContactKind.OTHER
    undo_stack(page).redo()
    assert kind_shown(page, ids[1]) is ContactKind.MENTOR


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
    workspace.people.contact_edits.set_stage(carl, Stage.MESSAGED)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked
    assert asked[0][0] == ["Carl Zed"]
    assert asked[0][1] == 1
    assert "Carl Zed" not in names(page)
    with pytest.raises(Exception, match="no longer exists"):
        workspace.people.contacts.get(carl)
    undo_stack(page).undo()
    assert "Carl Zed" in names(page)
    assert workspace.people.contacts.get(carl).stage is Stage.MESSAGED


def test_declining_the_question_deletes_nothing(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(confirm, "confirm_deletion", lambda *_args: False)
    select(page, "Carl")
    page.delete_selected()
    assert len(names(page)) == 3
    assert undo_stack(page).count() == 0


def test_the_deletion_question_names_what_goes_with_the_person() -> None:
    title, text = confirm.deletion_question(["Ann"], 1, "Also deletes 2 messages.")
    assert title == "Delete this person?"
    assert "Delete Ann" in text
    assert "Also deletes 2 messages." in text
    assert "undo" in text


def test_editing_and_saving_with_ctrl_s_then_undo(
    page: PeoplePage, workspace: Workspace, qtbot: QtBot
) -> None:
    [zoe] = select(page, "Zoë")
    assert page.detail.contact_id == zoe
    page.detail.title.setFocus()
    qtbot.keyClicks(page.detail.title, "Data Lead")
    assert page.detail.save_button.isEnabled()
    qtbot.keyClick(page.detail.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert workspace.people.contacts.get(zoe).draft.title == "Data Lead"
    assert not page.detail.is_dirty
    undo_stack(page).undo()
    assert workspace.people.contacts.get(zoe).draft.title is None
    assert page.detail.title.text() == ""


def test_revert_puts_back_what_is_saved(page: PeoplePage, qtbot: QtBot) -> None:
    select(page, "Zoë")
    qtbot.keyClicks(page.detail.city, " Nord")
    page.detail.revert()
    assert page.detail.city.text() == "Montréal"
    assert not page.detail.is_dirty


def test_an_invalid_email_is_explained_and_not_saved(
    page: PeoplePage, workspace: Workspace, qtbot: QtBot
) -> None:
    [zoe] = select(page, "Zoë")
    qtbot.keyClicks(page.detail.email, "not-an-address")
    page.detail.save()
    assert "not an email address" in page.detail.error_label.text()
    assert workspace.people.contacts.get(zoe).draft.email is None


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
    assert page.detail.contact_id is None
    assert page.detail.first_name.hasFocus()
    qtbot.keyClicks(page.detail.first_name, "Dana")
    page.detail.save()
    created = page.detail.contact_id
    assert created is not None
    assert "Dana" in names(page)
    undo_stack(page).undo()
    assert "Dana" not in names(page)
    undo_stack(page).redo()
    assert workspace.people.contacts.get(created).draft.first_name == "Dana"


def test_the_stage_changes_and_shows_in_the_timeline(
    page: PeoplePage, workspace: Workspace
) -> None:
    [zoe] = select(page, "Zoë")
    combo = page.detail.stage_combo
    combo.setCurrentIndex(combo.findData(Stage.MESSAGED))
    combo.activated.emit(combo.currentIndex())
    assert workspace.people.contacts.get(zoe).stage is Stage.MESSAGED
    assert page.detail.timeline_model.entry(0).title == "Stage: Messaged"


def test_show_contact_clears_filters_that_hide_the_person(page: PeoplePage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.filters.search, "zoe")
    carl = next(s.id for s in page.model._rows if s.first_name == "Carl")
    page.show_contact(carl)
    assert page.filters.search.text() == ""
    assert page.current_id() == carl
    assert page.detail.contact_id == carl


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
    kinds: list[str] = []
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
    assert text.count("BEGIN:VCARD") == 2
    assert "Zoë" in text


def test_large_profiles_load_in_the_background(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    page = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    page.loader.wait()


def test_a_large_profile_opens_on_its_first_screen_then_fills_in(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 2)
    page = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    # At once: the first two people in the full list's order, the first one selected.
    assert names(page) == ["Ann <b>Bold</b>", "Carl Zed"]
    assert page.header.subtitle_label.text() == "Loading all 3 people…"
    opened = page.model.record_at(0).id
    assert page.current_id() == opened
    # Once the rows are painted, the editor opens on them.
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.detail_stack.currentIndex() == EDITOR)
    assert page.detail.contact_id == opened
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert names(page) == ["Ann <b>Bold</b>", "Carl Zed", "Zoë Brontë"]
    assert page.detail.contact_id == opened
    assert page.header.subtitle_label.text() == "3 people · 3 shown"


def test_a_person_asked_for_before_the_first_screen_is_painted_opens_with_the_whole_list(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another page opens someone on a large network the moment People is made: the read,
    whose rows wait for the first screen's paint, is let in at once rather than waited for."""
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 1)
    monkeypatch.setattr(list_read, "_LET_IN_WAIT_S", 60.0)  # longer than show_contact waits
    monkeypatch.setattr(people_view, "FIRST_SCREEN_ROWS", 1)
    page = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    assert page.loader.running
    last = next(s for s in workspace.people.contacts.list_summaries() if s.first_name == "Zoë")
    page.show_contact(last.id)
    assert page.model.total_count(include_archived=True) == 3
    assert page.current_id() == last.id
    assert page.detail.contact_id == last.id
    assert page.detail.first_name.text() == "Zoë"


def test_the_group_manager_creates_and_merges_groups(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = GroupManagerDialog(workspace.people.groups)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(
        "chatplanner.ui.people.group_manager.ask_for_name", lambda *_a, **_k: ("WiD", True)
    )
    dialog.create_group()
    assert [g.name for g in workspace.people.groups.list()] == ["WiD", "Women in Data"]
    group = dialog.current_group()
    assert group is not None
    assert group.name == "WiD"
    monkeypatch.setattr(
        QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("Women in Data", True))
    )
    dialog.merge_group()
    assert [g.name for g in workspace.people.groups.list()] == ["Women in Data"]
    assert dialog.members_model.stringList() == ["Ann <b>Bold</b> · Acme"]


def _fake_composer(
    workspace: Workspace, calls: list[tuple[list[int], object]], logged: bool
) -> object:
    """Stands in for the composer: records whom it was opened for, and "sends" the message
    (telling the page, as the composer's logging step does)."""

    def open_composer(
        _workspace: Workspace,
        contact_ids: list[int],
        _parent: object = None,
        *,
        undo_stack: object = None,
        template_kind: object = None,
        changed: Callable[[Change], None] | None = None,
    ) -> bool:
        calls.append((list(contact_ids), undo_stack))
        if logged:
            for contact_id in contact_ids:
                workspace.people.contact_edits.set_stage(contact_id, Stage.MESSAGED)
            if changed is not None:
                changed(Change(ChangeKind.PIPELINE_STEP, tuple(contact_ids)))
        return logged

    return open_composer


def test_write_message_in_the_detail_panel_opens_the_composer_for_that_person(
    page: PeoplePage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    calls: list[tuple[list[int], object]] = []
    monkeypatch.setattr(composer, "open_composer", _fake_composer(workspace, calls, logged=True))
    (carl,) = select(page, "Carl")
    qtbot.waitUntil(lambda: page.detail.contact_id == carl)
    assert page.detail.reach_out.isEnabled()
    qtbot.mouseClick(page.detail.reach_out.write_button, Qt.MouseButton.LeftButton)
    assert calls == [([carl], undo_stack(page))]
    # The message was logged as sent: the row and the panel show the new stage at once.
    summary = page.model.summary_of(carl)
    assert summary is not None
    assert summary.stage is Stage.MESSAGED
    assert page.detail.stage_combo.currentData() == Stage.MESSAGED


def test_a_new_person_cannot_be_written_to_until_saved(page: PeoplePage) -> None:
    page.new_contact()
    assert not page.detail.reach_out.isEnabled()


def _context_menu(page: PeoplePage, monkeypatch: pytest.MonkeyPatch) -> QMenu:
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_args: shown.append(menu))
    page.table.customContextMenuRequested.emit(QPoint(10, 10))
    assert len(shown) == 1
    return shown[0]


def _action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text() == text)


def test_the_context_menu_writes_one_message_to_everyone_selected(
    page: PeoplePage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[int], object]] = []
    monkeypatch.setattr(composer, "open_composer", _fake_composer(workspace, calls, logged=False))
    ids = select(page, "Carl", "Zoë")
    menu = _context_menu(page, monkeypatch)
    plan = _action(menu, "Plan a chat…")
    assert not plan.isEnabled()  # a chat is with one person
    _action(menu, "Write message…").trigger()
    assert len(calls) == 1
    assert sorted(calls[0][0]) == sorted(ids)
    assert calls[0][1] is undo_stack(page)


def test_the_context_menu_opens_the_real_composer_for_the_selection(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ComposerDialog] = []

    def fake_exec(dialog: ComposerDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(ComposerDialog, "exec", fake_exec)
    select(page, "Carl", "Zoë")
    _action(_context_menu(page, monkeypatch), "Write message…").trigger()
    assert len(opened) == 1
    assert sorted(r.name for r in opened[0].recipients) == ["Carl Zed", "Zoë Brontë"]


def test_plan_a_chat_asks_the_window_to_plan_with_the_person(
    page: PeoplePage, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    (carl,) = select(page, "Carl")
    menu = _context_menu(page, monkeypatch)
    with qtbot.waitSignal(page.plan_chat) as from_menu:
        _action(menu, "Plan a chat…").trigger()
    assert from_menu.args == [carl]
    qtbot.waitUntil(lambda: page.detail.contact_id == carl)
    with qtbot.waitSignal(page.plan_chat) as from_panel:
        qtbot.mouseClick(page.detail.reach_out.plan_button, Qt.MouseButton.LeftButton)
    assert from_panel.args == [carl]


def test_a_group_made_after_the_page_is_listed_when_it_is_shown(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Only a refresh in the same turn of the event loop as the page's making (the one the
    window does at once) skips reading the groups again: a page made, then shown later, lists a
    group made meanwhile (in the Groups window, by the command line)."""
    made = PeoplePage(workspace, QUndoStack())
    qtbot.addWidget(made)
    listed = [made.filters.group.itemText(i) for i in range(made.filters.group.count())]
    assert listed == ["All groups", "Women in Data"]
    qtbot.wait(10)  # a later turn of the event loop
    workspace.people.groups.create("PMI Toronto chapter")
    made.resize(1200, 800)
    made.show()
    made.refresh()  # as the window does when the page is chosen
    made.filters.group.showPopup()
    view = made.filters.group.view()
    qtbot.waitUntil(view.isVisible)
    shown = [view.model().index(i, 0).data() for i in range(view.model().rowCount())]
    assert "PMI Toronto chapter" in shown
    made.filters.group.hidePopup()
