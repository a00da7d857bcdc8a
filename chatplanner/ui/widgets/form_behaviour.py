"""How every form answers the wheel and the Tab key and names its controls: set once, app-wide.

The mouse wheel scrolls the page, not the value under the pointer.

Scrolling a long form passes the pointer over combo boxes, spin boxes, date edits and sliders; Qt lets
each of them take the wheel and change its value, so a few notches silently rewrote whatever
the pointer crossed. One filter on the whole application stops that for every form, present and
future: over a value widget that does not have the keyboard focus, the wheel goes to the
scroll area around it instead. Once the user has clicked or tabbed into the widget, the wheel
steps its value as usual, except while a scroll is under way: notches that arrive soon after
the wheel scrolled something keep scrolling the page when the pointer reaches the focused
field. The widgets also stop taking the focus from the wheel (Qt's default), so scrolling
never arms them.

Tab moves to the next control everywhere: text boxes do not type a tab character (no one
writes tabs in a message, and a keyboard user was trapped in them), item views do not walk
their cells, and date and time boxes do not step through their day, month and year first (the
arrow keys do that).

Every word shows whole where it is read: a combo box's list opens at least as wide as its
longest entry (Qt cuts its entries to the box's own width, "Newcom…etwork"), and a line edit
that does not have the focus shows the beginning of its text, not the end that setting it left
in view ("n site engineering…"). When a menu closes, the buttons the pointer has left stop
looking hovered (a menu button stayed highlighted after its menu closed).

Ctrl+Z in a text field undoes the field's own typing first; when the field has nothing of its
own to undo (it was just saved, or set by the program), the key reaches the window's Undo, as
the Edit menu's entry does (a line edit took the key and did nothing). Redo likewise.

A control without a name of its own (no text, no label pointing to it) takes the words the
sighted user reads on or over it, its placeholder or its tooltip, as the name a screen reader
announces, rather than announcing "edit" or "button".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QFocusEvent, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDial,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSlider,
    QTextEdit,
    QWidget,
)

_INSTALLED = "chatplanner_form_behaviour"
# Wheel notches closer together than this belong to one scrolling gesture.
_GESTURE_MS = 600
# QDateEdit and QTimeEdit are spin boxes. Sliders and dials, not scroll bars: those are the
# wheel's own business.
_VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QSlider, QDial)
_NAMEABLE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
)


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


def _polish(widget: QObject) -> None:
    if isinstance(widget, _NAMEABLE) and not widget.accessibleName():
        _name_from_what_is_shown(widget)
    if isinstance(widget, _VALUE_WIDGETS):
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    if isinstance(widget, QComboBox):
        _keep_list_wide(widget)
    elif isinstance(widget, QLineEdit):
        _show_start(widget)
        widget.textChanged.connect(lambda _text, edit=widget: _show_set_text_start(edit))


def _keep_list_wide(combo: QComboBox) -> None:
    """The combo's list as wide as its longest entry, now and whenever its entries change.

    Measured once the entries stop changing (the next turn of the event loop, before the list
    can be opened): filled one entry at a time, measuring every entry after each one measured
    the list's entries over and over (a hundred groups, some 5,000 measures)."""
    model = combo.model()
    pending = False

    def fit() -> None:
        nonlocal pending
        pending = False
        _fit_list(combo)

    def fit_soon(*_args: object) -> None:
        nonlocal pending
        if not pending:
            pending = True
            QTimer.singleShot(0, combo, fit)  # not once the combo is gone

    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
        signal.connect(fit_soon)
    _fit_list(combo)


_LIST_ROWS_MEASURED = 500  # a longer list is measured on its first rows


def _fit_list(combo: QComboBox) -> None:
    view = combo.view()
    metrics = view.fontMetrics()
    rows = min(combo.count(), _LIST_ROWS_MEASURED)
    widest = max((metrics.horizontalAdvance(combo.itemText(row)) for row in range(rows)), default=0)
    if any(not combo.itemIcon(row).isNull() for row in range(rows)):
        widest += combo.iconSize().width() + 6
    # The item's padding on both sides (the style sheet's), the frame, and a scroll bar when the
    # list is longer than the rows it shows at once.
    extra = 2 * 12 + 2 * view.frameWidth() + 8
    if combo.count() > combo.maxVisibleItems():
        extra += view.verticalScrollBar().sizeHint().width()
    view.setMinimumWidth(widest + extra)


