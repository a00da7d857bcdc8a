"""The pieces every form dialog is built from: the page layout, a muted hint, an error line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout


def dialog_layout(dialog: QDialog, spacing: int = 14) -> tuple[QVBoxLayout, QFormLayout]:
    """The dialog's outer column and, at its top, a form with labels aligned right."""
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(24, 20, 24, 20)
    outer.setSpacing(spacing)
    form = QFormLayout()
    form.setVerticalSpacing(10)
    form.setHorizontalSpacing(16)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    outer.addLayout(form)
    return outer, form


def fit_height(dialog: QDialog) -> None:
    """Make the dialog as tall as its wrapped texts need at its width (call once shown).

    A dialog opens at its size hint, which counts a wrapped paragraph as fewer lines than it
    takes: its form rows were then squeezed on top of each other.
    """
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(dialog.width())
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)


class _KeepsTallEnough(QObject):
    """Fits the dialog's height after each layout pass: texts set later (a reason read off
    the GUI thread, a style sheet's font applied as it is shown) wrap onto more lines."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show) and isinstance(
            watched, QDialog
        ):
            QTimer.singleShot(0, watched, lambda: fit_height(watched))
        return False


def keep_tall_enough(dialog: QDialog) -> None:
    """`fit_height` whenever the dialog's content changes, from the moment it is shown."""
    dialog.installEventFilter(_KeepsTallEnough(dialog))


def muted_label(text: str = "") -> QLabel:
    """A quiet hint line; plain text, so user data in it is shown as typed."""
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def error_label() -> QLabel:
    """A hidden line for what went wrong; plain text, shown with `show_error`."""
    label = QLabel()
    label.setProperty("role", "error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(True)
