"""A small map-like picture drawn without the network: the base, the contact and numbered venues.

A local equirectangular projection around the centre point is true enough for a city (the
error over 20 km is far below a pixel's worth of meaning), and needs no tiles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from chatplanner.domain.places import format_distance, haversine_km
from chatplanner.ui.literal_text import literal
from chatplanner.ui.theme import current_palette_colors

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320
_RING_STEPS_KM = (0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
_DOT_RADIUS = 10.0
_MARGIN = 26.0


@dataclass(frozen=True, slots=True)
class MapPoint:
    latitude: float
    longitude: float
    label: str


@dataclass(frozen=True, slots=True)
class MapVenue:
    id: int
    number: int
    name: str
    latitude: float
    longitude: float


def ring_step(extent_km: float) -> float:
    """A round ring spacing that gives two to four rings out to `extent_km`."""
    for step in _RING_STEPS_KM:
        if extent_km / step <= 4:
            return step
    return _RING_STEPS_KM[-1]


class MapView(QWidget):
    """Click a numbered dot to choose that venue; `venue_clicked(id)` says which."""

    venue_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(260, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAccessibleName("Map of your base, the contact and the suggested venues")
        self._base: MapPoint | None = None
        self._contact: MapPoint | None = None
        self._venues: list[MapVenue] = []
        self._selected: int | None = None
        self._dots: list[tuple[QPointF, MapVenue]] = []

    def set_places(
        self, base: MapPoint | None, contact: MapPoint | None, venues: list[MapVenue]
    ) -> None:
        self._base, self._contact, self._venues = base, contact, list(venues)
        self.update()

    def set_selected(self, venue_id: int | None) -> None:
        self._selected = venue_id
        self.update()

    # Projection -------------------------------------------------------------------------------
    def _centre(self) -> tuple[float, float] | None:
        if self._base is not None:
            return (self._base.latitude, self._base.longitude)
        if self._venues:
            lat = sum(v.latitude for v in self._venues) / len(self._venues)
            lon = sum(v.longitude for v in self._venues) / len(self._venues)
            return (lat, lon)
        if self._contact is not None:
            return (self._contact.latitude, self._contact.longitude)
        return None

    @staticmethod
    def _offset_km(centre: tuple[float, float], lat: float, lon: float) -> tuple[float, float]:
        d_lon = (lon - centre[1] + 540.0) % 360.0 - 180.0  # the short way round
        x = d_lon * KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(centre[0]))
        y = (lat - centre[0]) * KM_PER_DEGREE_LAT
        return x, y

    def _extent_km(self, centre: tuple[float, float]) -> float:
        far = sorted(haversine_km(*centre, v.latitude, v.longitude) for v in self._venues)
        # The nearer three quarters set the scale; an outlier 20 km out would squash the rest
        # into a dot, so it sits on the edge instead, pointing its way.
        extent = far[max(0, math.ceil(len(far) * 0.75) - 1)] if far else 0.0
        if self._contact is not None:
            contact_km = haversine_km(*centre, self._contact.latitude, self._contact.longitude)
            if not far or contact_km <= max(3.0 * extent, 5.0):
                extent = max(extent, contact_km)
        return max(extent * 1.15, 0.5)

    @staticmethod
    def _clamped(point: QPointF, middle: QPointF, reach: float) -> tuple[QPointF, bool]:
        """The point, or where the line to it leaves a circle of radius `reach`."""
        dx, dy = point.x() - middle.x(), point.y() - middle.y()
        length = math.hypot(dx, dy)
        if length <= reach:
            return point, False
        return QPointF(middle.x() + dx / length * reach, middle.y() + dy / length * reach), True

    # Painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        colors = current_palette_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor(colors.border), 1))
        painter.setBrush(QColor(colors.surface))
        painter.drawRoundedRect(frame, 12, 12)
        self._dots = []

        centre = self._centre()
        if centre is None:
            painter.setPen(QColor(colors.muted))
            painter.drawText(
                frame.adjusted(20, 20, -20, -20),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                "Set your base and give venues a location to see them here.",
            )
            return
        extent = self._extent_km(centre)
        middle = frame.center()
        radius_px = max(20.0, min(frame.width(), frame.height()) / 2 - _MARGIN)
        scale = radius_px / extent

        def to_screen(lat: float, lon: float) -> QPointF:
            x, y = self._offset_km(centre, lat, lon)
            return QPointF(middle.x() + x * scale, middle.y() - y * scale)

        painter.save()
        painter.setClipRect(frame.adjusted(2, 2, -2, -2))
        self._draw_rings(painter, middle, extent, scale, frame)
        reach = radius_px + _MARGIN * 0.4
        if self._contact is not None:
            self._draw_contact(painter, to_screen, middle, reach)
        for venue in sorted(self._venues, key=lambda v: v.id == self._selected):
            point, outside = self._clamped(
                to_screen(venue.latitude, venue.longitude), middle, reach
            )
            self._draw_venue(painter, point, venue, outside)
            self._dots.append((point, venue))
        if self._base is not None:
            self._draw_base(painter, to_screen(self._base.latitude, self._base.longitude))
        painter.restore()

    def _draw_rings(
        self, painter: QPainter, middle: QPointF, extent: float, scale: float, frame: QRectF
    ) -> None:
        colors = current_palette_colors()
        step = ring_step(extent)
        pen = QPen(QColor(colors.border_strong), 1, Qt.PenStyle.DashLine)
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        painter.setFont(small)
        distance = step
        while distance <= extent * 1.45:
            r = distance * scale
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(middle, r, r)
            label_at = QPointF(middle.x() + r * 0.707 + 4, middle.y() - r * 0.707 - 2)
            if frame.contains(label_at):
                painter.setPen(QColor(colors.muted))
                painter.drawText(label_at, format_distance(distance))
            distance += step

    def _draw_base(self, painter: QPainter, point: QPointF) -> None:
        colors = current_palette_colors()
        painter.setPen(QPen(QColor(colors.surface), 2))
        painter.setBrush(QColor(colors.text))
        size = 9.0
        house = QPainterPath()
        house.moveTo(point.x(), point.y() - size)
        house.lineTo(point.x() + size, point.y())
        house.lineTo(point.x() + size * 0.7, point.y())
        house.lineTo(point.x() + size * 0.7, point.y() + size * 0.8)
        house.lineTo(point.x() - size * 0.7, point.y() + size * 0.8)
        house.lineTo(point.x() - size * 0.7, point.y())
        house.lineTo(point.x() - size, point.y())
        house.closeSubpath()
        painter.drawPath(house)
        assert self._base is not None
        self._label(painter, point, self._base.label or "You", QColor(colors.text), side=0)

    def _draw_contact(
        self,
        painter: QPainter,
        to_screen: Callable[[float, float], QPointF],
        middle: QPointF,
        reach: float,
    ) -> None:
        colors = current_palette_colors()
        assert self._contact is not None
        point, outside = self._clamped(
            to_screen(self._contact.latitude, self._contact.longitude), middle, reach
        )
        label = self._contact.label
        if outside:
            # Far away: a marker on the edge, pointing the way, with the distance.
            centre = self._centre()
            assert centre is not None
            km = haversine_km(*centre, self._contact.latitude, self._contact.longitude)
            label = f"{label} · {format_distance(km)} away"
        color = QColor(colors.series[1] if len(colors.series) > 1 else colors.warning)
        painter.setPen(QPen(QColor(colors.surface), 2))
        painter.setBrush(color)
        size = 8.0
        diamond = QPainterPath()
        diamond.moveTo(point.x(), point.y() - size)
        diamond.lineTo(point.x() + size, point.y())
        diamond.lineTo(point.x(), point.y() + size)
        diamond.lineTo(point.x() - size, point.y())
        diamond.closeSubpath()
        painter.drawPath(diamond)
        self._label(painter, point, label, color, side=-1)

    def _draw_venue(
        self, painter: QPainter, point: QPointF, venue: MapVenue, outside: bool
    ) -> None:
        colors = current_palette_colors()
        selected = venue.id == self._selected
        radius = _DOT_RADIUS + (2.0 if selected else 0.0)
        fill = QColor(colors.accent)
        if not selected:
            fill.setAlphaF(0.5 if outside else 0.8)
        painter.setPen(QPen(QColor(colors.surface), 2))
        painter.setBrush(fill)
        painter.drawEllipse(point, radius, radius)
        if selected:
            painter.setPen(QPen(QColor(colors.accent_text), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(point, radius + 3, radius + 3)
        number = QFont(self.font())
        number.setBold(True)
        number.setPointSizeF(max(7.0, number.pointSizeF() - 1.5))
        painter.setFont(number)
        painter.setPen(QColor(colors.on_accent))
        box = QRectF(point.x() - radius, point.y() - radius, radius * 2, radius * 2)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), str(venue.number))
        if selected:
            name = venue.name
            if outside:
                centre = self._centre()
                assert centre is not None
                km = haversine_km(*centre, venue.latitude, venue.longitude)
                name = f"{name} · {format_distance(km)}"
            self._label(painter, point, name, QColor(colors.accent_text), offset=radius + 4)

    def _label(
        self,
        painter: QPainter,
        point: QPointF,
        text: str,
        color: QColor,
        offset: float = 12.0,
        side: int = 1,
    ) -> None:
        """A label right of the point (side 1), left of it (-1) or centred below it (0)."""
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1.0))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, 200)
        width = metrics.horizontalAdvance(shown)
        if side == 0:
            x = point.x() - width / 2
            y = point.y() + offset + metrics.ascent()
        else:
            x = point.x() + offset if side > 0 else point.x() - offset - width
            if x + width > self.width() - 8:
                x = point.x() - offset - width
            if x < 8:
                x = point.x() + offset
            y = point.y() + metrics.ascent() / 2 - 1
        baseline = QPointF(x, y)
        # A halo in the background colour keeps labels readable over rings and dots.
        halo = QPainterPath()
        halo.addText(baseline, font, shown)
        painter.setPen(QPen(QColor(current_palette_colors().surface), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(halo)
        painter.setPen(color)
        painter.drawText(baseline, shown)

    # Interaction ------------------------------------------------------------------------------
    def _venue_at(self, position: QPointF) -> MapVenue | None:
        for point, venue in reversed(self._dots):
            if math.hypot(point.x() - position.x(), point.y() - position.y()) <= _DOT_RADIUS + 3:
                return venue
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        venue = self._venue_at(event.position())
        if venue is not None and event.button() == Qt.MouseButton.LeftButton:
            self.venue_clicked.emit(venue.id)
            return
        super().mousePressEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            venue = self._venue_at(QPointF(event.pos()))
            if venue is not None:
                # A venue name is user data and must not be read as markup.
                QToolTip.showText(event.globalPos(), literal(f"{venue.number}. {venue.name}"), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
