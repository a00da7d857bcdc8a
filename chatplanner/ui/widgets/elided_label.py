"""A one-line label that shortens its text with "…" to the width it is given.

A plain QLabel asks for its whole text's width as its minimum, so one long name made a whole
page wider than the window. This one asks for a few letters at least, shows as much as fits,
and keeps the whole text in its tooltip when it is cut.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from chatplanner.ui.literal_text import escaped, literal

# Letters always shown before the "…".
_FEW_LETTERS = "Mmmmm…"


class ElidedLabel(QLabel):
    """Plain text, or a link when `href` is given (then `link_style` is its inline CSS)."""

    def __init__(
        self,
        text: str,
        *,
        href: str = "",
        link_style: str = "",
        tooltip: Callable[[str, bool], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._full = text
        self._href = href
        self._link_style = link_style
        # What the tooltip says, from the whole text and whether it is cut.
        self._tooltip = tooltip or (lambda whole, cut: whole if cut else "")
        # The font's metrics and the widths measured in it, until the font changes: a layout
        # asks a label its sizes many times, and each measure shaped the text again.
        self._measured: tuple[QFontMetrics, dict[str, int]] | None = None
        self.setTextFormat(Qt.TextFormat.RichText if href else Qt.TextFormat.PlainText)
        self.setAccessibleName(text)  # a screen reader reads the whole text, never "Diego Ra…"
        self._show(text)

    @property
    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self._shown != self._full

    def _font_for_text(self) -> QFont:
        font = QFont(self.font())
        if "font-weight:600" in self._link_style.replace(" ", ""):
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def _measures(self) -> tuple[QFontMetrics, dict[str, int]]:
        if self._measured is None:
            self._measured = (QFontMetrics(self._font_for_text()), {})
        return self._measured

    def _advance(self, text: str) -> int:
        metrics, widths = self._measures()
        width = widths.get(text)
        if width is None:
            width = widths[text] = metrics.horizontalAdvance(text)
        return width

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured = None
        super().changeEvent(event)

    def _show(self, shown: str) -> None:
        self._shown = shown
        if self._href:
            super().setText(
                f'<a href="{escaped(self._href)}" style="{self._link_style}">{escaped(shown)}</a>'
            )
        else:
            super().setText(shown)
        self.setToolTip(literal(self._tooltip(self._full, shown != self._full)))

    def _frame_width(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        # A few pixels over the measured advance: the text is laid out in fractions of a pixel.
        width = self._advance(self._full) + self._frame_width() + 4
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        few = min(self._advance(_FEW_LETTERS), self._advance(self._full) + 2)
        return QSize(few + self._frame_width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self._measures()[0].elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if shown != self._shown:
            self._show(shown)
