"""Time zones as a new user on a computer left in UTC meets them: the base city's zone becomes
theirs, every clock time says whose it is, a leave-by time already gone says so, and an online
call's Plan tab shows the other person's clock as its heading does."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.domain.enums import MeetingMode, MeetingStatus
from chatplanner.domain.moments import short_date_year, wall_clock
from chatplanner.services.context import ZONE_SETTING
from chatplanner.services.locating import PlaceResolver
from chatplanner.services.workspace import Workspace
from tests.journey.conftest import App, Launch
from tests.journey.story import settled_in_toronto, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.test_first_launch import _launch, _welcome
from tests.journey.ui_finders import button, field, open_dialog
from tests.journey.user import WAIT_MS, User

TORONTO = ZoneInfo("America/Toronto")


def _no_import_next(qtbot: QtBot, sheet: QWidget) -> None:
    """Untick "Import my contacts next" with a click on its box."""
    offer = button(sheet, "Import my contacts next")
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton, pos=QPoint(8, offer.height() // 2))
    assert not offer.isChecked()


def _city_zone_offer(sheet: QWidget) -> QCheckBox:
    """The sheet's tick box offering the city's time (its words name the zone)."""
    return next(
        c for c in sheet.findChildren(QCheckBox) if c.accessibleName() == "Use your city's time"
    )


def test_the_city_on_the_first_run_sheet_becomes_the_users_time_zone(
    qtbot: QtBot, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")  # the computer keeps UTC, as the walkthrough's did
    with Workspace.open(profile) as workspace:
        window = _launch(qtbot, workspace)
        sheet = _welcome(qtbot)
        qtbot.keyClicks(field(sheet, "Your name", QLineEdit), "Alex Kim")
        qtbot.keyClicks(field(sheet, "Your city", QLineEdit), "Toronto")
        matches = next(
            c for c in sheet.findChildren(QComboBox) if c.accessibleName() == "Matching places"
        )
        qtbot.waitUntil(lambda: matches.count() > 0, timeout=WAIT_MS)
        offer = next(c for c in sheet.findChildren(QCheckBox) if c.text() == "Use Toronto time")
        qtbot.waitUntil(offer.isEnabled, timeout=WAIT_MS)
        assert offer.isChecked()
        _no_import_next(qtbot, sheet)
        qtbot.mouseClick(button(sheet, "Get started"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: open_dialog("Welcome to chatplanner") is None, timeout=WAIT_MS)

        assert workspace.settings.get(ZONE_SETTING) == "America/Toronto"
        assert workspace.context.zone().key == "America/Toronto"
        assert "Times now show in Toronto time." in window.statusBar().currentMessage()
        window.close()


def test_a_city_whose_zone_is_named_for_another_is_offered_saying_whose_zone_it_is(
    qtbot: QtBot, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Montréal keeps the zone named America/Toronto: "Use Toronto time" alone read as the wrong
    # city; the pages call it "Toronto time", so the sheet says whose zone that is.
    monkeypatch.setenv("TZ", "UTC")
    with Workspace.open(profile) as workspace:
        window = _launch(qtbot, workspace)
        sheet = _welcome(qtbot)
        qtbot.keyClicks(field(sheet, "Your city", QLineEdit), "Montreal")
        offer = _city_zone_offer(sheet)
        qtbot.waitUntil(offer.isEnabled, timeout=WAIT_MS)
        assert offer.text() == "Use Toronto time (Montréal's zone)"
        assert offer.isChecked()
        _no_import_next(qtbot, sheet)
        qtbot.mouseClick(button(sheet, "Get started"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: open_dialog("Welcome to chatplanner") is None, timeout=WAIT_MS)
        assert workspace.settings.get(ZONE_SETTING) == "America/Toronto"
        said = window.statusBar().currentMessage()
        assert "Times now show in Toronto time (Montréal's zone)." in said
        window.close()


def test_a_city_in_the_computers_own_zone_changes_nothing(
    qtbot: QtBot, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/Toronto")
    with Workspace.open(profile) as workspace:
        window = _launch(qtbot, workspace)
        sheet = _welcome(qtbot)
        qtbot.keyClicks(field(sheet, "Your city", QLineEdit), "Toronto")
        offer = _city_zone_offer(sheet)
        qtbot.wait(400)  # the city is looked up after a pause in typing
        assert not offer.isEnabled()
        _no_import_next(qtbot, sheet)
        qtbot.mouseClick(button(sheet, "Get started"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: open_dialog("Welcome to chatplanner") is None, timeout=WAIT_MS)
        assert workspace.settings.get(ZONE_SETTING) is None
        window.close()


def test_a_base_set_on_venues_brings_its_zone_unless_one_was_chosen(
    launch: Launch, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    app = launch(profile)
    user = app.user
    user.go_to("Venues")

    def choose_toronto(dialog: QWidget) -> None:
        user.type_into(user.labelled("City", dialog), "Toronto")
        matches = user.named("Matching places", QComboBox, dialog)
        user.qtbot.waitUntil(lambda: matches.count() > 0, timeout=WAIT_MS)
        user.click_button("Save", dialog)

    with user.in_next_dialog(choose_toronto):
        user.click_button("Change…")
    assert app.workspace.planning.venues.base() is not None
    assert app.workspace.settings.get(ZONE_SETTING) == "America/Toronto"
    assert "Times now show in Toronto time" in user.status_text()


def test_a_thank_you_sent_says_whose_clock_as_the_chat_does(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    workspace.settings.set(ZONE_SETTING, "UTC")  # the user's own clock is UTC
    now = workspace.context.now()
    meeting = workspace.planning.scheduling.plan_chat(
        ids["Omar"], MeetingMode.ONLINE, now - timedelta(hours=2), 45, timezone="America/Toronto"
    )
    workspace.chats.meetings.set_status(meeting, MeetingStatus.DONE)
    workspace.chats.thank_you.generate(meeting)
    workspace.chats.thank_you.mark_sent(meeting)
    sent = workspace.chats.thank_you.saved(meeting)
    assert sent is not None
    assert sent.sent_at is not None
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Omar")
    user.open_tab("Thank-you")
    there = wall_clock(sent.sent_at.astimezone(TORONTO))
    mine = wall_clock(sent.sent_at.astimezone(ZoneInfo("UTC")))
    user.wait_to_see(f"{there} Toronto time · {mine}")
    assert any(
        text.startswith("Thank-you sent") and "Toronto time" in text and "your time" in text
        for text in user.texts()
    )


def _type_over(user: User, field: QAbstractSpinBox, text: str) -> None:
    """Click at the start of a day or time field, select all and type over it."""
    edit = field.lineEdit()
    user.click(edit, QPoint(4, edit.height() // 2))
    user.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, widget=edit)
    user.qtbot.keyClicks(edit, text)


def test_a_leave_by_time_already_gone_says_so(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    settled_in_toronto(workspace, ids)
    workspace.settings.set(ZONE_SETTING, "America/Toronto")
    start = (workspace.context.now() + timedelta(minutes=12)).astimezone(TORONTO)
    user = app.user
    seen: dict[str, str] = {}

    def plan(dialog: QWidget) -> None:
        day = user.named("Day", QAbstractSpinBox, dialog)
        clock = user.named("Time", QAbstractSpinBox, dialog)
        # Typed over, then Up and Down: a field reads what was typed before it steps.
        for box, text in ((day, short_date_year(start.date())), (clock, wall_clock(start))):
            _type_over(user, box, text)
            user.press(Qt.Key.Key_Up, widget=box.lineEdit())
            user.press(Qt.Key.Key_Down, widget=box.lineEdit())
        assert (day.text(), clock.text()) == (short_date_year(start.date()), wall_clock(start))
        user.wait_to_see("Leave by", dialog)
        user.wait_to_see("you should already be on your way", dialog)
        seen["leave"] = next(t for t in user.texts(dialog) if t.startswith("Leave by"))
        user.click_button("Plan Chat", dialog)

    _select(app, "Jessica")
    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")
    assert "has passed: you should already be on your way." in seen["leave"]
    [meeting] = workspace.chats.meetings.list_meetings()
    assert meeting.starts_at == start.replace(second=0, microsecond=0)

    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Plan")
    user.wait_to_see("you should already be on your way")


def test_an_online_calls_plan_tab_shows_the_other_persons_clock(app: App) -> None:
    workspace = app.workspace
    ids = sorted_out(workspace)
    workspace.settings.set(ZONE_SETTING, "UTC")
    detail = workspace.people.contacts.get(ids["Mei"])
    workspace.people.contact_edits.update(
        ids["Mei"], replace(detail.draft, city="Stockholm", country="SE")
    )
    # 15:00 UTC: the same day in Toronto, for the user (UTC) and in Stockholm, whatever the
    # hour the test runs at (else "the next day" enters the words).
    tomorrow = workspace.context.now().astimezone(UTC) + timedelta(days=1)
    start = tomorrow.replace(hour=15, minute=0, second=0, microsecond=0)
    workspace.planning.scheduling.plan_chat(
        ids["Mei"], MeetingMode.ONLINE, start, 45, timezone="America/Toronto"
    )
    PlaceResolver().warm_up()  # the city list, as the app reads it in the background
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Plan")
    stockholm = wall_clock(start.astimezone(ZoneInfo("Europe/Stockholm")))
    heading = f"{stockholm} for Mei (Stockholm)"
    # The heading says it, and so does the Plan tab under the time.
    user.qtbot.waitUntil(
        lambda: len([lb for lb in user.all_visible(QLabel) if heading in lb.text()]) >= 2,
        timeout=WAIT_MS,
    )


def test_preferences_offer_the_base_citys_zone_to_a_profile_that_has_none(
    launch: Launch, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatplanner.domain.venues import UserBase
    from tests.journey.test_11_what_a_new_user_found import _pick_from_menu_bar

    monkeypatch.setenv("TZ", "UTC")
    with Workspace.open(profile) as earlier:  # the base set by an earlier version: no zone
        earlier.planning.venues.set_base(
            UserBase("Home", "Toronto", 43.70011, -79.4163, "CA", "America/Toronto", True)
        )
    app = launch(profile)
    user = app.user
    seen: list[str] = []

    def choose(dialog: QWidget) -> None:
        user.wait_to_see("Your base keeps Toronto time, not this computer's", dialog)
        seen.append("offered")
        user.choose(user.named("Your time zone", QComboBox, dialog), "America/Toronto")
        user.qtbot.waitUntil(lambda: not user.sees("Your base keeps", dialog), timeout=WAIT_MS)
        user.click_button("OK", dialog)

    with user.in_next_dialog(choose):
        _pick_from_menu_bar(app, "Edit", "Preferences…")
    assert seen == ["offered"]
    assert app.workspace.settings.get(ZONE_SETTING) == "America/Toronto"
    assert app.workspace.context.zone().key == "America/Toronto"
