"""Planning a chat: the mode suggestion, the meeting with its checklist and stage, the invite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, vGeo

from chatplanner.db.models import ChecklistItem, Contact, Meeting, StageEvent, Template
from chatplanner.domain.enums import MeetingMode, Stage, TemplateKind, TravelMode
from chatplanner.domain.venues import UserBase, VenueDraft
from chatplanner.services.chat_invites import MeetingNotFoundError, PlanningError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)
TORONTO = UserBase("Home", "Toronto", 43.6532, -79.3832, "CA", "America/Toronto")
START = datetime(2025, 3, 18, 10, 0, tzinfo=ZoneInfo("America/Toronto"))


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    ws = open_workspace(clock=lambda: NOW)
    ws.planning.venues.set_base(TORONTO)
    return ws


def _contact(
    ws: Workspace,
    city: str | None,
    lat: float | None = None,
    lon: float | None = None,
    country: str | None = "Canada",
) -> int:
    with ws.context.sessions.begin() as session:
        row = Contact(
            first_name="Jessica",
            last_name="Ng",
            city=city,
            country=country if city else None,
            latitude=lat,
            longitude=lon,
            stage=Stage.REPLIED.value,
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(row)
        session.flush()
        return row.id


def test_same_city_suggests_meeting_in_person(workspace: Workspace) -> None:
    suggestion = workspace.planning.scheduling.suggest_mode(_contact(workspace, "Toronto"))
    assert suggestion.mode is MeetingMode.IN_PERSON
    assert "Jessica is in Toronto too" in suggestion.reason


def test_within_fifty_km_suggests_in_person_and_farther_online(workspace: Workspace) -> None:
    near = workspace.planning.scheduling.suggest_mode(_contact(workspace, "Mississauga"))
    assert near.mode is MeetingMode.IN_PERSON
    assert near.distance_km is not None
    assert 15 < near.distance_km < 50
    far = workspace.planning.scheduling.suggest_mode(_contact(workspace, "Ottawa"))
    assert far.mode is MeetingMode.ONLINE
    assert "online call is easier" in far.reason


def test_the_users_distance_setting_decides(workspace: Workspace) -> None:
    workspace.settings.set("places.in_person_km", 10)
    suggestion = workspace.planning.scheduling.suggest_mode(_contact(workspace, "Mississauga"))
    assert suggestion.mode is MeetingMode.ONLINE


def test_unknown_location_suggests_online_and_asks_for_the_city(workspace: Workspace) -> None:
    suggestion = workspace.planning.scheduling.suggest_mode(_contact(workspace, None))
    assert suggestion.mode is MeetingMode.ONLINE
    assert not suggestion.known
    assert "Add their city" in suggestion.reason
    unknown_city = workspace.planning.scheduling.suggest_mode(
        _contact(workspace, "Atlantis-on-Sea")
    )
    assert not unknown_city.known


def test_without_a_base_the_suggestion_says_to_set_it(workspace: Workspace) -> None:
    workspace.planning.venues.set_base(None)
    suggestion = workspace.planning.scheduling.suggest_mode(_contact(workspace, "Toronto"))
    assert not suggestion.known
    assert "Set your city" in suggestion.reason


def test_plan_chat_creates_the_meeting_checklist_and_stage(workspace: Workspace) -> None:
    venue = workspace.planning.venues.add(
        VenueDraft("Annex Roasters", city="Toronto", latitude=43.6655, longitude=-79.41)
    )
    person = _contact(workspace, "Toronto")
    meeting_id = workspace.planning.scheduling.plan_chat(
        person, MeetingMode.IN_PERSON, START, 30, venue_id=venue, travel_mode=TravelMode.WALK
    )
    with workspace.context.sessions() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert (meeting.status, meeting.mode, meeting.venue_id) == ("planned", "in_person", venue)
        assert meeting.timezone == "America/Toronto"
        assert meeting.starts_at == datetime(2025, 3, 18, 14, 0, tzinfo=UTC)  # EDT is UTC-4
        assert meeting.duration_minutes == 30
        assert meeting.travel_mode == "walk"
        items = [(i.phase, i.text) for i in meeting.checklist]
        assert ("before", "Plan the route and parking") in items
        assert all("call link" not in text for _, text in items)
        contact = session.get(Contact, person)
        assert contact is not None
        assert contact.stage == Stage.CHAT_PLANNED.value
        events = session.query(StageEvent).filter_by(contact_id=person).all()
        assert [e.stage for e in events] == ["chat_planned"]


def test_online_chat_uses_the_users_checklist_template(workspace: Workspace) -> None:
    workspace.chats.chat_templates.save(
        TemplateKind.CHECKLIST,
        "Before:\n- Charge the headset [online]\n- Find parking [in person]\nAfter:\n- Say thanks",
    )
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Ottawa"),
        MeetingMode.ONLINE,
        START,
        call_link="https://meet.example.org/abc",
        venue_id=None,
    )
    with workspace.context.sessions() as session:
        items = session.query(ChecklistItem).filter_by(meeting_id=meeting_id).all()
        assert [i.text for i in sorted(items, key=lambda i: i.position)] == [
            "Charge the headset",
            "Say thanks",
        ]
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert meeting.call_link == "https://meet.example.org/abc"


def test_new_chats_follow_the_checklist_template_as_edited_and_reset(
    workspace: Workspace,
) -> None:
    person = _contact(workspace, "Toronto")

    def items_of(meeting_id: int) -> list[tuple[str, str]]:
        with workspace.context.sessions() as session:
            rows = session.query(ChecklistItem).filter_by(meeting_id=meeting_id).all()
            return [(i.phase, i.text) for i in sorted(rows, key=lambda i: i.position)]

    edited = workspace.chats.chat_templates.text(TemplateKind.CHECKLIST).replace(
        "- Be polite", "- Ask what they are reading"
    )
    workspace.chats.chat_templates.save(TemplateKind.CHECKLIST, edited)
    after_edit = items_of(
        workspace.planning.scheduling.plan_chat(person, MeetingMode.IN_PERSON, START)
    )
    assert ("during", "Ask what they are reading") in after_edit
    assert ("during", "Be polite") not in after_edit
    assert [text for _, text in after_edit] == [
        item.text
        for item in workspace.chats.chat_templates.checklist_template().items_for(
            MeetingMode.IN_PERSON
        )
    ]

    workspace.chats.chat_templates.reset(TemplateKind.CHECKLIST)
    after_reset = items_of(
        workspace.planning.scheduling.plan_chat(person, MeetingMode.IN_PERSON, START)
    )
    assert ("during", "Be polite") in after_reset


def test_a_checklist_row_the_editor_does_not_show_is_not_used(workspace: Workspace) -> None:
    # Only the template the user edits counts: a stray row under another name is ignored.
    with workspace.context.sessions.begin() as session:
        session.add(
            Template(
                kind=TemplateKind.CHECKLIST.value,
                name="Mine",
                body="Before:\n- Something else entirely",
                is_default=True,
                updated_at=NOW,
            )
        )
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Toronto"), MeetingMode.IN_PERSON, START
    )
    with workspace.context.sessions() as session:
        texts = [i.text for i in session.query(ChecklistItem).filter_by(meeting_id=meeting_id)]
    assert "Something else entirely" not in texts
    assert "Be polite" in texts


def test_plan_chat_refuses_naive_times_and_unknown_people(workspace: Workspace) -> None:
    with pytest.raises(PlanningError, match="time zone"):
        workspace.planning.scheduling.plan_chat(
            _contact(workspace, "Toronto"),
            MeetingMode.ONLINE,
            datetime(2025, 3, 18, 10),  # noqa: DTZ001
        )
    with pytest.raises(PlanningError, match="30 to 45"):
        workspace.planning.scheduling.plan_chat(
            _contact(workspace, "Toronto"), MeetingMode.ONLINE, START, 0
        )
    with pytest.raises(Exception, match="no contact number 777"):
        workspace.planning.scheduling.plan_chat(777, MeetingMode.ONLINE, START)


def test_meeting_zone_comes_from_the_venue_city(workspace: Workspace) -> None:
    venue = workspace.planning.venues.add(
        VenueDraft("Granville Café", city="Vancouver", latitude=49.28, longitude=-123.12)
    )
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Vancouver"), MeetingMode.IN_PERSON, START, venue_id=venue
    )
    with workspace.context.sessions() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        assert meeting.timezone == "America/Vancouver"


def test_leave_by_uses_the_distance_from_the_base(workspace: Workspace) -> None:
    venue = workspace.planning.venues.add(VenueDraft("Annex", latitude=43.6655, longitude=-79.41))
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Toronto"),
        MeetingMode.IN_PERSON,
        START,
        venue_id=venue,
        travel_mode=TravelMode.TRANSIT,
    )
    leave = workspace.planning.scheduling.leave_by_for(meeting_id)
    assert leave is not None
    assert leave.leave_at < START - timedelta(minutes=10)
    assert leave.sentence.startswith("Leave by ")
    online = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Ottawa"), MeetingMode.ONLINE, START
    )
    assert workspace.planning.scheduling.leave_by_for(online) is None


def test_invite_round_trips_with_zone_place_geo_and_leave_reminder(workspace: Workspace) -> None:
    venue = workspace.planning.venues.add(
        VenueDraft(
            "Annex Roasters",
            address="540 Bloor St W",
            city="Toronto",
            latitude=43.6655,
            longitude=-79.41,
        )
    )
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Toronto"), MeetingMode.IN_PERSON, START, 45, venue_id=venue
    )
    calendar = Calendar.from_ical(workspace.planning.scheduling.invite_ics(meeting_id))
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Coffee chat with Jessica Ng"
    start = event.decoded("DTSTART")
    assert start == START
    assert str(start.tzinfo) == "America/Toronto"
    assert event.decoded("DTEND") - start == timedelta(minutes=45)
    assert str(event["LOCATION"]) == "Annex Roasters, 540 Bloor St W, Toronto"
    geo = event["GEO"]
    assert isinstance(geo, vGeo)
    assert (geo.latitude, geo.longitude) == pytest.approx((43.6655, -79.41))
    assert str(event["UID"]) == f"meeting-{meeting_id}@chatplanner"
    [alarm] = event.walk("VALARM")
    trigger = alarm.decoded("TRIGGER")
    leave = workspace.planning.scheduling.leave_by_for(meeting_id)
    assert leave is not None
    assert trigger == leave.leave_at - START
    assert "Time to leave" in str(alarm["DESCRIPTION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Toronto"]


def test_online_invite_carries_the_call_link(workspace: Workspace) -> None:
    meeting_id = workspace.planning.scheduling.plan_chat(
        _contact(workspace, "Ottawa"),
        MeetingMode.ONLINE,
        START,
        call_link="https://meet.example.org/abc",
    )
    [event] = Calendar.from_ical(workspace.planning.scheduling.invite_ics(meeting_id)).walk(
        "VEVENT"
    )
    assert str(event["URL"]) == "https://meet.example.org/abc"
    assert "GEO" not in event
    with pytest.raises(MeetingNotFoundError):
        workspace.planning.scheduling.invite_ics(4040)


def test_a_chat_that_already_happened_is_logged_as_done_and_never_ahead(tmp_path: Path) -> None:
    from chatplanner.domain.contacts import ContactDraft
    from chatplanner.domain.enums import MeetingStatus

    with Workspace.open(tmp_path / "p") as workspace:
        person = workspace.people.contact_edits.create(ContactDraft(first_name="Ana")).id
        now = workspace.context.now()
        with pytest.raises(PlanningError):
            workspace.planning.scheduling.plan_chat(
                person, MeetingMode.ONLINE, now + timedelta(days=1), 30, happened=True
            )
        meeting = workspace.planning.scheduling.plan_chat(
            person, MeetingMode.ONLINE, now - timedelta(days=1), 30, happened=True
        )
        assert workspace.chats.meetings.summary(meeting).status is MeetingStatus.DONE
        assert workspace.people.contacts.get(person).stage is Stage.MET
