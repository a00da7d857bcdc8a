"""The People table's rows, painted in one pass.

Qt's own painting of a table goes through the style for every cell: a dozen questions to the
model, each a call into Python, the style sheet's rules looked up, and the text laid out again.
At 30,000 people the table is repainted at every key typed in the search box, and that painting
was the larger part of the time from the key to the list on screen. This paints what Qt paints
(the striped rows, the selected and hovered cells in the style sheet's colours, each text cut
with an ellipsis inside the cell's padding) from the model's prepared cell texts, with a few
calls a cell. `tests/ui/test_people_row_painting.py` compares it with Qt's painting, pixel by
pixel, in every state a row can be in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QCursor, QFontMetricsF, QPainter, QPalette

from chatplanner.ui.theme import current_palette_colors

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from chatplanner.ui.people.table_model import PeopleTableModel

# The style sheet's padding of a cell (10 px each side) and the 3 px the style adds for its
# focus frame: where Qt's item painting puts the text.
TEXT_MARGIN = 13
_ELIDE = Qt.TextElideMode.ElideRight


class _Colors(NamedTuple):
    text: QColor
    archived: QColor
    selected_text: QColor
    stripe: QColor
    selected: QColor
    hovered: QColor


def paint_rows(view: QTableView, model: PeopleTableModel, area: QRect) -> None:
    """Paint the rows of `model` that fall in `area` of `view`'s viewport."""
    rows = _rows_in(view, model.rowCount(), area)
    if not rows:
        return
    header = view.horizontalHeader()
    columns = [
        (column, header.sectionViewportPosition(column), header.sectionSize(column))
        for column in range(model.columnCount())
        if not header.isSectionHidden(column)
    ]
    colors = _colors(view)
    striped = view.alternatingRowColors()
    selection = view.selectionModel()
    hovered = _hovered_cell(view)
    metrics = view.fontMetrics()
    exact = QFontMetricsF(view.font())
    height = view.rowHeight(rows[0])  # every row's: the rows have a fixed height
    # Where Qt's item painting puts a line's baseline: the line's box centred in the row,
    # rounded down, as its layout does.
    baseline = (height - metrics.height()) // 2 + metrics.ascent()
    right_to_left = view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    painter = QPainter(view.viewport())
    painter.setLayoutDirection(view.layoutDirection())  # each text's, as Qt lays it out
    painter.setFont(view.font())
    for position in rows:
        top = view.rowViewportPosition(position)
        texts = model.texts_at(position)
        selected = selection is not None and selection.isSelected(model.index(position, 0))
        if selected:
            painter.setPen(colors.selected_text)
        else:
            painter.setPen(colors.archived if model.archived_at(position) else colors.text)
        for column, left, width in columns:
            if striped and position % 2:
                painter.fillRect(left, top, width, height, colors.stripe)
            if selected:
                painter.fillRect(left, top, width, height, colors.selected)
            elif hovered == (position, column):
                painter.fillRect(left, top, width, height, colors.hovered)
            if texts[column]:
                room = width - 2 * TEXT_MARGIN
                cut = metrics.elidedText(texts[column], _ELIDE, room)
                if right_to_left:  # the layout mirrored: each text at its cell's right
                    start = left + width - TEXT_MARGIN - exact.horizontalAdvance(cut)
                    painter.drawText(QPointF(start, top + baseline), cut)
                else:
                    painter.drawText(left + TEXT_MARGIN, top + baseline, cut)
    painter.end()


def _rows_in(view: QTableView, count: int, area: QRect) -> range:
    """The rows that `area` of the viewport crosses."""
    first = view.rowAt(area.top()) if count else -1
    if first < 0:
        return range(0)  # no rows, or the area lies below the last one
    last = view.rowAt(area.bottom())
    return range(first, (last if last >= 0 else count - 1) + 1)


def _colors(view: QTableView) -> _Colors:
    """The colours Qt's painting takes from the palette and the style sheet's item rules."""
    if not view.isEnabled():
        group = QPalette.ColorGroup.Disabled
    elif view.isActiveWindow():
        group = QPalette.ColorGroup.Active
    else:
        group = QPalette.ColorGroup.Inactive
    palette = view.palette()
    theme = current_palette_colors()
    return _Colors(
        text=palette.color(group, QPalette.ColorRole.Text),
        archived=QColor(theme.faint),  # the model's foreground for an archived person
        selected_text=QColor(theme.text),
        stripe=palette.color(group, QPalette.ColorRole.AlternateBase),
        selected=QColor(theme.accent_soft),
        hovered=QColor(theme.hover),
    )


def _hovered_cell(view: QTableView) -> tuple[int, int] | None:
    """The row and column under the pointer, as Qt's painting marks the cell hovered."""
    viewport = view.viewport()
    if not (view.isEnabled() and viewport.underMouse()):
        return None
    index = view.indexAt(viewport.mapFromGlobal(QCursor.pos()))
    return (index.row(), index.column()) if index.isValid() else None
