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

from PySide6.QtCore import QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextLayout,
)

from chatplanner.ui.people.table_model import archived_text_color
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


def paint_rows(
    view: QTableView,
    model: PeopleTableModel,
    area: QRect,
    hovered: QPersistentModelIndex | None,
) -> None:
    """Paint the rows of `model` that fall in `area` of `view`'s viewport; `hovered` is the
    cell Qt marks as under the pointer (it forgets it when the rows change, until it moves)."""
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
    hover = (hovered.row(), hovered.column()) if hovered is not None and hovered.isValid() else None
    font = view.font()
    exact = QFontMetricsF(font)
    height = view.rowHeight(rows[0])  # every row's: the rows have a fixed height
    lines = _lines_for(font)
    plain = lines.baseline(height, "", "")  # an ASCII text's, cut or not
    right_to_left = view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # A row's background in one fill across its cells (they lie side by side), not one a cell.
    row_left = min((left for _column, left, _width in columns), default=0)
    row_width = max((left + width for _column, left, width in columns), default=0) - row_left
    painter = QPainter(view.viewport())
    painter.setLayoutDirection(view.layoutDirection())  # each text's, as Qt lays it out
    painter.setFont(font)
    for position in rows:
        top = view.rowViewportPosition(position)
        texts = model.texts_at(position)
        selected = selection is not None and selection.isSelected(model.index(position, 0))
        if selected:
            painter.setPen(colors.selected_text)
        else:
            painter.setPen(colors.archived if model.archived_at(position) else colors.text)
        if striped and position % 2:
            painter.fillRect(row_left, top, row_width, height, colors.stripe)
        if selected:
            painter.fillRect(row_left, top, row_width, height, colors.selected)
        for column, left, width in columns:
            if not selected and hover == (position, column):
                painter.fillRect(left, top, width, height, colors.hovered)
            text = texts[column]
            if text:
                cut = lines.cut(text, width - 2 * TEXT_MARGIN)
                if right_to_left:  # the layout mirrored: each text at its cell's right
                    start = left + width - TEXT_MARGIN - exact.horizontalAdvance(cut)
                else:
                    start = left + TEXT_MARGIN
                baseline = plain if text.isascii() else lines.baseline(height, text, cut)
                painter.drawText(QPointF(start, top + baseline), cut)
    painter.end()


def is_cut(font: QFont, text: str, width: int) -> bool:
    """Whether `text` is painted cut with an ellipsis in a cell `width` pixels wide."""
    return bool(text) and _lines_for(font).cut(text, width - 2 * TEXT_MARGIN) != text


class _Lines:
    """Where a text's baseline lies in a row, as Qt's item painting puts it: a box as tall as
    the whole text's line, centred in the row (each height halved, rounded down, as Qt does),
    and the baseline the shown text's ascent below the box's top. Characters from another font
    (Chinese in a Latin font) make a line taller, and lower: texts with any character outside
    ASCII are laid out once each, and remembered."""

    def __init__(self, font: QFont) -> None:
        self._font = font
        self._metrics = QFontMetrics(font)
        self._measured: dict[str, tuple[int, float]] = {}
        self._cuts: dict[tuple[str, int], str] = {}
        self.plain = self._measure("x")  # any text of ASCII characters alone

    def cut(self, text: str, room: int) -> str:
        """`text` cut with an ellipsis to `room` pixels, remembered: the rows on screen are
        painted again at each key typed in the search box, mostly with the same texts."""
        key = (text, room)
        found = self._cuts.get(key)
        if found is None:
            if len(self._cuts) >= _MEASURED_KEPT:
                self._cuts.clear()
            found = self._cuts[key] = self._metrics.elidedText(text, _ELIDE, room)
        return found

    def baseline(self, row_height: int, text: str, shown: str) -> float:
        box = (self.plain if text.isascii() else self._measure(text))[0]
        ascent = (self.plain if shown.isascii() else self._measure(shown))[1]
        return row_height // 2 - box // 2 + ascent

    def _measure(self, text: str) -> tuple[int, float]:
        """The height of the text's line in whole pixels (as Qt rounds it) and its ascent."""
        found = self._measured.get(text)
        if found is None:
            if len(self._measured) >= _MEASURED_KEPT:
                self._measured.clear()
            layout = QTextLayout(text, self._font)
            layout.beginLayout()
            line = layout.createLine()
            layout.endLayout()
            found = self._measured[text] = (int(line.height() + 0.5), line.ascent())
        return found


_MEASURED_KEPT = 20_000  # texts measured and remembered, for each font
_lines: dict[str, _Lines] = {}


def _lines_for(font: QFont) -> _Lines:
    key = font.key()
    found = _lines.get(key)
    if found is None:
        found = _lines[key] = _Lines(font)
    return found


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
        archived=archived_text_color(),
        selected_text=QColor(theme.text),
        stripe=palette.color(group, QPalette.ColorRole.AlternateBase),
        selected=QColor(theme.accent_soft),
        hovered=QColor(theme.hover),
    )
