"""A small map-like picture drawn without the network: the base, the contact and numbered venues.

A local equirectangular projection around the centre point is true enough for a city (the
error over 20 km is far below a pixel's worth of meaning), and needs no tiles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
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
from chatplanner.ui.venues.map_labels import (
    ABOVE,
    BELOW,
    LEFT,
    RIGHT,
    LabelPlacer,
    PlacedLabel,
    spread,
)

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320
_RING_STEPS_KM = (0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
_DOT_RADIUS = 10.0
# How far the chosen venue's marker reaches from its centre: its larger dot, the ring around it
# and half the ring's pen.
_CHOSEN_REACH = _DOT_RADIUS + 6.0
# The map draws this far inside its frame.
_CLIP = 2
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


def _square(point: QPointF, half: float) -> QRectF:
    return QRectF(point.x() - half, point.y() - half, 2 * half, 2 * half)


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
        # As last painted: every label placed (text, as shown, where) and every marker's box.
        self.labels: list[PlacedLabel] = []
        self.markers: list[QRectF] = []
        self._marker_words: list[tuple[QRectF, str]] = []

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
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: C901, PLR0915 - one paint pass: tiles, route lines, markers, then labels that avoid each other; split, each step would need the same painter state
        colors = current_palette_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(QColor(colors.border), 1))
        painter.setBrush(QColor(colors.surface))
        painter.drawRoundedRect(frame, 12, 12)
        self._dots = []
        self.labels = []
        self.markers = []

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
        painter.setClipRect(frame.adjusted(_CLIP, _CLIP, -_CLIP, -_CLIP))
        ring_labels = self._draw_rings(painter, middle, extent, scale, frame)
        reach = radius_px + _MARGIN * 0.4
        base = to_screen(self._base.latitude, self._base.longitude) if self._base else None
        contact: tuple[QPointF, bool] | None = None
        if self._contact is not None:
            contact = self._clamped(
                to_screen(self._contact.latitude, self._contact.longitude), middle, reach
            )
            if base is not None:  # the same city's centre: side by side, not one on the other
                moved = spread([contact[0]], [base], gap=2 * _DOT_RADIUS, bounds=frame)
                contact = (moved[0], contact[1])
        # Numbered markers never sit on one another, nor on the base or the contact.
        venues = sorted(self._venues, key=lambda v: v.id == self._selected)
        placed = [self._clamped(to_screen(v.latitude, v.longitude), middle, reach) for v in venues]
        fixed = [p for p in (base, contact[0] if contact else None) if p is not None]
        edge = _CHOSEN_REACH + _CLIP  # the chosen one's ring whole at the edge too
        points = spread(
            [point for point, _outside in placed],
            fixed,
            gap=2 * _DOT_RADIUS + 4,
            bounds=frame.adjusted(edge, edge, -edge, -edge),
        )
        own: dict[str, QRectF] = {}
        if contact is not None:
            own["contact"] = _square(contact[0], 9)
            self._draw_contact_marker(painter, contact[0])
        for venue, point, (_raw, outside) in zip(venues, points, placed, strict=True):
            radius = self._draw_venue(painter, point, venue, outside)
            own[f"venue{venue.id}"] = _square(point, radius + 1)
            self._dots.append((point, venue))
        if base is not None:
            own["base"] = _square(base, 10)
            self._draw_base(painter, base)
        self.markers = list(own.values())
        self._marker_words = []
        if base is not None and self._base is not None:
            self._marker_words.append((own["base"], self._base.label or "You"))
        if contact is not None and self._contact is not None:
            self._marker_words.append((own["contact"], self._contact_label(contact[1])))

        # Labels: the base's, the contact's, the chosen venue's; the rings' last.
        placer = LabelPlacer(frame, self.markers)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1.0))
        if base is not None and self._base is not None:
            label = placer.place(
                self._base.label or "You",
                font,
                base,
                12,
                (BELOW, ABOVE, RIGHT, LEFT),
                own["base"],
            )
            self._draw_label(painter, label, font, QColor(colors.text))
        if contact is not None and self._contact is not None:
            color = QColor(colors.series[1] if len(colors.series) > 1 else colors.warning)
            label = placer.place(
                self._contact_label(contact[1]),
                font,
                contact[0],
                12,
                (LEFT, RIGHT, BELOW, ABOVE),
                own["contact"],
            )
            self._draw_label(painter, label, font, color)
        for venue, point, (_raw, outside) in zip(venues, points, placed, strict=True):
            if venue.id == self._selected:
                label = placer.place(
                    self._venue_label(venue, outside),
                    font,
                    point,
                    _DOT_RADIUS + 6,
                    (RIGHT, LEFT, BELOW, ABOVE),
                    own[f"venue{venue.id}"],
                )
                self._draw_label(painter, label, font, QColor(colors.accent_text))
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        metrics = QFontMetricsF(small)
        painter.setFont(small)
        painter.setPen(QColor(colors.muted))
        for text, baseline in ring_labels:
            rect = QRectF(
                baseline.x(),
                baseline.y() - metrics.ascent(),
                metrics.horizontalAdvance(text),
                metrics.height(),
            )
            if placer.is_clear(rect):
                painter.drawText(baseline, text)
                placer.placed.append(PlacedLabel(text, text, rect, baseline))
        self.labels = list(placer.placed)
        painter.restore()

    def _draw_rings(
        self, painter: QPainter, middle: QPointF, extent: float, scale: float, frame: QRectF
    ) -> list[tuple[str, QPointF]]:
        """The rings; their distance labels (text, baseline) are drawn once the rest is placed."""
        colors = current_palette_colors()
        step = ring_step(extent)
        pen = QPen(QColor(colors.border_strong), 1, Qt.PenStyle.DashLine)
        labels = []
        distance = step
        while distance <= extent * 1.45:
            r = distance * scale
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(middle, r, r)
            label_at = QPointF(middle.x() + r * 0.707 + 4, middle.y() - r * 0.707 - 2)
            if frame.contains(label_at):
                labels.append((format_distance(distance), label_at))
            distance += step
        return labels

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

    def _contact_label(self, outside: bool) -> str:
        assert self._contact is not None
        if not outside:
            return self._contact.label
        # Far away: a marker on the edge, pointing the way, with the distance.
        centre = self._centre()
        assert centre is not None
        km = haversine_km(*centre, self._contact.latitude, self._contact.longitude)
        return f"{self._contact.label} · {format_distance(km)} away"

    def _draw_contact_marker(self, painter: QPainter, point: QPointF) -> None:
        colors = current_palette_colors()
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

    def _venue_label(self, venue: MapVenue, outside: bool) -> str:
        if not outside:
            return venue.name
        centre = self._centre()
        assert centre is not None
        km = haversine_km(*centre, venue.latitude, venue.longitude)
        return f"{venue.name} · {format_distance(km)}"

    def _draw_venue(
        self, painter: QPainter, point: QPointF, venue: MapVenue, outside: bool
    ) -> float:
        """The numbered dot; returns its outer radius."""
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
        return radius + (3.0 if selected else 0.0)

    def _draw_label(
        self, painter: QPainter, label: PlacedLabel | None, font: QFont, color: QColor
    ) -> None:
        if label is None:
            return  # no room: the marker's tooltip tells the name
        painter.setFont(font)
        # A halo in the background colour keeps labels readable over rings.
        halo = QPainterPath()
        halo.addText(label.baseline, font, label.shown)
        painter.setPen(QPen(QColor(current_palette_colors().surface), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(halo)
        painter.setPen(color)
        painter.drawText(label.baseline, label.shown)

    # Interaction ------------------------------------------------------------------------------
    def _venue_at(self, position: QPointF) -> MapVenue | None:
        for point, venue in reversed(self._dots):
            if math.hypot(point.x() - position.x(), point.y() - position.y()) <= _DOT_RADIUS + 3:
                return venue
        return None

    def venue_points(self) -> list[tuple[QPointF, int]]:
        """Where each venue's numbered dot was last painted, with the venue's id."""
        return [(point, venue.id) for point, venue in self._dots]

    def words_at(self, position: QPointF) -> str:
        """The whole text of a label under `position` (its shown text may be shortened)."""
        for label in self.labels:
            if label.rect.contains(position):
                return label.text
        # A marker whose label had no room says who or what it is.
        for rect, words in self._marker_words:
            if rect.contains(position):
                return words
        return ""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        venue = self._venue_at(event.position())
        if venue is not None and event.button() == Qt.MouseButton.LeftButton:
            self.venue_clicked.emit(venue.id)
            return
        super().mousePressEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            venue = self._venue_at(QPointF(event.pos()))
            words = self.words_at(QPointF(event.pos()))
            if venue is not None:
                words = f"{venue.number}. {venue.name}"
            if words:
                # A name is user data and must not be read as markup.
                QToolTip.showText(event.globalPos(), literal(words), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
