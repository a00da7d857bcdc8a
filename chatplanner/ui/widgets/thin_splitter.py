"""A splitter whose divider reads as a 1 px line but is several pixels wide to grab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QWidget

GRAB_WIDTH = 7  # px: a line of 1 px is hard to find with the pointer


class _LineHandle(QSplitterHandle):
    """Drawn as one line in the middle of its grab area, in the theme's border colour."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        from chatplanner.ui.theme import current_palette_colors

        painter = QPainter(self)
        colour = QColor(current_palette_colors().border)
        if self.orientation() == Qt.Orientation.Horizontal:
            middle = self.width() // 2
            painter.fillRect(middle, 0, 1, self.height(), colour)
        else:
            middle = self.height() // 2
            painter.fillRect(0, middle, self.width(), 1, colour)


class ThinSplitter(QSplitter):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setHandleWidth(GRAB_WIDTH)
        self.setChildrenCollapsible(False)

    def createHandle(self) -> QSplitterHandle:
        handle = _LineHandle(self.orientation(), self)
        cursor = (
            Qt.CursorShape.SplitHCursor
            if self.orientation() == Qt.Orientation.Horizontal
            else Qt.CursorShape.SplitVCursor
        )
        handle.setCursor(cursor)
        return handle
