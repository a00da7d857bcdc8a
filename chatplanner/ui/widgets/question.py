"""A question with two answers, the one that changes nothing chosen by default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal


def ask(parent: QWidget, title: str, text: str, *, yes: str, no: str) -> bool:
    """Whether the user answered `yes`; `no` is the default (Enter, Escape or closing the box
    answer it). `text` is shown as plain text."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(literal(text))
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    run_modal(box)
    return box.clickedButton() is accept
