"""A splitter whose divider reads as a 1 px line but is several pixels wide to grab."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
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
    """With `last_width` set, the last pane keeps that width (within its minimum and
    `LAST_SHARE` of the splitter) as the window changes size, until the user drags the handle
    or a saved position is restored; the first pane takes the rest."""

    LAST_SHARE = 0.42

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setHandleWidth(GRAB_WIDTH)
        self.setChildrenCollapsible(False)
        self.last_width: int | None = None
        self.placed_by_user = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self.placed_by_user = True

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        self.placed_by_user = self.placed_by_user or restored
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.placed_by_user or self.last_width is None or self.count() != 2:
            return
        last = self.widget(1)
        if last is None:
            return
        total = self.width() if self.orientation() == Qt.Orientation.Horizontal else self.height()
        room = total - self.handleWidth()
        least = last.minimumSizeHint().width()
        width = max(least, min(self.last_width, int(room * self.LAST_SHARE)))
        if self.sizes()[1] != width:
            with QSignalBlocker(self):
                self.setSizes([room - width, width])

    def createHandle(self) -> QSplitterHandle:
        handle = _LineHandle(self.orientation(), self)
        cursor = (
            Qt.CursorShape.SplitHCursor
            if self.orientation() == Qt.Orientation.Horizontal
            else Qt.CursorShape.SplitVCursor
        )
        handle.setCursor(cursor)
        return handle
