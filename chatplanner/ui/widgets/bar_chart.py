"""Horizontal bars drawn with QPainter: a label, a calm bar, and its value in words."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from chatplanner.ui.literal_text import literal
from chatplanner.ui.theme import current_palette_colors


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    fraction: float | None  # 0.0 to 1.0 of the track; None: no data (a faint dash)
    value_text: str  # shown after the bar, e.g. "16 · 53%"
    series: int = 0  # which theme series colour


class BarChart(QWidget):
    """One row per bar; labels on the left, value words after each bar. Plain text only."""

    ROW_HEIGHT = 34
    BAR_HEIGHT = 14

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user can reach it

    def figures_text(self) -> str:
        """Every bar in words, for screen readers and the tooltip: "Replied: 16 · 53%; …"."""
        return "; ".join(f"{bar.label}: {bar.value_text}" for bar in self.bars)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        figures = self.figures_text()
        self.setAccessibleDescription(figures)
        self.setToolTip(literal(figures.replace("; ", "\n")))  # labels may be shortened on screen
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        # Taller rows for a large system font: the labels must not run into each other.
        return max(self.ROW_HEIGHT, QFontMetrics(self.font()).height() + 16)

    def _height(self) -> int:
        return max(1, len(self.bars)) * self._row_height() + 4

    def sizeHint(self) -> QSize:
        return QSize(420, self._height())

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = current_palette_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        value_width = max((metrics.horizontalAdvance(b.value_text) for b in self.bars), default=0)
        # The figures are shown whole: in a narrow chart the labels are shortened instead (the
        # tooltip and the accessible description hold them whole).
        label_width = min(
            max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0) + 16,
            int(self.width() * 0.45),
            max(self.width() - value_width - 16 - 40, metrics.horizontalAdvance("M…") + 12),
        )
        track_left = label_width
        track_width = max(40.0, self.width() - label_width - value_width - 16)
        row_height = self._row_height()
        for index, bar in enumerate(self.bars):
            top = index * row_height
            middle = top + row_height / 2
            painter.setPen(QColor(colors.text))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(
                QRectF(0, top, label_width - 12, row_height),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
            track = QRectF(track_left, middle - self.BAR_HEIGHT / 2, track_width, self.BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.border))
            painter.drawRoundedRect(track, 4, 4)
            fraction = 0.0 if bar.fraction is None else min(1.0, max(0.0, bar.fraction))
            if fraction > 0:
                series = colors.series[bar.series % len(colors.series)]
                painter.setBrush(QColor(series))
                filled = QRectF(
                    track.left(), track.top(), max(6.0, track_width * fraction), track.height()
                )
                painter.drawRoundedRect(filled, 4, 4)
            painter.setPen(QColor(colors.faint if bar.fraction is None else colors.muted))
            painter.drawText(
                QRectF(track.right() + 10, top, value_width + 6, row_height),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                bar.value_text,
            )
        if self.hasFocus():  # reached with Tab: show it, as every other control does
            painter.setPen(QColor(colors.accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        painter.end()
