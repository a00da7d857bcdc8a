"""The row above the People table: search as you type, and filters by kind, group, stage, goal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.contacts import GroupInfo
from chatplanner.domain.enums import ContactKind, Goal, Stage
from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal
from chatplanner.ui.people.table_model import NO_GOAL, PeopleFilter
from chatplanner.ui.widgets.flow_layout import FlowLayout

SEARCH_MIN_WIDTH = 240
COMBO_WIDTH = 130


class PeopleFilterBar(QWidget):
    changed = Signal(object)  # PeopleFilter

    # Long: the filter bar's controls, built in one place.
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clearing = False  # `clear` is resetting every filter: one change is said after
        # The filters sit beside the search box when there is room, on a second row when not
        # (a narrow window or a large font): never on top of it.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        self._first_row = QHBoxLayout()
        self._first_row.setSpacing(8)
        rows.addLayout(self._first_row)
        self._second_row = QHBoxLayout()
        self._second_row.setSpacing(8)
        rows.addLayout(self._second_row)
        self.filters = QWidget()
        layout = FlowLayout(self.filters)  # and wrap again when even a row of their own is short
        self.search = QLineEdit()
        self.search.setProperty("role", "search")
        self.search.setPlaceholderText("Search names, companies, cities, groups, notes")
        self.search.setToolTip("Search as you type; accents and case do not matter (Ctrl+F)")
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.search.setAccessibleName("Search people")
        self.search.textChanged.connect(self._emit)
        # Escape in the box takes back the search, as in most search boxes.
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)
        self._first_row.addWidget(self.search, 1)
        self._first_row.addWidget(self.filters)

        self.kind = QComboBox()
        self.kind.addItem("All kinds", None)
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind)
        self.group = QComboBox()
        self.group.addItem("All groups", None)
        self.stage = QComboBox()
        self.stage.addItem("All stages", None)
        for stage in Stage:
            self.stage.addItem(stage.label, stage)
        self.goal = QComboBox()
        self.goal.addItem("Any goal", None)
        self.goal.addItem("No goal set", NO_GOAL)
        for goal in Goal:
            self.goal.addItem(goal.label, goal)
        for combo, tip in (
            (self.kind, "Show one kind of contact"),
            (self.group, "Show the members of one group"),
            (self.stage, "Show one stage of the pipeline"),
            (self.goal, "Show what you want from them"),
        ):
            combo.setToolTip(literal(tip))
            combo.setAccessibleName(tip)
            combo.currentIndexChanged.connect(self._emit)
            combo.currentIndexChanged.connect(self._fit_combos)  # a long choice shown whole
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.setFixedWidth(COMBO_WIDTH)  # widened for a longer choice (`_fit_combos`)
            layout.addWidget(combo)
        self.archived = QCheckBox("Archived")
        self.archived.setToolTip("Also show the people you archived")
        self.archived.toggled.connect(self._emit)
        layout.addWidget(self.archived)
        # Clear sits at the end of the search box's row, its place kept while it is hidden:
        # typing shows it and moves nothing (in the filters' flow it took a line of its own).
        self.clear_button = QPushButton("Clear")
        self.clear_button.setProperty("role", "flat")
        self.clear_button.setToolTip("Show everyone again")
        self.clear_button.clicked.connect(self.clear)
        keep_place = self.clear_button.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # showing it must not shift the filters
        self.clear_button.setSizePolicy(keep_place)
        self._first_row.addWidget(self.clear_button)
        self._update_clear()

    def minimumSizeHint(self) -> QSize:
        # As narrow as the wider of its two rows: the filters move under the search box
        # rather than making the whole page wider than the window.
        rows = super().minimumSizeHint()
        search_row = SEARCH_MIN_WIDTH + self._first_row.spacing()
        search_row += self.clear_button.sizeHint().width()
        width = max(search_row, self.filters.minimumSizeHint().width())
        return QSize(width, rows.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_filters()

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_combos()  # styled and sized for the font by now
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_combos()

    def _fit_combos(self, *_args: object) -> None:
        """One width for the four filters, enough for each one's "All …" choice to read whole
        ("All group‹" at a fixed 130 px); a filter set to a longer choice ("PMI Toronto
        Chapter") widens to show it whole, the flow of filters wrapping if it must."""
        combos = (self.kind, self.group, self.stage, self.goal)
        chrome = {combo: self._chrome(combo) for combo in combos}
        need = COMBO_WIDTH
        for combo in combos:
            text = combo.fontMetrics().horizontalAdvance(combo.itemText(0))
            need = max(need, chrome[combo] + text + 4)
        for combo in combos:
            current = combo.fontMetrics().horizontalAdvance(combo.currentText())
            combo.setFixedWidth(max(need, chrome[combo] + current + 4))

    @staticmethod
    def _chrome(combo: QComboBox) -> int:
        """The combo's width around its text: frame, padding and arrow."""
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        return combo.width() - field.width()

    def _place_filters(self) -> None:
        spacing = self._first_row.spacing()
        beside = self.filters.sizeHint().width() + self.clear_button.sizeHint().width()
        fits = SEARCH_MIN_WIDTH + 2 * spacing + beside <= self.width()
        wanted = self._first_row if fits else self._second_row
        if wanted.indexOf(self.filters) >= 0:
            return
        (self._second_row if fits else self._first_row).removeWidget(self.filters)
        if fits:  # between the search box and Clear
            self._first_row.insertWidget(1, self.filters)
        else:
            self._second_row.addWidget(self.filters, 1)

    def set_groups(self, groups: Sequence[GroupInfo]) -> None:
        current = self.group.currentData()
        with QSignalBlocker(self.group):
            self.group.clear()
            self.group.addItem("All groups", None)
            for group in groups:
                self.group.addItem(group.name, group.id)
            index = self.group.findData(current) if current is not None else 0
            self.group.setCurrentIndex(max(index, 0))
        if current is not None and self.group.currentData() != current:
            self._emit()  # the group was deleted or merged away

    def current(self) -> PeopleFilter:
        # Qt hands string enums back as plain strings: turn them into members again.
        kind, stage, goal = (c.currentData() for c in (self.kind, self.stage, self.goal))
        return PeopleFilter(
            text=self.search.text(),
            kind=ContactKind(kind) if kind else None,
            group_id=self.group.currentData(),
            stage=Stage(stage) if stage else None,
            goal=NO_GOAL if goal == NO_GOAL else (Goal(goal) if goal else None),
            show_archived=self.archived.isChecked(),
        )

    def clear(self) -> None:
        if self.clear_button.hasFocus():
            # Clear hides itself; the focus would pass to the list, whose focus makes its only
            # row (the search's) the current person before the search is taken back.
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        # One change said for all of them. The search box's own signals are not blocked: its
        # clear button hides on them, and stayed shown beside an emptied box.
        self._clearing = True
        try:
            self.search.clear()
            for combo in (self.kind, self.group, self.stage, self.goal):
                combo.setCurrentIndex(0)
            self.archived.setChecked(False)
        finally:
            self._clearing = False
        self._emit()

    def show_archived(self) -> None:
        self.archived.setChecked(True)

    def _emit(self, *_args: object) -> None:
        if self._clearing:
            return
        self._update_clear()
        self.changed.emit(self.current())

    def _update_clear(self) -> None:
        narrowed = (
            bool(self.search.text())
            or self.archived.isChecked()
            or any(
                combo.currentIndex() > 0 for combo in (self.kind, self.group, self.stage, self.goal)
            )
        )
        self.clear_button.setVisible(narrowed)
