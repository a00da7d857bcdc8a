"""After the chat: notes, and the follow-ups each side promised."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTableView,
)

from chatplanner.domain.enums import FollowUpOwner
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out


def _open_chat(app: App, name: str) -> None:
    user = app.user
    user.go_to("Meetings")
    meetings = user.named("Meetings", QListView)
    user.click_row(meetings, name)
    user.wait_to_see(name)


def test_a_follow_up_typed_and_added_is_stored_and_listed(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    user = app.user
    _open_chat(app, "Jessica")
    user.open_tab("Notes")

    user.type_into(user.named("What was promised", QLineEdit), "Send Jessica my resume")
    user.click_button("Add")

    stored = app.workspace.chats.meetings.meeting(meeting).follow_ups
    assert [(f.owner, f.text) for f in stored] == [(FollowUpOwner.ME, "Send Jessica my resume")]
    assert "Send Jessica my resume" in user.rows(user.named("Follow-ups", QTableView), 1)
    assert user.named("What was promised", QLineEdit).text() == ""

    # Theirs too, with Return, choosing "Them" in the drop-down.
    user.choose(user.named("Who promised", QComboBox), "Them")
    user.type_into(user.named("What was promised", QLineEdit), "Introduce me to the PMO lead")
    user.press(Qt.Key.Key_Return)
    stored = app.workspace.chats.meetings.meeting(meeting).follow_ups
    assert (FollowUpOwner.THEM, "Introduce me to the PMO lead") in [
        (f.owner, f.text) for f in stored
    ]


def test_tab_from_resources_goes_to_the_new_follow_up_and_keeps_what_is_typed(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Omar"])
    user = app.user
    _open_chat(app, "Omar")
    user.open_tab("Notes")
    resources = user.named("Resources they mentioned", QPlainTextEdit)
    user.type_into(resources, "The PMBOK guide")
    # Tab leaves the notes field and goes to where a follow-up is written.
    order = []
    for _ in range(2):
        user.press(Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        order.append(focused.accessibleName())
    assert order == ["Who promised", "What was promised"]
    user.type_keys("Share the schedule template")
    assert user.named("What was promised", QLineEdit).text() == "Share the schedule template"

    # Leaving the chat with a follow-up typed but not added keeps it: it is added.
    user.go_to("Today")
    stored = app.workspace.chats.meetings.meeting(meeting).follow_ups
    assert [f.text for f in stored] == ["Share the schedule template"]


def test_typing_in_the_follow_ups_table_goes_into_the_new_follow_up(app: App) -> None:
    ids = sorted_out(app.workspace)
    met(app.workspace, ids["Omar"])
    user = app.user
    _open_chat(app, "Omar")
    user.open_tab("Notes")
    from PySide6.QtWidgets import QTableView

    table = user.named("Follow-ups", QTableView)
    user.click(table.viewport())
    user.type_keys("Call back")
    assert user.named("What was promised", QLineEdit).text() == "Call back"


def test_in_the_smallest_window_a_follow_up_has_room_for_its_sentence(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.window.resize(1024, 700)
    user = app.user
    _open_chat(app, "Jessica")
    user.open_tab("Notes")
    what = user.named("What was promised", QLineEdit)
    sentence = "Send Jessica my resume and the PMP study plan"
    user.type_into(what, sentence)

    assert what.width() >= what.fontMetrics().horizontalAdvance(sentence[:30])
    add = user.button("Add follow-up")
    # The notes shown beside it (the window's first text box is another tab's, hidden).
    notes = next(e for e in add.window().findChildren(QPlainTextEdit) if e.isVisible())
    notes_view = notes.parentWidget()  # the notes' own view
    assert notes_view is not None
    right_edge = add.mapTo(add.window(), add.rect().topRight()).x()
    view_right = notes_view.mapTo(add.window(), notes_view.rect().topRight()).x()
    assert right_edge <= view_right, (right_edge, view_right)  # Add is not cut off
    user.press(Qt.Key.Key_Return, widget=what)
    stored = app.workspace.chats.meetings.meeting(meeting).follow_ups
    assert [f.text for f in stored] == [sentence]
