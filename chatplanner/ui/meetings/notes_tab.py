"""The notes of one chat: their past, present and goals, advice, resources, follow-ups, notes.

The text saves itself a moment after typing stops (see autosave.py); each field keeps its own
undo history (Ctrl+Z while typing). Follow-up changes go on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.chat_notes import NOTE_SECTION_TITLES, NoteSections
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.domain.text import fold
from chatplanner.services.meeting_records import FollowUpEntry
from chatplanner.ui.meetings.follow_up_model import (
    DONE,
    DUE,
    WHAT,
    WHO,
    FollowUpModel,
    OwnerDelegate,
)
from chatplanner.ui.widgets.beside_or_below import BesideOrBelowLayout

PLACEHOLDERS = {
    "their_past": "Where they started, what they did before, turning points…",
    "their_present": "Their role now, what a week looks like, what they care about…",
    "their_goals": "Where they want to go next…",
    "advice": "What they suggested you do. One idea per line reads best in the thank-you.",
    "resources": "Books, courses, people, groups, links they mentioned…",
    "free_notes": "Anything else worth remembering.",
}


class _WrappedTextDelegate(QStyledItemDelegate):
    """A cell whose text wraps: as tall as its lines at the column's width. The stock measure
    wraps at a width that ignores the style sheet's cell padding, one line short."""

    PADDING = 2 * 10 + 8  # the style sheet's cell padding, and the delegate's text margins

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTableView):
            return hint
        width = max(40, view.columnWidth(index.column()) - self.PADDING)
        text = str(index.data() or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        lines = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(hint.width(), max(hint.height(), lines.height() + 12))


class NotesTab(QScrollArea):
    text_edited = Signal()  # any notes field changed: the meeting view's autosave listens
    follow_up_add_requested = Signal(object, str, object)  # owner, text, due date or None
    follow_up_edit_requested = Signal(object, object)  # before, after
    follow_up_remove_requested = Signal(object)  # FollowUpEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._loading = False
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 14, 12, 14)
        layout.setSpacing(8)
        self.fields: dict[str, QPlainTextEdit] = {}
        for name in NoteSections.names():
            if name == "free_notes":
                layout.addWidget(self._follow_ups_block())
                layout.addSpacing(8)
            label = QLabel(NOTE_SECTION_TITLES[name])
            label.setProperty("role", "heading")
            layout.addWidget(label)
            field = QPlainTextEdit()
            field.setObjectName(f"notes-{name}")
            field.setAccessibleName(NOTE_SECTION_TITLES[name])
            field.setPlaceholderText(PLACEHOLDERS[name])
            field.setTabChangesFocus(True)
            field.setMinimumHeight(150 if name == "free_notes" else 84)
            field.setMaximumHeight(260 if name == "free_notes" else 150)
            field.textChanged.connect(self._field_changed)
            label.setBuddy(field)
            layout.addWidget(field)
            layout.addSpacing(8)
            self.fields[name] = field
        # Tab goes from the notes to writing a new follow-up, then through the list of them.
        chain = (
            self.fields["resources"],
            self.new_owner,
            self.new_text,
            self.new_has_due,
            self.new_due,
            self._add_button,
            self.follow_up_table,
            self.fields["free_notes"],
        )
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        layout.addStretch(1)
        self.setWidget(inner)

    # Notes text ---------------------------------------------------------------------------------
    def show_notes(self, notes: NoteSections) -> None:
        """Replace the text (a fresh undo history per meeting) without counting it as an edit."""
        self._loading = True
        try:
            for name, field in self.fields.items():
                field.setPlainText(getattr(notes, name))
        finally:
            self._loading = False

    def reveal(self, words: str) -> bool:
        """Select the first place `words` appear in the notes, else the first follow-up that
        holds them, and scroll to it."""
        if not words.strip():
            return False
        for field in self.fields.values():
            field.moveCursor(QTextCursor.MoveOperation.Start)
            if field.find(words.strip()):
                self.ensureWidgetVisible(field, 0, 40)
                field.ensureCursorVisible()
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        wanted = fold(words.strip())
        row = self.follow_up_model.first_row(lambda entry: wanted in fold(entry.text))
        if row is not None:
            index = self.follow_up_model.index(row, WHAT)
            self.follow_up_table.setCurrentIndex(index)
            self.follow_up_table.scrollTo(index)
            self.ensureWidgetVisible(self.follow_up_table, 0, 40)
            self.follow_up_table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def sections(self) -> NoteSections:
        return NoteSections(**{name: field.toPlainText() for name, field in self.fields.items()})

    def _field_changed(self) -> None:
        if not self._loading:
            self.text_edited.emit()

    # Follow-ups ---------------------------------------------------------------------------------
    def _follow_ups_block(self) -> QWidget:  # noqa: PLR0915 - the follow-ups table with its entry row, built in one place
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        label = QLabel("Follow-ups")
        label.setProperty("role", "heading")
        layout.addWidget(label)
        hint = QLabel(
            "Who promised what, by when. Yours with a date show in Today when they are due."
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.follow_up_model = FollowUpModel(self.follow_up_edit_requested.emit, self)
        self.follow_up_table = QTableView()
        self.follow_up_table.setObjectName("follow-ups")
        self.follow_up_table.setAccessibleName("Follow-ups")
        self.follow_up_table.setModel(self.follow_up_model)
        self.follow_up_table.setItemDelegateForColumn(WHO, OwnerDelegate(self.follow_up_table))
        self.follow_up_table.setItemDelegateForColumn(
            WHAT, _WrappedTextDelegate(self.follow_up_table)
        )
        self.follow_up_table.verticalHeader().hide()
        self.follow_up_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_up_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.follow_up_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.follow_up_table.horizontalHeader()
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DONE, QHeaderView.ResizeMode.ResizeToContents)
        # What was promised wraps in its column (which takes the spare width) rather than
        # being cut short; each row is as tall as its text.
        self.follow_up_table.setWordWrap(True)
        self.follow_up_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.follow_up_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.follow_up_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitting = False
        # A row grows when its column narrows: the table grows with it.
        self.follow_up_table.verticalHeader().sectionResized.connect(self._fit_follow_up_height)
        header.sectionResized.connect(self._fit_follow_up_height)
        self.follow_up_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.follow_up_table.customContextMenuRequested.connect(self._follow_up_menu)
        remove = QAction(self.follow_up_table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_selected)
        self.follow_up_table.addAction(remove)
        layout.addWidget(self.follow_up_table)

        # Who and what on one line; the date and Add beside them, or under them when the chat
        # is narrow (a 1024 px window): the notes never scroll sideways.
        row = BesideOrBelowLayout(spacing=6)
        row.text_room = 240
        what = QHBoxLayout()
        what.setSpacing(6)
        when = QHBoxLayout()
        when.setSpacing(6)
        self.new_owner = QComboBox()
        self.new_owner.addItem("Me", FollowUpOwner.ME)
        self.new_owner.addItem("Them", FollowUpOwner.THEM)
        self.new_owner.setAccessibleName("Who promised")
        what.addWidget(self.new_owner)
        self.new_text = QLineEdit()
        self.new_text.setPlaceholderText("What was promised…")
        self.new_text.setAccessibleName("What was promised")
        self.new_text.returnPressed.connect(self._add_follow_up)
        self.new_text.setMinimumWidth(self.new_text.fontMetrics().averageCharWidth() * 24)
        what.addWidget(self.new_text, 1)
        self.new_has_due = QCheckBox("By")
        when.addWidget(self.new_has_due)
        self.new_due = QDateEdit()
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("ddd d MMM yyyy")
        self.new_due.setEnabled(False)
        self.new_has_due.toggled.connect(self.new_due.setEnabled)
        when.addWidget(self.new_due)
        add = QPushButton("Add")
        add.setAccessibleName("Add follow-up")
        add.clicked.connect(self._add_follow_up)
        when.addWidget(add)
        layout.addLayout(row)
        row.add_layout(what)
        row.add_layout(when)
        self._add_button = add
        self.follow_up_table.installEventFilter(self)
        return block

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Letters typed while the list of follow-ups has the focus start a new follow-up
        # instead of vanishing into the table's keyboard search.
        if watched is self.follow_up_table and event.type() == QEvent.Type.Resize:
            self._fit_follow_up_height()  # wrapped rows are taller in a narrower table
        if watched is self.follow_up_table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            plain = not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            started = bool(self.new_text.text())
            if plain and text and text.isprintable() and (started or not text.isspace()):
                self.new_text.setFocus(Qt.FocusReason.OtherFocusReason)
                self.new_text.insert(text)
                return True
        return super().eventFilter(watched, event)

    def show_follow_ups(self, rows: Sequence[FollowUpEntry], today: date | None) -> None:
        self.follow_up_model.today = today
        if today is not None and not self.new_has_due.isChecked():
            # A week from the user's today (the app's clock, not the computer's).
            due = today + timedelta(days=7)
            self.new_due.setDate(QDate(due.year, due.month, due.day))
        self.follow_up_model.set_rows(rows)
        self._fit_follow_up_height()

    def _fit_follow_up_height(self, *_args: object) -> None:
        """Tall enough for every row (at least two) with no scroll bar of its own."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit_table_height()
        finally:
            self._fitting = False

    def _fit_table_height(self) -> None:
        table = self.follow_up_table
        rows = self.follow_up_model.rowCount()
        table.resizeRowsToContents()
        titles = table.horizontalHeader()
        header = max(titles.sizeHint().height(), titles.height())
        default = table.verticalHeader().defaultSectionSize()
        height = sum(table.rowHeight(row) for row in range(rows))
        height += max(0, 2 - rows) * default
        wanted = header + height + 2 * table.frameWidth() + 4
        if table.height() != wanted or table.minimumHeight() != wanted:
            table.setFixedHeight(wanted)

    def _add_follow_up(self) -> None:
        text = self.new_text.text().strip()
        if not text:
            self.new_text.setFocus()
            return
        due: date | None = None
        if self.new_has_due.isChecked():
            picked = self.new_due.date()
            due = date(picked.year(), picked.month(), picked.day())
        self.new_text.clear()
        # Qt hands a str-based enum back as a plain string: make it the owner again.
        owner = FollowUpOwner(self.new_owner.currentData())
        self.follow_up_add_requested.emit(owner, text, due)

    def add_pending_follow_up(self) -> None:
        """A follow-up typed but not added yet is added (leaving the chat never loses it)."""
        if self.new_text.text().strip():
            self._add_follow_up()

    def _selected_follow_up(self) -> FollowUpEntry | None:
        index = self.follow_up_table.currentIndex()
        return self.follow_up_model.record_at(index.row()) if index.isValid() else None

    def _remove_selected(self) -> None:
        entry = self._selected_follow_up()
        if entry is not None:
            self.follow_up_remove_requested.emit(entry)

    def _follow_up_menu(self, position: QPoint) -> None:
        entry = self._selected_follow_up()
        if entry is None:
            return
        menu = QMenu(self)
        if entry.due_on is not None:
            menu.addAction(
                "Remove the date",
                lambda: self.follow_up_edit_requested.emit(entry, replace(entry, due_on=None)),
            )
        menu.addAction("Remove follow-up", self._remove_selected)
        menu.exec(self.follow_up_table.viewport().mapToGlobal(position))