def _forget_stale_hover() -> None:
    """After a menu closes, the buttons the pointer is no longer over stop looking hovered.

    A menu takes the pointer while it is open; the button that opened it (or one the pointer
    crossed on the way) never hears that the pointer left, and stayed highlighted."""
    window = QApplication.activeWindow()
    if window is None:
        return
    pointer = QCursor.pos()
    for widget in (window, *window.findChildren(QWidget)):
        if not widget.testAttribute(Qt.WidgetAttribute.WA_UnderMouse):
            continue
        if not widget.rect().contains(widget.mapFromGlobal(pointer)):
            widget.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
            widget.update()


def _show_set_text_start(edit: QLineEdit) -> None:
    # Only text set by the program (setText clears "modified"): what is typed or inserted
    # stays where the cursor is, focused or not.
    if not edit.isModified():
        _show_start(edit)


def _show_start(edit: QLineEdit) -> None:
    if not edit.hasFocus() and edit.cursorPosition() != 0:
        edit.setCursorPosition(0)


def _name_from_what_is_shown(widget: QWidget) -> None:
    text = getattr(widget, "text", None)
    if isinstance(widget, QAbstractButton) and callable(text) and text():
        return  # a button is announced by its text
    placeholder = getattr(widget, "placeholderText", None)
    shown = (placeholder() if callable(placeholder) else "") or widget.toolTip()
    if shown and not _has_label(widget):
        widget.setAccessibleName(shown.split("\n")[0].strip())


def _has_label(widget: QWidget) -> bool:
    # A form's labels are the field's siblings; looking no further keeps polishing cheap.
    parent = widget.parentWidget()
    if parent is None:
        return False
    siblings = parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return any(label.buddy() is widget for label in siblings)


def _tab_out_of_date_box(watched: QObject, event: QEvent) -> bool:
    parent = watched.parent()
    if isinstance(watched, QDateTimeEdit):
        owner = watched
    elif isinstance(parent, QDateTimeEdit):
        owner = parent
    else:
        return False
    assert isinstance(event, QKeyEvent)
    key = event.key()
    plain = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == (
        Qt.KeyboardModifier.NoModifier
    )
    if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or not plain:
        return False
    forward = key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    _focus_next(owner, forward)
    return True


def _focus_next(widget: QWidget, forward: bool) -> None:
    """Give the focus to the next (or previous) control in the window's tab chain."""
    candidate: QWidget | None = widget
    for _ in range(10_000):  # the chain is a ring; this only guards against a broken one
        assert candidate is not None
        candidate = candidate.nextInFocusChain() if forward else candidate.previousInFocusChain()
        if candidate is None or candidate is widget:
            return
        if (
            candidate.window() is widget.window()
            and candidate.isVisible()
            and candidate.isEnabled()
            and candidate.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
            and not widget.isAncestorOf(candidate)
        ):
            candidate.setFocus(
                Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            )
            return


def _leave_undo_to_window(watched: QObject, event: QEvent) -> bool:
    """Whether Ctrl+Z (or redo) over a text field goes to the window's shortcut: the field has
    nothing of its own to undo (or redo)."""
    assert isinstance(event, QKeyEvent)
    undo = event.matches(QKeySequence.StandardKey.Undo)
    if not undo and not event.matches(QKeySequence.StandardKey.Redo):
        return False
    if isinstance(watched, QLineEdit):
        available = watched.isUndoAvailable() if undo else watched.isRedoAvailable()
    elif isinstance(watched, (QTextEdit, QPlainTextEdit)):
        document = watched.document()
        available = document.isUndoAvailable() if undo else document.isRedoAvailable()
    else:
        return False
    if available:
        return False
    event.ignore()  # not the field's: the shortcut map looks for the window's action
    return True


