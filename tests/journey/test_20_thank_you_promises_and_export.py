"""The thank-you from the user's side: a promise reads as something sent to them, and its
exported .eml lands where the user keeps exports, dated in the user's own zone."""

from __future__ import annotations

from PySide6.QtWidgets import QListView, QPlainTextEdit

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out
from tests.journey.user import WAIT_MS


def _open_thank_you(app: App, name: str) -> QPlainTextEdit:
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), name)
    user.wait_to_see(name)
    user.open_tab("Thank-you")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "committee" in body.toPlainText(), timeout=WAIT_MS)
    return body


def test_a_promise_to_send_my_resume_reads_send_you_my_resume(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=1)
    workspace.meetings.save_notes(meeting, NoteSections(advice="Volunteer on a PMI committee"))
    workspace.meetings.add_follow_up(meeting, FollowUpOwner.ME, "Send my resume")

    body = _open_thank_you(app, "Jessica")

    text = body.toPlainText()
    assert "I will send you my resume." in text, text
    assert "send my resume" not in text
    stored = workspace.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert "I will send you my resume." in stored.body
