"""A polite request to stop closes the window as the user closing it would.

SIGTERM is what the desktop sends as it logs out or shuts down (and what `kill` sends): without
a handler the process ended at once, losing what was typed and not yet saved (a person being
edited) and leaving its style images in the temporary folder. Now the window is closed instead,
so pages save what they hold first (`MainWindow.closeEvent`). SIGINT (Ctrl+C in the terminal
that started the app) does the same.

Python runs a signal's handler only between its own instructions, and the idle window waits in
Qt's code: the signal number is written to a socket the event loop watches
(`signal.set_wakeup_fd`), which wakes it.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

import shiboken6
from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer
from PySide6.QtWidgets import QWidget

_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def close_on_termination(window: QWidget) -> Callable[[], None]:
    """From now on SIGTERM and SIGINT close `window`; returns what puts back the handlers that
    were there before (call it once the event loop has ended)."""
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.setParent(QCoreApplication.instance())  # outlives the window, which may go first
    notifier.activated.connect(lambda: _drain(reader))

    def close(_number: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, window.close)  # from the event loop, not inside the handler

    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {number: signal.getsignal(number) for number in _SIGNALS}
    for number in _SIGNALS:
        signal.signal(number, close)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(previous_fd)
        if shiboken6.isValid(notifier):
            notifier.setEnabled(False)
            notifier.deleteLater()
        reader.close()
        writer.close()

    return restore


def _drain(reader: socket.socket) -> None:
    # The bytes only woke the event loop; Python runs the handler itself.
    with contextlib.suppress(OSError):
        reader.recv(64)
