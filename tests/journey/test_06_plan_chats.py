"""Plan a chat: in person at a venue the user knows, and online."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QListView, QWidget

from chatplanner.domain.enums import MeetingMode, Stage
from chatplanner.domain.schedule import default_start
from tests.journey.conftest import App
from tests.journey.story import messaged, planned, settled_in_toronto, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.test_18_time_zones import _type_over
from tests.journey.user import WAIT_MS


def test_an_in_person_chat_is_planned_with_its_reasons_and_warnings(app: App) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    messaged(app.workspace, ids["Jessica"], days_ago=5)
    # Another chat, planned earlier, runs at the time the dialog would first propose (the
    # next weekday at 10:00): it proposes the first half hour after it instead.
    usual = default_start(app.workspace.context.now(), "America/Toronto")
    planned(app.workspace, ids["Omar"], usual + timedelta(minutes=15))
    user = app.user
    seen: dict[str, str] = {}

    def plan(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        user.wait_to_see("bar hidden", dialog)
        clock = user.named("Time", QAbstractSpinBox, dialog)
        seen["proposed"] = clock.text()
        seen["proposed_words"] = " | ".join(user.texts(dialog))
        _type_over(user, clock, "10:30")  # over Omar's chat: the dialog says so
        # Read once it is stepped (Up, then Down), as when leaving the field.
        user.press(Qt.Key.Key_Up, widget=clock.lineEdit())
        user.press(Qt.Key.Key_Down, widget=clock.lineEdit())
        user.wait_to_see("This overlaps", dialog)
        seen["before"] = " | ".join(user.texts(dialog))
        user.click_button("Allow bars", dialog)
        user.qtbot.waitUntil(lambda: not user.sees("bar hidden", dialog), timeout=WAIT_MS)
        seen["buttons"] = " | ".join(user.buttons(dialog))
        user.click_button("Plan Chat", dialog)

    user.go_to("Meetings")  # Omar's chat is the one Meetings shows
    user.click_row(user.named("Meetings", QListView), "Omar")
    user.go_to("People")
    _select(app, "Jessica")
    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")

    assert seen["proposed"] == "11:00"  # Omar's chat runs from 10:15 to 11:00
    assert "overlaps" not in seen["proposed_words"]
    assert "Jessica is in Toronto too, the same city as you: meet in person." in seen["before"]
    assert "This overlaps your chat with Omar Haddad at 10:15" in seen["before"]
    assert "1 bar hidden: allow them to see it here." in seen["before"]
    assert "Plan and Export Invite…" in seen["buttons"]
    assert app.workspace.planning.venues.weights().allow_bars
    assert app.workspace.people.contacts.get(ids["Jessica"]).stage is Stage.CHAT_PLANNED
    people = user.table("Stage")
    user.qtbot.waitUntil(lambda: "Chat planned" in user.rows(people, 5), timeout=WAIT_MS)
    # Planning a chat means Jessica replied: the funnel counts her reply.
    assert app.workspace.pipeline.insights.insights().summary.funnel.replied == 1

    meeting = next(
        m for m in app.workspace.chats.meetings.list_meetings() if m.contact_name == "Jessica Tran"
    )
    assert meeting.mode is MeetingMode.IN_PERSON
    assert meeting.venue_name
    user.go_to("Meetings")
    # Planned from People: Meetings, when next chosen, shows the new chat (not the first one).
    assert "Jessica Tran" in user.named("Meetings", QListView).currentIndex().data()
    assert app.window.page("meetings").detail.meeting_id == meeting.id  # type: ignore[attr-defined]
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Plan")
    user.wait_to_see("Leave by")
    assert {"Export invite…", "Change venue…"} <= set(user.buttons())
    # The small offline map: the user's base, Jessica and the venue.
    chat_map: QWidget = user.named("Map of your base, the contact and the venue")
    assert chat_map.width() >= 260
    assert chat_map.height() >= 200


def test_an_online_chat_and_a_picker_without_people_moved_on_from(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.pipeline.outreach.mark_moved_on(ids["Lucas"])
    user = app.user
    choices: list[str] = []

    def plan(dialog: QWidget) -> None:
        from PySide6.QtWidgets import QComboBox

        person = user.named("Person", QComboBox, dialog)
        choices.extend(person.itemText(i) for i in range(person.count()))
        user.choose(person, "Mei Chen")
        user.click_button("Online call", dialog)
        user.type_into(user.labelled("Call link", dialog), "https://meet.example.org/mei")
        user.click_button("Plan Chat", dialog)

    # A chat already on the list, sooner than the new one, and the one selected.
    proposed = default_start(app.workspace.context.now(), "America/Toronto")
    planned(app.workspace, ids["Omar"], proposed - timedelta(days=1))
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Omar")
    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")

    assert not any(c.startswith("Lucas") for c in choices)
    assert any(c.startswith("Mei Chen") for c in choices)
    meeting = next(
        m for m in app.workspace.chats.meetings.list_meetings() if m.contact_name == "Mei Chen"
    )
    assert meeting.mode is MeetingMode.ONLINE
    assert meeting.call_link == "https://meet.example.org/mei"
    # Planned from Meetings: the new chat is the one selected and shown, without a click.
    chats = user.named("Meetings", QListView)
    assert "Mei Chen" in chats.currentIndex().data()
    assert app.window.page("meetings").detail.meeting_id == meeting.id  # type: ignore[attr-defined]
    assert app.window.statusBar().currentMessage() == "Chat planned."
    user.click_row(chats, "Mei")
    user.open_tab("Plan")
    user.wait_to_see("Online call")
    assert not [m for m in user.all_visible(QWidget) if m.accessibleName().startswith("Map of")]
