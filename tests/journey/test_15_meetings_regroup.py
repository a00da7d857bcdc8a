"""Meetings: the list and its heading regroup at once when a chat is marked done or moved to now,
and stay right after later changes to the same chat (a follow-up, a checklist tick)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QAbstractSpinBox, QListView, QWidget

from chatplanner.domain.enums import MeetingMode, MeetingStatus
from tests.journey.conftest import App
from tests.journey.story import planned, sorted_out
from tests.journey.user import WAIT_MS


def _sections(rows: list[str]) -> dict[str, list[str]]:
    """The list as the user reads it: each heading with the names under it."""
    sections: dict[str, list[str]] = {}
    heading = ""
    for row in rows:
        if " · " in row and row.split(" · ")[0] in ("Upcoming", "Past"):
            heading = row
            sections[heading] = []
        else:
            sections[heading].append(row)
    return sections


def test_a_chat_marked_done_moves_to_past_at_once_and_stays_there(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    now = workspace.context.now()
    # Omar's chat began ten minutes ago and is still on; Mei's is tomorrow.
    omar = planned(workspace, ids["Omar"], now - timedelta(minutes=10), MeetingMode.ONLINE)
    mei = planned(workspace, ids["Mei"], now + timedelta(days=1), MeetingMode.ONLINE)
    user = app.user
    user.go_to("Meetings")
    chats = user.named("Meetings", QListView)
    user.qtbot.waitUntil(lambda: "Upcoming · 2" in user.rows(chats), timeout=WAIT_MS)
    assert user.sees("2 chats, 2 coming up")

    user.click_row(chats, "Omar")
    user.open_tab("Plan")
    user.click_button("Mark as done")
    assert workspace.chats.meetings.summary(omar).status is MeetingStatus.DONE
    # At once, without leaving the page.
    assert _sections(user.rows(chats)) == {
        "Upcoming · 1": ["Mei Chen"],
        "Past · 1": ["Omar Haddad"],
    }
    assert user.sees("2 chats, 1 coming up")

    # A later change to the same chat (a promise in its notes) keeps the list as it is now,
    # and so does leaving the page and coming back.
    user.open_tab("Notes")
    promise = user.named("What was promised", QWidget)
    user.type_into(promise, "Send Omar the article")
    user.click_button("Add")
    user.qtbot.waitUntil(
        lambda: bool(workspace.chats.meetings.meeting(omar).follow_ups), timeout=WAIT_MS
    )
    user.go_to("Today")
    user.wait_to_see("Upcoming chats")
    user.go_to("Meetings")
    chats = user.named("Meetings", QListView)
    assert _sections(user.rows(chats)) == {
        "Upcoming · 1": ["Mei Chen"],
        "Past · 1": ["Omar Haddad"],
    }
    assert user.sees("2 chats, 1 coming up")

    # Mei's chat happened early: moved to now, it joins the past, the latest first.
    user.click_row(chats, "Mei")
    user.open_tab("Plan")
    user.then_answer("We met: move it to now")
    user.click_button("Mark as done")
    user.qtbot.waitUntil(
        lambda: workspace.chats.meetings.summary(mei).status is MeetingStatus.DONE, timeout=WAIT_MS
    )
    past = sorted(
        (workspace.chats.meetings.summary(m) for m in (omar, mei)),
        key=lambda s: s.starts_at,
        reverse=True,
    )
    assert _sections(user.rows(chats)) == {"Past · 2": [s.contact_name for s in past]}
    assert user.sees("2 chats, 0 coming up")


def test_a_cancelled_chat_offers_back_to_planned_not_done(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    mei = planned(workspace, ids["Mei"], workspace.context.now() + timedelta(days=2))
    user = app.user
    user.go_to("Meetings")
    chats = user.named("Meetings", QListView)
    user.qtbot.waitUntil(lambda: "Upcoming · 1" in user.rows(chats), timeout=WAIT_MS)
    user.click_row(chats, "Mei")
    user.open_tab("Plan")
    user.click_button("Mark as cancelled")
    assert workspace.chats.meetings.summary(mei).status is MeetingStatus.CANCELLED
    assert "Mark as done" not in user.buttons()
    user.click_button("Back to planned")
    assert workspace.chats.meetings.summary(mei).status is MeetingStatus.PLANNED
    assert "Mark as done" in user.buttons()


def test_the_chat_shown_follows_a_time_changed_elsewhere(app: App) -> None:
    # A sync takes the server's time for the chat on screen: the Plan tab shows the new time,
    # so that the next edit there (its length) does not write the old time back.
    workspace = app.workspace
    ids = sorted_out(workspace)
    zone = workspace.context.zone()
    starts = (workspace.context.now().astimezone(zone) + timedelta(days=2)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    mei = planned(workspace, ids["Mei"], starts, MeetingMode.ONLINE)
    user = app.user
    user.go_to("Meetings")
    chats = user.named("Meetings", QListView)
    user.qtbot.waitUntil(lambda: "Upcoming · 1" in user.rows(chats), timeout=WAIT_MS)
    user.click_row(chats, "Mei")
    user.open_tab("Plan")
    time_field = user.named("Time", QAbstractSpinBox)
    assert time_field.text() == "18:00"

    workspace.chats.meetings.update_plan(mei, starts_at=starts + timedelta(hours=1))
    user.go_to("Today")
    user.go_to("Meetings")

    user.qtbot.waitUntil(lambda: time_field.text() == "19:00", timeout=WAIT_MS)
    assert workspace.chats.meetings.summary(mei).starts_at == starts + timedelta(hours=1)
