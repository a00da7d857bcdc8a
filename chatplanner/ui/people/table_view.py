"""The People table's view: whole-row selection, fixed row heights, sortable columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.ui.people.table_model import KIND, STAGE, PeopleTableModel

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
