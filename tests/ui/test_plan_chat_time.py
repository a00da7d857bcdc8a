"""Typing a time in the plan dialog: clock changes and the other person's hours, shown and stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QTime
from pytestqt.qtbot import QtBot

from chatplanner.db.models import Meeting
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.plan_chat import PlanChatDialog


@pytest.fixture
def demo(demo: Workspace) -> Workspace:
    # The demo's user lives in Toronto, whatever the machine's zone.
    demo.settings.set("user.timezone", "America/Toronto")  # the demo's user lives there
    return demo


def _dialog(qtbot: QtBot, ws: Workspace, first: str) -> PlanChatDialog:
    contact = next(
        c.id for c in ws.planning.scheduling.contact_choices() if c.name.startswith(first)
    )
    dialog = PlanChatDialog(ws, contact, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog._options is not None, timeout=10000)
    return dialog


def _type(dialog: PlanChatDialog, day: QDate, clock: QTime) -> None:
    dialog.date.setDate(day)
    dialog.time.setTime(clock)


def _stored_start(ws: Workspace, meeting_id: int | None) -> datetime:
    assert meeting_id is not None
    with ws.context.sessions() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.starts_at


def test_a_time_skipped_by_the_spring_change_is_explained_and_stored_an_hour_later(
    qtbot: QtBot, demo: Workspace
) -> None:
    dialog = _dialog(qtbot, demo, "Jessica")
    # Clocks in Toronto jump from 02:00 to 03:00 on Sun 14 Mar 2027: 02:30 never happens.
    _type(dialog, QDate(2027, 3, 14), QTime(2, 30))
    assert "Clocks in Toronto jump forward on Sun 14 Mar" in dialog.zone_label.text()
    assert "the chat is set for 03:30 (UTC−4)" in dialog.zone_label.text()
    dialog.plan_button.click()
    # What the user was told is what is stored: 03:30 EDT is 07:30 UTC.
    assert _stored_start(demo, dialog.meeting_id) == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)


def test_a_time_repeated_by_the_autumn_change_is_the_first_one(
    qtbot: QtBot, demo: Workspace
) -> None:
    dialog = _dialog(qtbot, demo, "Jessica")
    # Clocks in Toronto go back from 02:00 to 01:00 on Sun 7 Nov 2027: 01:30 happens twice.
    _type(dialog, QDate(2027, 11, 7), QTime(1, 30))
    assert "01:30 happens twice" in dialog.zone_label.text()
    assert "the first one (UTC−4, before the change)" in dialog.zone_label.text()
    dialog.plan_button.click()
    assert _stored_start(demo, dialog.meeting_id) == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


def test_an_ordinary_time_has_no_warning(qtbot: QtBot, demo: Workspace) -> None:
    dialog = _dialog(qtbot, demo, "Jessica")
    _type(dialog, QDate(2027, 3, 16), QTime(10, 0))
    assert dialog.zone_label.text() == "Times are in Toronto time."


def test_a_call_at_dawn_for_someone_in_vancouver_shows_their_clock_and_a_warning(
    qtbot: QtBot, demo: Workspace
) -> None:
    dialog = _dialog(qtbot, demo, "Mei-Lin")
    assert dialog.online.isChecked()
    _type(dialog, QDate(2027, 3, 16), QTime(10, 0))
    assert "10:00 · 07:00 for Mei-Lin (Vancouver)" in dialog.zone_label.text()
    # Her clock is said once, on the line of clocks; the warning does not repeat it.
    assert "That is outside 8:00–20:00 for Mei-Lin." in dialog.zone_label.text()
    assert dialog.zone_label.text().count("07:00") == 1
    _type(dialog, QDate(2027, 3, 16), QTime(13, 0))
    assert "13:00 · 10:00 for Mei-Lin (Vancouver)" in dialog.zone_label.text()
    assert "outside" not in dialog.zone_label.text()
