"""Asking for a group's name: a small dialog wide enough for its title and a long name."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from chatplanner.ui.widgets.modal import run_modal

# Room in a window's title bar for its icon and its buttons, beside the title.
_TITLE_BAR_ROOM = 160
_NAME_ROOM_CHARACTERS = 40


def ask_for_name(parent: QWidget, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """The name typed and whether the user pressed OK (as `QInputDialog.getText`).

    QInputDialog sizes itself to its label and buttons, some 200 px: the window manager then
    cut its title, and a group's name longer than a few words scrolled out of sight.
    """
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)  # the app's own words, never a name
    dialog.setTextValue(text)
    dialog.setAccessibleName(title)
    metrics = dialog.fontMetrics()
    title_bar = metrics.horizontalAdvance(title) * 13 // 10 + _TITLE_BAR_ROOM
    name = metrics.averageCharWidth() * _NAME_ROOM_CHARACTERS
    wide = max(title_bar, name)
    # The dialog's own layout sets its minimum size from its parts: widen the name's box.
    box = dialog.findChild(QLineEdit)
    if box is not None:
        layout = dialog.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 24
        box.setMinimumWidth(wide - sides)
    dialog.setMinimumWidth(wide)
    accepted = run_modal(dialog) == QDialog.DialogCode.Accepted
    typed = dialog.textValue()
    return typed, accepted
