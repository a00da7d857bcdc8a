"""The plan dialog on the demo profile: suggestion, venue, leave-by, planning and the invite."""

from __future__ import annotations

from datetime import date
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
from chatplanner.ui.views.venues import VenuesPage


def person(ws: Workspace, first: str) -> int:
    return next(c.id for c in ws.planning.scheduling.contact_choices() if c.name.startswith(first))


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
    chosen = dialog.date.date().toPython()
    assert isinstance(chosen, date)
    assert chosen.weekday() < 5
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


def _plan_from_the_menu(
    qtbot: QtBot,
    ws: Workspace,
    first: str,
    monkeypatch: pytest.MonkeyPatch,
    font_scale: float = 1.0,
) -> PlanChatDialog:
    """File › Plan a Chat in the real window, the person chosen by typing their name."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QComboBox, QDialog

    from chatplanner.ui import main_window

    from ..journey.ui_finders import dress

    window = MainWindow(ws)
    dress(window, font_scale)  # the app's own font size, as a user sees it
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    opened: list[PlanChatDialog] = []

    def show_instead(dialog: QDialog) -> int:  # shown, left open and kept for the test
        assert isinstance(dialog, PlanChatDialog)
        opened.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(main_window, "run_modal", show_instead)
    next(a for a in window.findChildren(QAction) if a.text() == "&Plan a Chat…").trigger()
    [dialog] = opened
    qtbot.addWidget(dialog)
    [box] = [w for w in dialog.findChildren(QComboBox) if w.accessibleName() == "Person"]
    box.setFocus()
    qtbot.keyClicks(box, first)
    assert box.currentText().startswith(first)
    qtbot.waitUntil(
        lambda: dialog._options is not None and dialog._options.contact_id == person(ws, first),
        timeout=5000,
    )
    return dialog


def test_a_person_known_only_by_city_is_never_given_a_distance(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo put Ahmed at Toronto's centre: "in Toronto too, 50 m from you"."""
    dialog = _plan_from_the_menu(qtbot, demo, "Ahmed", monkeypatch)
    reason = dialog.reason.text()
    assert "Toronto" in reason
    assert " m from you" not in reason, reason
    assert "km from you" not in reason, reason
    rows = [dialog.venue_model.record_or_none(r) for r in range(dialog.venue_model.rowCount())]
    assert rows
    for venue in rows:
        assert venue is not None
        assert not any("from Ahmed" in r for r in venue.reasons), venue.reasons
        assert "in Ahmed's city" in venue.reasons or "location not set" in venue.reasons


def test_a_venue_near_the_user_is_not_in_the_city_of_a_person_in_another(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ravi is in Mississauga, known only as its centre: a café in Toronto, about 20 km from
    there, is not "in Ravi's city"; the café in Mississauga is."""
    dialog = _plan_from_the_menu(qtbot, demo, "Ravi", monkeypatch)
    qtbot.waitUntil(lambda: dialog.venue_model.rowCount() > 0, timeout=5000)
    rows = [dialog.venue_model.record_or_none(r) for r in range(dialog.venue_model.rowCount())]
    said = {venue.name: venue.reasons for venue in rows if venue is not None}

    def km_from_you(reasons: list[str]) -> float:
        [words] = [r for r in reasons if r.endswith(" from you")]
        number, unit = words.split()[:2]
        return float(number) / (1000 if unit == "m" else 1)

    assert any("in Ravi's city" in reasons for reasons in said.values()), said
    near_you = {name: r for name, r in said.items() if km_from_you(r) < 10}
    assert near_you, said  # the user's own cafés, in Toronto
    for name, reasons in near_you.items():
        assert "in Ravi's city" not in reasons, (name, reasons)
        assert any(r.endswith(" km from Ravi's city") for r in reasons), (name, reasons)


def test_a_base_known_only_by_city_gives_no_distance_nor_kilometres_to_leave_by(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first-run sheet's city was stored as an exact point: "4 km from you", "to go 4 km
    by transit", and the Venues page's "4 km", all from Toronto's centre."""
    from chatplanner.domain.contacts import ContactDraft
    from chatplanner.domain.venues import VenueDraft
    from chatplanner.services.onboarding import FirstRunAnswers
    from chatplanner.ui.venues.table_model import DISTANCE

    toronto = workspace.planning.venues.places.city("Toronto", "CA")
    assert toronto is not None
    workspace.onboarding.finish(FirstRunAnswers(name="Sam", city=toronto))
    workspace.people.contact_edits.create(ContactDraft(first_name="Jun", city="Toronto"))
    workspace.planning.venues.add(
        VenueDraft("Library Café", city="Toronto", latitude=43.6719, longitude=-79.3866)
    )

    dialog = _plan_from_the_menu(qtbot, workspace, "Jun", monkeypatch)
    assert dialog.in_person.isChecked()
    assert "same city" in dialog.reason.text()
    venue = dialog.venue_model.record_or_none(0)
    assert venue is not None
    assert not any("km" in r or " m from" in r for r in venue.reasons), venue.reasons
    assert "in the same city as you and Jun" in venue.reasons
    leave = dialog.leave_by.text()
    assert leave.startswith("Leave by "), leave
    assert "within Toronto" in leave, leave
    assert "km" not in leave, leave

    window = dialog.parentWidget()
    assert isinstance(window, MainWindow)
    dialog.close()
    window.show_page("venues")
    page = window.page("venues")
    assert isinstance(page, VenuesPage)
    table = page.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=5000)
    assert table.model().index(0, DISTANCE).data() == "in your city"


