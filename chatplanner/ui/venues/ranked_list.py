"""Ranked venues as a list: a number, the name, and the reasons in words on a second line."""

from __future__ import annotations

from PySide6.QtCore import (
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
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

    ROW_HEIGHT = 70

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.ROW_HEIGHT)

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
        regular = QFont(option.font)
        regular.setPointSizeF(max(7.0, regular.pointSizeF() - 0.5))
        painter.setFont(regular)
        painter.setPen(QColor(colors.muted))
        metrics = painter.fontMetrics()
        # Up to two lines of reasons; anything longer is in the tool tip.
        painter.drawText(
            QRect(text_left, rect.top() + 28, width, metrics.lineSpacing() * 2),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            str(index.data(REASONS_ROLE) or ""),
        )
        painter.restore()


def ranked_list_view(model: RankedVenueModel, parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setModel(model)
    view.setItemDelegate(RankedVenueDelegate(view))
    view.setMouseTracking(True)
    view.setUniformItemSizes(True)
    view.setSelectionMode(QListView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
