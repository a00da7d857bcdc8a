"""The words a new user read, checked on screen: a follow-up answers the message actually sent,
and says how long ago it went."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy import select

from chatplanner.db.models import Outreach
from chatplanner.domain.enums import ContactKind, OutreachKind
from chatplanner.services.outreach import SentMessage
from tests.journey.conftest import App
from tests.journey.story import sorted_out


def test_a_follow_up_replies_to_the_subject_sent_and_says_how_long_ago(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    # A patient user: the follow-up is still due four weeks after the first message.
    app.workspace.pipeline.outreach.set_default_patience(7, 60)
    sent = "A question about your work at Ubisoft Toronto"
    app.workspace.pipeline.outreach.log_sent(
        SentMessage(
            ids["Omar"],
            kind=OutreachKind.FIRST_MESSAGE,
            subject=sent,
            body="Hi Omar, …",
            sent_at=app.workspace.context.now() - timedelta(days=28),
        )
    )
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Omar")
    seen: dict[str, str] = {}

    def follow_up(dialog: QWidget) -> None:
        seen["subject"] = user.named("Subject", QLineEdit, dialog).text()
        seen["body"] = user.named("Message", QPlainTextEdit, dialog).toPlainText()
        user.click_button("Log as sent", dialog)

    with user.in_next_dialog(follow_up):
        user.click(user.button_beside("Write follow-up", "Omar"))
    assert seen["subject"] == f"Re: {sent}"
    assert "my note from a few weeks ago" in seen["body"]
    assert "last week" not in seen["body"]
    with app.workspace.context.sessions() as session:
        stored = session.scalars(
            select(Outreach.subject)
            .where(Outreach.contact_id == ids["Omar"])
            .order_by(Outreach.sent_at, Outreach.id)
        ).all()
    assert list(stored) == [sent, f"Re: {sent}"]


def _write_to(app: App, name: str, steps: Callable[[QWidget], None]) -> None:
    user = app.user
    user.go_to("People")
    user.click_row(user.table("Stage"), name)
    with user.in_next_dialog(steps):
        user.click_button("Write message…")


def test_the_recruiter_message_says_where_to_set_your_title_and_then_uses_it(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    app.workspace.people.contact_edits.set_kind([ids["Lucas"]], ContactKind.RECRUITER)
    user = app.user
    seen: dict[str, str] = {}

    def look(dialog: QWidget) -> None:
        seen["texts"] = " ".join(user.texts(dialog))
        seen["body"] = user.named("Message", QPlainTextEdit, dialog).toPlainText()
        user.click_button("Close", dialog)

    _write_to(app, "Lucas", look)
    assert "{my_title}" in seen["body"]
    assert "{my_title} (your title or what you do now, e.g. Project engineer)" in seen["texts"]
    assert "Preferences › You" in seen["texts"]

    def set_title(dialog: QWidget) -> None:
        user.type_into(user.labelled("Your title / what you do", dialog), "Project  engineer")
        user.click_button("OK", dialog)

    with user.in_next_dialog(set_title):
        user.open_from_menu("Edit", "Preferences…")
    assert app.workspace.settings.get("user.title") == "Project engineer"
    assert app.workspace.settings.preferences().title == "Project engineer"

    _write_to(app, "Lucas", look)
    assert "my current role is Project engineer" in seen["body"]
    assert "{my_title}" not in seen["texts"]
