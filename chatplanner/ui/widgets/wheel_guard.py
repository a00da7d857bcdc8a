"""The mouse wheel scrolls the page, not the value under the pointer.

Scrolling a long form passes the pointer over combo boxes, spin boxes and date edits; Qt lets
each of them take the wheel and change its value, so a few notches silently rewrote whatever
the pointer crossed. One filter on the whole application stops that for every form, present and
future: over a value widget that does not have the keyboard focus, the wheel goes to the
scroll area around it instead. Once the user has clicked or tabbed into the widget, the wheel
steps its value as usual. The widgets also stop taking the focus from the wheel (Qt's default),
so scrolling never arms them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

_INSTALLED = "chatplanner_wheel_guard"
_VALUE_WIDGETS = (QComboBox, QAbstractSpinBox)  # QDateEdit and QTimeEdit are spin boxes


def _value_widget(watched: QObject) -> QWidget | None:
    """The combo or spin box the event is for: itself, or its own line edit."""
    if isinstance(watched, _VALUE_WIDGETS):
        return watched
    parent = watched.parent() if isinstance(watched, QWidget) else None
    if isinstance(parent, _VALUE_WIDGETS):
        return parent
    return None


def _scroll_target(widget: QWidget) -> QWidget | None:
    """The viewport of the nearest scroll area holding `widget`."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QAbstractScrollArea):
            return ancestor.viewport()
        ancestor = ancestor.parentWidget()
    return None


class WheelGuard(QObject):
    """Installed once on the application by `install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(watched, _VALUE_WIDGETS) and watched.focusPolicy() == (
                Qt.FocusPolicy.WheelFocus
            ):
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        widget = _value_widget(watched)
        if widget is None or widget.hasFocus():
            return False
        assert isinstance(event, QWheelEvent)
        target = _scroll_target(widget)
        if target is not None:
            position = target.mapFromGlobal(event.globalPosition())
            forwarded = QWheelEvent(
                position,
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
                event.source(),
            )
            QCoreApplication.sendEvent(target, forwarded)
        return True  # the value stays as it is


def install_wheel_guard(app: QCoreApplication) -> None:
    """Once per application; later calls do nothing."""
    if app.property(_INSTALLED):
        return
    guard = WheelGuard(app)  # owned by the application, so it lives as long as it
    app.installEventFilter(guard)
    app.setProperty(_INSTALLED, True)
