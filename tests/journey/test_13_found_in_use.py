"""What people using the real app found after the journey worked: each step driven through the
window, each checked on screen and in what is stored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QListView, QTextBrowser, QWidget
from sqlalchemy import select

from chatplanner.db.models import Outreach
from chatplanner.domain.enums import MeetingStatus, Stage, TravelMode, VenueKind
from chatplanner.domain.venues import VenueDraft
from chatplanner.services.workspace import Workspace
from tests.journey.conftest import App, Launch
from tests.journey.story import messaged, planned, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.user import WAIT_MS


def test_planning_a_chat_moves_them_on_without_inventing_when_they_replied(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Mei"], days_ago=9)
    user = app.user

    def plan(dialog: QWidget) -> None:
        user.click_button("Online call", dialog)
        user.type_into(user.labelled("Call link", dialog), "https://meet.example.org/mei")
        user.click_button("Plan Chat", dialog)

    _select(app, "Mei")
    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")

    # Moved past "messaged", as planning a chat means they answered.
    assert app.workspace.contacts.get(ids["Mei"]).stage is Stage.CHAT_PLANNED
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "Chat planned" in user.rows(people, 5), timeout=WAIT_MS)
    # Answered, but no reply moment was made up: the day they answered was never logged.
    with app.workspace.context.sessions() as session:
        stored = session.execute(
            select(Outreach.replied_at, Outreach.outcome).where(Outreach.contact_id == ids["Mei"])
        ).all()
    assert [tuple(row) for row in stored] == [(None, "replied")]
    summary = app.workspace.insights.insights().summary
    assert summary.funnel.replied == 1
    assert summary.median_days_to_reply is None

    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Brief")
    brief = user.named("Brief", QTextBrowser)
    user.qtbot.waitUntil(lambda: "You wrote on" in brief.toPlainText(), timeout=WAIT_MS)
    assert "They replied" not in brief.toPlainText()

    user.go_to("Insights")
    user.wait_to_see("No replies in this period yet.")
    user.wait_to_see("Of 1 people you wrote to, 1 replied")


def test_a_chat_moved_to_now_starts_no_earlier_than_the_person_was_known(app: App) -> None:
    ids = sorted_out(app.workspace)  # imported just now
    workspace = app.workspace
    meeting = planned(workspace, ids["Omar"], workspace.context.now() + timedelta(days=2))
    imported_at = workspace.contacts.get(ids["Omar"]).created_at
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Omar")
    user.open_tab("Plan")
    user.then_answer("We met: move it to now")
    user.click_button("Mark as done")
    user.qtbot.waitUntil(
        lambda: workspace.meetings.summary(meeting).status is MeetingStatus.DONE, timeout=WAIT_MS
    )

    summary = workspace.meetings.summary(meeting)
    now = workspace.context.now()
    # It ends now, and cannot have begun before Omar was in the profile: it is shorter instead.
    assert imported_at <= summary.starts_at <= now
    assert summary.starts_at + timedelta(minutes=summary.duration_minutes) >= now - timedelta(
        minutes=1
    )
    # On People, the chat reads after his arrival in the person's history, not under it.
    _select(app, "Omar")
    user.open_tab("Timeline")
    timeline = next(
        view
        for view in user.all_visible(QListView)
        if any("chat" in row for row in user.rows(view))
    )
    titles = [row.split("  ·  ")[0] for row in user.rows(timeline)]
    chat = next(i for i, title in enumerate(titles) if "chat" in title and "(held)" in title)
    arrival = next(i for i, title in enumerate(titles) if title.startswith("Stage: Not contacted"))
    assert chat < arrival, titles


def test_a_base_set_on_the_first_run_sheet_of_an_earlier_build_is_known_as_a_city(
    launch: Launch, profile: Path
) -> None:
    with Workspace.open(profile) as workspace:
        # As the earlier first-run sheet stored "Toronto": its centre, without the city flag.
        workspace.settings.set(
            "user.base",
            {
                "label": "Home",
                "city": "Toronto",
                "country": "CA",
                "latitude": 43.7064,  # Toronto's centre in the offline city list
                "longitude": -79.3986,
                "timezone": "America/Toronto",
                "city_centre": False,
            },
        )
        workspace.venues.add(
            VenueDraft(
                "Lantern & Leaf Coffee",
                VenueKind.COFFEE_SHOP,
                city="Toronto",
                latitude=43.6629,
                longitude=-79.3957,
            )
        )
    app = launch(profile)
    user = app.user
    user.go_to("Venues")
    table = user.table("Distance")
    user.qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT_MS)
    assert user.rows(table, 5) == ["in your city"]
    starts = app.workspace.context.now() + timedelta(days=1)
    venue = app.workspace.venues.list_venues()[0]
    leave = app.workspace.scheduling.leave_by_at(starts, venue.id, TravelMode.TRANSIT)
    assert leave is not None
    assert "within Toronto" in leave.sentence
    assert " km" not in leave.sentence


def test_a_base_at_an_address_keeps_its_distances(workspace: Workspace) -> None:
    # A geocoded address in Toronto (more decimals than any city centre): not a city.
    workspace.settings.set(
        "user.base",
        {
            "label": "Home",
            "city": "Toronto",
            "country": "CA",
            "latitude": 43.6532117,
            "longitude": -79.3832042,
            "timezone": "America/Toronto",
            "city_centre": False,
        },
    )
    base = workspace.venues.base(resolve=False)
    assert base is not None
    assert not base.city_centre