def _show_start_after(edit: QLineEdit, event: QFocusEvent) -> None:
    """A line edit the focus left shows the start of its text (not a popup or another window
    taking the focus for a moment)."""
    if event.reason() not in (
        Qt.FocusReason.PopupFocusReason,
        Qt.FocusReason.ActiveWindowFocusReason,
    ):
        QTimer.singleShot(0, edit, lambda: _show_start(edit))


# Focus the keyboard moved: the widget it lands on is scrolled into view.
_KEYBOARD_FOCUS = frozenset({Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason})


def _bring_into_view(widget: QWidget) -> None:
    """Scroll the page holding `widget` until it shows: a scroll area does so for Tab within
    it, not for focus arriving from outside (Shift+Tab from the navigation reached the last
    button of Today, off screen, and Space pressed it unseen)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            content = parent.widget()
            if content is not None and content.isAncestorOf(widget):
                parent.ensureWidgetVisible(widget)
                return
        parent = parent.parentWidget()


# The events the filter acts on. Every event of the application passes through it (thousands
# while a window is built and painted), and most are let through after one look-up in this set
# rather than after a comparison with each.
_ACTED_ON = frozenset(
    {
        QEvent.Type.Polish,
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.FocusIn,
        QEvent.Type.Hide,
        QEvent.Type.FocusOut,
        QEvent.Type.Wheel,
    }
)


class FormBehaviour(QObject):
    """Installed once on the application by `install_form_behaviour`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scrolled = QElapsedTimer()  # when the wheel last scrolled a page past a value

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        return kind in _ACTED_ON and self._act_on(watched, event, kind)

    def _act_on(self, watched: QObject, event: QEvent, kind: QEvent.Type) -> bool:
        """Whether the event is taken (the filter's answer), for one it acts on."""
        if kind == QEvent.Type.Polish:
            _polish(watched)
            return False
        if kind == QEvent.Type.KeyPress:
            return _tab_out_of_date_box(watched, event)
        if kind == QEvent.Type.ShortcutOverride:
            return _leave_undo_to_window(watched, event)
        if kind == QEvent.Type.FocusIn:
            assert isinstance(event, QFocusEvent)
            if event.reason() in _KEYBOARD_FOCUS and isinstance(watched, QWidget):
                _bring_into_view(watched)
            if _value_widget(watched) is not None:
                self._scrolled.invalidate()  # clicking or tabbing into a field starts afresh
            return False
        if kind == QEvent.Type.Hide and isinstance(watched, QMenu):
            QTimer.singleShot(0, _forget_stale_hover)
            return False
        if kind == QEvent.Type.FocusOut and isinstance(watched, QLineEdit):
            assert isinstance(event, QFocusEvent)
            _show_start_after(watched, event)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        assert isinstance(event, QWheelEvent)
        return self._wheel(watched, event)

    def _wheel(self, watched: QObject, event: QWheelEvent) -> bool:
        """Whether the wheel event was taken from a value widget (and the page scrolled)."""
        widget = _value_widget(watched)
        if widget is None:
            self._scrolled.start()  # the wheel over the page itself: a scroll under way
            return False
        # A scroll that is under way carries on over a focused box too: the pointer reaching
        # the field just chosen must not turn the rest of the gesture into value changes.
        scrolling = self._scrolled.isValid() and self._scrolled.elapsed() < _GESTURE_MS
        if widget.hasFocus() and not scrolling:
            return False
        target = _scroll_target(widget)
        self._scrolled.start()
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


def install_form_behaviour(app: QCoreApplication) -> None:
    """Once per application; later calls do nothing. The widgets polished before it (the
    window's frame and first page, when it is installed after they are painted) are given now
    what polishing them gives."""
    if app.property(_INSTALLED):
        return
    guard = FormBehaviour(app)  # owned by the application, so it lives as long as it
    app.installEventFilter(guard)
    app.setProperty(_INSTALLED, True)
    for widget in QApplication.allWidgets():
        # One not polished yet is polished through the filter, when it is first shown.
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            _polish(widget)
