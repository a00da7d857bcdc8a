"""The one way to show a modal dialog made for one question: run it, then let it go.

A dialog made with a parent lives as long as that parent (the window) unless deleted: each one
opened and closed stayed in memory with all its widgets, and the app grew the longer it was used.
The dialog is deleted once control is back in the event loop, so the caller can still read what
was chosen in it after `run_modal` returns.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> int:
    """`dialog.exec()`, the dialog deleted when control is back in the event loop."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
