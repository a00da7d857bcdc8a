"""Wording a new user tripped over, read on screen: the article before a title ("an
Engineering Manager"), a kind of contact in Preferences and on Today's report-back card, and
the leave-by row that said "Leave by" twice."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QListView, QTextEdit, QWidget

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import MeetingMode
from chatplanner.domain.schedule import default_start
from tests.journey.conftest import App
from tests.journey.story import met, planned, settled_in_toronto, sorted_out


def _open_chat(app: App, name: str, tab: str) -> None:
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), name)
    user.open_tab(tab)


def test_the_brief_asks_about_a_week_for_an_engineering_manager(app: App) -> None:
    ids = sorted_out(app.workspace)
    omar = app.workspace.people.contacts.get(ids["Omar"])
    app.workspace.people.contact_edits.update(
        ids["Omar"], replace(omar.draft, title="Engineering Manager")
    )
    planned(app.workspace, ids["Omar"], app.workspace.context.now() + timedelta(days=1))
    _open_chat(app, "Omar", "Brief")
    user = app.user

    def brief_text() -> str:
        return " ".join(edit.toPlainText() for edit in user.all_visible(QTextEdit))

    user.qtbot.waitUntil(lambda: "normal week" in brief_text())
    assert "What does a normal week look like for an Engineering Manager?" in brief_text()
    assert "a Engineering" not in brief_text()


def test_the_plan_tab_says_leave_by_once(app: App) -> None:
    ids = sorted_out(app.workspace)
    venues = settled_in_toronto(app.workspace, ids)
    start = default_start(app.workspace.context.now(), "America/Toronto") + timedelta(days=1)
    app.workspace.planning.scheduling.plan_chat(
        ids["Jessica"], MeetingMode.IN_PERSON, start, 45, venue_id=venues["Lantern & Leaf Coffee"]
    )
    _open_chat(app, "Jessica", "Plan")
    user = app.user
    user.wait_to_see("to go within Toronto")
    shown = user.texts()
    assert sum(text.count("Leave by") for text in shown) == 1  # the row's label
    row = next(text for text in shown if "to go within Toronto" in text)
    assert re.match(r"\d\d:\d\d to go within Toronto", row), row


def test_preferences_name_each_kind_of_contact_with_its_article(app: App) -> None:
    user = app.user
    shown: list[str] = []

    def look(dialog: QWidget) -> None:
        user.open_tab("Outreach", dialog)
        shown.extend(user.texts(dialog))
        user.click_button("Cancel", dialog)

    with user.in_next_dialog(look):
        user.open_from_menu("Edit", "Preferences…")
    assert "Keep in touch with a mentor every" in shown
    assert "Keep in touch with a peer every" in shown
    assert "Keep in touch with any other contact every" in shown
    assert not [text for text in shown if "a other" in text]


def test_the_report_back_card_names_a_peer_as_a_peer(app: App) -> None:
    ids = sorted_out(app.workspace)  # Omar is a peer
    workspace = app.workspace
    meeting = met(workspace, ids["Omar"], days_ago=3)
    workspace.chats.meetings.save_notes(meeting, NoteSections(advice="Join the PMI chapter"))
    workspace.chats.thank_you.mark_sent(meeting)
    workspace.chats.advice.mark_acted_on(meeting, "Join the PMI chapter")
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Tell them what came of it")
    shown = " ".join(user.texts())
    assert "a short note keeps a peer close." in shown
    assert "keeps a mentor close" not in shown
