"""Ranked venues as a list: a number, the name, and the reasons in words on a second line."""

from __future__ import annotations

from PySide6.QtCore import (
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from chatplanner.domain.venue_ranking import RankedVenue
from chatplanner.ui.theme import current_palette_colors
from chatplanner.ui.widgets.record_table_model import Index, RecordListModel

REASONS_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 3
REASON_SEPARATOR = " · "


class RankedVenueModel(RecordListModel[RankedVenue]):
    def row_of(self, venue_id: int) -> int | None:
        return self.first_row(lambda venue: venue.id == venue_id)

    def cell(self, venue: RankedVenue, index: Index, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return venue.name
        if role == REASONS_ROLE:
            # Lines break between reasons, never inside one ("2.6 km from you" stays whole).
            return REASON_SEPARATOR.join(reason.replace(" ", "\u00a0") for reason in venue.reasons)
        if role == ID_ROLE:
            return venue.id
        if role == NUMBER_ROLE:
            return index.row() + 1
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{venue.name}\n{REASON_SEPARATOR.join(venue.reasons)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1}. {venue.name}: {', '.join(venue.reasons)}"
        return None


class RankedVenueDelegate(QStyledItemDelegate):
    """Paints text itself, as plain text: names and reasons are never read as markup."""

    ROW_HEIGHT = 70  # the least: a larger font makes the rows taller

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # The name's line, then two lines of reasons, all whole: a fixed 70 px cut the
        # second line of reasons ("· coffee shop") in a font a little larger.
        reasons_top, reasons_height = _reasons_place(option.font)
        return QSize(200, max(self.ROW_HEIGHT, reasons_top + reasons_height + 8))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colors = current_palette_colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(colors.accent_soft))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(colors.hover))

        number = str(index.data(NUMBER_ROLE))
        badge = QRect(rect.left() + 12, rect.top() + 10, 22, 22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.accent))
        painter.drawEllipse(badge)
        bold = QFont(option.font)
        bold.setBold(True)
        small_bold = QFont(bold)
        small_bold.setPointSizeF(max(7.0, bold.pointSizeF() - 1.5))
        painter.setFont(small_bold)
        painter.setPen(QColor(colors.on_accent))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), number)

        text_left = badge.right() + 12
        width = rect.right() - text_left - 10
        painter.setFont(bold)
        painter.setPen(QColor(colors.text))
        metrics = painter.fontMetrics()
        name = metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(text_left, rect.top() + 7, width, metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name,
        )
        painter.setFont(_reasons_font(option.font))
        painter.setPen(QColor(colors.muted))
        reasons_top, reasons_height = _reasons_place(option.font)
        # Up to two lines of reasons; anything longer is in the tool tip.
        painter.drawText(
            QRect(text_left, rect.top() + reasons_top, width, reasons_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            str(index.data(REASONS_ROLE) or ""),
        )
        painter.restore()


def _reasons_font(font: QFont) -> QFont:
    regular = QFont(font)
    regular.setPointSizeF(max(7.0, regular.pointSizeF() - 0.5))
    return regular


def _reasons_place(font: QFont) -> tuple[int, int]:
    """Where the reasons start under the name (from the row's top), and their two lines' height."""
    bold = QFont(font)
    bold.setBold(True)
    top = max(28, 7 + QFontMetrics(bold).height() + 3)
    return top, 2 * QFontMetrics(_reasons_font(font)).lineSpacing()


def ranked_list_view(model: RankedVenueModel, parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setModel(model)
    view.setItemDelegate(RankedVenueDelegate(view))
    view.setMouseTracking(True)
    view.setUniformItemSizes(True)
    view.setSelectionMode(QListView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
