"""What people using the real app found after the journey worked: each step driven through the
window, each checked on screen and in what is stored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from sqlalchemy import select

from chatplanner.db.models import Outreach
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode, MeetingStatus, Stage, TravelMode, VenueKind
from chatplanner.domain.venues import VenueDraft
from chatplanner.services.workspace import Workspace
from tests.journey.conftest import App, Launch
from tests.journey.story import (
    messaged,
    met,
    planned,
    settled_in_toronto,
    sorted_out,
    stored_bodies,
)
from tests.journey.test_04_first_messages import _select
from tests.journey.user import WAIT_MS


def _read(text: str) -> str:
    """Text as a person reads it: without the invisible marks that keep a name's direction."""
    return "".join(c for c in text if c not in "\u200e\u200f\u2066\u2067\u2068\u2069")


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
    assert app.workspace.people.contacts.get(ids["Mei"]).stage is Stage.CHAT_PLANNED
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "Chat planned" in user.rows(people, 5), timeout=WAIT_MS)
    # Answered, but no reply moment was made up: the day they answered was never logged.
    with app.workspace.context.sessions() as session:
        stored = session.execute(
            select(Outreach.replied_at, Outreach.outcome).where(Outreach.contact_id == ids["Mei"])
        ).all()
    assert [tuple(row) for row in stored] == [(None, "replied")]
    summary = app.workspace.pipeline.insights.insights().summary
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
    imported_at = workspace.people.contacts.get(ids["Omar"]).created_at
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Omar")
    user.open_tab("Plan")
    user.then_answer("We met: move it to now")
    user.click_button("Mark as done")
    user.qtbot.waitUntil(
        lambda: workspace.chats.meetings.summary(meeting).status is MeetingStatus.DONE,
        timeout=WAIT_MS,
    )

    summary = workspace.chats.meetings.summary(meeting)
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
        workspace.planning.venues.add(
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
    venue = app.workspace.planning.venues.list_venues()[0]
    leave = app.workspace.planning.scheduling.leave_by_at(starts, venue.id, TravelMode.TRANSIT)
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
    base = workspace.planning.venues.base(resolve=False)
    assert base is not None
    assert not base.city_centre


def test_a_template_chosen_for_one_of_several_people_rewrites_only_their_message(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    user = app.user
    _select(app, "Jessica", "Omar", "Mei")
    bodies: dict[str, str] = {}
    asked: list[str] = []

    def write(dialog: QWidget) -> None:
        people = user.named("People written to", QListWidget, dialog)
        body = user.named("Message", QPlainTextEdit, dialog)
        template = user.named("Template", QComboBox, dialog)
        for name in ("Jessica Tran", "Omar Haddad", "Mei Chen"):
            user.click_row(people, name)
            bodies[name] = body.toPlainText()
        # Omar's message is worded by hand.
        user.click_row(people, "Omar Haddad")
        body.moveCursor(body.textCursor().MoveOperation.End)
        user.click(body)
        user.qtbot.keyClicks(body, " P.S. Loved your talk.")
        bodies["Omar Haddad"] = body.toPlainText()
        # Mei gets the job lead message: no question (her message is untouched), and only
        # hers is rewritten.
        user.click_row(people, "Mei Chen")
        user.choose(template, "Job lead message")
        bodies["Mei Chen, after"] = body.toPlainText()
        shown = _read(" ".join(user.texts(dialog)))
        assert "Job lead message is used for Mei Chen's message" in shown
        user.click_row(people, "Jessica Tran")
        assert not user.sees("is used for", dialog)
        assert body.toPlainText() == bodies["Jessica Tran"]
        assert template.currentText() != "Job lead message"
        user.click_row(people, "Omar Haddad")
        assert body.toPlainText() == bodies["Omar Haddad"]
        # Changing Omar's template asks about Omar's edits, and no one else's.
        user.then_answer("Cancel", lambda box: asked.append(_read(" ".join(user.texts(box)))))
        kept = template.currentText()
        user.click(template)
        user.qtbot.waitUntil(template.view().isVisible, timeout=WAIT_MS)
        steps = template.findText("Follow-up") - template.currentIndex()
        for _ in range(abs(steps)):
            user.qtbot.keyClick(template.view(), Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
        user.qtbot.keyClick(template.view(), Qt.Key.Key_Return)
        user.qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
        # Cancelled: Omar's words and template stay.
        user.qtbot.waitUntil(lambda: template.currentText() == kept, timeout=WAIT_MS)
        assert body.toPlainText() == bodies["Omar Haddad"]
        user.click_button("Log 3 messages as sent", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert bodies["Mei Chen, after"] != bodies["Mei Chen"]
    assert "Mei" in bodies["Mei Chen, after"]
    assert len(asked) == 1
    assert "Your edits to the message to Omar Haddad will be replaced" in asked[0]
    assert stored_bodies(app.workspace, ids["Omar"]) == [bodies["Omar Haddad"]]
    assert stored_bodies(app.workspace, ids["Mei"]) == [bodies["Mei Chen, after"]]
    assert stored_bodies(app.workspace, ids["Jessica"]) == [bodies["Jessica Tran"]]


def test_the_thank_you_keeps_every_point_of_the_notes_and_greets_a_chinese_name_whole(
    app: App,
) -> None:
    sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Sam Rivera")
    wei = app.workspace.people.contact_edits.create(ContactDraft(first_name="伟", last_name="李"))
    meeting = met(app.workspace, wei.id)
    advice = [
        "Take the CAPM exam before the PMP",
        "Volunteer on a PMI chapter committee",
        "Ask for the messy projects",
        "Keep a brag document",
        "Learn Primavera P6 basics",
        "Shadow a senior PM for a month",
    ]
    app.workspace.chats.meetings.save_notes(
        meeting,
        NoteSections(
            advice="\n".join(advice),
            resources="The Manager Tools podcast is great for new managers",
            their_goals="Move into a director role; speak at the PMI Toronto symposium",
            free_notes="He mentioned the Soft Skills Engineering podcast.",
        ),
    )
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "李伟")
    user.open_tab("Thank-you")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: body.toPlainText().startswith("Hi "), timeout=WAIT_MS)

    letter = " ".join(body.toPlainText().split())
    left_out = user.named("Left out of the draft", QLabel).text()
    assert letter.startswith("Hi 李伟,")
    assert (
        "Good luck with your talk at the PMI Toronto symposium, and with moving into a "
        "director role." in letter
    )
    # Every point is in the letter, or listed beside it: none is dropped in silence.
    everything = letter + " " + " ".join(left_out.split())
    for point in (
        "Manager Tools podcast",
        "Soft Skills Engineering podcast",
        *(a[1:] for a in advice),  # "ake the CAPM…": the letter lowers the first letter
    ):
        assert point in everything, point
    assert left_out.startswith("From your notes, not in this draft")
    stored = app.workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert stored.body == body.toPlainText()


def _checklist_texts(app: App) -> list[str]:
    user = app.user
    user.open_tab("Checklist")
    views = [v for v in user.all_visible(QListView) if v.accessibleName().endswith(" checklist")]
    return [text for view in views for text in user.rows(view)]


def test_an_online_call_has_online_checklist_items_and_a_switch_brings_the_right_ones(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    venues = settled_in_toronto(app.workspace, ids)
    workspace = app.workspace
    soon = workspace.context.now() + timedelta(days=2)
    online = planned(workspace, ids["Mei"], soon)  # an online call
    in_person = workspace.planning.scheduling.plan_chat(
        ids["Jessica"],
        MeetingMode.IN_PERSON,
        soon + timedelta(hours=3),
        venue_id=venues["Lantern & Leaf Coffee"],
    )
    user = app.user
    user.go_to("Meetings")
    meetings = user.named("Meetings", QListView)
    user.click_row(meetings, "Mei")
    shown = _checklist_texts(app)
    assert "Join a few minutes early" in shown
    assert "Test the call link, camera and microphone" in shown
    assert "Arrive on time" not in shown

    user.click_row(meetings, "Jessica")
    shown = _checklist_texts(app)
    assert "Arrive on time" in shown
    assert "Join a few minutes early" not in shown
    # The chat with Jessica becomes a call: the checklist follows, what she ticked stays.
    route = next(
        i
        for i in workspace.chats.meetings.meeting(in_person).checklist
        if i.text.startswith("Plan the")
    )
    workspace.chats.meetings.set_item_done(route.id, True)
    user.open_tab("Plan")
    user.click_button("Make it an online call")
    user.qtbot.waitUntil(
        lambda: workspace.chats.meetings.summary(in_person).mode is MeetingMode.ONLINE,
        timeout=WAIT_MS,
    )
    shown = _checklist_texts(app)
    assert "Join a few minutes early" in shown
    assert "Arrive on time" not in shown
    assert "Plan the route and parking" in shown  # ticked: done is kept on record
    stored = [i.text for i in workspace.chats.meetings.meeting(in_person).checklist]
    assert "Join a few minutes early" in stored
    assert "Arrive on time" not in stored

    # And Mei's call moves to a venue: the in-person items come in.
    user.click_row(meetings, "Mei")
    user.open_tab("Plan")

    def choose(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Meet in Person"
        user.click_button("Meet There", dialog)

    with user.in_next_dialog(choose):
        user.click_button("Meet in person…")
    summary = workspace.chats.meetings.summary(online)
    assert summary.mode is MeetingMode.IN_PERSON
    assert summary.venue_name
    shown = _checklist_texts(app)
    assert "Arrive on time" in shown
    assert "Plan the route and parking" in shown
    assert "Join a few minutes early" not in shown
    assert "Test the call link, camera and microphone" not in shown
