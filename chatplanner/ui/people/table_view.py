"""The People table's view: whole-row selection, fixed row heights, sortable columns, and
columns that fit the table's width (the less needed ones give way in a narrow table)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QCursor,
    QFocusEvent,
    QHelpEvent,
    QHoverEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTableView,
    QToolTip,
    QWidget,
)

from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.ui.literal_text import literal
from chatplanner.ui.people.row_painting import is_cut, paint_rows
from chatplanner.ui.people.table_model import (
    CITY,
    COMPANY,
    KIND,
    LAST_CONTACT,
    NAME,
    STAGE,
    TITLE,
    PeopleTableModel,
)

COLUMN_WIDTHS = (190, 160, 180, 110, 85, 130)
ROW_HEIGHT = 34
# The columns a narrow table leaves out, first to last: Name, Kind and Stage always stay.
GIVE_WAY = (CITY, LAST_CONTACT, TITLE, COMPANY)
# The fewest characters a column of names or words is given before it gives way: enough to
# read most names whole, rather than every column cut to a few letters.
_LEAST_CHARACTERS = {NAME: 18, COMPANY: 14, TITLE: 16, CITY: 10}
# Columns that share out the room left: their widths grow and shrink with the table.
_FLEXIBLE = (NAME, COMPANY, TITLE, CITY)


_MOVES = frozenset(
    {
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)
_CTRL = Qt.KeyboardModifier.ControlModifier


class PeopleTableView(QTableView):
    """The table, its columns fitted to its width: no sideways scrolling to reach a kind or a
    stage. Where all of them do not fit, City, then Last contact, then Title, then Company give
    way (the editor beside the table shows them); the kind and the stage are never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted_to = -1
        # True while Qt puts its cursor on the first row, the table taking the focus with no
        # row current: a place to start from, not a person chosen (the editor does not open).
        self.placing_cursor = False
        # Said in the middle of the table when it shows nobody (a search matched no one).
        self.nobody_text = ""
        # The rows painted in one pass (row_painting.py) rather than by Qt's style, cell by
        # cell: the same pixels, sooner. False paints them Qt's way, which the tests compare.
        self.paints_rows_itself = True
        # The cell under the pointer as Qt's painting knows it (Qt keeps it to itself): set as
        # the pointer moves and as the table scrolls under it, forgotten when the rows change
        # (a search typed) until one of those again.
        self._hovered = QPersistentModelIndex()

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if self.paints_rows_itself and isinstance(model, PeopleTableModel):
            # Qt marks no cell under the pointer in a table that is disabled.
            hovered = self._hovered if self.isEnabled() else None
            paint_rows(self, model, event.rect(), hovered)
        else:
            super().paintEvent(event)
        if not self.nobody_text or model is None or model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        room = self.viewport().rect().adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(room, int(flags), self.nobody_text)
        painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.HoverEnter, QEvent.Type.HoverMove):
            assert isinstance(event, QHoverEvent)
            self._hovered = QPersistentModelIndex(self.indexAt(event.position().toPoint()))
        elif kind in (QEvent.Type.HoverLeave, QEvent.Type.Leave):
            self._hovered = QPersistentModelIndex()
        elif kind == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            if self._show_cut_text(event):
                return True
        return super().viewportEvent(event)

    def _show_cut_text(self, event: QHelpEvent) -> bool:
        """A cell whose text is cut short shows it whole in a tooltip, whatever its length
        (the model's tooltip, kept for the other cells, went by length alone)."""
        index = self.indexAt(event.pos())
        model = self.model()
        if not index.isValid() or not isinstance(model, PeopleTableModel):
            return False
        text = model.texts_at(index.row())[index.column()]
        if not is_cut(self.font(), text, self.columnWidth(index.column())):
            return False
        QToolTip.showText(event.globalPos(), literal(text), self.viewport(), self.visualRect(index))
        return True

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self._hovered = QPersistentModelIndex(self.indexAt(event.position().toPoint()))

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # Overridden rather than connected to the scroll bars: their signals come while the
        # table is being destroyed too, when it must not be asked anything.
        super().scrollContentsBy(dx, dy)
        pointer = self.viewport().mapFromGlobal(QCursor.pos())
        if self.viewport().rect().contains(pointer):
            self._hovered = QPersistentModelIndex(self.indexAt(pointer))

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        # Qt moves the current row without selecting it while Ctrl is held (Ctrl+Home and
        # Ctrl+End, the keys to the first and the last person, among them; with Shift too).
        # The editor shows the current person, so it showed one person while the selection,
        # which Delete and the bulk actions act on, held another. A move with Ctrl selects as
        # the same move without it: alone, or from the anchor with Shift.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _MOVES
            and event.modifiers() & _CTRL
        ):
            without_ctrl = QKeyEvent(event.type(), event.key(), event.modifiers() & ~_CTRL)
            return super().selectionCommand(index, without_ctrl)
        return super().selectionCommand(index, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.placing_cursor = not self.currentIndex().isValid()
        try:
            super().focusInEvent(event)
        finally:
            self.placing_cursor = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted_to = -1
            self.fit_columns()

    def least_widths(self) -> dict[int, int]:
        """Each column's narrowest width: its title whole, its kind or stage whole, or a few
        characters of its names."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        title_metrics = header.fontMetrics()
        model = self.model()
        padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 28
        least: dict[int, int] = {}
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            # The section's padding (13 px each side) and the sort arrow.
            width = title_metrics.horizontalAdvance(title) + 26 + 16
            if column in _LEAST_CHARACTERS:
                width = max(width, _LEAST_CHARACTERS[column] * metrics.averageCharWidth())
            elif column == KIND:
                words = [kind.label for kind in ContactKind]
                width = max(width, max(metrics.horizontalAdvance(w) for w in words) + padding)
            elif column == STAGE:
                words = [stage.label for stage in Stage]
                width = max(width, max(metrics.horizontalAdvance(w) for w in words) + padding)
            else:  # the last contact's day
                width = max(width, metrics.horizontalAdvance("30 Sep 2026") + padding)
            least[column] = width
        return least

    def fit_columns(self) -> None:
        """Show the columns that fit the viewport's width, sharing out what is left."""
        room = self.viewport().width()
        if room <= 0 or room == self._fitted_to or self.model() is None:
            return
        self._fitted_to = room
        header = self.horizontalHeader()
        least = self.least_widths()
        shown = list(range(self.model().columnCount()))
        for column in GIVE_WAY:
            if sum(least[c] for c in shown) <= room:
                break
            shown.remove(column)
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column not in shown)
        fixed = [c for c in shown if c not in _FLEXIBLE]
        flexible = [c for c in shown if c in _FLEXIBLE]
        widths = {c: max(least[c], _preferred(c)) for c in fixed}
        if sum(widths.values()) + sum(least[c] for c in flexible) > room:
            widths = {c: least[c] for c in fixed}  # the fixed ones at their narrowest
        # Each name column its least, and what is left shared in proportion to their widths.
        spare = max(0, room - sum(widths.values()) - sum(least[c] for c in flexible))
        wanted = sum(COLUMN_WIDTHS[c] for c in flexible) or 1
        for column in flexible:
            widths[column] = least[column] + spare * COLUMN_WIDTHS[column] // wanted
        over = sum(widths.values()) - room
        if over > 0 and flexible:  # a large font: the names give the last pixels, never the kind
            for column in flexible:
                widths[column] = max(40, widths[column] - -(-over // len(flexible)))
        # What rounding left over goes to the last column shown, so that the row is filled.
        widths[shown[-1]] += max(0, room - sum(widths.values()))
        for column in shown:
            header.resizeSection(column, widths[column])


def people_table_view(model: PeopleTableModel, parent: QWidget | None = None) -> PeopleTableView:
    table = PeopleTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    # Fixed row heights: the view never measures 30,000 rows.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setSortIndicatorShown(True)
    for column, width in enumerate(COLUMN_WIDTHS):
        header.resizeSection(column, width)
    _fit_titles(table)
    # Kind and stage are short words the user reads whole: wide enough for the longest one
    # in the font in use ("Recruiter", "No reply, moved on"), never cut.
    metrics = table.fontMetrics()
    padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 28
    for column, labels in (
        (KIND, [kind.label for kind in ContactKind]),
        (STAGE, [stage.label for stage in Stage]),
    ):
        widest = max(metrics.horizontalAdvance(label) for label in labels) + padding
        header.resizeSection(column, max(COLUMN_WIDTHS[column], widest))
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return table


def _preferred(column: int) -> int:
    return COLUMN_WIDTHS[column] if column < len(COLUMN_WIDTHS) else 0


def _fit_titles(table: QTableView) -> None:
    """Widen a column whose title would be cut (a large system font)."""
    header = table.horizontalHeader()
    model = table.model()
    metrics = header.fontMetrics()
    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # The section's padding (13 px each side) and the sort arrow.
        needed = metrics.horizontalAdvance(title) + 26 + 16
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)
