"""Waiting, with the user, for another chatplanner that holds the profile to let it go.

A launch that finds the profile held first tries for a few seconds on its own (app.py): a window
launched a moment before answers and is brought forward, a short command finishes. A longer
command (an import of tens of thousands of cards, a restore) is waited for here, in a small
window that says what is happening and can be cancelled, rather than with a message box that
stays up after the command is done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog

from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal

# How often the profile is tried again while the user waits.
_RETRY_MS = 250
# The message's lines, about this many characters long.
_LINE_CHARACTERS = 60


def wait_for_profile(where: str, free: Callable[[], bool]) -> bool:
    """Show that the profile in `where` is in use until `free()` (tried every quarter second)
    says it is no longer: True then; False when the user cancelled."""
    dialog = QProgressDialog()
    dialog.setWindowTitle("Waiting for the profile")  # the desktop adds " — chatplanner"
    # Wrapped, in lines a reader takes in: on one line the window was wider than the screen.
    label = QLabel(
        literal(
            f"Another chatplanner is using the profile {where}: a command such as an import "
            "or a restore, or a window that does not answer.\n\nchatplanner opens as soon as "
            "it has finished."
        )
    )
    label.setWordWrap(True)
    label.setMinimumWidth(label.fontMetrics().averageCharWidth() * _LINE_CHARACTERS)
    dialog.setLabel(label)
    dialog.setCancelButtonText("Cancel")
    dialog.setRange(0, 0)  # no end known: a busy bar
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    timer = QTimer(dialog)
    timer.setInterval(_RETRY_MS)

    def try_again() -> None:
        if free():
            timer.stop()
            dialog.accept()

    timer.timeout.connect(try_again)
    timer.start()
    dialog.canceled.connect(timer.stop)
    run_modal(dialog)
    return not dialog.wasCanceled()
