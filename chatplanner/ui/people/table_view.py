"""The People table's view: whole-row selection, fixed row heights, sortable columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from chatplanner.ui.people.table_model import PeopleTableModel

COLUMN_WIDTHS = (190, 160, 180, 110, 85, 130)
ROW_HEIGHT = 34


def people_table_view(model: PeopleTableModel, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
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
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return table


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
