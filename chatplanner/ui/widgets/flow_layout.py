"""A row of buttons that wraps onto a second line when the window is too narrow for it.

A plain QHBoxLayout squeezes its buttons below their size instead ("Mark as do"), which in a
small window or with a large font cut their labels short. Qt's flow layout example, typed.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QLayoutItem, QWidget

from chatplanner.ui.widgets.item_list_layout import ItemListLayout


class FlowLayout(ItemListLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._lines_height = 0  # the height of its lines at the width it was last given
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def setGeometry(self, rect: QRect) -> None:
        if self.geometry().width() <= 0:
            self._sizes.clear()  # given a width: its sizes now go by its lines (below)
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        if height != self._lines_height:
            # Wrapped onto more (or fewer) lines: the minimum height changed, and the
            # layouts around it should ask again (not from inside this layout pass).
            self._lines_height = height
            self._sizes.clear()
            QTimer.singleShot(0, self, self.update)

    def sizeHint(self) -> QSize:
        return self.remembered("hint", self._size_hint)

    def minimumSize(self) -> QSize:
        return self.remembered("minimum", self._minimum_size)

    def _size_hint(self) -> QSize:
        """Everything on one line (as wide), as tall as the lines it is laid out on."""
        shown = [item.sizeHint() for item in self._items if not _hidden(item)]
        width = sum(hint.width() for hint in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((hint.height() for hint in shown), default=0)
        margins = self.contentsMargins()
        height += margins.top() + margins.bottom()
        if self.geometry().width() > 0:  # as tall as its lines at the width it was given
            height = max(height, self._lines_height)
        return QSize(width + margins.left() + margins.right(), height)

    def _minimum_size(self) -> QSize:
        """As wide as its widest item; as tall as its lines at the width it was given.

        A page reports no height-for-width to its scroll area, so a minimum of one line let a
        page at its smallest squeeze the wrapped lines of buttons onto what came below."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        size += QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        if self.geometry().width() > 0:
            size.setHeight(max(size.height(), self._lines_height))
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if _hidden(item):
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def _hidden(item: QLayoutItem) -> bool:
    """Hidden and giving its place up: a widget that keeps its size when hidden (People's
    Clear button) keeps its place, so that showing it moves nothing."""
    widget = item.widget()
    return (
        widget is not None and widget.isHidden() and not widget.sizePolicy().retainSizeWhenHidden()
    )
