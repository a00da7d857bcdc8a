"""Horizontal bars drawn with QPainter: a label, a calm bar, and its value in words."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from chatplanner.ui.literal_text import literal
from chatplanner.ui.theme import current_palette_colors


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    fraction: float | None  # 0.0 to 1.0 of the track; None: no data (a faint dash)
    value_text: str  # shown after the bar, e.g. "16 · 53%"
    series: int = 0  # which theme series colour


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a chart of a given width puts its labels, bars and figures."""

    label_width: int  # the label column, its gap to the bar included
    label_lines: tuple[tuple[str, ...], ...]  # each bar's label as drawn, line by line
    track_width: float
    value_width: int
    row_height: int


class BarChart(QWidget):
    """One row per bar; labels on the left, value words after each bar. Plain text only.

    The labels take the width they need, and wrap onto a second line before the bars get
    narrower than `MIN_TRACK`; a label is shortened only when two lines cannot hold it. A bar
    with no figure to draw (`fraction` None) shows its words where the bar would be."""

    ROW_HEIGHT = 34
    BAR_HEIGHT = 14
    MIN_TRACK = 110  # a bar narrower than this hardly shows a difference
    LABEL_GAP = 12
    VALUE_GAP = 10

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # wrapped labels make the rows taller
        self.setSizePolicy(policy)
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
        self.setMinimumHeight(self._height(self.width()))
        self.updateGeometry()
        self.update()

    def shown_labels(self) -> list[str]:
        """Each bar's label as it is drawn at the chart's width (its lines joined by spaces)."""
        return [" ".join(lines) for lines in self._columns(self.width()).label_lines]

    def track_width(self) -> float:
        """How wide a full bar is drawn at the chart's width."""
        return self._columns(self.width()).track_width

    def _columns(self, width: int) -> _Columns:
        metrics = QFontMetrics(self.font())
        measured = [b for b in self.bars if b.fraction is not None]
        value_width = max((metrics.horizontalAdvance(b.value_text) for b in measured), default=0)
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
        room = width - value_width - self.VALUE_GAP - 6 - self.MIN_TRACK - self.LABEL_GAP
        if widest <= room:
            label_text_width = widest
        else:
            # Two lines: as wide as leaves the bar its minimum, never narrower than a word.
            longest_word = max(
                (metrics.horizontalAdvance(w) for b in self.bars for w in b.label.split()),
                default=0,
            )
            # A word is cut only where keeping it whole would leave a bar under 40 px.
            barest = width - value_width - self.VALUE_GAP - 6 - 40 - self.LABEL_GAP
            label_text_width = max(room, min(longest_word, barest))
        label_text_width = max(1, label_text_width)
        lines = tuple(_wrapped(metrics, b.label, label_text_width) for b in self.bars)
        tallest = max((len(each) for each in lines), default=1)
        row_height = max(
            self.ROW_HEIGHT, metrics.height() + 16, tallest * metrics.lineSpacing() + 12
        )
        label_width = label_text_width + self.LABEL_GAP if self.bars else 0
        track_width = max(40.0, width - label_width - value_width - self.VALUE_GAP - 6)
        return _Columns(label_width, lines, track_width, value_width, row_height)

    def _height(self, width: int) -> int:
        return max(1, len(self.bars)) * self._columns(width).row_height + 4

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height(width)

    def sizeHint(self) -> QSize:
        return QSize(420, self._height(max(self.width(), 420)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = self._height(event.size().width())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = current_palette_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        columns = self._columns(self.width())
        line_height = QFontMetrics(self.font()).lineSpacing()
        track_left = columns.label_width
        track_width = columns.track_width
        row_height = columns.row_height
        for index, bar in enumerate(self.bars):
            top = index * row_height
            middle = top + row_height / 2
            painter.setPen(QColor(colors.text))
            lines = columns.label_lines[index]
            first_top = middle - len(lines) * line_height / 2
            for number, line in enumerate(lines):
                painter.drawText(
                    QRectF(0, first_top + number * line_height, columns.label_width, line_height),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    line,
                )
            if bar.fraction is None:  # no figure to draw: its words in the bar's place
                painter.setPen(QColor(colors.muted))
                painter.drawText(
                    QRectF(track_left, top, self.width() - track_left, row_height),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    bar.value_text,
                )
                continue
            track = QRectF(track_left, middle - self.BAR_HEIGHT / 2, track_width, self.BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.border))
            painter.drawRoundedRect(track, 4, 4)
            fraction = min(1.0, max(0.0, bar.fraction))
            if fraction > 0:
                series = colors.series[bar.series % len(colors.series)]
                painter.setBrush(QColor(series))
                filled = QRectF(
                    track.left(), track.top(), max(6.0, track_width * fraction), track.height()
                )
                painter.drawRoundedRect(filled, 4, 4)
            painter.setPen(QColor(colors.muted))
            painter.drawText(
                QRectF(track.right() + self.VALUE_GAP, top, columns.value_width + 6, row_height),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                bar.value_text,
            )
        if self.hasFocus():  # reached with Tab: show it, as every other control does
            painter.setPen(QColor(colors.accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        painter.end()


def _wrapped(metrics: QFontMetrics, label: str, width: int) -> tuple[str, ...]:
    """`label` on one line, or on two broken between words; shortened with "…" only when two
    lines cannot hold it."""
    if metrics.horizontalAdvance(label) <= width:
        return (label,)
    words = label.split()
    first = words[0]
    rest = words[1:]
    while rest and metrics.horizontalAdvance(f"{first} {rest[0]}") <= width:
        first = f"{first} {rest.pop(0)}"
    if not rest:  # one long word
        return (metrics.elidedText(label, Qt.TextElideMode.ElideRight, width),)
    return (_fitted(metrics, first, width), _fitted(metrics, " ".join(rest), width))


def _fitted(metrics: QFontMetrics, line: str, width: int) -> str:
    """`line`, shortened with "…" only when it is wider than `width` (Qt's elidedText can
    shorten a line exactly as wide as the room)."""
    if metrics.horizontalAdvance(line) <= width:
        return line
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
