"""A text block with its buttons beside it when there is room, and under it when there is not.

A card in a QHBoxLayout asks for the width of its text and its buttons side by side; in a
narrow window that made the whole page wider than the window (a sideways scroll bar, buttons
cut to "Write f…"). Here the buttons move under the text instead, and the text wraps.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

from chatplanner.ui.widgets.item_list_layout import ItemListLayout

# The text keeps at least this much room beside the buttons before they move under it.
TEXT_ROOM = 320


class BesideOrBelowLayout(ItemListLayout):
    """Two parts: the text (it takes the spare width) and the side (at its preferred size)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._gap = spacing
        self.text_room = TEXT_ROOM

    def add_layout(self, layout: QLayout) -> None:
        """The text part (first) or the side (second), as a layout of their own."""
        self.addChildLayout(layout)
        self.addItem(layout)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    # Sizes ----------------------------------------------------------------------------------
    def _parts(self) -> tuple[QLayoutItem | None, QLayoutItem | None]:
        text = self._items[0] if self._items else None
        side = self._items[1] if len(self._items) > 1 and not _hidden(self._items[1]) else None
        return text, side

    def _margins(self) -> tuple[int, int]:
        margins = self.contentsMargins()
        return margins.left() + margins.right(), margins.top() + margins.bottom()

    def beside(self, width: int) -> bool:
        """Whether the side fits beside the text in `width` (the layout's inner width)."""
        text, side = self._parts()
        if text is None or side is None:
            return True
        # Never less than the text's least width: squeezed below it, its layout would draw
        # its parts past its edge, over the side (a line edit under a check box).
        room = max(min(text.sizeHint().width(), self.text_room), text.minimumSize().width())
        return room + self._gap + _side_width(side) <= width

    def sizeHint(self) -> QSize:
        return self.remembered("hint", self._size_hint)

    def minimumSize(self) -> QSize:
        return self.remembered("minimum", self._minimum_size)

    def _size_hint(self) -> QSize:
        text, side = self._parts()
        width = text.sizeHint().width() if text else 0
        height = text.sizeHint().height() if text else 0
        if side is not None:
            width += self._gap + side.sizeHint().width()
            height = max(height, side.sizeHint().height())
        extra_w, extra_h = self._margins()
        return QSize(width + extra_w, height + extra_h)

    def _minimum_size(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not _hidden(item):
                size = size.expandedTo(item.minimumSize())
        extra_w, extra_h = self._margins()
        return size + QSize(extra_w, extra_h)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        text, side = self._parts()
        if text is None:
            return margins.top() + margins.bottom()
        if side is None:
            height = _height(text, area.width())
            if move:
                text.setGeometry(QRect(area.x(), area.y(), area.width(), height))
            return height + margins.top() + margins.bottom()
        if self.beside(area.width()):
            side_width = _side_width(side)
            text_width = area.width() - side_width - self._gap
            text_height = _height(text, text_width)
            side_height = _height(side, side_width)
            height = max(text_height, side_height)
            if move:
                text.setGeometry(QRect(area.x(), area.y(), text_width, height))
                top = area.y() + (height - side_height) // 2
                side.setGeometry(QRect(area.right() + 1 - side_width, top, side_width, side_height))
        else:
            text_height = _height(text, area.width())
            side_width = min(side.sizeHint().width(), area.width())
            side_height = _height(side, side_width)
            height = text_height + self._gap + side_height
            if move:
                text.setGeometry(QRect(area.x(), area.y(), area.width(), text_height))
                below = area.y() + text_height + self._gap
                side.setGeometry(QRect(area.x(), below, side_width, side_height))
        return height + margins.top() + margins.bottom()


def _side_width(side: QLayoutItem) -> int:
    """The side's width beside the text: its preferred width, never under its least."""
    return max(side.sizeHint().width(), side.minimumSize().width())


def _height(item: QLayoutItem, width: int) -> int:
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return item.sizeHint().height()


def _hidden(item: QLayoutItem) -> bool:
    """Hidden, and not keeping its place (a widget that keeps it still takes its room)."""
    widget = item.widget()
    return (
        widget is not None and widget.isHidden() and not widget.sizePolicy().retainSizeWhenHidden()
    )
