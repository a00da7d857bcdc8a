"""The thank-you: draft from the notes, edit, regenerate, export, mark as sent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListView, QPlainTextEdit

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import Stage
from chatplanner.services.thank_you import ChatNotHappenedError
from tests.journey.conftest import App
from tests.journey.story import met, planned, sorted_out
from tests.journey.user import WAIT_MS

ADVICE = "Volunteer on a PMI committee\nAsk for the messy projects"


def _open_thank_you(app: App, name: str) -> None:
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), name)
    user.wait_to_see(name)
    user.open_tab("Thank-you")


def test_the_thank_you_is_drafted_edited_exported_and_marked_sent(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(meeting, NoteSections(advice=ADVICE))
    user = app.user
    _open_thank_you(app, "Jessica")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)

    # The user's own sentence survives a regenerate they decline.
    body.moveCursor(body.textCursor().MoveOperation.End)
    user.click(body)
    user.qtbot.keyClicks(body, " It was a great chat.")
    user.then_answer("No")
    user.click_button("Regenerate from notes")
    assert "It was a great chat." in body.toPlainText()
    stored = app.workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert "It was a great chat." in stored.body

    target = tmp_path / "thanks.eml"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    user.click_button("Export .eml…")
    eml = target.read_text(encoding="utf-8")
    assert "X-Unsent: 1" in eml
    assert "great chat" in eml

    user.click_button("Mark as sent")
    user.qtbot.waitUntil(lambda: user.button("Sent").isVisible(), timeout=WAIT_MS)
    assert not user.button("Sent").isEnabled()
    assert app.workspace.people.contacts.get(ids["Jessica"]).stage is Stage.THANKED


def test_a_thank_you_cannot_be_marked_sent_before_the_chat(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = planned(app.workspace, ids["Mei"], app.workspace.context.now() + timedelta(days=3))
    _open_thank_you(app, "Mei")
    mark = app.user.button("Mark as sent")
    assert not mark.isEnabled()
    assert "not happened" in mark.toolTip()
    with pytest.raises(ChatNotHappenedError):
        app.workspace.chats.thank_you.mark_sent(meeting)
    funnel = app.workspace.pipeline.insights.insights().summary.funnel
    assert (funnel.thanked, funnel.met) == (0, 0)


def test_a_draft_generated_before_any_notes_says_it_is_general_and_where_notes_go(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    user = app.user
    _open_thank_you(app, "Jessica")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "Jessica" in body.toPlainText(), timeout=WAIT_MS)
    # Not "Drafted from your notes": there were none.
    status = app.window.statusBar().currentMessage()
    assert status.startswith("No notes yet, so the draft is general")
    assert "Notes" in status
    stored = app.workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert stored.body == body.toPlainText()


def _drafted_for_jessica(app: App) -> tuple[int, QPlainTextEdit]:
    """A chat with Jessica, one piece of advice in its notes, and its thank-you generated from
    them on the Thank-you tab: the chat and the email's text box."""
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(meeting, NoteSections(advice="Ask for messy projects"))
    _open_thank_you(app, "Jessica")
    app.user.click_button("Generate from notes")
    body = app.user.named("Email text", QPlainTextEdit)
    app.user.qtbot.waitUntil(lambda: "messy projects" in body.toPlainText(), timeout=WAIT_MS)
    return meeting, body


def test_notes_taken_after_the_draft_are_pointed_out_until_it_is_drafted_again(
    app: App,
) -> None:
    meeting, body = _drafted_for_jessica(app)
    user = app.user
    assert not user.sees("Your notes have changed since this draft was made")

    # Advice written down later, on the Notes tab: the draft does not say it, and says so.
    user.open_tab("Notes")
    advice = user.named("Advice they gave", QPlainTextEdit)
    advice.moveCursor(advice.textCursor().MoveOperation.End)
    user.click(advice)
    user.qtbot.keyClick(advice, Qt.Key.Key_Return)
    user.qtbot.keyClicks(advice, "Volunteer on a PMI committee")
    user.open_tab("Thank-you")
    user.wait_to_see("Your notes have changed since this draft was made")
    assert "PMI committee" not in body.toPlainText()

    user.click_button("Regenerate from notes")  # the draft was not edited: no question
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)
    assert not user.sees("Your notes have changed since this draft was made")
    stored = app.workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert "PMI committee" in stored.body

    # Undo puts the earlier draft back, as old as it was: older than the notes again.
    user.qtbot.keyClick(app.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    user.qtbot.waitUntil(lambda: "PMI committee" not in body.toPlainText(), timeout=WAIT_MS)
    user.wait_to_see("Your notes have changed since this draft was made")


def test_undoing_a_regenerate_after_the_thank_you_went_out_says_it_stays_as_sent(
    app: App,
) -> None:
    meeting, body = _drafted_for_jessica(app)
    user = app.user
    app.workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Ask for messy projects\nVolunteer on a PMI committee")
    )
    user.click_button("Regenerate from notes")
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)
    user.click_button("Mark as sent")
    sent = body.toPlainText()

    user.qtbot.keyClick(app.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    said = app.window.statusBar().currentMessage()
    assert "marked as sent, so it stays as it went out" in said
    assert not said.startswith("Undone")
    assert body.toPlainText() == sent
    stored = app.workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert stored.sent_at is not None
    assert stored.body == sent
