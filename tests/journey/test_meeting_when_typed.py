"""A chat's day and time on its Plan tab: typed as the user says them, saved on Enter, and never
changed by the wheel turning over them on the way down the page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QListView

from chatplanner.domain.moments import full_date
from tests.journey.conftest import App
from tests.journey.story import planned, sorted_out


def _open_plan(app: App, name: str) -> None:
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), name)
    user.open_tab("Plan")


def _line(field: QAbstractSpinBox) -> QLineEdit:
    line = field.findChild(QLineEdit)
    assert line is not None
    return line


def test_a_time_and_a_day_typed_on_the_plan_tab_are_saved(app: App) -> None:
    ids = sorted_out(app.workspace)
    start = (app.workspace.context.now() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = planned(app.workspace, ids["Mei"], start)
    user = app.user
    _open_plan(app, "Mei")

    time_field = user.named("Time", QAbstractSpinBox)
    user.type_into(_line(time_field), "14:30", replace=True)
    user.press(Qt.Key.Key_Return, widget=_line(time_field))
    user.wait_to_see("All changes saved")
    stored = app.workspace.chats.meetings.summary(meeting).starts_at
    zone = app.workspace.context.zone()
    assert (stored.astimezone(zone).hour, stored.astimezone(zone).minute) == (14, 30)
    assert stored.astimezone(zone).date() == start.astimezone(zone).date()

    day_field = user.named("Day", QAbstractSpinBox)
    later = start.astimezone(zone).date() + timedelta(days=7)
    user.type_into(_line(day_field), full_date(later), replace=True)
    user.press(Qt.Key.Key_Return, widget=_line(day_field))
    user.qtbot.waitUntil(
        lambda: (
            app.workspace.chats.meetings.summary(meeting).starts_at.astimezone(zone).date() == later
        )
    )
    assert _line(time_field).text() == "14:30"

    user.type_into(_line(time_field), "half past two", replace=True)
    user.press(Qt.Key.Key_Return, widget=_line(time_field))
    user.wait_to_see("is not a time")


def test_the_wheel_over_the_unfocused_day_and_time_leaves_them_alone(app: App) -> None:
    ids = sorted_out(app.workspace)
    start = (app.workspace.context.now() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = planned(app.workspace, ids["Mei"], start)
    user = app.user
    _open_plan(app, "Mei")
    day_field = user.named("Day", QAbstractSpinBox)
    time_field = user.named("Time", QAbstractSpinBox)
    shown = (_line(day_field).text(), _line(time_field).text())
    assert not day_field.hasFocus()
    assert not time_field.hasFocus()

    for field in (day_field, time_field):
        user.wheel(field, -5)
        user.wheel(_line(field), -5)

    assert (_line(day_field).text(), _line(time_field).text()) == shown
    assert app.workspace.chats.meetings.summary(meeting).starts_at == start
    assert not user.sees("Not saved yet")
