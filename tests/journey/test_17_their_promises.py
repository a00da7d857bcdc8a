"""Follow-through lists what they promised too, under its own heading, to mark as kept."""

from __future__ import annotations

from PySide6.QtWidgets import QListView, QListWidget

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out


def test_follow_through_shows_what_they_promised_and_marks_it_kept(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=2)
    workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Volunteer on a PMI committee")
    )
    workspace.chats.meetings.add_follow_up(meeting, FollowUpOwner.ME, "Send Jessica my resume")
    workspace.chats.meetings.add_follow_up(
        meeting, FollowUpOwner.THEM, "Introduce me to the PMO lead at Metrolinx"
    )
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Follow-through")
    items = user.named("Advice and promises", QListWidget)
    user.qtbot.waitUntil(lambda: "What they promised" in user.rows(items))
    assert user.rows(items) == [
        "Advice they gave",
        "○ Volunteer on a PMI committee",
        "What you promised",
        "○ Send Jessica my resume",
        "What they promised",
        "○ Introduce me to the PMO lead at Metrolinx",
    ]

    user.click_row(items, "○ Introduce me to the PMO lead at Metrolinx")
    user.type_into(user.named("What happened"), "Met Ana from the PMO on Friday")
    user.click_button("Mark as kept")
    user.qtbot.waitUntil(lambda: "✓ Introduce me" in " ".join(user.rows(items)))
    assert "Their promise is marked as kept." in user.status_text()
    theirs = [
        f
        for f in workspace.chats.meetings.meeting(meeting).follow_ups
        if f.owner is FollowUpOwner.THEM
    ]
    assert [(f.done, f.outcome) for f in theirs] == [(True, "Met Ana from the PMO on Friday")]


def test_an_offer_written_in_the_free_notes_is_listed_and_kept_once(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=2)
    workspace.chats.meetings.save_notes(
        meeting,
        NoteSections(
            advice="Take the CAPM exam before the PMP",
            free_notes="She laughed about the Toronto winters. Offered to review my LinkedIn "
            "profile.",
        ),
    )
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Follow-through")
    items = user.named("Advice and promises", QListWidget)
    user.qtbot.waitUntil(lambda: "What they promised" in user.rows(items))
    assert user.rows(items)[-2:] == ["What they promised", "○ Review my LinkedIn profile"]

    user.click_row(items, "○ Review my LinkedIn profile")
    user.type_into(user.named("What happened"), "Her comments are in")
    user.click_button("Mark as kept")
    user.qtbot.waitUntil(lambda: "✓ Review my LinkedIn profile" in " ".join(user.rows(items)))
    assert user.rows(items)[-2:] == [
        "What they promised",
        "✓ Review my LinkedIn profile\n    Her comments are in",
    ]
    theirs = [
        (f.text, f.done, f.outcome)
        for f in workspace.chats.meetings.meeting(meeting).follow_ups
        if f.owner is FollowUpOwner.THEM
    ]
    assert theirs == [("Review my LinkedIn profile", True, "Her comments are in")]
    # The thank-you still thanks her for it once.
    draft = workspace.chats.thank_you.generate(meeting)
    assert draft.entry.body.count("LinkedIn profile") == 1, draft.entry.body
