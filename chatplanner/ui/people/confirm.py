"""Asking before a deletion, in words that say what goes with it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal


def deletion_question(names: list[str], total: int, impact_sentence: str) -> tuple[str, str]:
    """The title and text of the question (names shown as plain text by the caller)."""
    if total == 1:
        title = "Delete this person?"
        text = f"Delete {names[0]} from your contacts?"
    else:
        shown = ", ".join(names[:3]) + (f" and {total - 3} more" if total > 3 else "")
        title = f"Delete {total} people?"
        text = f"Delete {total} people from your contacts ({shown})?"
    details = " ".join(p for p in (impact_sentence, "You can undo this with Ctrl+Z.") if p)
    return title, f"{text}\n\n{details}"


def confirm_deletion(parent: QWidget, names: list[str], total: int, impact_sentence: str) -> bool:
    title, text = deletion_question(names, total, impact_sentence)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(literal(text))
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    run_modal(box)
    return box.clickedButton() is delete
