"""A status bar message is shown whole: the permanent widgets on its right step aside for it.

A status bar cannot wrap its text, and a permanent widget (the sync line) takes its width from
the message's: "Marked as acted on. Today suggests a" was all that showed beside a long sync
line. While a message is shown and the two do not fit side by side, the widgets given here are
hidden; they come back when the message goes or when there is room again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStatusBar, QWidget

# The bar's own margins, its size grip and the gap between the message and the widgets.
_ROOM = 48


class MessagesFirst(QObject):
    """Hides `widgets` of `status_bar` while its message would not show whole beside them."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self._bar = status_bar
        self._widgets: list[QWidget] = []
        self._hidden: list[QWidget] = []  # hidden for a message, to show again after it
        # The message shown when no other is: the widgets stay beside it, which may cut it.
        self.standing: str | None = None
        status_bar.messageChanged.connect(self._refit)
        status_bar.installEventFilter(self)

    def step_aside(self, widget: QWidget) -> None:
        """`widget` (a permanent widget of the bar) gives way to a message it would cut."""
        self._widgets.append(widget)
        # Its text changes ask for a new layout: the fit is checked again then.
        widget.installEventFilter(self)
        self._refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._refit()
        return super().eventFilter(watched, event)

    def _refit(self) -> None:
        message = self._bar.currentMessage()
        if not message and self.standing:
            # A message gone (its time up, or cleared): the standing one is said again.
            self._bar.showMessage(self.standing)
            return
        if message and message != self.standing and not self._fits(message):
            for widget in self._widgets:
                if widget not in self._hidden and widget.isVisibleTo(self._bar):
                    widget.hide()
                    self._hidden.append(widget)
            return
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.show()

    def _fits(self, message: str) -> bool:
        beside = sum(
            widget.sizeHint().width()
            for widget in self._widgets
            if widget in self._hidden or widget.isVisibleTo(self._bar)
        )
        needed = self._bar.fontMetrics().horizontalAdvance(message) + beside + _ROOM
        return needed <= self._bar.width()


def messages_first(status_bar: QStatusBar) -> MessagesFirst:
    """The bar's one MessagesFirst (made on first use)."""
    found = status_bar.findChild(MessagesFirst)
    return found if isinstance(found, MessagesFirst) else MessagesFirst(status_bar)
