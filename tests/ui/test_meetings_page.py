from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ChecklistPhase, MeetingStatus
from chatplanner.services.meeting_records import MeetingSummary
from chatplanner.services.workspace import Workspace
from chatplanner.ui.meetings.autosave import AUTOSAVE_DELAY_MS
from chatplanner.ui.meetings.detail import NOTES_TAB
from chatplanner.ui.views.meetings import EMPTY, LIST, MeetingsPage


def _meeting(workspace: Workspace, first_name: str) -> MeetingSummary:
    return next(
        m for m in workspace.chats.meetings.list_meetings() if m.contact_name.startswith(first_name)
    )


def _page(qtbot: QtBot, workspace: Workspace) -> tuple[MeetingsPage, QUndoStack]:
    stack = QUndoStack()
    page = MeetingsPage(workspace, stack)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page, stack


def test_an_empty_network_is_first_brought_in_through_the_import(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        page, _ = _page(qtbot, workspace)
        assert page.stack.currentIndex() == EMPTY
        assert page.empty.action_button is not None
        assert page.empty.action_button.text() == "Import your contacts"
        with qtbot.waitSignal(page.import_requested):
            qtbot.mouseClick(page.empty.action_button, Qt.MouseButton.LeftButton)


def test_a_network_without_chats_is_offered_to_plan_one(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.people.contact_edits.create(ContactDraft(first_name="Maya"))
        page, _ = _page(qtbot, workspace)
        assert page.stack.currentIndex() == EMPTY
        assert page.empty.action_button is not None
        with qtbot.waitSignal(page.plan_chat) as signal:
            qtbot.mouseClick(page.empty.action_button, Qt.MouseButton.LeftButton)
        assert signal.args == [0]
        with qtbot.waitSignal(page.plan_chat):
            qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)


def test_upcoming_chats_come_first_then_past_ones(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    assert page.stack.currentIndex() == LIST
    headers = [
        page.model.index(row).data(Qt.ItemDataRole.DisplayRole)
        for row in range(page.model.rowCount())
        if page.model.index(row).data(Qt.ItemDataRole.UserRole + 2)
    ]
    assert headers[0].startswith("Upcoming")
    assert headers[1].startswith("Past")


def test_typing_in_the_notes_saves_after_a_short_pause(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    page.show_meeting(anna.id)
    page.detail.tabs.setCurrentIndex(NOTES_TAB)
    field = page.detail.notes_tab.fields["free_notes"]
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Bring the decision log.")
    assert page.detail.save_indicator.text() == "Saving…"
    assert "decision log." not in demo.chats.meetings.meeting(anna.id).notes.free_notes
    qtbot.waitUntil(
        lambda: "Bring the decision log." in demo.chats.meetings.meeting(anna.id).notes.free_notes,
        timeout=AUTOSAVE_DELAY_MS + 1500,
    )
    assert page.detail.save_indicator.text() == "All changes saved"
    assert demo.chats.archive.search("decision log")  # searchable at once


def test_switching_to_another_meeting_saves_at_once(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    anna, kenji = _meeting(demo, "Anna"), _meeting(demo, "Kenji")
    page.show_meeting(anna.id)
    qtbot.keyClicks(page.detail.notes_tab.fields["their_goals"], "Run a metro project")
    page.show_meeting(kenji.id)
    assert "Run a metro project" in demo.chats.meetings.meeting(anna.id).notes.their_goals
    assert "Run a metro project" not in demo.chats.meetings.meeting(kenji.id).notes.their_goals


def test_flush_saves_what_is_being_typed(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    page.show_meeting(anna.id)
    qtbot.keyClicks(page.detail.notes_tab.fields["advice"], "Keep a log")
    assert page.flush()
    assert "Keep a log" in demo.chats.meetings.meeting(anna.id).notes.advice


def test_notes_fields_have_their_own_undo(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    page.show_meeting(_meeting(demo, "Anna").id)
    field = page.detail.notes_tab.fields["advice"]
    before = field.toPlainText()
    qtbot.keyClicks(field, "xyz")
    field.undo()
    assert field.toPlainText() == before
    field.redo()
    assert field.toPlainText().endswith("xyz") or "xyz" in field.toPlainText()


def test_checking_an_item_updates_progress_and_can_be_undone(qtbot: QtBot, demo: Workspace) -> None:
    page, stack = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    page.show_meeting(daniela.id)
    section = page.detail.checklist_tab.sections[ChecklistPhase.DURING]
    index = section.model.index(0)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    section.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    done = daniela.checklist_done + 1
    assert demo.chats.meetings.summary(daniela.id).checklist_done == done
    assert page.detail.checklist_tab.progress.value() == done
    assert page.detail.checklist_tab.progress_label.text().startswith(f"{done} of")
    row = page.model.index(page.model.row_of(daniela.id))
    assert row.data(Qt.ItemDataRole.UserRole + 1).checklist_done == done  # the list follows
    stack.undo()
    assert demo.chats.meetings.summary(daniela.id).checklist_done == done - 1
    assert page.detail.checklist_tab.progress.value() == done - 1


def test_items_are_added_and_removed_for_this_meeting(qtbot: QtBot, demo: Workspace) -> None:
    page, stack = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    page.show_meeting(daniela.id)
    section = page.detail.checklist_tab.sections[ChecklistPhase.AFTER]
    qtbot.keyClicks(section.add_field, "Send the slides")
    qtbot.keyClick(section.add_field, Qt.Key.Key_Return)
    texts = [i.text for i in section.model.items()]
    assert texts[-1] == "Send the slides"
    section.view.setCurrentIndex(section.model.index(len(texts) - 1))
    page.detail.checklist_tab.remove_selected(section)
    assert "Send the slides" not in [i.text for i in section.model.items()]
    stack.undo()
    assert [i.text for i in section.model.items()][-1] == "Send the slides"


def test_marking_done_updates_the_list_and_moves_to_notes(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    # A chat is done once it has started: Daniela's, ahead in the demo, started an hour ago.
    demo.chats.meetings.update_plan(daniela.id, starts_at=demo.context.now() - timedelta(hours=1))
    page.show_meeting(daniela.id)
    qtbot.mouseClick(page.detail.plan_tab.mark_done, Qt.MouseButton.LeftButton)
    assert demo.chats.meetings.summary(daniela.id).status is MeetingStatus.DONE
    assert page.detail.tabs.currentIndex() == NOTES_TAB
    assert page.detail.status_chip.text() == "Done"


def test_regenerating_an_edited_draft_asks_first(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    subject, body = demo.chats.thank_you.current_text(anna.id)
    demo.chats.thank_you.save(anna.id, subject, body + "\nMy own closing line.")
    page.show_meeting(anna.id)
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            asked.append(str(args[1]))
            return choice

        return question

    edited = page.detail.thank_you_tab.body.toPlainText()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.detail.thank_you_tab.generate, Qt.MouseButton.LeftButton)
    assert asked
    assert page.detail.thank_you_tab.body.toPlainText() == edited

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.detail.thank_you_tab.generate, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert page.detail.thank_you_tab.body.toPlainText() != edited
    assert not demo.chats.thank_you.needs_confirmation(anna.id)


def test_typed_draft_edits_are_kept_and_then_protected(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    page.show_meeting(daniela.id)
    qtbot.mouseClick(page.detail.thank_you_tab.generate, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.detail.thank_you_tab.body, "PS: loved the demo.")
    page.flush()
    assert demo.chats.thank_you.needs_confirmation(daniela.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.detail.thank_you_tab.generate, Qt.MouseButton.LeftButton)
    saved = demo.chats.thank_you.saved(daniela.id)
    assert saved is not None
    assert "PS: loved the demo." in saved.body


def test_a_long_draft_is_copied_instead_of_opening_the_mail_app(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    page.show_meeting(anna.id)
    demo.chats.thank_you.save(anna.id, "Thanks", "A long thank-you. " * 200)
    page.show_meeting(_meeting(demo, "Kenji").id)
    page.show_meeting(anna.id)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(str(a[2])))
    qtbot.mouseClick(page.detail.thank_you_tab.open_mail, Qt.MouseButton.LeftButton)
    assert told
    assert "copied" in told[0]
    assert QGuiApplication.clipboard().text().startswith("A long thank-you.")


def test_mark_as_sent_shows_the_thank_you_as_sent(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    page.show_meeting(anna.id)
    assert "due" in page.detail.thank_you_tab.due_label.text()
    qtbot.mouseClick(page.detail.thank_you_tab.mark_sent, Qt.MouseButton.LeftButton)
    assert page.detail.thank_you_tab.due_label.text().startswith("Thank-you sent")
    assert not page.detail.thank_you_tab.mark_sent.isEnabled()
    assert demo.chats.meetings.summary(anna.id).thank_you_sent


def test_closing_the_window_saves_what_is_being_typed(qtbot: QtBot, demo: Workspace) -> None:
    from chatplanner.ui.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    anna = _meeting(demo, "Anna")
    window.open_meeting(anna.id)
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    qtbot.keyClicks(page.detail.notes_tab.fields["resources"], "The Goal (Goldratt)")
    window.close()
    assert "The Goal (Goldratt)" in demo.chats.meetings.meeting(anna.id).notes.resources


def test_leaving_the_page_saves_at_once(qtbot: QtBot, demo: Workspace) -> None:
    page, _ = _page(qtbot, demo)
    anna = _meeting(demo, "Anna")
    page.show_meeting(anna.id)
    qtbot.keyClicks(page.detail.notes_tab.fields["their_past"], " Then Warsaw.")
    page.hide()
    assert "Then Warsaw." in demo.chats.meetings.meeting(anna.id).notes.their_past


def test_a_change_made_elsewhere_shows_when_the_page_is_shown_again(
    qtbot: QtBot, demo: Workspace
) -> None:
    page, _ = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    item = demo.chats.meetings.meeting(daniela.id).checklist[0]
    demo.chats.meetings.set_item_done(item.id, not item.done)  # from another page
    demo.chats.meetings.set_status(_meeting(demo, "Anna").id, MeetingStatus.CANCELLED)
    page.refresh()  # the window does this as it shows the page
    row = page.model.index(page.model.row_of(daniela.id))
    assert row.data(Qt.ItemDataRole.UserRole + 1) == demo.chats.meetings.summary(daniela.id)
    anna = page.model.index(page.model.row_of(_meeting(demo, "Anna").id))
    assert anna.data(Qt.ItemDataRole.UserRole + 1).status is MeetingStatus.CANCELLED


def test_showing_the_page_again_without_changes_reads_nothing(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = _page(qtbot, demo)
    reads: list[str] = []

    def counted(name: str, read: Callable[..., object]) -> Callable[..., object]:
        def counted_read(*args: object) -> object:
            reads.append(name)
            return read(*args)

        return counted_read

    for name in ("list_meetings", "list_start"):
        monkeypatch.setattr(
            demo.chats.meetings, name, counted(name, getattr(demo.chats.meetings, name))
        )
    page.refresh()
    page.refresh()
    assert reads == []
    demo.chats.meetings.update_plan(_meeting(demo, "Kenji").id, duration_minutes=90)
    page.refresh()
    assert reads


def test_an_edit_on_the_page_needs_no_new_read_when_shown_again(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _ = _page(qtbot, demo)
    daniela = _meeting(demo, "Daniela")
    page.show_meeting(daniela.id)
    section = page.detail.checklist_tab.sections[ChecklistPhase.DURING]
    section.model.setData(
        section.model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    monkeypatch.setattr(demo.chats.meetings, "list_start", lambda *a: pytest.fail("read again"))
    page.refresh()
    row = page.model.index(page.model.row_of(daniela.id))
    assert row.data(Qt.ItemDataRole.UserRole + 1).checklist_done == daniela.checklist_done + 1


def test_a_long_list_shows_its_first_screen_then_all_keeping_the_chat_open(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("chatplanner.ui.views.meetings.FIRST_SCREEN_ROWS", 1)
    everything = demo.chats.meetings.list_meetings()
    page, _ = _page(qtbot, demo)
    assert page.loading
    assert len(page.model.meeting_ids()) == 2  # the first upcoming chat and the latest past one
    headers = [
        page.model.index(row).data(Qt.ItemDataRole.DisplayRole)
        for row in range(page.model.rowCount())
        if page.model.index(row).data(Qt.ItemDataRole.UserRole + 2)
    ]
    upcoming = sum(1 for m in everything if m.is_upcoming(demo.context.now()))
    assert headers == [f"Upcoming · {upcoming}", f"Past · {len(everything) - upcoming}"]
    past = page.model.meeting_ids()[1]
    page.show_meeting(past)  # chosen while the rest loads
    qtbot.waitUntil(lambda: not page.loading and len(page.model.meeting_ids()) == len(everything))
    assert page.detail.meeting_id == past
    current = page.list.selectionModel().currentIndex()
    assert current.data(Qt.ItemDataRole.UserRole + 3) == past