@pytest.mark.parametrize("font_scale", [1.0, 1.4], ids=["font", "larger-font"])
def test_each_venues_reasons_show_both_their_lines_whole(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch, font_scale: float
) -> None:
    """The second line of reasons ("· coffee shop") was cut at the bottom of its row: the
    rows were 70 px whatever the font."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFont, QFontMetrics

    from chatplanner.ui.venues.ranked_list import REASONS_ROLE

    dialog = _plan_from_the_menu(qtbot, demo, "Jessica", monkeypatch, font_scale)
    view = dialog.venue_list
    qtbot.waitUntil(lambda: view.isVisible() and dialog.venue_model.rowCount() > 0)
    bold = QFont(view.font())
    bold.setBold(True)
    regular = QFont(view.font())
    regular.setPointSizeF(max(7.0, regular.pointSizeF() - 0.5))
    lines = QFontMetrics(regular)
    two_lines = 0
    for row in range(dialog.venue_model.rowCount()):
        index = dialog.venue_model.index(row)
        rect = view.visualRect(index)
        width = rect.width() - 12 - 22 - 12 - 10
        reasons = str(index.data(REASONS_ROLE))
        wrapped = lines.boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), reasons
        ).height()
        shown = min(wrapped, 2 * lines.lineSpacing())
        two_lines += wrapped > lines.lineSpacing()
        # The name's line, then the reasons under it, inside the row.
        assert QFontMetrics(bold).height() + shown + 7 <= rect.height(), reasons
        # Nothing is drawn on the row's last lines of pixels: no text runs past its bottom.
        view.scrollTo(index)
        qtbot.wait(10)
        rect = view.visualRect(index)
        picture = view.viewport().grab(rect).toImage()
        edge = picture.height() - 2
        background = picture.pixelColor(1, edge)
        assert all(
            picture.pixelColor(x, y) == background
            for y in (edge, edge + 1)
            for x in range(0, picture.width() - 1)
        ), f"the reasons of row {row + 1} are cut at the bottom"
    assert two_lines, "no venue's reasons took two lines: the test saw nothing"


def test_a_day_before_the_first_message_is_remarked_on_in_the_time_note(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chat dated before the first message was taken without a word (the timeline then read
    "They replied · 2 Dec" after the 1 Dec chat). A remark, not an error: they may have met."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QAbstractSpinBox
    from sqlalchemy import func, select

    from chatplanner.db.models import Outreach
    from chatplanner.domain.moments import medium_date, short_date_year

    ahmed = person(demo, "Ahmed")
    with demo.context.sessions() as session:
        first = session.scalar(
            select(func.min(Outreach.sent_at)).where(Outreach.contact_id == ahmed)
        )
    assert first is not None
    dialog = _plan_from_the_menu(qtbot, demo, "Ahmed", monkeypatch)
    zone = ZoneInfo(dialog._zone)
    first_day = first.astimezone(zone).date()
    [day_field] = [
        w
        for w in dialog.findChildren(QAbstractSpinBox)
        if w.accessibleName() == "Day" and w.isVisible()
    ]
    edit = day_field.lineEdit()

    def type_day(text: str) -> None:
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(4, edit.height() // 2))
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)

    type_day(short_date_year(first_day - timedelta(days=1)))
    note = dialog.zone_label.text()
    assert f"before your first message to them ({medium_date(first_day)})" in note, note
    assert dialog.plan_button.isEnabled(), "a remark, not an error"

    type_day(short_date_year(first_day))
    assert "first message" not in dialog.zone_label.text()
