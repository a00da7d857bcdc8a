"""What a new user found walking through the app: each rule as they meet it on screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QListView,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import select

from chatplanner.db.models import Outreach
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import (
    Channel,
    FollowUpOwner,
    Goal,
    MeetingStatus,
    OutreachKind,
    Stage,
)
from chatplanner.domain.moments import short_date_year
from chatplanner.services.meetings import ChatStillAheadError
from chatplanner.services.thank_you import ThankYouDraftError
from tests.journey.conftest import App
from tests.journey.story import (
    messaged,
    met,
    planned,
    settled_in_toronto,
    sorted_out,
    stored_bodies,
)
from tests.journey.test_04_first_messages import _select
from tests.journey.ui_finders import x_at
from tests.journey.user import WAIT_MS, plain


def test_today_words_end_their_sentences_and_count_days_past_a_day(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=2)
    workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Take the CAPM exam before the PMP")
    )
    workspace.chats.thank_you.mark_sent(meeting)
    workspace.chats.advice.mark_acted_on(meeting, "Take the CAPM exam before the PMP")
    yesterday = workspace.context.now().astimezone(workspace.context.zone()).date() - timedelta(
        days=1
    )
    workspace.chats.meetings.add_follow_up(
        meeting, FollowUpOwner.ME, "Sign up for the Primavera P6 weekend course", yesterday
    )
    # At midday two days ago in the user's zone: a chat ending after midnight there (run late
    # in the evening) was "yesterday".
    zone = workspace.context.zone()
    two_days_ago = workspace.context.now().astimezone(zone) - timedelta(days=2)
    mei = planned(workspace, ids["Mei"], two_days_ago.replace(hour=12, minute=0, second=0))
    workspace.chats.meetings.set_status(mei, MeetingStatus.DONE)
    user = app.user

    user.go_to("Today")
    user.wait_to_see("Mei Chen")
    shown = " ".join(user.texts())
    assert "“Take the CAPM exam before the PMP”. Tell them what came of it" in shown
    assert (
        "Sign up for the Primavera P6 weekend course — planned for yesterday; "
        "it is still worth doing whenever you are ready." in shown
    )
    assert "gesture" not in shown
    assert "Your call was 2 days ago." in shown
    assert "hours ago" not in shown


def test_a_new_person_shows_the_stage_they_will_be_saved_with(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=3)
    user = app.user
    _select(app, "Jessica")
    stage = user.named("Stage", QComboBox)
    user.qtbot.waitUntil(lambda: stage.currentText() == "Messaged")

    user.click_button("New contact")
    user.wait_to_see("New person")
    assert stage.currentText() == "Not contacted"
    user.type_into(user.labelled("First name"), "Ada")
    user.click_button("Save")
    user.qtbot.waitUntil(
        lambda: any(c.first_name == "Ada" for c in app.workspace.people.contacts.list_summaries())
    )
    ada = next(c for c in app.workspace.people.contacts.list_summaries() if c.first_name == "Ada")
    assert ada.stage is Stage.NOT_CONTACTED
    assert stage.currentText() == "Not contacted"


def test_a_chat_ahead_is_done_only_if_it_happened_earlier_and_its_thanks_need_words(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    ahead = workspace.context.now() + timedelta(days=4)
    meeting = planned(workspace, ids["Mei"], ahead)
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Plan")
    mark_done = user.button("Mark as done")
    assert "has not started yet" in mark_done.toolTip()

    asked: list[str] = []
    user.then_answer("Keep it planned", lambda box: asked.append(" ".join(user.texts(box))))
    user.click(mark_done)
    assert asked
    assert "cannot be done yet" in asked[0]
    assert workspace.chats.meetings.summary(meeting).status is MeetingStatus.PLANNED
    user.open_tab("Thank-you")
    mark_sent = user.button("Mark as sent")
    assert not mark_sent.isEnabled()
    assert "not happened yet" in mark_sent.toolTip()
    with pytest.raises(ChatStillAheadError):
        workspace.chats.meetings.set_status(meeting, MeetingStatus.DONE)

    user.open_tab("Plan")
    user.then_answer("We met: move it to now")
    user.click_button("Mark as done")
    user.qtbot.waitUntil(
        lambda: workspace.chats.meetings.summary(meeting).status is MeetingStatus.DONE,
        timeout=WAIT_MS,
    )
    summary = workspace.chats.meetings.summary(meeting)
    assert summary.starts_at <= workspace.context.now()
    assert not summary.is_upcoming(workspace.context.now())
    assert user.status_text() == "Marked as done. Write your notes while they are fresh."

    # The thank-you cannot be marked as sent while its text is empty.
    user.open_tab("Thank-you")
    body = user.named("Email text", QPlainTextEdit)
    user.type_into(body, "x", replace=True)
    user.press(Qt.Key.Key_Backspace, widget=body)
    mark_sent = user.button("Mark as sent")
    assert not mark_sent.isEnabled()
    assert "empty" in mark_sent.toolTip()
    user.type_into(body, "Thank you for the chat, Mei.")
    assert mark_sent.isEnabled()
    user.click(mark_sent)
    user.qtbot.waitUntil(lambda: user.button("Sent").isVisible(), timeout=WAIT_MS)
    funnel = workspace.pipeline.insights.insights().summary.funnel
    assert (funnel.met, funnel.thanked) == (1, 1)


def test_an_empty_thank_you_is_refused_by_the_service(app: App) -> None:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.thank_you.save(meeting, "", "")
    with pytest.raises(ThankYouDraftError, match="empty"):
        app.workspace.chats.thank_you.mark_sent(meeting)


def _hand_written_then_regenerated(app: App) -> tuple[int, QPlainTextEdit]:
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Volunteer on a PMI committee")
    )
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.open_tab("Thank-you")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)
    user.type_into(body, HAND_WRITTEN, replace=True)
    asked: list[str] = []
    user.then_answer("Yes", lambda box: asked.append(" ".join(user.texts(box))))
    user.click_button("Regenerate from notes")
    assert asked
    assert "replace your changes" in asked[0]
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)
    assert "Edit › Undo brings back your draft" in user.status_text()
    return meeting, body


HAND_WRITTEN = "Dear Jessica,\nThank you for the coffee and the honest advice.\nSam"


def test_regenerating_a_hand_written_draft_asks_and_edit_undo_brings_it_back(app: App) -> None:
    meeting, body = _hand_written_then_regenerated(app)
    user = app.user
    entries = _menu_entries(app, "Edit")
    assert "Undo Regenerate the thank-you" in entries
    _pick_from_menu_bar(app, "Edit", "Undo Regenerate the thank-you")
    user.qtbot.waitUntil(lambda: body.toPlainText() == HAND_WRITTEN, timeout=WAIT_MS)
    stored = app.workspace.chats.thank_you.saved(meeting)
    assert stored is not None
    assert stored.body == HAND_WRITTEN
    # Edit › Redo puts the fresh draft back.
    _pick_from_menu_bar(app, "Edit", "Redo Regenerate the thank-you")
    user.qtbot.waitUntil(lambda: "PMI committee" in body.toPlainText(), timeout=WAIT_MS)


def _menu_entries(app: App, title: str) -> list[str]:
    menu = next(a.menu() for a in app.window.menuBar().actions() if plain(a.text()) == title)
    assert isinstance(menu, QMenu)
    menu.aboutToShow.emit()
    return [plain(a.text()) for a in menu.actions()]


def _pick_from_menu_bar(app: App, title: str, entry: str) -> None:
    """Click a menu's title in the window's menu bar, then click `entry` in it."""
    user = app.user
    bar = app.window.menuBar()
    action = next(a for a in bar.actions() if plain(a.text()) == title)
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        for each in menu.actions():
            if plain(each.text()) == entry:
                user.qtbot.mouseClick(
                    menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(each).center()
                )
                picked.append(entry)
                return
        picked.append(f"no {entry!r} in {[plain(a.text()) for a in menu.actions()]}")
        menu.close()

    QTimer.singleShot(20, pick)
    user.click(bar, bar.actionGeometry(action).center())
    user.qtbot.waitUntil(lambda: bool(picked), timeout=WAIT_MS)
    assert picked == [entry], picked[0]


def test_ctrl_z_in_the_email_box_takes_back_a_regenerate(app: App) -> None:
    meeting, body = _hand_written_then_regenerated(app)
    user = app.user
    user.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, widget=body)
    assert body.toPlainText() == HAND_WRITTEN

    def saved_by_hand() -> bool:
        stored = app.workspace.chats.thank_you.saved(meeting)
        return stored is not None and stored.body == HAND_WRITTEN

    user.qtbot.waitUntil(saved_by_hand, timeout=WAIT_MS)


ARABIC_NAME = "محمد العلي"


def _reads_left_to_right(line: str) -> bool:
    """Whether a line is laid out as an English line is: its first character at the left."""
    layout = QTextLayout(line, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout.setTextOption(option)
    layout.beginLayout()
    text_line = layout.createLine()
    text_line.setLineWidth(2000)
    layout.endLayout()
    return x_at(text_line, 0) < x_at(text_line, len(line))


def test_a_right_to_left_name_keeps_its_line_in_order(app: App) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.people.contact_edits.create(
        ContactDraft(first_name="محمد", last_name="العلي", company="Metrolinx", title="PMO Lead")
    )
    user = app.user
    _select(app, "Jessica", ARABIC_NAME)
    seen: dict[str, str] = {}

    def write(dialog: QWidget) -> None:
        # A template chosen by hand is for the person shown: the same one for both.
        user.choose(user.named("Template", QComboBox, dialog), "First message")
        user.click_row(user.named("People written to", QListWidget, dialog), ARABIC_NAME)
        user.choose(user.named("Template", QComboBox, dialog), "First message")
        seen["to"] = " | ".join(user.texts(dialog))

        def read(box: QWidget) -> None:
            seen["warning"] = "\n".join(user.texts(box))

        user.then_answer("Go back and fill them in", read)
        user.click_button("Log 2 messages as sent", dialog)
        user.click_button("Close", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")

    [line] = [line for line in seen["warning"].split("\n") if ARABIC_NAME in line]
    assert line.startswith(f"\u200e\u2068{ARABIC_NAME}\u2069: {{previous_title}}")
    assert _reads_left_to_right(line)
    assert not _reads_left_to_right(f"{ARABIC_NAME}: {{previous_title}}")  # what it was
    assert not app.workspace.pipeline.outreach.messages(ids["Jessica"])


def test_venue_rows_say_the_same_city_when_both_are_known_only_as_a_city(app: App) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    user = app.user
    rows: list[str] = []

    def read_venues(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        rows.extend(user.venue_rows(dialog))
        user.click_button("Cancel", dialog)

    _select(app, "Jessica")
    with user.in_next_dialog(read_venues):
        user.click_button("Plan a chat…")

    assert rows
    assert all("in the same city as you and Jessica" in row for row in rows)
    assert not any("km from" in row for row in rows)


def test_a_chat_planned_in_the_past_is_logged_as_happened_and_counts_as_a_visit(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    workspace = app.workspace
    user = app.user
    user.go_to("Venues")
    visits = user.table("Visits")
    user.qtbot.waitUntil(lambda: "Lantern & Leaf Coffee" in user.rows(visits), timeout=WAIT_MS)
    two_days_ago = workspace.context.now().astimezone(workspace.context.zone()).date() - timedelta(
        days=2
    )
    seen: dict[str, str] = {}

    def plan_in_the_past(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        day = user.named("Day", QAbstractSpinBox, dialog)
        user.type_into(day.lineEdit(), short_date_year(two_days_ago), replace=True)
        user.then_answer(
            "Change the time", lambda box: seen.update(first=" ".join(user.texts(box)))
        )
        user.press(Qt.Key.Key_Return, widget=day.lineEdit())  # Enter plans the chat
        user.qtbot.waitUntil(lambda: "first" in seen, timeout=WAIT_MS)
        assert dialog.isVisible()
        assert not workspace.chats.meetings.list_meetings()
        user.wait_to_see("This is in the past", dialog)
        user.then_answer("Log it as happened")
        user.click_button("Plan Chat", dialog)

    _select(app, "Jessica")
    with user.in_next_dialog(plan_in_the_past):
        user.click_button("Plan a chat…")

    assert "This is in the past" in seen["first"]
    assert "log a chat that already happened?" in seen["first"]
    [meeting] = workspace.chats.meetings.list_meetings()
    assert meeting.status is MeetingStatus.DONE
    assert meeting.venue_name == "Lantern & Leaf Coffee"
    assert workspace.people.contacts.get(ids["Jessica"]).stage is Stage.MET
    # Said as what it was: a chat that took place, not one planned.
    status = app.window.statusBar().currentMessage()
    assert status == "Chat logged as happened. It is on the Meetings page."

    user.go_to("Venues")
    visits = user.table("Visits")
    row = user.rows(visits).index("Lantern & Leaf Coffee")
    user.qtbot.waitUntil(lambda: visits.model().index(row, 3).data() == "1", timeout=WAIT_MS)


def test_the_venues_visits_count_a_chat_logged_from_the_venues_page_at_once(app: App) -> None:
    ids = sorted_out(app.workspace)
    settled_in_toronto(app.workspace, ids)
    workspace = app.workspace
    user = app.user
    user.go_to("Venues")
    visits = user.table("Visits")
    user.qtbot.waitUntil(lambda: "Lantern & Leaf Coffee" in user.rows(visits), timeout=WAIT_MS)
    yesterday = workspace.context.now().astimezone(workspace.context.zone()).date() - timedelta(
        days=1
    )

    def log_yesterdays_chat(dialog: QWidget) -> None:
        user.wait_to_see("meet in person", dialog)
        day = user.named("Day", QAbstractSpinBox, dialog)
        user.type_into(day.lineEdit(), short_date_year(yesterday), replace=True)
        user.then_answer("Log it as happened")
        user.press(Qt.Key.Key_Return, widget=day.lineEdit())

    user.open_tab("Suggest a venue")
    user.choose(user.named("Contact", QComboBox), "Jessica")
    with user.in_next_dialog(log_yesterdays_chat):
        user.click_button("Plan a Chat…")

    [meeting] = workspace.chats.meetings.list_meetings()
    assert meeting.status is MeetingStatus.DONE
    user.open_tab("Your venues (3)")
    visits = user.table("Visits")
    row = user.rows(visits).index(meeting.venue_name)
    user.qtbot.waitUntil(lambda: visits.model().index(row, 3).data() == "1", timeout=WAIT_MS)


def test_the_report_back_asks_its_channel_and_the_timeline_ticks_only_what_is_done(
    app: App,
) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=3)
    workspace.chats.meetings.save_notes(meeting, NoteSections(advice="Take the CAPM exam first"))
    workspace.chats.thank_you.mark_sent(meeting)
    workspace.chats.advice.mark_acted_on(meeting, "Take the CAPM exam first")
    later = workspace.context.now().astimezone(workspace.context.zone()).date() + timedelta(days=7)
    workspace.chats.meetings.add_follow_up(meeting, FollowUpOwner.ME, "send my resume", later)
    user = app.user

    def report_back(dialog: QWidget) -> None:
        user.choose(user.named("Sent by", QComboBox, dialog), "LinkedIn")
        user.click_button("Log as sent", dialog)

    user.go_to("Today")
    with user.in_next_dialog(report_back):
        user.click(user.button_beside("Write report-back", "Jessica"))

    with workspace.context.sessions() as session:
        channels = session.scalars(
            select(Outreach.channel).where(
                Outreach.contact_id == ids["Jessica"], Outreach.kind == OutreachKind.TOUCH.value
            )
        ).all()
    assert channels == [Channel.LINKEDIN.value]
    _select(app, "Jessica")
    user.open_tab("Timeline")
    timeline = next(
        view
        for view in user.all_visible(QListView)
        if any("Follow-up due" in row for row in user.rows(view))
    )
    rows = {
        str(timeline.model().index(r, 0).data()).split("\n")[0]: timeline.model().index(r, 0)
        for r in range(timeline.model().rowCount())
    }
    due = next(index for title, index in rows.items() if title.startswith("Follow-up due"))
    assert due.data(Qt.ItemDataRole.DecorationRole).name() != "check"
    assert any(title.startswith("Keep-in-touch message sent on LinkedIn") for title in rows)


def test_writing_to_several_job_leads_starts_from_the_job_lead_message(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    workspace.settings.set("user.name", "Sam Rivera")
    workspace.people.contact_edits.set_goal(
        [ids["Jessica"], ids["Omar"], ids["Mei"]], Goal.JOB_LEAD
    )
    user = app.user
    shown: dict[str, tuple[str, str]] = {}

    def write(dialog: QWidget) -> None:
        people = user.named("People written to", QListWidget, dialog)
        body = user.named("Message", QPlainTextEdit, dialog)
        template = user.named("Template", QComboBox, dialog)
        for name in ("Jessica Tran", "Omar Haddad", "Mei Chen"):
            user.click_row(people, name)
            shown[name] = (template.currentText(), body.toPlainText())
        user.click_button("Log 3 messages as sent", dialog)  # nothing left to fill in

    _select(app, "Jessica", "Omar", "Mei")
    with user.in_next_dialog(write):
        user.click_button("Write message…")

    for name, (template, body) in shown.items():
        assert template == "Job lead message", name
        assert "{" not in body
        assert "your path to" not in body
    assert "Metrolinx is high on my list" in stored_bodies(workspace, ids["Jessica"])[0]
    assert "EllisDon is high on my list" in stored_bodies(workspace, ids["Omar"])[0]


def test_people_with_different_goals_each_start_from_their_own_template(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    workspace.settings.set("user.name", "Sam Rivera")
    workspace.people.contact_edits.set_goal([ids["Omar"]], Goal.JOB_LEAD)
    # Mei's record tells her path: the first message about it can be filled in.
    detail = workspace.people.contacts.get(ids["Mei"])
    workspace.people.contact_edits.update(
        ids["Mei"], replace(detail.draft, previous_title="Project Analyst", years_in_role=6)
    )
    user = app.user
    shown: dict[str, str] = {}

    def write(dialog: QWidget) -> None:
        people = user.named("People written to", QListWidget, dialog)
        template = user.named("Template", QComboBox, dialog)
        for name in ("Omar Haddad", "Mei Chen"):
            user.click_row(people, name)
            shown[name] = template.currentText()
        user.click_button("Close", dialog)

    _select(app, "Omar", "Mei")
    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert shown == {"Omar Haddad": "Job lead message", "Mei Chen": "First message"}
