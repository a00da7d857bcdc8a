"""The app's line icons: SVGs recoloured to the theme and drawn crisp at any size and scale."""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from chatplanner.resources_path import icons_dir
from chatplanner.ui.theme import current_palette_colors

APP_ICON_NAME = "app-icon"

# Names become file names, so nothing that could leave the icons folder is accepted.
_VALID_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Sizes a platform may ask for when it wants a list (window icons, task bars).
_ADVERTISED_SIZES = (16, 20, 24, 32, 48, 64, 128, 256)

# Rendered pixmaps kept per icon; a few sizes x modes x two themes is far below this.
_PIXMAPS_PER_ICON = 48


def icon_names() -> list[str]:
    """Every icon the app ships, by name."""
    return sorted(path.stem for path in icons_dir().glob("*.svg"))


@cache
def _svg_source(name: str) -> str:
    if not _VALID_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not an icon name (use lower-case words joined by '-').")
    path = icons_dir() / f"{name}.svg"
    if not path.is_file():
        raise ValueError(f"There is no icon called {name!r}; the icons are: {icon_names()}.")
    return path.read_text(encoding="utf-8")


def _color_for(mode: QIcon.Mode, fixed: QColor | None) -> QColor:
    colors = current_palette_colors()
    if mode == QIcon.Mode.Disabled:
        if fixed is None:
            return QColor(colors.faint)
        faded = QColor(fixed)
        faded.setAlphaF(fixed.alphaF() * 0.4)
        return faded
    if fixed is not None:
        return fixed
    if mode == QIcon.Mode.Selected:
        return QColor(colors.accent_text)
    if mode == QIcon.Mode.Active:
        return QColor(colors.text)
    return QColor(colors.icon)


class _ThemedSvgEngine(QIconEngine):
    """Draws one SVG from its vector source, in the theme's colour for the icon's mode.

    The colour is looked up at paint time, so icons already on screen follow a theme switch.
    """

    def __init__(self, name: str, fixed: QColor | None) -> None:
        super().__init__()
        self._name = name
        self._source = _svg_source(name)
        self._fixed = fixed
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, float, str], QPixmap] = {}

    def _renderer(self, color: QColor) -> QSvgRenderer:
        key = color.name(QColor.NameFormat.HexArgb)
        renderer = self._renderers.get(key)
        if renderer is None:
            # SVG wants #rrggbb plus a separate opacity, not Qt's #aarrggbb.
            svg = self._source.replace("currentColor", color.name(QColor.NameFormat.HexRgb))
            if color.alphaF() < 1.0:
                svg = svg.replace("<svg ", f'<svg opacity="{color.alphaF():.3f}" ', 1)
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            self._renderers[key] = renderer
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # The pixmap rendered once for this size and colour: a widget that paints its icon
        # itself (a line edit's clear button, at every repaint) rendered the SVG each time.
        side = min(rect.width(), rect.height())
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        pixmap = self.scaledPixmap(QSize(side, side), mode, state, scale)
        painter.drawPixmap(_square_in(rect).topLeft(), pixmap)  # its logical size: the square

    def _render(self, painter: QPainter, rect: QRect, mode: QIcon.Mode) -> None:
        renderer = self._renderer(_color_for(mode, self._fixed))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, _square_in(rect))

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        color = _color_for(mode, self._fixed)
        key = (size.width(), size.height(), scale, color.name(QColor.NameFormat.HexArgb))
        cached = self._pixmaps.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(QSize(round(size.width() * scale), round(size.height() * scale)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._render(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        if len(self._pixmaps) >= _PIXMAPS_PER_ICON:
            self._pixmaps.clear()
        self._pixmaps[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(side, side) for side in _ADVERTISED_SIZES]

    def iconName(self) -> str:
        return self._name

    def key(self) -> str:
        return "chatplanner-svg"

    def clone(self) -> QIconEngine:
        return _ThemedSvgEngine(self._name, self._fixed)


def _square_in(rect: QRect) -> QRectF:
    """The square artwork's place in `rect`: as large as fits, centred."""
    side = min(rect.width(), rect.height())
    return QRectF(
        rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
    )


_icons: dict[tuple[str, str | None], QIcon] = {}


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon called `name` (a file in resources/icons), cached.

    Without `color` it follows the theme: the resting icon colour, the accent when its row is
    selected, faint when disabled. Give a colour for special places, e.g. `on_accent` on a
    primary button. An unknown name raises ValueError.
    """
    fixed = QColor(color) if color is not None else None
    if fixed is not None and not fixed.isValid():
        raise ValueError(f"{color!r} is not a colour.")
    key = (name, fixed.name(QColor.NameFormat.HexArgb) if fixed is not None else None)
    cached = _icons.get(key)
    if cached is None:
        cached = QIcon(_ThemedSvgEngine(name, fixed))
        _icons[key] = cached
    return cached


def icon_pixmap(
    name: str, size: int, color: QColor | str | None = None, device_pixel_ratio: float = 1.0
) -> QPixmap:
    """The icon as a pixmap of `size` logical pixels, e.g. for a large empty-state picture."""
    return icon(name, color).pixmap(QSize(size, size), device_pixel_ratio)


def app_icon() -> QIcon:
    """The full-colour app logo, for the window and the task bar."""
    return icon(APP_ICON_NAME)
