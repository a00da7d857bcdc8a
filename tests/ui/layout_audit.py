"""What a person would see cut off or covered in a window: a walk over its visible widgets.

Each finding names the widget by what the user reads on it, so a failure says where to look.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

# A little slack for rounding between the font engine and the layouts.
_SLACK = 2


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    label = shown or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {label!r}"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _in_scrolled_content(widget: QWidget) -> bool:
    """Inside a scroll area's content: it may be scrolled out of sight, which is fine."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _button_problems(button: QAbstractButton) -> list[str]:
    if not button.text():
        return []
    need = button.sizeHint()
    found = []
    if button.width() + _SLACK < need.width():
        found.append(f"{_name(button)} is {button.width()} px wide, its text needs {need.width()}")
    if button.height() + _SLACK < button.minimumSizeHint().height():
        found.append(f"{_name(button)} is cut off at the top or bottom")
    return found


def _label_problems(label: QLabel) -> list[str]:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    if label.wordWrap():
        need = label.heightForWidth(label.contentsRect().width() or label.width())
        margins = label.contentsMargins()
        need += margins.top() + margins.bottom()
        if need > 0 and label.height() + _SLACK < need:
            return [f"{_name(label)} shows {label.height()} px of the {need} px its lines need"]
        return []
    if label.width() + _SLACK < label.minimumSizeHint().width():
        return [f"{_name(label)} is {label.width()} px wide, its text needs more"]
    if label.height() + _SLACK < label.minimumSizeHint().height():
        return [f"{_name(label)} is cut off at the top or bottom"]
    return []


def _tab_problems(bar: QTabBar) -> list[str]:
    found = []
    bold = QFont(bar.font())
    bold.setWeight(QFont.Weight.DemiBold)  # the selected tab is drawn in a heavier weight
    metrics = QFontMetrics(bold)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = _plain(bar.tabText(index))
        rect = bar.tabRect(index)
        need = metrics.horizontalAdvance(text) + (
            bar.iconSize().width() if not bar.tabIcon(index).isNull() else 0
        )
        if rect.width() < need or rect.right() > bar.width() + _SLACK:
            found.append(f"tab {text!r} is {rect.width()} px wide, its text needs {need}")
    return found


def _tab_widget_problems(tabs: QTabWidget) -> list[str]:
    found = []
    bar = tabs.tabBar()
    for corner in (Qt.Corner.TopRightCorner, Qt.Corner.TopLeftCorner):
        widget = tabs.cornerWidget(corner)
        if widget is None or not widget.isVisible():
            continue
        covered = QRect(widget.mapTo(tabs, widget.rect().topLeft()), widget.size())
        for index in range(bar.count()):
            tab_rect = bar.tabRect(index)
            tab_rect.moveTopLeft(bar.mapTo(tabs, tab_rect.topLeft()))
            if covered.intersects(tab_rect):
                found.append(f"{_name(widget)} covers the tab {bar.tabText(index)!r}")
    return found


def _header_problems(header: QHeaderView) -> list[str]:
    if header.orientation() != Qt.Orientation.Horizontal:
        return []
    model = header.model()
    if model is None:
        return []
    found = []
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        if not text:
            continue
        need = metrics.horizontalAdvance(text) + 12
        if header.sectionSize(section) < need:
            found.append(
                f"column {text!r} is {header.sectionSize(section)} px wide, its title needs {need}"
            )
    return found


def _layout_widgets(layout: QLayout) -> set[int]:
    ids: set[int] = set()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is not None:
            ids.add(id(item.widget()))
        elif (inner := item.layout()) is not None:
            ids |= _layout_widgets(inner)
    return ids


def _overlaps(parent: QWidget, root: QWidget) -> list[str]:
    layout = parent.layout()
    if layout is None:
        return []
    managed = _layout_widgets(layout)
    children = [
        child
        for child in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if id(child) in managed and _shown(child, root) and not child.isWindow()
    ]
    found = []
    for i, first in enumerate(children):
        for second in children[i + 1 :]:
            common = first.geometry().intersected(second.geometry())
            if common.width() > _SLACK and common.height() > _SLACK:
                found.append(f"{_name(first)} and {_name(second)} overlap")
    return found


def _outside_parent(widget: QWidget) -> list[str]:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or _in_scrolled_content(widget):
        return []
    if isinstance(parent, QAbstractScrollArea) or isinstance(
        parent.parentWidget(), QAbstractScrollArea
    ):
        return []
    inside = parent.rect().adjusted(-_SLACK, -_SLACK, _SLACK, _SLACK)
    if not inside.contains(widget.geometry()):
        return [f"{_name(widget)} runs past the edge of its {type(parent).__name__}"]
    return []


def _sideways(area: QAbstractScrollArea) -> list[str]:
    """A page that scrolls sideways: its content is wider than the window gives it."""
    if area.objectName() == "pageScroll" and area.horizontalScrollBar().maximum() > 0:
        return [f"the page scrolls sideways by {area.horizontalScrollBar().maximum()} px"]
    return []


def layout_problems(root: QWidget) -> list[str]:
    """Everything cut off or covered among `root`'s visible widgets."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _shown(widget, root) and widget is not root:
            continue
        if isinstance(widget, (QPushButton, QToolButton, QCheckBox, QRadioButton)):
            found += _button_problems(widget)
        elif isinstance(widget, QLabel):
            found += _label_problems(widget)
        elif isinstance(widget, QTabBar):
            found += _tab_problems(widget)
        elif isinstance(widget, QHeaderView):
            found += _header_problems(widget)
        if isinstance(widget, QTabWidget):
            found += _tab_widget_problems(widget)
        if isinstance(widget, QAbstractScrollArea):
            found += _sideways(widget)
        if widget is not root and not isinstance(widget, QTabBar):
            found += _outside_parent(widget)
        found += _overlaps(widget, root)
    return sorted(set(found))
