"""Icons: every SVG loads, draws pixels in the theme colours; bad names fail loudly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from chatplanner.resources_path import icons_dir
from chatplanner.ui.icons import APP_ICON_NAME, app_icon, icon, icon_names, icon_pixmap
from chatplanner.ui.palette import DARK_COLORS, LIGHT_COLORS
from chatplanner.ui.theme import Theme, apply_theme, current_theme

REQUIRED = {
    "logo", "today", "people", "venues", "meetings", "archive", "search", "add", "import",
    "export", "settings", "info", "mail", "copy", "clipboard", "calendar", "link", "check",
    "trash", "undo", "redo", "star", "moon", "sun", "chart", "group", "refresh", "warning",
    "map", APP_ICON_NAME,
}  # fmt: skip


@pytest.fixture(scope="module")
def light_app(qapp: QApplication) -> Iterator[QApplication]:
    """The light theme, applied once for the module: styling the application repolishes every
    widget alive, which costs far more than drawing an icon."""
    apply_theme(qapp, Theme.LIGHT)
    yield qapp
    apply_theme(qapp, Theme.LIGHT)


@pytest.fixture
def app(light_app: QApplication) -> Iterator[QApplication]:
    """The application in the light theme; a test that changes the theme gets it put back."""
    light_sheet = light_app.styleSheet()
    yield light_app
    if current_theme() is not Theme.LIGHT or light_app.styleSheet() != light_sheet:
        apply_theme(light_app, Theme.LIGHT)


def _opaque_colours(image: QImage) -> set[str]:
    """Colours of the fully opaque pixels (antialiased edges left out)."""
    found: set[str] = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                found.add(colour.name().upper())
    return found


def _painted_pixels(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha()
    )


def test_every_required_icon_is_shipped() -> None:
    assert set(icon_names()) >= REQUIRED


@pytest.mark.parametrize("name", icon_names())
def test_icon_svg_is_a_valid_24px_line_drawing(name: str) -> None:
    source = (icons_dir() / f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(source.encode("utf-8"))
    assert renderer.isValid()
    assert renderer.viewBox().size() == QSize(24, 24)
    if name != APP_ICON_NAME:  # the app icon is the one full-colour picture
        assert 'stroke="currentColor"' in source
        assert 'stroke-linecap="round"' in source


@pytest.mark.parametrize("name", icon_names())
@pytest.mark.parametrize("size", [16, 24, 32, 48])
def test_icon_renders_visible_pixels_at_every_size(app: QApplication, name: str, size: int) -> None:
    themed = icon(name)
    assert not themed.isNull()
    pixmap = themed.pixmap(QSize(size, size))
    assert pixmap.size() == QSize(size, size)
    assert _painted_pixels(pixmap.toImage()) > size  # more than a stray dot


def test_icon_renders_at_device_pixel_ratio_two(app: QApplication) -> None:
    pixmap = icon("people").pixmap(QSize(24, 24), 2.0)
    assert pixmap.devicePixelRatio() == 2.0
    assert pixmap.size() == QSize(48, 48)


def test_icon_follows_the_theme_colour(app: QApplication) -> None:
    people = icon("people")
    light = _opaque_colours(people.pixmap(QSize(48, 48)).toImage())
    apply_theme(app, Theme.DARK)
    dark = _opaque_colours(people.pixmap(QSize(48, 48)).toImage())
    assert light == {LIGHT_COLORS.icon}
    assert dark == {DARK_COLORS.icon}


def test_selected_and_disabled_icons_use_accent_and_faint(app: QApplication) -> None:
    today = icon("today")
    selected = today.pixmap(QSize(48, 48), 1.0, QIcon.Mode.Selected)
    disabled = today.pixmap(QSize(48, 48), 1.0, QIcon.Mode.Disabled)
    assert _opaque_colours(selected.toImage()) == {LIGHT_COLORS.accent_text}
    assert _opaque_colours(disabled.toImage()) == {LIGHT_COLORS.faint}


def test_explicit_colour_wins_over_the_theme(app: QApplication) -> None:
    pixmap = icon_pixmap("import", 48, "#FFFFFF")
    assert _opaque_colours(pixmap.toImage()) == {"#FFFFFF"}
    assert _opaque_colours(icon("import", QColor("#123456")).pixmap(48).toImage()) == {"#123456"}


def test_icons_are_cached(app: QApplication) -> None:
    assert icon("search").cacheKey() == icon("search").cacheKey()
    assert icon("search").cacheKey() != icon("search", "#FF0000").cacheKey()


def test_app_icon_keeps_its_own_colours(app: QApplication) -> None:
    image = app_icon().pixmap(QSize(64, 64)).toImage()
    assert "#0F766E" in _opaque_colours(image)


@pytest.mark.parametrize("name", ["no-such-icon", "../secret", "Trash", "", "people.svg"])
def test_unknown_or_unsafe_icon_name_raises_value_error(app: QApplication, name: str) -> None:
    with pytest.raises(ValueError, match="icon"):
        icon(name)


def test_invalid_colour_raises_value_error(app: QApplication) -> None:
    with pytest.raises(ValueError, match="colour"):
        icon("people", "not-a-colour")
