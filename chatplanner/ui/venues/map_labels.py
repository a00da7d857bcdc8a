"""Where the map's markers and labels go so that none covers another.

Numbered venue markers close together are spread apart until they no longer touch; each label
tries the sides of its marker in turn and takes the first place that is inside the map and
clear of every marker and every label placed before it. A label with no such place is
shortened with "…" where the most room is, or left out (a venue keeps its number, and every
marker tells its whole name as a tooltip). The rings' distance labels come last and are left
out where they would run into anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

# Sides to try, in order, for a label: right of the marker, left, below, above.
RIGHT, LEFT, BELOW, ABOVE = "right", "left", "below", "above"
_INSET = 6.0  # labels keep this far from the map's edge
_FEWEST_LETTERS = 4  # a label shortened to fewer letters than this is left out


@dataclass(frozen=True)
class PlacedLabel:
    text: str  # the whole text
    shown: str  # as drawn: the whole text, or shortened with "…"
    rect: QRectF
    baseline: QPointF


def spread(
    points: Sequence[QPointF],
    fixed: Sequence[QPointF],
    gap: float,
    bounds: QRectF,
    rounds: int = 24,
) -> list[QPointF]:
    """`points` moved the least needed so that no two are nearer than `gap`, nor any nearer
    than `gap` to a `fixed` point (the base, the contact), staying inside `bounds`."""
    moved = [QPointF(p) for p in points]
    for _ in range(rounds):
        clear = True
        for i, first in enumerate(moved):
            for j in range(i + 1, len(moved)):
                second = moved[j]
                dx, dy = second.x() - first.x(), second.y() - first.y()
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                clear = False
                if distance < 0.01:  # on top of each other: part them along a fixed turn
                    angle = (i * 7 + j * 3) * 0.9
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (gap - distance) / 2 + 0.5
                ux, uy = dx / distance, dy / distance
                moved[i] = QPointF(first.x() - ux * push, first.y() - uy * push)
                moved[j] = QPointF(second.x() + ux * push, second.y() + uy * push)
                first = moved[i]
            for anchor in fixed:
                dx, dy = moved[i].x() - anchor.x(), moved[i].y() - anchor.y()
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                clear = False
                if distance < 0.01:
                    dx, dy, distance = 0.0, -1.0, 1.0
                push = gap - distance + 0.5
                moved[i] = QPointF(
                    moved[i].x() + dx / distance * push, moved[i].y() + dy / distance * push
                )
        moved = [_inside(p, bounds) for p in moved]
        if clear:
            break
    return moved


def _inside(point: QPointF, bounds: QRectF) -> QPointF:
    return QPointF(
        min(max(point.x(), bounds.left()), bounds.right()),
        min(max(point.y(), bounds.top()), bounds.bottom()),
    )


class LabelPlacer:
    """Places labels one after another inside `frame`, clear of `markers` and of each other."""

    def __init__(self, frame: QRectF, markers: Sequence[QRectF]) -> None:
        self.room = frame.adjusted(_INSET, _INSET, -_INSET, -_INSET)
        self.markers = list(markers)
        self.placed: list[PlacedLabel] = []

    def is_clear(self, rect: QRectF, own: QRectF | None = None) -> bool:
        if not self.room.contains(rect):
            return False
        if any(rect.intersects(marker) for marker in self.markers if marker != own):
            return False
        return not any(rect.intersects(label.rect) for label in self.placed)

    def place(
        self,
        text: str,
        font: QFont,
        anchor: QPointF,
        offset: float,
        sides: Sequence[str],
        own: QRectF | None = None,
    ) -> PlacedLabel | None:
        """The label at the first side where it is clear, else shortened, else None."""
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text)
        for side in sides:
            rect = self._rect(side, anchor, offset, width, metrics)
            if self.is_clear(rect, own):
                return self._keep(text, text, rect, metrics)
        # Shortened, on the side with the most room to the map's edge.
        for side in sorted(
            (s for s in sides if s in (RIGHT, LEFT)),
            key=lambda s: -self._room_beside(s, anchor, offset),
        ):
            room = self._room_beside(side, anchor, offset)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            if len(shown.rstrip("…")) < _FEWEST_LETTERS:
                continue
            rect = self._rect(side, anchor, offset, metrics.horizontalAdvance(shown), metrics)
            if self.is_clear(rect, own):
                return self._keep(text, shown, rect, metrics)
        return None

    def _room_beside(self, side: str, anchor: QPointF, offset: float) -> float:
        if side == RIGHT:
            return self.room.right() - (anchor.x() + offset) - 1
        return anchor.x() - offset - self.room.left() - 1

    @staticmethod
    def _rect(
        side: str, anchor: QPointF, offset: float, width: float, metrics: QFontMetricsF
    ) -> QRectF:
        height = metrics.height()
        if side == RIGHT:
            return QRectF(anchor.x() + offset, anchor.y() - height / 2, width, height)
        if side == LEFT:
            return QRectF(anchor.x() - offset - width, anchor.y() - height / 2, width, height)
        if side == BELOW:
            return QRectF(anchor.x() - width / 2, anchor.y() + offset, width, height)
        return QRectF(anchor.x() - width / 2, anchor.y() - offset - height, width, height)

    def _keep(self, text: str, shown: str, rect: QRectF, metrics: QFontMetricsF) -> PlacedLabel:
        label = PlacedLabel(text, shown, rect, QPointF(rect.left(), rect.top() + metrics.ascent()))
        self.placed.append(label)
        return label
