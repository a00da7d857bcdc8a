"""Save-as-you-type: a debounce timer restarted on every edit, and a quiet status label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from chatplanner.ui.literal_text import literal

# Within the "at most about a second" promise, long enough not to save on every keystroke.
AUTOSAVE_DELAY_MS = 750


class Autosave(QObject):
    """Calls `save` once typing pauses, or at once on `flush()` (switching away, closing).

    `save` returns None on success or a sentence saying why it failed; the edit stays pending
    then, so the next flush tries again.
    """

    state_changed = Signal(str)  # "saved", "pending", "saving", "failed"

    def __init__(self, save: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending = False
        self.last_error: str | None = None

    @property
    def pending(self) -> bool:
        return self._pending

    def changed(self) -> None:
        """An edit happened: save after the pause (the timer restarts on each edit)."""
        self._pending = True
        self._timer.start()
        self.state_changed.emit("pending")

    def discard(self) -> None:
        """Forget a pending edit (the text was replaced by a reload)."""
        self._timer.stop()
        self._pending = False

    def flush(self) -> bool:
        """Save now if anything is pending; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._pending:
            return True
        self.state_changed.emit("saving")
        error = self._save()
        self.last_error = error
        if error is None:
            self._pending = False
            self.state_changed.emit("saved")
            return True
        self.state_changed.emit("failed")
        return False


class SaveIndicator(QLabel):
    """ "Saved" / "Saving…" next to what is being edited."""

    TEXTS = {
        "saved": "All changes saved",
        "pending": "Saving…",
        "saving": "Saving…",
        "failed": "Not saved",
        "unsaved": "Not saved yet: press Enter",  # a plan field, saved on Enter or leaving it
    }

    # The states that take turns as the user types: as wide as the widest of them, so that the
    # chat's time beside it does not wrap and unwrap (and the tabs below move) with every save.
    _TYPING_STATES = ("saved", "pending", "saving")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "muted")
        self.show_state("saved")

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        steady = max(metrics.horizontalAdvance(self.TEXTS[s]) for s in self._TYPING_STATES)
        margins = self.contentsMargins()
        width = steady + margins.left() + margins.right() + 2 * self.margin()
        return QSize(max(hint.width(), width), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

    def watch(self, autosave: Autosave) -> None:
        autosave.state_changed.connect(lambda state: self.show_state(state, autosave.last_error))

    def show_state(self, state: str, error: str | None = None) -> None:
        self.setText(self.TEXTS.get(state, ""))
        self.setToolTip(literal(error) if state == "failed" and error else "")
        role = "error" if state == "failed" else "muted"
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)
            self.style().polish(self)
