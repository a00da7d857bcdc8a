"""Search results: contact, date and a snippet with the matched words in bold.

The snippet's rich text is built only from escaped note text and our own <b> tags, so nothing
typed in a note can ever be read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from chatplanner.domain.moments import short_date_year
from chatplanner.services.archive_search import SearchHit
from chatplanner.ui.literal_text import escaped
from chatplanner.ui.theme import current_palette_colors
from chatplanner.ui.widgets.record_table_model import Index, RecordListModel

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 3


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text: escaped pieces, matched words wrapped in <b>."""
    out: list[str] = []
    position = 0
    for start, end in hit.highlights:
        if start < position or end > len(hit.snippet):
            continue  # overlapping or out of range: never trust offsets blindly
        out.append(escaped(hit.snippet[position:start]))
        out.append("<b>" + escaped(hit.snippet[start:end]) + "</b>")
        position = end
    out.append(escaped(hit.snippet[position:]))
    return "".join(out)


def date_text(hit: SearchHit) -> str:
    return short_date_year(hit.date)


class SearchResultsModel(RecordListModel[SearchHit]):
    def cell(self, hit: SearchHit, index: Index, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.contact_name} · {date_text(hit)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            # The base class makes the tooltip literal; accessible text is always plain.
            return f"{hit.contact_name}, {date_text(hit)}: {hit.snippet}"
        if role == HIT_ROLE:
            return hit
        if role == SNIPPET_HTML_ROLE:
            return snippet_html(hit)
        if role == MEETING_ID_ROLE:
            return hit.meeting_id
        return None


class SearchResultDelegate(QStyledItemDelegate):
    """A name and date line, then up to two lines of snippet with bold matches."""

    HEIGHT = 74

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width(), self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colors = current_palette_colors()
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        card = rect.adjusted(6, 3, -6, -3)
        state = option.state
        if state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver):
            path = QPainterPath()
            path.addRoundedRect(QRectF(card), 8, 8)
            selected = state & QStyle.StateFlag.State_Selected
            painter.fillPath(path, QColor(colors.accent_soft if selected else colors.hover))
        font = QFont(option.font)
        inner = card.adjusted(12, 8, -12, -6)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(QColor(colors.text))
        line_height = painter.fontMetrics().height()
        top = inner.adjusted(0, 0, 0, -(inner.height() - line_height))
        painter.drawText(
            top,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            painter.fontMetrics().elidedText(
                hit.contact_name, Qt.TextElideMode.ElideRight, top.width() - 140
            ),
        )
        painter.setFont(font)
        painter.setPen(QColor(colors.muted))
        painter.drawText(
            top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), date_text(hit)
        )

        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setTextWidth(inner.width())
        snippet = snippet_html(hit) or "<i>Matched the name; no notes yet.</i>"
        document.setHtml(f'<span style="color:{colors.muted}">{snippet}</span>')
        painter.translate(inner.left(), inner.top() + line_height + 4)
        clip = QRectF(0, 0, inner.width(), inner.height() - line_height - 4)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(QPalette.ColorRole.Text, QColor(colors.muted))
        document.documentLayout().draw(painter, context)
        painter.restore()
