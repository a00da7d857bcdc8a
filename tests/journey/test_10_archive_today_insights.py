"""At the end of the day: search the archive, and Today and Insights agree with what happened."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListView, QPlainTextEdit, QTabWidget

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import Goal
from chatplanner.services.outreach import SentMessage
from tests.journey.conftest import App
from tests.journey.story import met, planned, sorted_out
from tests.journey.user import WAIT_MS


def test_a_search_hit_opens_the_chat_on_its_notes_at_the_words_found(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(
        meeting,
        NoteSections(their_past="Started as a site engineer.", resources="The PMBOK guide"),
    )
    user = app.user
    user.go_to("Archive")
    user.type_into(user.named("Search the notes", QLineEdit), "PMBOK")
    results = user.named("Search results", QListView)
    user.qtbot.waitUntil(lambda: results.model().rowCount() == 1, timeout=WAIT_MS)
    user.press(Qt.Key.Key_Return, widget=user.named("Search the notes", QLineEdit))

    user.wait_to_see("Jessica Tran")
    tabs = next(t for t in user.all_visible(QTabWidget) if t.tabText(t.currentIndex()) == "Notes")
    assert tabs is not None
    resources = user.named("Resources they mentioned", QPlainTextEdit)
    assert resources.textCursor().selectedText() == "PMBOK"


def test_today_and_insights_agree_with_what_happened(app: App) -> None:
    ids = sorted_out(app.workspace)
    now = app.workspace.context.now()
    outreach = app.workspace.pipeline.outreach
    # Three first messages, one goal each; Jessica replied and met; Mei's chat is ahead.
    for name, goal in (("Jessica", Goal.MENTORSHIP), ("Omar", Goal.JOB_LEAD), ("Mei", None)):
        outreach.log_sent(
            SentMessage(ids[name], goal=goal, sent_at=now - timedelta(days=10), body="Hi")
        )
    outreach.record_reply(ids["Jessica"], now - timedelta(days=8))
    met(app.workspace, ids["Jessica"], days_ago=2)
    planned(app.workspace, ids["Mei"], now + timedelta(days=1))
    user = app.user

    user.go_to("Today")
    user.wait_to_see("Mei Chen")
    shown = " ".join(user.texts())
    assert "Jessica" in shown  # a thank-you owed
    assert "Omar" in shown  # a follow-up due
    assert user.button_beside("Write thank-you", "Jessica")
    assert user.button_beside("Open chat", "Mei")

    user.go_to("Insights")
    user.wait_to_see("Of 3 people you wrote to, 2 replied and 1 met you for a chat.")
    assert user.sees("3 first messages")
    insights = app.workspace.pipeline.insights.insights()
    funnel = insights.summary.funnel
    assert (funnel.messaged, funnel.replied, funnel.met, funnel.thanked) == (3, 2, 1, 0)
    by_goal = {r.key: (r.sent, r.replied) for r in insights.summary.reply_rate_by_goal if r.sent}
    # Mei's message recorded no goal: her own (mentorship) counts; her planned chat is a reply.
    assert by_goal == {"mentorship": (2, 2), "job_lead": (1, 0)}
