"""A panel as tall as its wrapped lines need at the width it is given.

A page reports no height-for-width to its scroll area (a table would make the page as tall as
the table would like), so a word-wrapped label counts as one line in the page's minimum height.
Where the lines wrap, the panel was laid out short and its layout placed the label over the
widget above it. A panel built on this asks for its height at its own width instead, and asks
again when its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QWidget


def _tall_enough(widget: QWidget, hint: QSize) -> QSize:
    layout = widget.layout()
    if layout is not None and widget.width() > 0 and layout.hasHeightForWidth():
        hint.setHeight(max(hint.height(), layout.totalHeightForWidth(widget.width())))
    return hint


class WrappingPanel(QWidget):
    def minimumSizeHint(self) -> QSize:
        return _tall_enough(self, super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class WrappingFrame(QFrame):
    def minimumSizeHint(self) -> QSize:
        return _tall_enough(self, super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()
