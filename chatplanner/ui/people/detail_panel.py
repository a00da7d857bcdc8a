"""The right-hand panel of People: one person, every field editable, and their timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.clock import UTC_ZONE
from chatplanner.domain.contacts import (
    ContactDetail,
    ContactDraft,
    GroupInfo,
    TimelineEntry,
    suggested_kind,
)
from chatplanner.domain.enums import ContactKind, Goal, OnlineActivity, Stage
from chatplanner.domain.person_names import NO_NAME, display_name
from chatplanner.domain.text import left_to_right, normalize_linkedin_url
from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal
from chatplanner.ui.people.contact_actions import ContactActions
from chatplanner.ui.people.timeline_model import MEETING_ID_ROLE, TimelineModel
from chatplanner.ui.widgets.beside_or_below import BesideOrBelowLayout
from chatplanner.ui.widgets.height_for_width import RoomForWrappedLabels
from chatplanner.ui.widgets.spin_text import line_up_text

# Short, to sit beside the stage; the tooltip and the accessible description say the rest.
RECRUITER_NOTICE = "Recruiter"
RECRUITER_ADVICE = (
    "A recruiter is a business relationship: keep it professional. Messages and thank-yous "
    "stay formal, and they are kept apart from networking chats."
)
_NOT_SET = -1


def _plain_label(text: str = "", role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


class ContactDetailPanel(RoomForWrappedLabels):  # the name and role wrap
    save_requested = Signal(object, object)  # contact id (None: new), ContactDraft
    stage_requested = Signal(int, object)  # contact id, Stage
    open_meeting = Signal(int)
    write_message = Signal(int)  # contact id
    plan_chat = Signal(int)  # contact id
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - the person editor's form, built in one place
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self.setMinimumWidth(360)
        self.contact_id: int | None = None
        self.user_zone = UTC_ZONE  # set by the page: timeline days are the user's
        self._loaded = ContactDraft()
        self._stage = Stage.NOT_CONTACTED
        self._dirty = False
        self._last_edited: QWidget | None = None  # the form's field edited last

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 4, 4, 0)
        outer.setSpacing(10)

        self.name_label = _plain_label("", "title")
        self.name_label.setWordWrap(True)
        name_row = QHBoxLayout()
        name_row.setSpacing(12)
        name_row.addWidget(self.name_label, 1)
        outer.addLayout(name_row)
        self.role_label = _plain_label("", "muted")
        self.role_label.setWordWrap(True)
        outer.addWidget(self.role_label)
        self.wrapped_labels = (self.name_label, self.role_label)

        self.recruiter_banner = _plain_label(RECRUITER_NOTICE, "chip")
        self.recruiter_banner.setToolTip(literal(RECRUITER_ADVICE))
        self.recruiter_banner.setAccessibleName("Recruiter: keep it professional")
        self.recruiter_banner.setAccessibleDescription(RECRUITER_ADVICE)
        # Shown beside the stage and keeping its place while hidden: choosing a kind in the
        # form must not shift the form under the pointer.
        keep_place = self.recruiter_banner.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.recruiter_banner.setSizePolicy(keep_place)
        # Beside the name, its place kept, so that the stage box below it can be as wide as
        # its longest stage ("No reply, moved on" read "No reply, moved or" beside the chip).
        name_row.addWidget(self.recruiter_banner, 0, Qt.AlignmentFlag.AlignVCenter)
        chips = QHBoxLayout()
        chips.setSpacing(8)
        stage_label = _plain_label("Stage", "muted")
        chips.addWidget(stage_label)
        self.stage_combo = QComboBox()
        for stage in Stage:
            self.stage_combo.addItem(stage.label, stage)
        self.stage_combo.setToolTip("Where this person stands; each change is kept in the timeline")
        self.stage_combo.setAccessibleName("Stage")
        self.stage_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stage_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        stage_label.setBuddy(self.stage_combo)
        self.stage_combo.activated.connect(self._stage_chosen)
        chips.addWidget(self.stage_combo)
        chips.addStretch(1)
        self.reach_out = ContactActions()
        self.reach_out.write_message.connect(self.write_message)
        self.reach_out.plan_chat.connect(self.plan_chat)
        outer.addLayout(chips)
        outer.addWidget(self.reach_out, 0, Qt.AlignmentFlag.AlignLeft)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_form(), "Profile")
        self.timeline_model = TimelineModel()
        self.timeline_view = QListView()
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setWordWrap(True)
        self.timeline_view.setUniformItemSizes(False)
        self.timeline_view.setSpacing(6)
        self.timeline_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.timeline_view.doubleClicked.connect(self._timeline_activated)
        self.timeline_view.activated.connect(self._timeline_activated)
        self.tabs.addTab(self.timeline_view, "Timeline")
        outer.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.error_label = _plain_label("", "error")
        self.error_label.setWordWrap(True)
        buttons.addWidget(self.error_label, 1)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Put back what is saved")
        self.revert_button.clicked.connect(self.revert)
        buttons.addWidget(self.revert_button)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Save the changes (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        self._set_dirty(False)

    # Building ---------------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        form = QFormLayout(holder)
        self._form = form
        # No right margin beyond the focus ring's: the view already ends at the scroll bar, and
        # the fields need every pixel of a 360 px panel.
        form.setContentsMargins(0, 12, 3, 12)
        form.setHorizontalSpacing(12)
        # A field that cannot fit beside its label goes under it (a large font), rather than
        # running under the scroll bar, past the right edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        linkedin_row = self._make_contact_fields()
        self._make_work_fields()
        kind_row = self._make_kind_fields()
        self._make_relationship_fields()
        self._lay_out_form(form, linkedin_row, kind_row)
        scroll.setWidget(holder)
        return scroll

    def _line(self, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._changed)
        return edit

    def _make_contact_fields(self) -> QHBoxLayout:
        """Names and the ways to reach them; returns the LinkedIn row (address and button)."""
        line = self._line
        self.first_name = line()
        self.last_name = line()
        self.email = line("name@example.com")
        self.phone = line()
        self.linkedin = line("https://www.linkedin.com/in/…")
        self.open_linkedin = QPushButton()
        self.open_linkedin.setIcon(icon("link"))
        self.open_linkedin.setToolTip("Open the LinkedIn profile in your browser")
        self.open_linkedin.setProperty("role", "flat")
        self.open_linkedin.clicked.connect(self.open_linkedin_profile)
        linkedin_row = QHBoxLayout()
        linkedin_row.setSpacing(4)
        linkedin_row.addWidget(self.linkedin, 1)
        linkedin_row.addWidget(self.open_linkedin)
        return linkedin_row

    def _make_work_fields(self) -> None:
        line = self._line
        self.company = line()
        self.title = line()
        self.previous_title = line("What they did before")
        self.years_in_role = QSpinBox()
        self.years_in_role.setRange(_NOT_SET, 80)
        self.years_in_role.setSpecialValueText("Not set")
        self.years_in_role.setSuffix(" years")
        self.years_in_role.valueChanged.connect(self._changed)
        # "1 year", not "1 years".
        self.years_in_role.valueChanged.connect(
            lambda years: self.years_in_role.setSuffix(" year" if years == 1 else " years")
        )
        line_up_text(self.years_in_role)
        self.city = line()

    def _make_kind_fields(self) -> BesideOrBelowLayout:
        """The kind, with a suggestion from the title beside it; returns that row."""
        self.kind = QComboBox()
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind)
        self.kind.currentIndexChanged.connect(self._changed)
        self.kind.setAccessibleName("Kind")
        # A title such as "Technical Recruiter" suggests the kind; the user decides.
        self.kind_suggestion = QPushButton()
        self.kind_suggestion.setProperty("role", "flat")
        self.kind_suggestion.clicked.connect(self._accept_kind_suggestion)
        # Hidden, it takes no room; once shown while the user edits, it keeps its room until
        # another person is loaded, so that taking it (which hides it) never moves the form.
        self.kind_suggestion.hide()
        self.kind.currentIndexChanged.connect(self._update_kind_suggestion)
        self.title.textChanged.connect(self._update_kind_suggestion)
        # The suggestion sits beside the box, or under it in a narrow panel.
        kind_row = BesideOrBelowLayout(spacing=6)
        kind_row.text_room = 180
        kind_row.addWidget(self.kind)
        kind_row.addWidget(self.kind_suggestion)
        self._kind_row = kind_row
        return kind_row

    def _make_relationship_fields(self) -> None:
        """What the user wants from them, how they are online, how often, groups, notes."""
        self.goal = QComboBox()
        self.goal.addItem("Not set", None)
        for goal in Goal:
            self.goal.addItem(goal.label, goal)
        self.goal.currentIndexChanged.connect(self._changed)
        self.activity = QComboBox()
        for activity in OnlineActivity:
            self.activity.addItem(activity.label, activity)
        self.activity.currentIndexChanged.connect(self._changed)
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 730)
        self.cadence.setSpecialValueText("Default for their kind")
        self.cadence.setSuffix(" days")
        self.cadence.setToolTip(
            "How often to get back in touch; leave at the default to follow the kind"
        )
        self.cadence.valueChanged.connect(self._changed)
        line_up_text(self.cadence)
        self.groups = QListWidget()
        self.groups.setMaximumHeight(130)
        # A long group name wraps onto a second line, never cut at the box's edge.
        self.groups.setWordWrap(True)
        self.groups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.groups.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.groups.itemChanged.connect(self._changed)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Where you met, what they care about, what to ask…")
        self.notes.setMinimumHeight(110)
        self.notes.textChanged.connect(self._changed)

    def _lay_out_form(
        self, form: QFormLayout, linkedin_row: QHBoxLayout, kind_row: BesideOrBelowLayout
    ) -> None:
        form.addRow("First name", self.first_name)
        form.addRow("Last name", self.last_name)
        form.addRow("Email", self.email)
        form.addRow("Phone", self.phone)
        form.addRow("LinkedIn", linkedin_row)
        form.addRow("Company", self.company)
        form.addRow("Title", self.title)
        form.addRow("Previous title", self.previous_title)
        form.addRow("Years in role", self.years_in_role)
        form.addRow("City", self.city)
        form.addRow("Kind", kind_row)
        # The row holds the suggestion beside the box: the label still names (and focuses) the box.
        kind_label = form.labelForField(kind_row)
        if isinstance(kind_label, QLabel):
            kind_label.setBuddy(self.kind)
        form.addRow("You want", self.goal)
        form.addRow("Online", self.activity)
        form.addRow("Keep in touch", self.cadence)
        form.addRow("Groups", self.groups)
        form.addRow("Notes", self.notes)
        # Each box as wide as its longest choice ("Professional development" was cut): in a
        # narrow panel the form puts it under its label rather than cutting it.
        for combo in (self.kind, self.goal, self.activity):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for widget in (self.groups, self.notes, self.years_in_role, self.cadence):
            widget.setMinimumWidth(120)

    # Showing ---------------------------------------------------------------------------------
    def set_groups(self, groups: Sequence[GroupInfo]) -> None:
        checked = set(self._checked_groups())
        with QSignalBlocker(self.groups):
            self.groups.clear()
            for group in groups:
                item = QListWidgetItem(group.name)
                item.setToolTip(literal(group.name))  # a word too long for the box is elided
                item.setData(Qt.ItemDataRole.UserRole, group.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if group.id in checked else Qt.CheckState.Unchecked
                )
                self.groups.addItem(item)

    def show_contact(self, detail: ContactDetail, timeline: Sequence[TimelineEntry]) -> None:
        self.contact_id = detail.id
        self._stage = detail.stage
        self._load(detail.draft)
        self.timeline_model.zone = self.user_zone
        self.timeline_model.set_entries(timeline)
        self.stage_combo.setEnabled(True)
        self.reach_out.set_contact(detail.id)
        with QSignalBlocker(self.stage_combo):
            self.stage_combo.setCurrentIndex(self.stage_combo.findData(detail.stage))
        self.tabs.setTabEnabled(1, True)

    def start_new(self, draft: ContactDraft | None = None) -> None:
        self.contact_id = None
        self._stage = Stage.NOT_CONTACTED
        self._load(ContactDraft())
        if draft is not None:
            self._fill(draft)
        self.timeline_model.set_entries([])
        # The stage a new person is saved with, not the one of whoever was shown before.
        with QSignalBlocker(self.stage_combo):
            self.stage_combo.setCurrentIndex(self.stage_combo.findData(Stage.NOT_CONTACTED))
        self.stage_combo.setEnabled(False)
        self.reach_out.set_contact(None)  # nobody to write to until the person is saved
        self.tabs.setCurrentIndex(0)
        self.tabs.setTabEnabled(1, False)
        self.name_label.setText("New person")
        self.role_label.setText("Fill in what you know; a name is enough to start.")
        self._set_dirty(True)
        self.first_name.setFocus()
        self.show_form_top()

    def show_form_top(self) -> None:
        """The form from its first field (where the focus is for a new person), not wherever
        the last person's form was scrolled to."""
        self.form_scroll.verticalScrollBar().setValue(0)
        self.form_scroll.ensureWidgetVisible(self.first_name)

    def _load(self, draft: ContactDraft) -> None:
        self._loaded = draft
        self._fill(draft)
        self._set_dirty(False)

    def _fill(self, draft: ContactDraft) -> None:
        widgets: list[QWidget] = [
            self.first_name, self.last_name, self.email, self.phone, self.linkedin, self.company,
            self.title, self.previous_title, self.years_in_role, self.city, self.kind, self.goal,
            self.activity, self.cadence, self.groups, self.notes,
        ]  # fmt: skip
        blockers = [QSignalBlocker(widget) for widget in widgets]
        self.first_name.setText(draft.first_name)
        self.last_name.setText(draft.last_name)
        self.email.setText(draft.email or "")
        self.phone.setText(draft.phone or "")
        self.linkedin.setText(draft.linkedin_url or "")
        self.company.setText(draft.company or "")
        self.title.setText(draft.title or "")
        self.previous_title.setText(draft.previous_title or "")
        self.years_in_role.setValue(
            _NOT_SET if draft.years_in_role is None else draft.years_in_role
        )
        self.city.setText(draft.city or "")
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.goal.setCurrentIndex(max(0, self.goal.findData(draft.goal)) if draft.goal else 0)
        self.activity.setCurrentIndex(self.activity.findData(draft.online_activity))
        self.cadence.setValue(draft.keep_in_touch_days or 0)
        wanted = set(draft.group_ids)
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
        self.notes.setPlainText(draft.notes)
        for edit in (self.email, self.linkedin, self.company, self.title, self.previous_title):
            edit.setCursorPosition(0)  # long values show their beginning
        del blockers
        self._update_heading(draft)
        self._keep_suggestion_room(False)
        self._update_kind_suggestion()

    def _keep_suggestion_room(self, keep: bool) -> None:
        policy = self.kind_suggestion.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            self.kind_suggestion.setSizePolicy(policy)

    def _update_kind_suggestion(self, *_args: object) -> None:
        """Offer the kind the title suggests, only when it differs from the kind chosen."""
        suggestion = suggested_kind(self.title.text())
        # Qt hands string enums back as plain strings: compare members.
        shown = suggestion is not None and ContactKind(self.kind.currentData()) is not suggestion
        if shown:
            self._keep_suggestion_room(True)
        if suggestion is not None:
            self.kind_suggestion.setText(f"Title says {suggestion.label}: use it")
            self.kind_suggestion.setToolTip(
                "Recruiters are a business relationship: professional messages and thank-yous"
            )
        if shown != self.kind_suggestion.isVisibleTo(self):
            self.kind_suggestion.setVisible(shown)
            # The form keeps heights for widths it was given: have it ask the row again.
            QTimer.singleShot(0, self, self._relayout_kind_row)

    def _relayout_kind_row(self) -> None:
        self._kind_row.invalidate()
        self._form.invalidate()

    def _accept_kind_suggestion(self) -> None:
        suggestion = suggested_kind(self.title.text())
        if suggestion is not None:
            self.kind.setCurrentIndex(self.kind.findData(suggestion))

    def _update_heading(self, draft: ContactDraft) -> None:
        name = display_name(draft.first_name, draft.last_name)
        if self.contact_id is not None or name:
            self.name_label.setText(left_to_right(name) if name else NO_NAME)
            role = " at ".join(
                p for p in ((draft.title or "").strip(), (draft.company or "").strip()) if p
            )
            city = (draft.city or "").strip()
            self.role_label.setText(" · ".join(p for p in (role, city) if p))
        self.recruiter_banner.setVisible(draft.kind is ContactKind.RECRUITER)
        self.open_linkedin.setEnabled(normalize_linkedin_url(draft.linkedin_url) is not None)

    # Editing ---------------------------------------------------------------------------------
    def draft(self) -> ContactDraft:
        """What the form holds now, over the fields the form does not show."""

        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        years = self.years_in_role.value()
        return replace(
            self._loaded,
            first_name=self.first_name.text().strip(),
            last_name=self.last_name.text().strip(),
            email=text(self.email),
            phone=text(self.phone),
            linkedin_url=text(self.linkedin),
            company=text(self.company),
            title=text(self.title),
            previous_title=text(self.previous_title),
            years_in_role=None if years == _NOT_SET else years,
            city=text(self.city),
            # Qt hands string enums back as plain strings: turn them into members again.
            kind=ContactKind(self.kind.currentData()),
            goal=Goal(goal) if (goal := self.goal.currentData()) else None,
            online_activity=OnlineActivity(self.activity.currentData()),
            keep_in_touch_days=self.cadence.value() or None,
            notes=self.notes.toPlainText(),
            group_ids=tuple(self._checked_groups()),
        )

    def _checked_groups(self) -> list[int]:
        return [
            int(self.groups.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.groups.count())
            if self.groups.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _changed(self, *_args: object) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.form_scroll.isAncestorOf(focused):
            self._last_edited = focused  # where the focus goes back after Save
        draft = self.draft()
        self._update_heading(draft)
        self.error_label.setText("")
        self._set_dirty(self.contact_id is None or draft != self._loaded)

    def _set_dirty(self, dirty: bool) -> None:
        if not dirty:
            self._keep_focus_in_form()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty and self.contact_id is not None)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _keep_focus_in_form(self) -> None:
        """Save or Revert, about to be disabled with the focus on it, hands the focus to the
        field edited last (or the first field): Qt would move it on to the next control of
        the window, the navigation."""
        if not (self.save_button.hasFocus() or self.revert_button.hasFocus()):
            return
        field = self._last_edited
        if field is None or not field.isVisibleTo(self) or not field.isEnabled():
            field = self.first_name
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def loaded_draft(self) -> ContactDraft:
        """The person as last shown or saved, before any edits in the form."""
        return self._loaded

    def save(self) -> None:
        if self._dirty:
            self.save_requested.emit(self.contact_id, self.draft())

    def saved_as(self, contact_id: int, draft: ContactDraft) -> None:
        """The new person in the form is stored under this id: nothing is left to save."""
        self.contact_id = contact_id
        self._loaded = draft
        self._set_dirty(False)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def revert(self) -> None:
        self._fill(self._loaded)
        self.error_label.setText("")
        self._set_dirty(False)

    def open_linkedin_profile(self) -> None:
        url = normalize_linkedin_url(self.linkedin.text())
        if url is not None:
            QDesktopServices.openUrl(QUrl(url))

    def _stage_chosen(self, index: int) -> None:
        value = self.stage_combo.itemData(index)
        stage = Stage(value) if value else None
        if self.contact_id is not None and stage is not None and stage is not self._stage:
            self.stage_requested.emit(self.contact_id, stage)

    def _timeline_activated(self, index: object) -> None:
        meeting_id = index.data(MEETING_ID_ROLE) if hasattr(index, "data") else None
        if meeting_id:
            self.open_meeting.emit(int(meeting_id))
