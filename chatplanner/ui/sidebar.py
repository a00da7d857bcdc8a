"""The navigation column on the left of the main window: the app's name and the pages.

In a window too narrow for the pages beside a full column (1024 px with the usual font, wider
with a large one) it becomes a rail of icons: the pages' names move to their tooltips and stay
the items' text (what a screen reader reads and a search finds), and the pages get the room.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

FULL_WIDTH = 220
# Below this many average characters of the window's font the column is a rail (1120 px with
# a 10 pt font, 1600 px with a 15 pt one): a chat's six tabs need the room beside the chat list.
FULL_FROM_CHARACTERS = 160
# The list as a rail of icons (`_width_for` sizes the rail from these paddings).
_RAIL_STYLE = """
QListView#navigation { padding: 8px 6px; }
QListView#navigation:focus { padding: 6px 4px; }
QListView#navigation::item { padding: 9px 0px; }
"""


class _NavigationDelegate(QStyledItemDelegate):
    """Draws an item's icon alone while the column is a rail; the text stays the item's."""

    def __init__(self, parent: QListWidget) -> None:
        super().__init__(parent)
        self.compact = False

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self.compact:
            option.text = ""
            # Above its (empty) text, the style centres the icon across the item.
            option.decorationPosition = QStyleOptionViewItem.Position.Top
            option.decorationAlignment = Qt.AlignmentFlag.AlignCenter

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        compact, self.compact = self.compact, False
        try:  # as tall as the item with its name, so that the rail's icons keep their places
            return super().sizeHint(option, index)
        finally:
            self.compact = compact


class Sidebar(QFrame):
    def __init__(
        self, logo: QLabel, navigation: QListWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.navigation = navigation
        # Made when the column first becomes a rail: a full column is drawn by Qt's own
        # delegate, without a Python call for each item measured or painted (the first one
        # also had PySide build the item options' enums, before the first paint).
        self._delegate: _NavigationDelegate | None = None
        # Every page's item is its icon and a line of text: the first is measured for all (each
        # measure goes through the style sheet, a few dozen of them before the first paint).
        navigation.setUniformItemSizes(True)
        navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 18, 12, 12)
        self._layout.setSpacing(10)
        self._brand = brand = QHBoxLayout()
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        brand.addWidget(logo)
        self.name = QLabel("chatplanner")
        self.name.setProperty("role", "brand")
        brand.addWidget(self.name, 1)
        self._layout.addLayout(brand)
        self._layout.addSpacing(6)
        self._layout.addWidget(navigation, 1)
        self._logo = logo
        self._window_width = 0
        self.setFixedWidth(FULL_WIDTH)

    @property
    def compact(self) -> bool:
        return self._delegate is not None and self._delegate.compact

    def fit(self, window_width: int) -> None:
        """A full column or a rail, for a window this wide and the font in use."""
        self._window_width = window_width
        need = FULL_FROM_CHARACTERS * self.fontMetrics().averageCharWidth()
        self._set_compact(0 < window_width < need)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit(self._window_width)

    def _set_compact(self, compact: bool) -> None:
        if compact == self.compact and self.width() == self._width_for(compact):
            return
        if self._delegate is None:  # the column becomes a rail for the first time
            self._delegate = _NavigationDelegate(self.navigation)
            self.navigation.setItemDelegate(self._delegate)
        self._delegate.compact = compact
        # The rail's spacing as the list's own style sheet, which Qt applies at once: a rule of
        # the application's keyed on a property would need the list unpolished and polished,
        # through its QStyle, which PySide wraps with every enum of QStyle on first use (some 7 ms
        # before the first paint of a window opened narrow).
        self.navigation.setStyleSheet(_RAIL_STYLE if compact else "")
        self.name.setVisible(not compact)
        self._brand.setStretchFactor(self._logo, 1 if compact else 0)  # centred over the icons
        side = 8 if compact else 12
        self._layout.setContentsMargins(side, 18, side, 12)
        self.setFixedWidth(self._width_for(compact))
        # Which repaints the list (its viewport, which PySide is not asked for: wrapping it
        # builds a Python type for every widget class, some 5 ms before the first paint).
        self.navigation.doItemsLayout()

    def _width_for(self, compact: bool) -> int:
        if not compact:
            return FULL_WIDTH
        # The icon, a little room for its highlight, the list's padding (_RAIL_STYLE) and the
        # column's margins.
        icon = self.navigation.iconSize().width()
        return max(icon + 12 + 2 * 6 + 2 * 8, self._logo.sizeHint().width() + 16)

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self.compact), super().sizeHint().height())
