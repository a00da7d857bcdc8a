"""The venues table: sorting done by its model, and columns fitted from their widest texts.

With thousands of venues, the stock ways cost seconds of calls into Python: a sorting proxy
reads two cells per comparison, and fitting a column to its contents sizes a thousand cells per
column, several times while the page is laid out.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView, QWidget

from chatplanner.ui.venues.table_model import VenueTableModel


class VenueFilterProxy(QSortFilterProxyModel):
    """Filters the venues; sorting is passed on to the venue model, which sorts in Python."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


class VenueTable(QTableView):
    def __init__(self, model: VenueTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._venues = model

    def sizeHintForColumn(self, column: int) -> int:
        """The width the column's widest text needs, as the item delegate measures it."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        indexes = self._venues.widest_indexes(column, option.fontMetrics)
        if not indexes:
            return super().sizeHintForColumn(column)
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        hint = max(delegate.sizeHint(option, index).width() for index in indexes)
        return hint + 1 if self.showGrid() else hint
