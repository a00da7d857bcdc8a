"""What a new user found walking through the app: each rule as they meet it on screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListView, QPlainTextEdit

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner, MeetingStatus, Stage
from chatplanner.services.meetings import ChatStillAheadError
from chatplanner.services.thank_you import ThankYouDraftError
from tests.journey.conftest import App
from tests.journey.story import messaged, met, planned, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.user import WAIT_MS


def test_today_words_end_their_sentences_and_count_days_past_a_day(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=2)
    workspace.meetings.save_notes(meeting, NoteSections(advice="Take the CAPM exam before the PMP"))
    workspace.thank_you.mark_sent(meeting)
    workspace.advice.mark_acted_on(meeting, "Take the CAPM exam before the PMP")
    yesterday = workspace.context.now().astimezone(workspace.context.zone()).date() - timedelta(
        days=1
    )
    workspace.meetings.add_follow_up(
        meeting, FollowUpOwner.ME, "Sign up for the Primavera P6 weekend course", yesterday
    )
    met(workspace, ids["Mei"], days_ago=2)
    user = app.user

    user.go_to("Today")
    user.wait_to_see("Mei Chen")
    shown = " ".join(user.texts())
    assert "“Take the CAPM exam before the PMP”. Tell them what came of it" in shown
    assert (
        "Sign up for the Primavera P6 weekend course — planned for yesterday; "
        "it is still worth doing whenever you are ready." in shown
    )
    assert "gesture" not in shown
    assert "Your call was 2 days ago." in shown
    assert "hours ago" not in shown


def test_a_new_person_shows_the_stage_they_will_be_saved_with(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=3)
    user = app.user
    _select(app, "Jessica")
    stage = user.named("Stage", QComboBox)
    user.qtbot.waitUntil(lambda: stage.currentText() == "Messaged")

    user.click_button("New contact")
    user.wait_to_see("New person")
    assert stage.currentText() == "Not contacted"
    user.type_into(user.labelled("First name"), "Ada")
    user.click_button("Save")
    user.qtbot.waitUntil(
        lambda: any(c.first_name == "Ada" for c in app.workspace.contacts.list_summaries())
    )
    ada = next(c for c in app.workspace.contacts.list_summaries() if c.first_name == "Ada")
    assert ada.stage is Stage.NOT_CONTACTED
    assert stage.currentText() == "Not contacted"


def test_a_chat_ahead_is_done_only_if_it_happened_earlier_and_its_thanks_need_words(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    ahead = workspace.context.now() + timedelta(days=4)
    meeting = planned(workspace, ids["Mei"], ahead)
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Plan")
    mark_done = user.button("Mark as done")
    assert "has not started yet" in mark_done.toolTip()

    asked: list[str] = []
    user.then_answer("Keep it planned", lambda box: asked.append(" ".join(user.texts(box))))
    user.click(mark_done)
    assert asked and "cannot be done yet" in asked[0]
    assert workspace.meetings.summary(meeting).status is MeetingStatus.PLANNED
    user.open_tab("Thank-you")
    mark_sent = user.button("Mark as sent")
    assert not mark_sent.isEnabled() and "not happened yet" in mark_sent.toolTip()
    with pytest.raises(ChatStillAheadError):
        workspace.meetings.set_status(meeting, MeetingStatus.DONE)

    user.open_tab("Plan")
    user.then_answer("We met: move it to now")
    user.click_button("Mark as done")
    user.qtbot.waitUntil(
        lambda: workspace.meetings.summary(meeting).status is MeetingStatus.DONE, timeout=WAIT_MS
    )
    summary = workspace.meetings.summary(meeting)
    assert summary.starts_at <= workspace.context.now() and not summary.is_upcoming(
        workspace.context.now()
    )
    assert user.status_text() == "Marked as done. Write your notes while they are fresh."

    # The thank-you cannot be marked as sent while its text is empty.
    user.open_tab("Thank-you")
    body = user.named("Email text", QPlainTextEdit)
    user.type_into(body, "x", replace=True)
    user.press(Qt.Key.Key_Backspace, widget=body)
    mark_sent = user.button("Mark as sent")
    assert not mark_sent.isEnabled() and "empty" in mark_sent.toolTip()
    user.type_into(body, "Thank you for the chat, Mei.")
    assert mark_sent.isEnabled()
    user.click(mark_sent)
    user.qtbot.waitUntil(lambda: user.button("Sent").isVisible(), timeout=WAIT_MS)
    funnel = workspace.insights.insights().summary.funnel
    assert (funnel.met, funnel.thanked) == (1, 1)


def test_an_empty_thank_you_is_refused_by_the_service(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.thank_you.save(meeting, "", "")
    with pytest.raises(ThankYouDraftError, match="empty"):
        app.workspace.thank_you.mark_sent(meeting)
