"""Finding widgets the way a user does: by the text on them or the name a screen reader reads."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QTextLine, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QTabBar,
    QWidget,
)

from chatplanner.ui.theme import (
    COMFORTABLE_POINT_SIZE,
    Theme,
    colors_for,
    palette_for,
    style_sheet_for,
)

W = TypeVar("W", bound=QWidget)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible(widgets: list[W]) -> list[W]:
    return [w for w in widgets if w.isVisible()]


def button(root: QWidget, text: str) -> QAbstractButton:
    """The one visible button reading `text` (mnemonic ampersands ignored)."""
    found = [
        b
        for b in visible(root.findChildren(QAbstractButton))
        if _plain(b.text()) == text or b.accessibleName() == text
    ]
    assert len(found) == 1, f"{len(found)} visible buttons read {text!r}"
    return found[0]


def has_button(root: QWidget, text: str) -> bool:
    return any(_plain(b.text()) == text for b in visible(root.findChildren(QAbstractButton)))


def by_accessible_name(root: QWidget, name: str, kind: type[W]) -> W:
    found = [w for w in visible(root.findChildren(kind)) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} visible {kind.__name__} named {name!r}"
    return found[0]


def field(root: QWidget, label_text: str, kind: type[W]) -> W:
    """The input a form labels `label_text` (the label the user reads beside it)."""
    for label in visible(root.findChildren(QLabel)):
        if _plain(label.text()) != label_text:
            continue
        buddy = label.buddy()
        if isinstance(buddy, kind):
            return buddy
        parent = label.parentWidget()
        for form in parent.findChildren(QFormLayout) if parent else []:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and item.widget() is label:
                    target = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                    widget = target.widget() if target is not None else None
                    if isinstance(widget, kind):
                        return widget
    raise AssertionError(f"no visible {kind.__name__} labelled {label_text!r}")


def texts(root: QWidget) -> list[str]:
    """Every visible label's text, as the user reads the window."""
    return [label.text() for label in visible(root.findChildren(QLabel))]


def tab(root: QWidget, text: str) -> tuple[QTabBar, int]:
    for bar in visible(root.findChildren(QTabBar)):
        for index in range(bar.count()):
            if _plain(bar.tabText(index)) == text:
                return bar, index
    raise AssertionError(f"no visible tab {text!r}")


def wheel(widget: QWidget, notches: int, at: QPoint | None = None) -> None:
    """Turn the mouse wheel over `widget` (negative: towards the user, scrolling down)."""
    point = QPointF(at if at is not None else widget.rect().center())
    event = QWheelEvent(
        point,
        QPointF(widget.mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    assert event.type() == QEvent.Type.Wheel
    QApplication.sendEvent(widget, event)


def dress(widget: QWidget, font_scale: float = 1.0) -> None:
    """Give a window the app's look (style sheet, palette, font size), as a user sees it.

    On the window, not the application: restyling every widget left over by other tests
    crashed the test run. The size goes in the style sheet, which reaches every widget of the
    window (a font set on the window does not reach widgets the style sheet styles); the
    app's own sized rules (titles, headings) win over it, as they do over a system font.
    """
    colors = colors_for(Theme.LIGHT)
    widget.setPalette(palette_for(colors))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    size = max(app.font().pointSizeF(), COMFORTABLE_POINT_SIZE) * font_scale
    widget.setStyleSheet(f"QWidget {{ font-size: {size:.1f}pt; }}\n" + style_sheet_for(colors))


def open_dialog(title: str) -> QWidget | None:
    """The visible window with that title (a dialog the app opened), if any."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.windowTitle() == title:
            return widget
    return None


def x_at(line: QTextLine, position: int) -> float:
    """Where the cursor before `position` is drawn on a laid-out line (Qt gives (x, position))."""
    found = line.cursorToX(position)
    assert isinstance(found, tuple)
    return float(found[0])
