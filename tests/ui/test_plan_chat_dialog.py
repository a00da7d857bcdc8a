"""The plan dialog on the demo profile: suggestion, venue, leave-by, planning and the invite."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from chatplanner.db.models import Contact, Meeting
from chatplanner.domain.enums import MeetingMode, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.plan_chat import PlanChatDialog
from chatplanner.ui.main_window import MainWindow


def person(ws: Workspace, first: str) -> int:
    return next(c.id for c in ws.scheduling.contact_choices() if c.name.startswith(first))


def ready(qtbot: QtBot, dialog: PlanChatDialog) -> None:
    qtbot.waitUntil(lambda: dialog._options is not None, timeout=5000)


def test_a_contact_in_town_gets_in_person_with_the_best_venue_and_a_leave_by(
    qtbot: QtBot, demo: Workspace
) -> None:
    jessica = person(demo, "Jessica")
    dialog = PlanChatDialog(demo, jessica, None)
    qtbot.addWidget(dialog)
    ready(qtbot, dialog)
    assert dialog.in_person.isChecked()
    assert "Toronto" in dialog.reason.text()
    best = dialog.venue_model.record_or_none(0)
    assert best is not None
    assert dialog.venue_id() == best.id
    assert dialog.leave_by.text().startswith("Leave by ")
    assert dialog.duration.currentData() == 45
    assert dialog.time.time().hour() == 10
    assert dialog.date.date().toPython().weekday() < 5
    assert "Times are in Toronto time" in dialog.zone_label.text()

    dialog.plan_button.click()
    assert dialog.meeting_id is not None
    with demo.context.sessions() as session:
        meeting = session.get(Meeting, dialog.meeting_id)
        assert meeting is not None
        assert (meeting.mode, meeting.venue_id, meeting.status) == ("in_person", best.id, "planned")
        assert meeting.timezone == "America/Toronto"
        assert meeting.checklist
        contact = session.get(Contact, jessica)
        assert contact is not None
        assert contact.stage == Stage.CHAT_PLANNED.value


def test_a_far_contact_gets_an_online_call_and_the_invite_is_exported(
    qtbot: QtBot, demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chloe = person(demo, "Chloé")
    dialog = PlanChatDialog(demo, chloe, None)
    qtbot.addWidget(dialog)
    ready(qtbot, dialog)
    assert dialog.online.isChecked()
    assert "online call is easier" in dialog.reason.text()
    assert not dialog.venue_panel.isVisibleTo(dialog)
    dialog.call_link.setText("https://meet.example.org/chloe")
    target = tmp_path / "invite.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export_button.click()
    assert dialog.result() == PlanChatDialog.DialogCode.Accepted
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["URL"]) == "https://meet.example.org/chloe"
    assert event.decoded("DTSTART").hour == 10


def test_the_user_can_override_the_suggestion(qtbot: QtBot, demo: Workspace) -> None:
    dialog = PlanChatDialog(demo, person(demo, "Chloé"), None)
    qtbot.addWidget(dialog)
    ready(qtbot, dialog)
    dialog.in_person.setChecked(True)
    dialog.plan()
    with demo.context.sessions() as session:
        meeting = session.get(Meeting, dialog.meeting_id)
        assert meeting is not None
        assert meeting.mode == MeetingMode.IN_PERSON.value


def test_without_a_contact_planning_waits_for_a_choice(qtbot: QtBot, demo: Workspace) -> None:
    dialog = PlanChatDialog(demo, None, None)
    qtbot.addWidget(dialog)
    assert not dialog.plan_button.isEnabled()
    dialog.contact.setCurrentIndex(dialog.contact.findData(person(demo, "Jessica")))
    ready(qtbot, dialog)
    assert dialog.plan_button.isEnabled()


def test_main_window_has_plan_a_chat_and_pages_open_it(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(demo)
    qtbot.addWidget(window)
    actions = [a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text()]
    plan = next(a for a in actions if a.text() == "&Plan a Chat…")
    assert plan.shortcut() == QKeySequence("Ctrl+Shift+N")
    opened: list[int | None] = []

    def fake_exec(self: PlanChatDialog) -> int:
        opened.append(self.contact_id())
        return 0

    monkeypatch.setattr(PlanChatDialog, "exec", fake_exec)
    jessica = person(demo, "Jessica")
    window.page("venues").plan_chat.emit(jessica)
    plan.trigger()
    assert opened == [jessica, None]
