"""What the app's own layouts share: their items in a list, and a height for each width.

The height for a width, the size hint and the minimum size are kept until the layout is
invalidated (an item added or taken, a widget in it shown, hidden or changing its size hint,
its margins), as Qt's own box layouts keep theirs: a page of cards asks each card's layout the
same questions many times while it is laid out (some ten times a card for Today's fifty).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class ItemListLayout(QLayout):
    """QLayout's bookkeeping over a list of items. A subclass places them in `_arrange`, which
    returns the height they take at the width of `rect` (and moves them there when `move`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._heights: dict[int, int] = {}
        self._sizes: dict[str, QSize] = {}

    def addItem(self, item: QLayoutItem) -> None:
        self.forget_sizes()
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self.forget_sizes()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def invalidate(self) -> None:
        # A widget in a layout nested in this one invalidates only the top layout of its
        # widget (this one, or one above it): the nested layouts' heights go too.
        _forget_heights(self)
        super().invalidate()

    def forget_sizes(self) -> None:
        """Its sizes are asked again (what it shows has changed without an invalidation)."""
        self._heights.clear()
        self._sizes.clear()

    def remembered(self, which: str, size: Callable[[], QSize]) -> QSize:
        """The size `which` (a hint, a minimum) as `size` gives it, kept until invalidated."""
        known = self._sizes.get(which)
        if known is None:
            known = self._sizes[which] = size()
        return QSize(known)  # a copy: the asker may change it

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        raise NotImplementedError


def _forget_heights(layout: QLayout) -> None:
    if isinstance(layout, ItemListLayout):
        layout.forget_sizes()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        nested = item.layout() if item is not None else None
        if nested is not None:
            _forget_heights(nested)
