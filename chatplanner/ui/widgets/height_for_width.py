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


class _AsksAgainWhenLinesChange(QWidget):
    """A panel whose minimum height follows its wrapped lines: when its width changes, or a
    text in it does (its layout asks again), every widget up to the scroll area is told."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            _tell_the_way_up(self)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a text changed, lines with it
            _tell_the_way_up(self)
        return handled


class WrappingPanel(_AsksAgainWhenLinesChange):
    def minimumSizeHint(self) -> QSize:
        return _tall_enough(self, super().minimumSizeHint())


class WrappingFrame(QFrame):
    def minimumSizeHint(self) -> QSize:
        return _tall_enough(self, super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class RoomForWrappedLabels(_AsksAgainWhenLinesChange):
    """A panel whose minimum height counts the lines its listed labels wrap onto.

    For a panel with a scrolling part (a form, a list), whose preferred height is much more
    than it needs: only the wrapped labels' extra lines are added to its minimum.
    """

    wrapped_labels: tuple[QLabel, ...] = ()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        extra = 0
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        across = self.width() - (margins.left() + margins.right() if margins is not None else 0)
        for label in self.wrapped_labels:
            # At its own width once laid out (a label may share its line with a chip), at the
            # panel's before.
            width = label.width() if label.width() > 0 else across
            if label.isHidden() or not label.text() or width <= 0:
                continue
            extra += max(0, label.heightForWidth(width) - label.minimumSizeHint().height())
        hint.setHeight(hint.height() + extra)
        return hint


def _tell_the_way_up(panel: QWidget) -> None:
    """Ask every widget up to the scroll area for its size again: a splitter or a tab widget
    on the way does not pass a child's new minimum on to its own parent."""
    widget: QWidget | None = panel
    while widget is not None and not isinstance(widget, QAbstractScrollArea):
        widget.updateGeometry()
        widget = widget.parentWidget()
