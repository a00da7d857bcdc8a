"""The Brief tab of a chat: the one-page brief on screen, and "Save as PDF…"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.brief import Brief
from chatplanner.ui.brief.document import brief_font, brief_html
from chatplanner.ui.brief.map_picture import brief_map_view
from chatplanner.ui.icons import icon
from chatplanner.ui.venues.map_view import MapView

# The map's column: its full width when the text beside it keeps READABLE characters a line,
# narrower (down to MAP_NARROW) in a narrow window or with a large font, so the text stays
# readable rather than a column of three words.
MAP_WIDTH, MAP_NARROW = 240, 160
READABLE = 60


class BriefTab(QWidget):
    save_pdf_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.brief: Brief | None = None
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 14, 12, 14)
        row = QHBoxLayout()
        self.text = QTextBrowser()
        self.text.setAccessibleName("Brief")
        self.text.setOpenLinks(False)
        self.text.setFont(brief_font(self.font().pointSizeF()))
        row.addWidget(self.text, 1)
        # The map keeps to a column of its own width; the brief's text takes the rest, and the
        # whole width when there is no map (an online call).
        self.map_holder = QVBoxLayout()
        self.map_holder.addStretch(1)
        row.addLayout(self.map_holder, 0)
        layout.addLayout(row, 1)
        actions = QHBoxLayout()
        self.save_pdf = QPushButton(icon("export"), "Save as PDF…")
        self.save_pdf.setToolTip("A one-page brief to print or read on your phone")
        self.save_pdf.clicked.connect(self.save_pdf_requested)
        actions.addWidget(self.save_pdf)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.map: MapView | None = None

    def show_brief(self, brief: Brief) -> None:
        self.brief = brief
        self.text.setHtml(brief_html(brief, heading_size=1.3))
        if self.map is not None:
            self.map_holder.removeWidget(self.map)
            self.map.hide()  # at once: it is deleted only when the event loop comes round
            self.map.deleteLater()
            self.map = None
        if brief.map is not None and (brief.map.venue or brief.map.base):
            self.map = brief_map_view(brief.map)
            self.map.setMinimumHeight(220)
            self._fit_map()
            self.map_holder.insertWidget(0, self.map)
            self.map.show()

    def map_width(self) -> int:
        """The map's width for the tab's width: the text beside it keeps READABLE characters
        a line while the map can give way."""
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right() - self._layout.spacing()
        text = READABLE * self.text.fontMetrics().averageCharWidth() + 2 * self.text.frameWidth()
        return max(MAP_NARROW, min(MAP_WIDTH, room - text))

    def _fit_map(self) -> None:
        if self.map is not None:
            self.map.setFixedWidth(self.map_width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_map()
        super().resizeEvent(event)
