"""The venues table: sorting done by its model, and columns fitted from their widest texts.

With thousands of venues, the stock ways cost seconds of calls into Python: a sorting proxy
reads two cells per comparison, and fitting a column to its contents sizes a thousand cells per
column, several times while the page is laid out.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from chatplanner.ui.venues.table_model import KNOWN, NAME, VISITS, VenueTableModel

# The Name column keeps room for this many letters before the other columns give way.
NAME_ROOM_LETTERS = 26
# Where even so a name or a kind would be cut (a large font), these columns leave the table
# rather than cut what is left ("Balzac's Coffee Distill…", "Coffee s…"): the venue's editor
# shows them. (What is known keeps whole words and counts the rest, "Commute +2".)
GIVE_WAY = (VISITS,)


class VenueFilterProxy(QSortFilterProxyModel):
    """Filters the venues; sorting is passed on to the venue model, which sorts in Python."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


def whole_words_in(text: str, metrics: QFontMetrics | QFontMetricsF, room: int) -> str:
    """A list ("Commute, parking, menu") shortened to the words that fit whole, the rest
    counted ("Commute +2"), rather than cut mid-word ("Commute, p…"); where not even one word
    and the count fit, how many things ("3 things"). The same rule for every row."""
    if room <= 0 or metrics.horizontalAdvance(text) <= room:
        return text
    words = text.split(", ")
    for kept in range(len(words) - 1, 0, -1):
        shorter = f"{', '.join(words[:kept])} +{len(words) - kept}"
        if metrics.horizontalAdvance(shorter) <= room:
            return shorter
    return f"{len(words)} things" if len(words) > 1 else text  # the tooltip holds it whole


def text_room(option: QStyleOptionViewItem) -> int:
    """The width a cell's text is drawn in: the cell less the style sheet's padding
    (`QTableView::item`) and the style's text margins, as the view draws it."""
    widget = option.widget
    style = widget.style() if widget is not None else None
    if style is None:
        return option.rect.width() - 6
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    return text.width() - 2 * margin


class KnownThingsDelegate(QStyledItemDelegate):
    """The "You know" cells: whole words and a count of the rest in a narrow column."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if option.rect.isValid():  # drawn, not measured: the widest text is the column's need
            # Measured as drawn, to the fraction of a pixel: a rounded width let the view cut
            # "Commute, parking, me…" where the whole list seemed to fit.
            metrics = QFontMetricsF(option.font)
            option.text = whole_words_in(option.text, metrics, text_room(option))


class VenueTable(QTableView):
    def __init__(self, model: VenueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._venues = model
        self.setItemDelegateForColumn(KNOWN, KnownThingsDelegate(self))
        self._fit_pending = False
        self._given_way: set[int] = set()  # the columns hidden here for want of room
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged):
            signal.connect(self._fit_soon)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        # The columns are sized here, from the room there is: the name takes what the others
        # leave, and never less than a readable name (a window 1024 px wide read "A…", "Cr…").
        for column in range(header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._fit_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _fit_soon(self, *_args: object) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self.fit_columns)

    def fit_columns(self) -> None:
        """Every column at its widest text if there is room; otherwise the others shrink
        towards their titles, keeping the Name column at least NAME_ROOM_LETTERS wide; where a
        name or another column's text would still be cut, Visits leaves."""
        self._fit_pending = False
        header = self.horizontalHeader()
        if self.model() is None or header.count() <= NAME:
            return
        for shown_again in self._given_way:
            self.setColumnHidden(shown_again, False)
        self._given_way.clear()
        if self._fit_shown():
            return
        for leaving in GIVE_WAY:
            self.setColumnHidden(leaving, True)
            self._given_way.add(leaving)
            if self._fit_shown():
                return

    def _fit_shown(self) -> bool:
        """Size the columns shown; whether every text in them shows whole (the lists of what
        is known aside: they keep whole words and count the rest)."""
        header = self.horizontalHeader()
        shown = [c for c in range(header.count()) if c != NAME and not header.isSectionHidden(c)]
        title = {c: header.sectionSizeFromContents(c).width() for c in [NAME, *shown]}
        wanted = {c: max(self.sizeHintForColumn(c), title[c]) for c in [NAME, *shown]}
        letters = self.fontMetrics().averageCharWidth() * NAME_ROOM_LETTERS
        name_room = max(title[NAME], min(wanted[NAME], letters))
        available = self.viewport().width()
        widths = {c: wanted[c] for c in shown}
        # What is known gives way first (its cells hold lists, whole in their tooltips), then
        # the other columns alike.
        for giving in ([c for c in shown if c == KNOWN], shown):
            over = sum(widths.values()) + name_room - available
            give = sum(widths[c] - title[c] for c in giving)
            if over <= 0 or give <= 0:
                break
            share = min(1.0, over / give)
            for c in giving:
                widths[c] -= round((widths[c] - title[c]) * share)
        # Past that (a large font), the name too gives way, down to its title.
        name_room = max(title[NAME], min(name_room, available - sum(widths.values())))
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.resizeSection(NAME, max(name_room, available - sum(widths.values())))
        cut = [c for c in shown if c != KNOWN and widths[c] < wanted[c]]
        return not cut and header.sectionSize(NAME) >= min(wanted[NAME], letters)

    def sizeHintForColumn(self, column: int) -> int:
        """The width the column's widest text needs, as the item delegate measures it."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        indexes = self._venues.widest_indexes(column, option.font)
        if not indexes:
            return super().sizeHintForColumn(column)
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        hint = max(delegate.sizeHint(option, index).width() for index in indexes)
        return hint + 1 if self.showGrid() else hint
