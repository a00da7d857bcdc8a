"""Plan a chat: who, in person or online (with the reason), when, where or the link, and when to leave."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QItemSelectionModel, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.clock import UTC_ZONE, LocalTime, resolve_local, zone_named
from chatplanner.domain.enums import MeetingMode, TravelMode
from chatplanner.domain.moments import (
    clock_time,
    clocks,
    local_time_note,
    medium_date,
    polite_hours_warning,
    when_words,
    zone_time_name,
)
from chatplanner.domain.safe_names import safe_path_component
from chatplanner.domain.schedule import DEFAULT_MEETING_MINUTES, default_start
from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.dialogs.plan_chat_options import ChatOptions, gather_options
from chatplanner.ui.export_folder import ask_export_path
from chatplanner.ui.venues.ranked_list import ID_ROLE, RankedVenueModel, ranked_list_view
from chatplanner.ui.widgets.form_parts import (
    dialog_layout,
    error_label,
    fit_height,
    keep_tall_enough,
    muted_label,
    show_error,
)
from chatplanner.ui.widgets.question import ask
from chatplanner.ui.widgets.typed_when import TypedDateEdit, TypedTimeEdit

DURATIONS = (30, 45, 60, 90)
TRAVEL_LABELS = {
    TravelMode.WALK: "Walking",
    TravelMode.BIKE: "Cycling",
    TravelMode.TRANSIT: "Transit",
    TravelMode.CAR: "Driving",
}
NO_PERSON = 0


class PlanChatDialog(QDialog):
    """After `accept()`, `meeting_id` is the planned chat."""

    def __init__(
        self, workspace: Workspace, contact_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._options: ChatOptions | None = None
        # Only the options of the person chosen last are shown; a failure leaves the reason
        # empty unless it can be said in plain words.
        self._options_task = BackgroundTask(self, explain=lambda _error: "", name="chat-options")
        self._options_task.succeeded.connect(self._show_options)
        self._options_task.failed.connect(self._options_failed)
        self._zone = "UTC"
        self.meeting_id: int | None = None
        self.logged_as_happened = False  # a start in the past, stored as a chat that took place
        self.setWindowTitle("Plan a Chat")
        self.setMinimumWidth(660)

        outer, form = dialog_layout(self)
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self._add_person_and_mode(form, contact_id)
        self._add_when(form)
        self._add_call_link(form)
        self._form = form

        self.venue_panel = self._venue_panel()
        outer.addWidget(self.venue_panel, 1)

        self.error = error_label()
        outer.addWidget(self.error)
        outer.addLayout(self._button_row())
        self._connect_updates()

        self._zone = self._workspace_zone()
        self._set_start(self._proposed_start())
        self._mode_changed()
        self._load_options()
        self._update_overlap()
        keep_tall_enough(self)  # its hints wrap: as tall as they need, in any font

    def _add_person_and_mode(self, form: QFormLayout, contact_id: int | None) -> None:
        """Who the chat is with, and whether in person or online (with the reason why)."""
        self.contact = QComboBox()
        self.contact.setAccessibleName("Person")
        self.contact.addItem("Choose a person…", NO_PERSON)
        for choice in self._workspace.planning.scheduling.contact_choices(including=contact_id):
            text = f"{choice.name} — {choice.city}" if choice.city else choice.name
            self.contact.addItem(text, choice.id)
        if contact_id is not None:
            self.contact.setCurrentIndex(max(0, self.contact.findData(contact_id)))
        form.addRow("&With", self.contact)

        mode_row = QHBoxLayout()
        mode_row.setSpacing(24)
        self.in_person = QRadioButton("In person")
        self.online = QRadioButton("Online call")
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.in_person)
        self.modes.addButton(self.online)
        self.in_person.setChecked(True)
        mode_row.addWidget(self.in_person)
        mode_row.addWidget(self.online)
        mode_row.addStretch(1)
        form.addRow("Meet", mode_row)
        self.reason = muted_label()
        form.addRow("", self.reason)

    def _add_when(self, form: QFormLayout) -> None:
        """Day, time and length; under them the zone in words and any overlap."""
        when = QHBoxLayout()
        when.setSpacing(8)
        self.date = TypedDateEdit()
        self.date.setAccessibleName("Day")
        self.date.setCalendarPopup(True)
        self.time = TypedTimeEdit()
        self.time.setAccessibleName("Time")
        for field in (self.date, self.time):
            field.unreadable.connect(self._show_error)
        self.duration = QComboBox()
        for minutes in DURATIONS:
            self.duration.addItem(f"{minutes} min", minutes)
        self.duration.setCurrentIndex(self.duration.findData(DEFAULT_MEETING_MINUTES))
        when.addWidget(self.date, 2)
        when.addWidget(self.time, 1)
        when.addWidget(QLabel("for"))
        when.addWidget(self.duration, 1)
        form.addRow("When", when)
        self.zone_label = muted_label()
        form.addRow("", self.zone_label)
        self.overlap_label = QLabel()
        self.overlap_label.setProperty("role", "error")
        self.overlap_label.setWordWrap(True)
        self.overlap_label.setTextFormat(Qt.TextFormat.PlainText)
        self.overlap_label.setVisible(False)
        form.addRow("", self.overlap_label)

    def _add_call_link(self, form: QFormLayout) -> None:
        self.call_link = QLineEdit()
        self.call_link.setPlaceholderText(
            "https://meet.example.org/your-room (optional, add later)"
        )
        self.call_link.setMaxLength(2000)
        form.addRow("Call &link", self.call_link)
        self.link_hint = muted_label("The link goes into the invite, so it is one click away.")
        form.addRow("", self.link_hint)

    def _button_row(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        # It does two things, and says both: plans the chat, then saves its invite.
        self.export_button = QPushButton("Plan and Export Invite…")
        self.export_button.setToolTip(
            "Plan the chat and save its calendar invite (.ics) with a reminder at the "
            "leave-by time. The invite can be exported again from the chat's Plan tab."
        )
        self.export_button.clicked.connect(self.export_invite)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.plan_button = QPushButton("Plan Chat")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.setDefault(True)
        self.plan_button.clicked.connect(self.plan)
        buttons.addWidget(self.plan_button)
        return buttons

    def _connect_updates(self) -> None:
        """What each change of a field updates: options, leave-by, the time note, overlaps."""
        self.contact.currentIndexChanged.connect(lambda _i: self._load_options())
        self.in_person.toggled.connect(self._mode_changed)
        for signal in (self.date.dateChanged, self.time.timeChanged):
            signal.connect(lambda *_: self._update_leave_by())
            signal.connect(lambda *_: self._update_time_note())
            signal.connect(lambda *_: self._update_overlap())
        self.duration.currentIndexChanged.connect(lambda _i: self._update_overlap())
        self.travel.currentIndexChanged.connect(lambda _i: self._update_leave_by())

    # Panels ---------------------------------------------------------------------------------
    def _venue_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        heading = QLabel("Where — your venues, best first")
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        self.venue_model = RankedVenueModel()
        self.venue_list = ranked_list_view(self.venue_model)
        self.venue_list.setAccessibleName("Venue")
        # Three venues at least; the dialog's height gives it more (a large font fits 700 px).
        self.venue_list.setMinimumHeight(140)
        self.venue_list.selectionModel().currentRowChanged.connect(self._venue_changed)
        layout.addWidget(self.venue_list, 1)
        hint_row = QHBoxLayout()
        self.venue_hint = muted_label()
        hint_row.addWidget(self.venue_hint, 1)
        self.allow_bars_button = QPushButton("Allow bars")
        self.allow_bars_button.setProperty("role", "flat")
        self.allow_bars_button.setToolTip("Rank bars with the other venues from now on")
        self.allow_bars_button.clicked.connect(self._allow_bars)
        self.allow_bars_button.setVisible(False)
        hint_row.addWidget(self.allow_bars_button)
        layout.addLayout(hint_row)
        travel_row = QHBoxLayout()
        travel_label = QLabel("Getting there")
        travel_row.addWidget(travel_label)
        self.travel = QComboBox()
        for mode, label in TRAVEL_LABELS.items():
            self.travel.addItem(label, mode)
        default_travel = self._workspace.planning.scheduling.default_travel_mode()
        self.travel.setCurrentIndex(max(0, self.travel.findData(default_travel)))
        travel_label.setBuddy(self.travel)
        travel_row.addWidget(self.travel)
        travel_row.addStretch(1)
        layout.addLayout(travel_row)
        self.leave_by = QLabel()
        self.leave_by.setTextFormat(Qt.TextFormat.PlainText)
        self.leave_by.setWordWrap(True)
        card = QFrame()
        card.setProperty("role", "card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(14, 10, 14, 10)
        card_layout.addWidget(self.leave_by)
        layout.addWidget(card)
        return panel

    # State ----------------------------------------------------------------------------------
    def contact_id(self) -> int | None:
        value = self.contact.currentData()
        return int(value) if isinstance(value, int) and value != NO_PERSON else None

    def mode(self) -> MeetingMode:
        return MeetingMode.IN_PERSON if self.in_person.isChecked() else MeetingMode.ONLINE

    def venue_id(self) -> int | None:
        index = self.venue_list.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if isinstance(value, int) else None

    def typed_time(self) -> LocalTime:
        """The day and time typed, in the chat's zone (a time skipped or repeated by a clock
        change is resolved, and `issue` says so)."""
        day, moment = self.date.date(), self.time.time()
        return resolve_local(
            date(day.year(), day.month(), day.day()),
            time(moment.hour(), moment.minute()),
            zone_named(self._zone) or UTC_ZONE,
        )

    def starts_at(self) -> datetime:
        return self.typed_time().moment

    def _workspace_zone(self) -> str:
        base = self._workspace.planning.venues.base(resolve=False)
        if base is not None and zone_named(base.timezone):
            return base.timezone
        return self._workspace.context.zone().key

    def _proposed_start(self) -> datetime:
        """The next weekday at 10:00, or the first half hour after it still free (in the
        dialog's zone, where `_set_start` shows it)."""
        try:
            return self._workspace.planning.scheduling.free_start(
                self._zone, int(self.duration.currentData())
            )
        except ChatplannerError:
            return default_start(self._workspace.context.now(), self._zone)

    def _set_start(self, start: datetime) -> None:
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.time.setTime(QTime(start.hour, start.minute))

    def _mode_changed(self) -> None:
        in_person = self.in_person.isChecked()
        self.venue_panel.setVisible(in_person)
        self._form.setRowVisible(self.call_link, not in_person)
        self._form.setRowVisible(self.link_hint, not in_person)
        self._fit_to_mode()
        self._update_zone()
        self._update_leave_by()

    def _fit_to_mode(self) -> None:
        # A list of venues needs room; an online chat, or no venue yet, does not, and the
        # dialog shrinks to fit rather than spreading its lines apart.
        # A part shown or hidden just now counts in the hint once the layouts have run.
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        hint = self.sizeHint()
        listing = self.in_person.isChecked() and not self.venue_list.isHidden()
        height = max(hint.height(), 700) if listing else hint.height()
        self.resize(max(self.width(), hint.width()), height)
        fit_height(self)

    # Options (off the GUI thread) -----------------------------------------------------------
    def _load_options(self) -> None:
        contact_id = self.contact_id()
        self.reason.setText("Looking at where you both are…" if contact_id else "")
        self.plan_button.setEnabled(contact_id is not None)
        self.export_button.setEnabled(contact_id is not None)
        workspace = self._workspace
        self._options_task.call(lambda: gather_options(workspace, contact_id))

    def _show_options(self, options: object) -> None:
        if not isinstance(options, ChatOptions):
            return
        self._options = options
        if options.suggestion is not None:
            suggestion = options.suggestion
            (
                self.in_person if suggestion.mode is MeetingMode.IN_PERSON else self.online
            ).setChecked(True)
            self.reason.setText(suggestion.reason)
        else:
            self.reason.setText("Choose a person to see whether you can meet in person.")
        self.venue_model.set_rows(options.venues.venues)
        # An empty list says nothing: the hint under it says why, and what to do.
        self.venue_list.setVisible(bool(options.venues.venues))
        bars = options.venues.hidden_bars
        hidden = (
            f" {bars} bar{'s' if bars != 1 else ''} hidden: allow them to see "
            f"{'them' if bars != 1 else 'it'} here."
            if bars
            else ""
        )
        if options.venues.venues:
            self.venue_list.selectionModel().setCurrentIndex(
                self.venue_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.venue_hint.setText("The best match is chosen; pick another if you like." + hidden)
        else:
            self.venue_hint.setText(
                "No venues yet: add the places you know on the Venues page. "
                "You can plan the chat now and choose the place later." + hidden
            )
        self.allow_bars_button.setVisible(bars > 0)
        self._update_zone()
        self._update_leave_by()
        self._fit_to_mode()

    def _allow_bars(self) -> None:
        venues = self._workspace.planning.venues
        venues.set_weights(replace(venues.weights(), allow_bars=True))
        self._load_options()

    def _update_overlap(self) -> None:
        try:
            clashes = self._workspace.planning.scheduling.overlapping(
                self.starts_at(), int(self.duration.currentData())
            )
        except (ChatplannerError, ValueError):
            clashes = []
        if not clashes:
            self.overlap_label.setVisible(False)
            return
        zone = zone_named(self._zone) or UTC_ZONE
        named = ", ".join(
            f"{c.contact_name} at {clock_time(c.starts_at, zone)}" for c in clashes[:3]
        )
        self.overlap_label.setText(f"This overlaps your chat with {named}. Choose another time?")
        self.overlap_label.setVisible(True)

    def _options_failed(self, message: str) -> None:
        self.reason.setText(message)

    def _venue_changed(self, *_args: object) -> None:
        self._update_zone()
        self._update_leave_by()

    def _update_zone(self) -> None:
        options = self._options
        zone = self._zone
        if options is not None:
            zone = options.default_zone
            venue_id = self.venue_id()
            if self.mode() is MeetingMode.IN_PERSON and venue_id in options.zone_by_venue:
                zone = options.zone_by_venue[venue_id]
        self._zone = zone
        self._update_time_note()

    def _update_time_note(self) -> None:
        """The chosen time on every clock that matters, and what to know about it: a clock
        change that skips or repeats it, or an hour that is unkind to the other person."""
        zone = zone_named(self._zone) or UTC_ZONE
        typed = self.typed_time()
        their = self._options.their_clock if self._options is not None else None
        lines = [f"Times are in {zone_time_name(zone)}."]
        every_clock = clocks(typed.moment, zone, self._workspace.context.zone(), their)
        if every_clock != clock_time(typed.moment, zone):
            lines.append(f"{every_clock}.")
        lines += [note for note in (local_time_note(typed, zone),) if note]
        if typed.moment < self._workspace.context.now():
            lines.append("This is in the past: planning it logs a chat that already happened.")
        if their is not None:
            lines += [w for w in (polite_hours_warning(typed.moment, their),) if w]
        first = self._options.first_message_at if self._options is not None else None
        if first is not None:
            # Not an error: they may have met before the user wrote to them.
            chat_day = typed.moment.astimezone(zone).date()
            first_day = first.astimezone(zone).date()
            if chat_day < first_day:
                lines.append(
                    f"This day is before your first message to them ({medium_date(first_day)}): "
                    "fine if you met before writing."
                )
        self.zone_label.setText("\n".join(lines))

    def _update_leave_by(self) -> None:
        if self.mode() is not MeetingMode.IN_PERSON:
            return
        venue_id = self.venue_id()
        if venue_id is None:
            self.leave_by.setText("Choose a venue to see when to leave.")
            return
        travel = self.travel.currentData()
        try:
            leave = self._workspace.planning.scheduling.leave_by_at(
                self.starts_at(), venue_id, travel
            )
        except (ChatplannerError, ValueError):
            leave = None
        self.leave_by.setText(
            leave.sentence_at(self._workspace.context.now())
            if leave is not None
            else "Set your base and the venue's location to see when to leave."
        )

    # Planning -------------------------------------------------------------------------------
    def _plan(self) -> int | None:
        if self.meeting_id is not None:
            return self.meeting_id
        contact_id = self.contact_id()
        if contact_id is None:
            self._show_error("Choose the person you are meeting.")
            return None
        in_person = self.mode() is MeetingMode.IN_PERSON
        happened = self._in_the_past()
        if happened and not self._log_as_happened():
            self.date.setFocus()
            return None
        try:
            self.meeting_id = self._workspace.planning.scheduling.plan_chat(
                contact_id,
                self.mode(),
                self.starts_at(),
                int(self.duration.currentData()),
                venue_id=self.venue_id() if in_person else None,
                call_link=None if in_person else self.call_link.text(),
                timezone=self._zone,
                travel_mode=self.travel.currentData() if in_person else None,
                happened=happened,
            )
        except ChatplannerError as error:
            self._show_error(str(error))
            return None
        self.logged_as_happened = happened
        return self.meeting_id

    def _in_the_past(self) -> bool:
        return self.starts_at() < self._workspace.context.now()

    def _log_as_happened(self) -> bool:
        """A start in the past: ask whether this is a chat that already happened (logged as
        done), or a slip of the day or time (the dialog stays open to fix it)."""
        zone = zone_named(self._zone) or UTC_ZONE
        context = self._workspace.context
        when = when_words(self.starts_at(), zone, context.zone(), now=context.now(), sentence=True)
        return ask(
            self,
            "This is in the past",
            f"This is in the past ({when}): log a chat that already happened?\n\n"
            "It is stored as done, ready for your notes and thank-you.",
            yes="Log it as happened",
            no="Change the time",
        )

    def plan(self) -> None:
        if self._plan() is not None:
            self.accept()

    def export_invite(self) -> None:
        name = self.contact.currentText().split(" — ")[0]
        suggested = safe_path_component(f"Coffee chat with {name}") + ".ics"
        path = ask_export_path(
            self, self._workspace.settings, "Export Invite", suggested, "Calendar invite (*.ics)"
        )
        if path is None:
            return
        meeting_id = self._plan()
        if meeting_id is None:
            return
        try:
            self._workspace.planning.scheduling.export_invite(meeting_id, Path(path))
        except (ChatplannerError, OSError) as error:
            self._show_error(f"The chat is planned, but the invite could not be saved: {error}")
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        show_error(self.error, text)
