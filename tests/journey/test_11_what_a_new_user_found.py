"""What a new user found walking through the app: each rule as they meet it on screen."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner, Stage
from tests.journey.conftest import App
from tests.journey.story import messaged, met, sorted_out
from tests.journey.test_04_first_messages import _select


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
