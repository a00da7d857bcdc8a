"""When and where the chat happens, and its status (planned, done, cancelled)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.brief import BriefMap
from chatplanner.domain.clock import UTC_ZONE, LocalTime, resolve_local
from chatplanner.domain.enums import MeetingMode, MeetingStatus
from chatplanner.domain.moments import clocks, local_time_note, zone_time_name
from chatplanner.services.meeting_records import MeetingDetail
from chatplanner.ui.brief.map_picture import brief_map_view
from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal
from chatplanner.ui.meetings.formatting import STATUS_LABELS
from chatplanner.ui.venues.map_view import MapView
from chatplanner.ui.widgets.flow_layout import FlowLayout
from chatplanner.ui.widgets.height_for_width import WrappingPanel
from chatplanner.ui.widgets.typed_when import TypedDateEdit, TypedTimeEdit


class PlanTab(WrappingPanel):  # the place, leave-by and zone lines wrap
    plan_edited = Signal(object, int, str)  # aware start, minutes, call link
    unsaved_changed = Signal(bool)  # a field differs from what is stored (saved on Enter/leave)
    status_requested = Signal(object)  # MeetingStatus
    open_contact_requested = Signal()
    export_invite_requested = Signal()
    change_venue_requested = Signal()
    switch_mode_requested = Signal()  # in person <-> online call

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - the plan form, built in one place
        super().__init__(parent)
        self._detail: MeetingDetail | None = None
        self._loading = False
        # The user's zone: the chat's clock is shown in its own zone, named when it differs.
        self.user_zone: ZoneInfo = UTC_ZONE
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 18, 12, 14)
        outer.setSpacing(18)
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        # The day and the time read what is typed ("14:30", "Tue 9 Mar 2027"), as in the Plan a
        # chat dialog; either is saved on Enter or on leaving it.
        self.day = TypedDateEdit()
        self.day.setAccessibleName("Day")
        self.day.setCalendarPopup(True)
        self.time = TypedTimeEdit()
        self.time.setAccessibleName("Time")
        # The time goes under the day in a narrow tab (a large font) rather than widening it.
        when = FlowLayout(spacing=8)
        when.addWidget(self.day)
        when.addWidget(self.time)
        for field in (self.day, self.time):
            field.editingFinished.connect(self._emit_plan)
            field.dateTimeChanged.connect(self._edited)
            field.unreadable.connect(self._show_unreadable)
        self.when_error = QLabel()
        self.when_error.setProperty("role", "error")
        self.when_error.setWordWrap(True)
        self.when_error.setTextFormat(Qt.TextFormat.PlainText)
        self.when_error.setVisible(False)
        self.zone_label = QLabel()
        self.zone_label.setProperty("role", "muted")
        # Both clocks and a clock-change note can be long: on their own line, they wrap rather
        # than widen the page.
        self.zone_label.setWordWrap(True)
        # The chat's event was changed in the calendar on the server: said here, chosen in
        # File › Sync Conflicts.
        self.calendar_conflict = QLabel()
        self.calendar_conflict.setTextFormat(Qt.TextFormat.PlainText)
        self.calendar_conflict.setWordWrap(True)
        self.calendar_conflict.setAccessibleName("Calendar event changed on the server")
        self.calendar_conflict.hide()
        form.addRow("When", when)
        form.addRow("", self.when_error)
        form.addRow("", self.zone_label)
        form.addRow("", self.calendar_conflict)

        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        # As wide as its longest value needs, in any font (a fixed width cut it in a large one).
        self.duration.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.duration.editingFinished.connect(self._emit_plan)
        self.duration.valueChanged.connect(self._edited)
        form.addRow("Length", self.duration)

        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        self.where_row = QLabel("Where")
        self.change_venue = QPushButton("Change venue…")
        self.change_venue.setProperty("role", "flat")
        self.change_venue.setToolTip("Meet at another of your venues")
        self.change_venue.clicked.connect(self.change_venue_requested)
        where_row = QHBoxLayout()
        where_row.addWidget(self.where, 1)
        where_row.addWidget(self.change_venue, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.where_row, where_row)
        self.leave_by = QLabel()
        self.leave_by.setTextFormat(Qt.TextFormat.PlainText)
        self.leave_by.setWordWrap(True)
        self.leave_by_row = QLabel("Leave by")
        form.addRow(self.leave_by_row, self.leave_by)

        link_row = QHBoxLayout()
        self.call_link = QLineEdit()
        self.call_link.setPlaceholderText("https://…")
        self.call_link.editingFinished.connect(self._emit_plan)
        self.call_link.textEdited.connect(self._edited)
        link_row.addWidget(self.call_link, 1)
        self.open_link = QPushButton(icon("link"), "Open")
        self.open_link.clicked.connect(self._open_link)
        link_row.addWidget(self.open_link)
        self.link_label = QLabel("Call link")
        form.addRow(self.link_label, link_row)

        self.tags = QLabel()
        self.tags.setTextFormat(Qt.TextFormat.PlainText)
        self.tags.setProperty("role", "muted")
        form.addRow("Tags", self.tags)

        self.status = QLabel()
        self.status.setProperty("role", "chip")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        form.addRow("Status", status_row)
        outer.addLayout(form)

        # Wraps onto a second line in a narrow window rather than cutting the labels short.
        buttons = FlowLayout()
        self.mark_done = QPushButton(icon("check"), "Mark as done")
        self.mark_done.setProperty("role", "primary")
        self.mark_done.setToolTip("The chat happened: the contact moves to Met")
        self.mark_done.clicked.connect(lambda: self.status_requested.emit(MeetingStatus.DONE))
        self.cancel = QPushButton(icon("close"), "Mark as cancelled")
        self.cancel.clicked.connect(lambda: self.status_requested.emit(MeetingStatus.CANCELLED))
        self.replan = QPushButton(icon("calendar"), "Back to planned")
        self.replan.clicked.connect(lambda: self.status_requested.emit(MeetingStatus.PLANNED))
        self.export_invite = QPushButton(icon("export"), "Export invite…")
        self.export_invite.setToolTip("Save the chat's calendar invite (.ics) again")
        self.export_invite.clicked.connect(self.export_invite_requested)
        self.contact = QPushButton(icon("person"), "Open contact")
        self.contact.setProperty("role", "flat")
        self.contact.clicked.connect(self.open_contact_requested)
        # In person <-> online call: with the actions, where a narrow window wraps it.
        self.switch_mode = QPushButton("Make it an online call")
        self.switch_mode.clicked.connect(self.switch_mode_requested)
        for button in (
            self.mark_done,
            self.cancel,
            self.replan,
            self.export_invite,
            self.switch_mode,
            self.contact,
        ):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        # The small offline map of an in-person chat: base, contact and venue (`show_map`).
        self.map_holder = QVBoxLayout()
        self.map_holder.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.map_holder)
        self.map: MapView | None = None
        outer.addStretch(1)

    def show_map(self, brief_map: BriefMap | None) -> None:
        """Where the chat is, on the small map; None (an online chat, no venue located) hides it."""
        if self.map is not None:
            self.map_holder.removeWidget(self.map)
            self.map.deleteLater()
            self.map = None
        if brief_map is None:
            return
        self.map = brief_map_view(brief_map)
        self.map.setMinimumSize(260, 200)
        self.map.setMaximumSize(520, 260)
        self.map_holder.addWidget(self.map)
        self.map.show()

    def show_still_ahead(self, ahead: bool) -> None:
        """Say on "Mark as done" what it does for a chat whose start is still ahead."""
        tip = (
            "The chat has not started yet: if you met earlier than planned, this moves it to "
            "now and marks it as done"
            if ahead
            else "The chat happened: the contact moves to Met"
        )
        self.mark_done.setToolTip(literal(tip))
        self.mark_done.setAccessibleDescription(tip)

    def show_calendar_conflict(self, sentence: str | None) -> None:
        """What the user changed in this chat's calendar event on the server, not yet settled."""
        self.calendar_conflict.setText(sentence or "")
        self.calendar_conflict.setVisible(bool(sentence))

    def show_leave_by(self, sentence: str | None) -> None:
        """When to leave for an in-person chat; the row hides when it cannot be said."""
        self.leave_by.setText(sentence or "")
        self.leave_by.setVisible(bool(sentence))
        self.leave_by_row.setVisible(bool(sentence))

    def show_plan(self, detail: MeetingDetail) -> None:
        self._loading = True
        self._detail = detail
        summary = detail.summary
        try:
            start = summary.local_start(self.user_zone)
            self.day.setDate(QDate(start.year, start.month, start.day))
            self.time.setTime(QTime(start.hour, start.minute))
            self.when_error.setVisible(False)
            self.zone_label.setText(self._zone_text(summary.starts_at))
            self.duration.setValue(summary.duration_minutes)
            online = summary.mode is MeetingMode.ONLINE
            self.link_label.setVisible(online)
            self.call_link.setVisible(online)
            self.open_link.setVisible(online)
            self.call_link.setText(summary.call_link)
            if online:
                self.where.setText("Online call")
            else:
                place = summary.venue_name or "Not chosen yet"
                self.where.setText(
                    f"{place}\n{detail.venue_address}" if detail.venue_address else place
                )
            self.change_venue.setVisible(not online and summary.status is MeetingStatus.PLANNED)
            self.switch_mode.setText("Meet in person…" if online else "Make it an online call")
            self.switch_mode.setToolTip(
                "Meet at one of your venues instead; the checklist takes the in-person items"
                if online
                else "Talk on a call instead; the checklist takes the online items"
            )
            self.switch_mode.setVisible(summary.status is MeetingStatus.PLANNED)
            self.tags.setText(", ".join(detail.tags) or "None")
            self.status.setText(STATUS_LABELS[summary.status])
            # A cancelled chat goes back to planned first; "done" is for one that was planned.
            self.mark_done.setVisible(summary.status is MeetingStatus.PLANNED)
            self.cancel.setVisible(summary.status is MeetingStatus.PLANNED)
            self.replan.setVisible(summary.status is not MeetingStatus.PLANNED)
        finally:
            self._loading = False

    def _chosen(self) -> tuple[LocalTime, ZoneInfo] | None:
        """The start the fields show, in the chat's zone; None when nothing is shown."""
        if self._detail is None:
            return None
        day, clock = self.day.date(), self.time.time()
        if not isinstance(clock, QTime):
            return None
        zone = self._detail.summary.zone(self.user_zone)
        typed = resolve_local(
            date(day.year(), day.month(), day.day()), time(clock.hour(), clock.minute()), zone
        )
        return typed, zone

    def _differs(self, local: datetime) -> bool:
        assert self._detail is not None
        summary = self._detail.summary
        return (
            local != summary.starts_at
            or self.duration.value() != summary.duration_minutes
            or self.call_link.text().strip() != summary.call_link
        )

    def _edited(self, *_args: object) -> None:
        """A field changed: say it is not saved yet (it is saved on Enter or leaving it)."""
        if self._loading or (chosen := self._chosen()) is None:
            return
        self.unsaved_changed.emit(self._differs(chosen[0].moment))

    def _show_unreadable(self, sentence: str) -> None:
        self.when_error.setText(sentence)
        self.when_error.setVisible(True)

    def _emit_plan(self) -> None:
        if self._loading or (chosen := self._chosen()) is None:
            return
        if self.day.unreadable_text() is None and self.time.unreadable_text() is None:
            self.when_error.setVisible(False)
        typed, zone = chosen
        local = typed.moment
        self.zone_label.setText(local_time_note(typed, zone) or self._zone_text(local))
        if not self._differs(local):
            self.unsaved_changed.emit(False)
            return
        self.plan_edited.emit(local, self.duration.value(), self.call_link.text().strip())

    def _zone_text(self, moment: datetime) -> str:
        """ "Toronto time", or the chat's clock beside the user's when they differ, and the
        other person's on a call with someone in another zone (as the chat's heading says)."""
        assert self._detail is not None
        zone = self._detail.summary.zone(self.user_zone)
        every_clock = clocks(moment, zone, self.user_zone, self._detail.their_clock)
        return every_clock if " · " in every_clock else zone_time_name(zone)

    def _open_link(self) -> None:
        link = self.call_link.text().strip()
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
