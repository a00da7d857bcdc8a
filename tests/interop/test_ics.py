"""Chat invites as .ics: parsed back to check what calendars will see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Component, Event, vDDDTypes, vGeo

from chatplanner.domain.enums import MeetingMode
from chatplanner.interop.ics import PRODID, meeting_invite_ics

START = datetime(2025, 6, 2, 14, 0, tzinfo=UTC)  # 10:00 in Toronto
STAMP = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.events
    return calendar, event


def moment(component: Component, name: str) -> object:
    """The date, time or duration of one property, as icalendar parsed it."""
    value = component[name]
    assert isinstance(value, vDDDTypes)
    return value.dt


def start_time(event: Event) -> datetime:
    start = moment(event, "DTSTART")
    assert isinstance(start, datetime)
    return start


def geo(event: Event) -> tuple[float, float]:
    value = event["GEO"]
    assert isinstance(value, vGeo)
    return value.latitude, value.longitude


def in_person(**overrides: object) -> bytes:
    values: dict[str, object] = {
        "start": START,
        "contact_name": "Jessica Ng",
        "timezone": "America/Toronto",
        "venue_name": "Café Olé",
        "venue_address": "123 Queen St W, Toronto, ON",
        "latitude": 43.6548726,
        "longitude": -79.3883007,
        "description": "Ask about her move into product management.",
        "uid": "meeting-42@chatplanner",
        "now": STAMP,
    }
    values.update(overrides)
    return meeting_invite_ics(**values)  # type: ignore[arg-type]


def test_in_person_invite_has_everything_a_calendar_needs() -> None:
    calendar, event = parse(in_person())
    assert calendar["PRODID"] == PRODID
    assert str(event["UID"]) == "meeting-42@chatplanner"
    assert moment(event, "DTSTAMP") == STAMP
    assert str(event["SUMMARY"]) == "Coffee chat with Jessica Ng"
    assert str(event["LOCATION"]) == "Café Olé, 123 Queen St W, Toronto, ON"
    assert geo(event) == pytest.approx((43.6548726, -79.3883007))
    assert "Ask about her move" in str(event["DESCRIPTION"])
    assert "https://www.openstreetmap.org/?mlat=43.654873&mlon=-79.388301" in str(
        event["DESCRIPTION"]
    )


def test_times_are_written_in_the_meetings_zone_with_its_vtimezone() -> None:
    data = in_person()
    calendar, event = parse(data)
    assert b"DTSTART;TZID=America/Toronto:20250602T100000" in data
    assert b"DTEND;TZID=America/Toronto:20250602T104500" in data
    assert [str(tz["TZID"]) for tz in calendar.timezones] == ["America/Toronto"]
    assert event.start == START
    assert event.end - event.start == timedelta(minutes=45)
    assert calendar.get_missing_tzids() == set()


def test_duration_is_the_callers_choice() -> None:
    _, event = parse(in_person(duration_minutes=30))
    assert event.end - event.start == timedelta(minutes=30)


def test_alarm_rings_30_minutes_before_by_default() -> None:
    _, event = parse(in_person())
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert moment(alarm, "TRIGGER") == timedelta(minutes=-30)
    assert str(alarm["DESCRIPTION"]) == "Coffee chat with Jessica Ng"


def test_alarm_can_ring_at_the_leave_by_time() -> None:
    leave = datetime(2025, 6, 2, 9, 25, tzinfo=ZoneInfo("America/Toronto"))
    _, event = parse(in_person(alarm_at=leave))
    (alarm,) = event.walk("VALARM")
    assert moment(alarm, "TRIGGER") == timedelta(minutes=-35)
    assert str(alarm["DESCRIPTION"]).startswith("Time to leave")


def test_online_invite_carries_the_call_link_and_no_place() -> None:
    link = "https://meet.example.com/abc-defg-hij?pwd=a,b;c"
    _, event = parse(
        meeting_invite_ics(
            start=START,
            contact_name="Zoë",
            timezone="Europe/Paris",
            mode=MeetingMode.ONLINE,
            call_link=link,
            latitude=48.85,
            longitude=2.35,
            now=STAMP,
        )
    )
    assert str(event["SUMMARY"]) == "Coffee chat with Zoë (online)"
    assert str(event["URL"]) == link
    assert str(event["LOCATION"]) == link
    assert f"Call link: {link}" in str(event["DESCRIPTION"])
    assert "GEO" not in event
    assert start_time(event).tzinfo == ZoneInfo("Europe/Paris")


def test_a_call_link_that_is_not_a_web_address_is_kept_as_text_only() -> None:
    _, event = parse(
        meeting_invite_ics(
            start=START,
            contact_name="Raj",
            mode=MeetingMode.ONLINE,
            call_link="Phone: +1 416 555 0100\nPIN 1234",
            now=STAMP,
        )
    )
    assert "URL" not in event
    assert str(event["LOCATION"]) == "Phone: +1 416 555 0100 PIN 1234"


def test_commas_semicolons_newlines_and_every_script_survive() -> None:
    name = 'Zoë "Z" O\'Neil; 王芳, محمد\nSecond line'
    place = "Bar; Café, \\ Bistro\r\nUpstairs 🙂"
    notes = "Line one\nLine two, with; punctuation\\\n" + "長い文章" * 500
    data = in_person(contact_name=name, venue_name=place, description=notes)
    _, event = parse(data)
    assert str(event["SUMMARY"]) == 'Coffee chat with Zoë "Z" O\'Neil; 王芳, محمد Second line'
    assert str(event["LOCATION"]).startswith("Bar; Café, \\ Bistro Upstairs 🙂")
    assert str(event["DESCRIPTION"]).startswith(notes)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_control_characters_and_broken_text_are_cleaned() -> None:
    _, event = parse(in_person(contact_name="Eve\x00\x07\x1b[31m", description="bad \ud800 text"))
    assert str(event["SUMMARY"]) == "Coffee chat with Eve[31m"
    assert "bad ? text" in str(event["DESCRIPTION"])


def test_impossible_coordinates_leave_out_geo() -> None:
    _, event = parse(in_person(latitude=123.0, longitude=500.0))
    assert "GEO" not in event


def test_an_unknown_time_zone_falls_back_to_the_start_zone() -> None:
    toronto_start = START.astimezone(ZoneInfo("America/Toronto"))
    _, event = parse(in_person(start=toronto_start, timezone="Mars/Olympus_Mons"))
    assert start_time(event).tzinfo == ZoneInfo("America/Toronto")
    _, event = parse(in_person(timezone=None))
    assert event.start == START


def test_without_a_uid_one_is_made_up() -> None:
    _, event = parse(in_person(uid=None))
    assert str(event["UID"]).endswith("@chatplanner")


def test_naive_start_and_empty_duration_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        in_person(start=datetime(2025, 6, 2, 10, 0))  # noqa: DTZ001
    with pytest.raises(ValueError):
        in_person(duration_minutes=0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.text(max_size=300), st.text(max_size=300))
def test_any_text_gives_a_calendar_that_parses_back(name: str, place: str, notes: str) -> None:
    _, event = parse(in_person(contact_name=name, venue_name=place, description=notes))
    assert str(event["SUMMARY"]).startswith("Coffee chat with ")
    assert event.start == START
