"""Colours placeholders where they stand: fields to fill, and errors (unknown names, lone braces)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from chatplanner.domain.templates import MarkKind, template_marks
from chatplanner.ui.literal_text import literal
from chatplanner.ui.theme import current_palette_colors


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units: an emoji before a mark takes two."""
    return len(text[:index].encode("utf-16-le")) // 2


class PlaceholderHighlighter(QSyntaxHighlighter):
    """`for_message=True`: the text is a filled-in message, so a placeholder still in it is a gap
    to fill by hand (warning colour); otherwise it is a template, where placeholders are fine."""

    def __init__(self, document: QTextDocument, *, for_message: bool = False) -> None:
        super().__init__(document)
        self._for_message = for_message

    def highlightBlock(self, text: str) -> None:
        colors = current_palette_colors()
        for mark in template_marks(text):
            fmt = QTextCharFormat()
            if mark.kind is MarkKind.PLACEHOLDER:
                if self._for_message:
                    fmt.setForeground(QColor(colors.warning))
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                else:
                    fmt.setForeground(QColor(colors.accent_text))
                    fmt.setBackground(QColor(colors.accent_soft))
            else:
                fmt.setForeground(QColor(colors.danger))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor(colors.danger))
            fmt.setToolTip(literal(mark.message))
            start = utf16_offset(text, mark.start)
            self.setFormat(start, utf16_offset(text, mark.end) - start, fmt)
