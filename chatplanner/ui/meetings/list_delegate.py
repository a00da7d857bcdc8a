"""How the meetings list draws: a section header, or two calm lines per chat."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from chatplanner.domain.enums import MeetingStatus
from chatplanner.services.meeting_records import MeetingSummary
from chatplanner.ui.meetings.formatting import STATUS_LABELS, progress_text
from chatplanner.ui.meetings.list_model import HEADER_ROLE, SUMMARY_ROLE, MeetingListModel
from chatplanner.ui.palette import ThemeColors
from chatplanner.ui.theme import current_palette_colors

_Index = QModelIndex | QPersistentModelIndex
_BAR_WIDTH = 44


class MeetingListDelegate(QStyledItemDelegate):
    """Two calm lines per meeting: name and checklist progress; when, where and status."""

    ROW_HEIGHT = 58
    HEADER_HEIGHT = 34

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # Asked for every row of a long list: answer from the model without building data.
        model = index.model()
        if isinstance(model, MeetingListModel):
            header = model.is_header(index.row())
        else:
            header = bool(index.data(HEADER_ROLE))
        return QSize(option.rect.width(), self.HEADER_HEIGHT if header else self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        colors = current_palette_colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        header = index.data(HEADER_ROLE)
        font = QFont(option.font)
        if header:
            _paint_header(painter, option.rect, font, str(header), colors)
        else:
            summary: MeetingSummary = index.data(SUMMARY_ROLE)
            card = option.rect.adjusted(6, 3, -6, -3)
            _paint_card(painter, card, option.state, colors)
            inner = card.adjusted(10, 7, -10, -7)
            _paint_first_line(painter, inner, font, summary, colors)
            model = index.model()
            when = model.when(summary) if isinstance(model, MeetingListModel) else ""
            _paint_second_line(painter, inner, font, summary, when, colors)
        painter.restore()


def _paint_header(
    painter: QPainter, rect: QRect, font: QFont, header: str, colors: ThemeColors
) -> None:
    small = QFont(font)
    small.setBold(True)
    small.setPointSizeF(font.pointSizeF() * 0.9)
    painter.setFont(small)
    painter.setPen(QColor(colors.muted))
    painter.drawText(
        rect.adjusted(14, 0, -10, -4),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
        header.upper(),
    )


def _paint_card(
    painter: QPainter, card: QRect, state: QStyle.StateFlag, colors: ThemeColors
) -> None:
    """The row's rounded card: the accent when selected, a shade under the mouse."""
    if state & QStyle.StateFlag.State_Selected:
        path = QPainterPath()
        path.addRoundedRect(card, 8, 8)
        painter.fillPath(path, QColor(colors.accent_soft))
    elif state & QStyle.StateFlag.State_MouseOver:
        path = QPainterPath()
        path.addRoundedRect(card, 8, 8)
        painter.fillPath(path, QColor(colors.hover))


def _paint_first_line(
    painter: QPainter, inner: QRect, font: QFont, summary: MeetingSummary, colors: ThemeColors
) -> None:
    """The person's name, and on the right the checklist's progress: a slim bar and "5/12"."""
    chip = progress_text(summary.checklist_done, summary.checklist_total)
    metrics = QFontMetrics(font)
    chip_width = metrics.horizontalAdvance(chip)
    top_line = QRect(inner.left(), inner.top(), inner.width(), metrics.height())
    chip_rect = QRect(top_line.right() - chip_width, top_line.top(), chip_width, metrics.height())
    painter.setFont(font)
    painter.setPen(QColor(colors.muted))
    painter.drawText(
        chip_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), chip
    )
    if summary.checklist_total:
        bar = QRect(chip_rect.left() - _BAR_WIDTH - 8, top_line.center().y() - 2, _BAR_WIDTH, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors.border))
        painter.drawRoundedRect(bar, 2.5, 2.5)
        filled = round(_BAR_WIDTH * summary.checklist_done / summary.checklist_total)
        if filled:
            painter.setBrush(QColor(colors.accent))
            painter.drawRoundedRect(QRect(bar.left(), bar.top(), filled, 5), 2.5, 2.5)
        name_right = bar.left() - 10
    else:
        name_right = chip_rect.left() - 10

    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    painter.setFont(bold)
    cancelled = summary.status is MeetingStatus.CANCELLED
    painter.setPen(QColor(colors.muted if cancelled else colors.text))
    name_rect = QRect(
        top_line.left(), top_line.top(), name_right - top_line.left(), metrics.height()
    )
    name = QFontMetrics(bold).elidedText(
        summary.contact_name, Qt.TextElideMode.ElideRight, name_rect.width()
    )
    painter.drawText(
        name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name
    )


def _paint_second_line(
    painter: QPainter,
    inner: QRect,
    font: QFont,
    summary: MeetingSummary,
    when: str,
    colors: ThemeColors,
) -> None:
    """When and where on the left, the status on the right in its colour."""
    second = f"{when} · {summary.where}"
    status = STATUS_LABELS[summary.status]
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.92)
    small_metrics = QFontMetrics(small)
    painter.setFont(small)
    line = QRect(
        inner.left(),
        inner.bottom() - small_metrics.height(),
        inner.width(),
        small_metrics.height(),
    )
    status_width = small_metrics.horizontalAdvance(status)
    status_color = {
        MeetingStatus.PLANNED: colors.accent_text,
        MeetingStatus.DONE: colors.muted,
        MeetingStatus.CANCELLED: colors.danger,
    }[summary.status]
    painter.setPen(QColor(status_color))
    painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), status)
    painter.setPen(QColor(colors.muted))
    text_rect = line.adjusted(0, 0, -(status_width + 12), 0)
    painter.drawText(
        text_rect,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        small_metrics.elidedText(second, Qt.TextElideMode.ElideRight, text_rect.width()),
    )
