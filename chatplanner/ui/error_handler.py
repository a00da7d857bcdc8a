"""The GUI's last line of defence: an error reaching the event loop becomes a dialog, not a crash.

Expected failures (`ChatplannerError`: a read-only file, a full disk, a refused import) show
their own sentence. Anything else is written with its traceback to the profile's
`logs/chatplanner.log` and the user sees a calm note: every action saves in one transaction,
so a failure part-way changed nothing that was saved.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from chatplanner.errors import ChatplannerError
from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal

# The message box is imported when an error is shown: the reporter is installed before the
# window's first paint, which needs no message box.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

LOG_NAME = "chatplanner.log"
_log = logging.getLogger("chatplanner")

UNEXPECTED_TEXT = "Something went wrong; nothing you saved was lost."
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def start_log(log_dir: Path) -> Path:
    """Log warnings and errors of this run to `log_dir/chatplanner.log` (private, rotated)."""
    from logging.handlers import RotatingFileHandler  # not needed before the window shows

    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for handler in _log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _log.addHandler(handler)
    _log.setLevel(logging.INFO)
    return path


class ErrorReporter:
    """Shows an exception to the user; `install()` makes it the process's `sys.excepthook`."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from PySide6.QtWidgets import QMessageBox

        if isinstance(error, ChatplannerError):
            _log.warning("%s", error)
            self._show(QMessageBox.Icon.Warning, "chatplanner", str(error), "")
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        _log.error("Unexpected error\n%s", details)
        print(details, file=sys.stderr)
        where = f"The details are in {self.log_path}." if self.log_path else ""
        self._show(
            QMessageBox.Icon.Critical,
            "Something went wrong",
            f"{UNEXPECTED_TEXT} The last action did not finish; you can keep working. {where}",
            details,
        )

    def _show(self, kind: QMessageBox.Icon, title: str, text: str, details: str) -> None:
        if self._showing or QApplication.instance() is None:
            return  # one dialog at a time: an error inside the dialog must not stack up
        from PySide6.QtWidgets import QMessageBox

        self._showing = True
        try:
            box = QMessageBox(_parent())
            box.setIcon(kind)
            box.setWindowTitle(title)
            box.setText(literal(text))
            if details:
                box.setDetailedText(details)
            run_modal(box)
        finally:
            self._showing = False


def _parent() -> QWidget | None:
    return QApplication.activeWindow()
