"""A panel as tall as its wrapped lines need at the width it is given.

A page reports no height-for-width to its scroll area (a table would make the page as tall as
the table would like), so a word-wrapped label counts as one line in the page's minimum height.
Where the lines wrap, the panel was laid out short and its layout placed the label over the
widget above it. A panel built on this asks for its height at its own width instead, and asks
again when its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QLabel, QWidget


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


class RoomForWrappedLabels(QWidget):
    """A panel whose minimum height counts the lines its listed labels wrap onto.

    For a panel with a scrolling part (a form, a list), whose preferred height is much more
    than it needs: only the wrapped labels' extra lines are added to its minimum.
    """

    wrapped_labels: tuple[QLabel, ...] = ()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        extra = 0
        # The labels span the panel: measured at its width (which, when it changes, has the
        # layouts around asked again), not at theirs, which may lag a layout pass behind.
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        width = self.width() - (margins.left() + margins.right() if margins is not None else 0)
        for label in self.wrapped_labels:
            if label.isHidden() or not label.text() or width <= 0:
                continue
            extra += max(0, label.heightForWidth(width) - label.minimumSizeHint().height())
        hint.setHeight(hint.height() + extra)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._tell_the_way_up()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a label's text changed
            self._tell_the_way_up()
        return handled

    def _tell_the_way_up(self) -> None:
        # Up to the scroll area: a splitter on the way does not pass a child's new minimum on
        # to its own parent.
        widget: QWidget | None = self
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget.updateGeometry()
            widget = widget.parentWidget()
