"""Before the chat: the checklist. And nothing is lost when the app is closed and opened again."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QPlainTextEdit

from tests.journey.conftest import App, Launch
from tests.journey.story import met, planned, sorted_out
from tests.journey.user import WAIT_MS


def test_ticking_a_checklist_item_is_stored_and_counted(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = planned(app.workspace, ids["Mei"], app.workspace.context.now() + timedelta(days=2))
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Checklist")  # an upcoming chat opens there anyway
    before = user.all_visible(QListView)
    phase = next(v for v in before if v.accessibleName().endswith(" checklist"))
    first = phase.model().index(0, 0)
    user.click(phase.viewport(), phase.visualRect(first).center())
    user.press(Qt.Key.Key_Space, widget=phase)
    user.qtbot.waitUntil(
        lambda: sum(i.done for i in app.workspace.chats.meetings.meeting(meeting).checklist) == 1,
        timeout=WAIT_MS,
    )
    total = len(app.workspace.chats.meetings.meeting(meeting).checklist)
    user.wait_to_see(f"1 of {total}")


def test_notes_typed_then_the_app_closed_and_opened_again_are_all_there(
    launch: Launch, profile: Path
) -> None:
    app = launch(profile)
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Notes")
    user.type_into(user.named("Advice they gave", QPlainTextEdit), "Volunteer on a committee")
    # Closed at once, before the pause after which notes save themselves.
    app.quit()

    again = launch(profile)
    assert (
        "Volunteer on a committee" in again.workspace.chats.meetings.meeting(meeting).notes.advice
    )
    again.user.go_to("Meetings")
    again.user.click_row(again.user.named("Meetings", QListView), "Jessica")
    again.user.open_tab("Notes")
    advice = again.user.named("Advice they gave", QPlainTextEdit)
    assert advice.toPlainText() == "Volunteer on a committee"
