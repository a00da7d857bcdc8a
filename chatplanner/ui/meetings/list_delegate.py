"""How the meetings list draws: a section header, or three calm lines per chat."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from chatplanner.domain.enums import MeetingStatus
from chatplanner.services.meeting_records import MeetingSummary
from chatplanner.ui.meetings.formatting import STATUS_LABELS, progress_text
from chatplanner.ui.meetings.list_model import HEADER_ROLE, SUMMARY_ROLE, MeetingListModel
from chatplanner.ui.theme import current_palette_colors

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ShownText:
    """One text of a row as painted: where, in which font and colour, whole and as shown."""

    rect: QRect
    font: QFont
    color: str
    whole: str
    shown: str
    align: Qt.AlignmentFlag


class MeetingListDelegate(QStyledItemDelegate):
    """Three calm lines per meeting: the name, with the row's whole width; when; where, with
    the status and checklist count. The checklist's progress is a slim bar along the bottom.

    Two lines shared among name, progress bar, date, place and status cut even common names
    short ("Olúwadámil…") in a window of the default size.
    """

    HEADER_HEIGHT = 34
    PADDING = 7  # inside the row's card, above and below the lines
    GAP = 2  # between lines
    BAR = 3  # the progress bar's thickness

    @staticmethod
    def _fonts(font: QFont) -> tuple[QFont, QFont]:
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.92)
        return bold, small

    def row_height(self, font: QFont) -> int:
        bold, small = self._fonts(font)
        lines = QFontMetrics(bold).height() + 2 * QFontMetrics(small).height() + 2 * self.GAP
        return 6 + 2 * self.PADDING + lines + self.GAP + self.BAR

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # Asked for every row of a long list: answer from the model without building data.
        model = index.model()
        if isinstance(model, MeetingListModel):
            header = model.is_header(index.row())
        else:
            header = bool(index.data(HEADER_ROLE))
        height = self.HEADER_HEIGHT if header else self.row_height(option.font)
        return QSize(option.rect.width(), height)

    def texts(self, option: QStyleOptionViewItem, index: _Index) -> list[ShownText]:
        """The row's texts where `paint` draws them (shortened with "…" only past the width)."""
        summary = index.data(SUMMARY_ROLE)
        if not isinstance(summary, MeetingSummary):
            return []
        colors = current_palette_colors()
        bold, small = self._fonts(QFont(option.font))
        inner = self._card(option.rect).adjusted(10, self.PADDING, -10, -self.PADDING)
        found: list[ShownText] = []

        def put(rect: QRect, font: QFont, color: str, text: str, right: bool = False) -> None:
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            found.append(ShownText(rect, font, color, text, shown, align))

        small_height = QFontMetrics(small).height()
        name_height = QFontMetrics(bold).height()
        top = inner.top()
        cancelled = summary.status is MeetingStatus.CANCELLED
        name_rect = QRect(inner.left(), top, inner.width(), name_height)
        put(name_rect, bold, colors.muted if cancelled else colors.text, summary.contact_name)
        # Second line: when; the other zone's clock ("· 16:00 your time") goes first when the
        # line is short (the tooltip has it all).
        model = index.model()
        when = model.when(summary) if isinstance(model, MeetingListModel) else ""
        top += name_height + self.GAP
        when_rect = QRect(inner.left(), top, inner.width(), small_height)
        put(when_rect, small, colors.muted, when)
        head = when.split(" · ")[0]
        if found[-1].shown != when and head != when:
            shown = QFontMetrics(small).elidedText(
                head, Qt.TextElideMode.ElideRight, when_rect.width()
            )
            found[-1] = replace(found[-1], shown=shown)
        # Third line: where; the status and the checklist's count on the right.
        top += small_height + self.GAP
        status = (
            f"{STATUS_LABELS[summary.status]} · "
            f"{progress_text(summary.checklist_done, summary.checklist_total)}"
        )
        # A pixel or two over the measured width: text is laid out in fractions of a pixel.
        status_width = QFontMetrics(small).horizontalAdvance(status) + 2
        status_color = {
            MeetingStatus.PLANNED: colors.accent_text,
            MeetingStatus.DONE: colors.muted,
            MeetingStatus.CANCELLED: colors.danger,
        }[summary.status]
        put(
            QRect(inner.right() - status_width + 1, top, status_width, small_height),
            small,
            status_color,
            status,
            right=True,
        )
        where_rect = QRect(inner.left(), top, inner.width() - status_width - 12, small_height)
        put(where_rect, small, colors.muted, summary.where)
        return found

    @staticmethod
    def _card(rect: QRect) -> QRect:
        return rect.adjusted(6, 3, -6, -3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        colors = current_palette_colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        header = index.data(HEADER_ROLE)
        font = QFont(option.font)
        if header:
            small = QFont(font)
            small.setBold(True)
            small.setPointSizeF(font.pointSizeF() * 0.9)
            painter.setFont(small)
            painter.setPen(QColor(colors.muted))
            painter.drawText(
                rect.adjusted(14, 0, -10, -4),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                str(header).upper(),
            )
            painter.restore()
            return
        summary: MeetingSummary = index.data(SUMMARY_ROLE)
        state = option.state
        card = self._card(rect)
        if state & QStyle.StateFlag.State_Selected:
            path = QPainterPath()
            path.addRoundedRect(card, 8, 8)
            painter.fillPath(path, QColor(colors.accent_soft))
        elif state & QStyle.StateFlag.State_MouseOver:
            path = QPainterPath()
            path.addRoundedRect(card, 8, 8)
            painter.fillPath(path, QColor(colors.hover))

        for text in self.texts(option, index):
            painter.setFont(text.font)
            painter.setPen(QColor(text.color))
            painter.drawText(text.rect, int(text.align | Qt.AlignmentFlag.AlignVCenter), text.shown)

        if summary.checklist_total:
            inner = card.adjusted(10, 0, -10, -self.PADDING + 1)
            bar = QRect(inner.left(), inner.bottom() - self.BAR + 1, inner.width(), self.BAR)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.border))
            painter.drawRoundedRect(bar, 1.5, 1.5)
            filled = round(bar.width() * summary.checklist_done / summary.checklist_total)
            if filled:
                painter.setBrush(QColor(colors.accent))
                painter.drawRoundedRect(QRect(bar.left(), bar.top(), filled, self.BAR), 1.5, 1.5)
        painter.restore()
