"""A contact named in Chinese script is called by the whole name, family name first, wherever a
sentence names them: never by the given name alone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from chatplanner.domain.enums import Goal, OutreachKind, Stage
from tests.journey.conftest import App
from tests.journey.story import messaged, met, settled_in_toronto, sorted_out
from tests.journey.test_04_first_messages import _select


def test_plan_a_chat_calls_li_wei_by_the_whole_name(app: App) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    jessica = app.workspace.people.contacts.get(ids["Jessica"])
    app.workspace.people.contact_edits.update(
        ids["Jessica"], replace(jessica.draft, first_name="伟", last_name="李")
    )
    messaged(app.workspace, ids["Jessica"], days_ago=5)
    user = app.user
    seen: list[str] = []
    rows: list[str] = []

    def read(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        seen.extend(user.texts(dialog))
        rows.extend(user.venue_rows(dialog))
        user.click_button("Cancel", dialog)

    _select(app, "李伟")
    with user.in_next_dialog(read):
        user.click_button("Plan a chat…")

    shown = " | ".join(seen)
    assert "李伟 is in Toronto too, the same city as you: meet in person." in shown, shown
    assert rows
    assert all("in the same city as you and 李伟" in row for row in rows), rows
    assert "| 伟 " not in shown


def test_writing_to_li_wei_after_the_thank_you_starts_from_a_keep_in_touch_note(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    workspace.settings.set("user.name", "Sam Rivera")
    omar = workspace.people.contacts.get(ids["Omar"])
    workspace.people.contact_edits.update(
        ids["Omar"], replace(omar.draft, first_name="伟", last_name="李")
    )
    workspace.people.contact_edits.set_goal([ids["Omar"]], Goal.JOB_LEAD)
    messaged(workspace, ids["Omar"], days_ago=20)
    meeting = met(workspace, ids["Omar"], days_ago=10)
    workspace.chats.thank_you.mark_sent(meeting)
    assert workspace.people.contacts.get(ids["Omar"]).stage is Stage.THANKED
    user = app.user
    seen: dict[str, str] = {}

    def write(dialog: QWidget) -> None:
        body = user.named("Message", QPlainTextEdit, dialog)
        seen["template"] = user.named("Template", QComboBox, dialog).currentText()
        seen["body"] = body.toPlainText()
        user.click_button("Log as sent", dialog)

    _select(app, "李伟")
    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert seen["template"] == "Keep-in-touch message"
    assert seen["body"].startswith("Hi 李伟,"), seen["body"]
    assert "Since we talked" in seen["body"]
    kinds = [m.kind for m in workspace.pipeline.outreach.messages(ids["Omar"])]
    assert kinds[-1] is OutreachKind.TOUCH
    assert workspace.people.contacts.get(ids["Omar"]).stage is Stage.KEEPING_IN_TOUCH
