"""One chat, one time: Today, the Meetings list and detail, `today --json`, `draft`, the archive
file and the .ics all say the same day and clock, in the chat's zone and the user's."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from chatplanner.cli.main import main
from chatplanner.db.models import Contact
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import MeetingMode, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.meetings.list_model import MEETING_ID_ROLE
from chatplanner.ui.views.meetings import MeetingsPage

TORONTO = ZoneInfo("America/Toronto")
NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _chat_start() -> datetime:
    """14:00 in Toronto, three days from now (real time: the commands read the real clock)."""
    day = datetime.now(UTC).astimezone(TORONTO).date() + timedelta(days=3)
    return datetime.combine(day, time(14, 0), TORONTO)


def _expected_clocks(start: datetime, user: ZoneInfo) -> str:
    """Written out by plain arithmetic, independently of the app's formatting."""
    mine = start.astimezone(user)
    later = " the next day" if mine.date() > start.date() else ""
    return f"14:00 Toronto time · {mine.hour:02d}:{mine.minute:02d}{later} your time"


def _short_day(day: date) -> str:
    return f"{NAMES[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _plan(workspace: Workspace, start: datetime) -> int:
    now = workspace.context.now()
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name="Nadia",
            last_name="Roy",
            city="Toronto",
            country="Canada",
            email="nadia@example.org",
            stage=Stage.REPLIED.value,
            created_at=now,
            updated_at=now,
        )
        session.add(contact)
        session.flush()
        contact_id = contact.id
    meeting_id = workspace.planning.scheduling.plan_chat(
        contact_id, MeetingMode.IN_PERSON, start, 45, timezone="America/Toronto"
    )
    workspace.chats.meetings.save_notes(
        meeting_id, NoteSections(their_past="Ten years in transit.")
    )
    return meeting_id


@pytest.fixture(params=["Asia/Kolkata", "UTC"])
def user_zone(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def profile(tmp_path: Path, user_zone: str) -> tuple[Path, int, datetime]:
    directory = tmp_path / "profile"
    start = _chat_start()
    with Workspace.open(directory) as workspace:
        # The user's zone chosen in Preferences; the commands read it from the profile.
        workspace.settings.set("user.timezone", user_zone)
        meeting_id = _plan(workspace, start)
    return directory, meeting_id, start


# Long: one moment followed through every page, command and file that shows it.
def test_every_page_command_and_file_says_the_same_time(
    qtbot: QtBot,
    profile: tuple[Path, int, datetime],
    user_zone: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, meeting_id, start = profile
    clocks = _expected_clocks(start, ZoneInfo(user_zone))
    day = _short_day(start.date())
    seen: dict[str, str] = {}

    with Workspace.open(directory) as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        today = window.page("today")
        today.refresh()
        texts = [label.text() for label in today.findChildren(QLabel) if label.isVisible()]
        seen["Today"] = next(text for text in texts if "Coffee chat" in text)

        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        meetings = window.page("meetings")
        assert isinstance(meetings, MeetingsPage)
        qtbot.waitUntil(lambda: meetings.model.row_of(meeting_id) >= 0)
        row = meetings.model.index(meetings.model.row_of(meeting_id))
        assert row.data(MEETING_ID_ROLE) == meeting_id
        seen["Meetings list"] = str(row.data(Qt.ItemDataRole.AccessibleTextRole))
        meetings.list.setCurrentIndex(row)
        qtbot.waitUntil(lambda: "Nadia" in meetings.detail.name.text())
        seen["Meeting detail"] = meetings.detail.when.text()
        window.close()

    assert main(["today", "--json", "--data-dir", str(directory)]) == 0
    [item] = [i for i in json.loads(capsys.readouterr().out) if i["meeting_id"] == meeting_id]
    assert datetime.fromisoformat(item["due"]) == start
    assert (
        datetime.fromisoformat(item["due"]).utcoffset()
        == start.astimezone(ZoneInfo(user_zone)).utcoffset()
    )
    seen["today --json"] = item["when_text"]

    assert main(["today", "--data-dir", str(directory)]) == 0
    seen["today"] = capsys.readouterr().out

    assert main(["draft", str(meeting_id), "--data-dir", str(directory)]) == 0
    seen["draft"] = capsys.readouterr().out

    assert main(["archive", str(tmp_path / "notes"), "--data-dir", str(directory)]) == 0
    capsys.readouterr()
    [archived] = [p for p in (tmp_path / "notes").rglob("*.md") if "Nadia" in p.name]
    seen["archive file"] = archived.read_text(encoding="utf-8")

    assert main(["ics", str(meeting_id), "-", "--data-dir", str(directory)]) == 0
    calendar = Calendar.from_ical(capsys.readouterr().out)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == start
    assert str(event["dtstart"].params["TZID"]) == "America/Toronto"
    seen["ics"] = str(event["description"])

    for where, text in seen.items():
        assert clocks in text, f"{where} says {text!r}, not {clocks!r}"
    # Pages and files with a date (Today says "on Friday": the next six days by name).
    for where in ("Meetings list", "Meeting detail", "draft", "archive file", "ics"):
        assert day in seen[where], f"{where} says {seen[where]!r}, not {day!r}"
    weekday = WEEKDAYS[start.weekday()]
    assert f"on {weekday} at {clocks}" in seen["Today"]
    assert f"on {weekday} at {clocks}" in seen["today"]


def test_today_in_the_window_shows_a_toronto_chat_on_a_travellers_clock(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The machine's zone is Tokyo this launch; the chat stays at 14:00 in Toronto."""
    start = _chat_start()
    with Workspace.open(tmp_path / "p", system_zone=lambda: "Asia/Tokyo") as workspace:
        _plan(workspace, start)
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        today = window.page("today")
        today.refresh()
        texts = [label.text() for label in today.findChildren(QLabel) if label.isVisible()]
        clocks = _expected_clocks(start, ZoneInfo("Asia/Tokyo"))
        assert any(clocks in text and text.startswith("Coffee chat") for text in texts), texts
        window.close()


def test_today_in_the_window_adds_the_other_persons_clock_for_an_online_call(
    qtbot: QtBot, tmp_path: Path
) -> None:
    start = _chat_start()
    with Workspace.open(tmp_path / "p", system_zone=lambda: "America/Toronto") as workspace:
        now = workspace.context.now()
        with workspace.context.sessions.begin() as session:
            contact = Contact(
                first_name="Mei-Lin",
                last_name="Chen",
                city="Vancouver",
                country="Canada",
                stage=Stage.REPLIED.value,
                created_at=now,
                updated_at=now,
            )
            session.add(contact)
            session.flush()
            contact_id = contact.id
        workspace.planning.scheduling.plan_chat(
            contact_id, MeetingMode.ONLINE, start, 30, timezone="America/Toronto"
        )
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        today = window.page("today")
        today.refresh()
        theirs = start.astimezone(ZoneInfo("America/Vancouver"))
        expected = f"14:00 · {theirs.hour:02d}:00 for Mei-Lin (Vancouver)"

        def shown() -> bool:
            labels = today.findChildren(QLabel)
            return any(expected in label.text() for label in labels if label.isVisible())

        # The city list is read off the GUI thread; the page shows their clock once it is.
        qtbot.waitUntil(shown, timeout=20000)
        window.close()
