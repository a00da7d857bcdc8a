"""A spin box's text lined up with the text of the line edits above and below it.

Under the style sheet Qt ignores a spin box's left padding, so "Not set" sat against the
border while every other field's text starts a few pixels in.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox

# Where the line edits' text starts (their border and 10 px padding), less where a spin box's starts.
TEXT_INSET = 11


def line_up_text(box: QAbstractSpinBox) -> None:
    edit = box.lineEdit()
    if edit is not None:
        edit.setTextMargins(TEXT_INSET, 0, 0, 0)
