"""The theme: readable palettes, a complete style sheet, LIGHT/DARK/SYSTEM without Qt warnings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.ui.palette import DARK_COLORS, LIGHT_COLORS, ThemeColors
from chatplanner.ui.style_assets import style_asset_paths
from chatplanner.ui.theme import (
    Theme,
    apply_theme,
    current_palette_colors,
    current_theme,
    resolve_theme,
    style_sheet_for,
)


def _relative_luminance(hex_color: str) -> float:
    digits = hex_color.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two `#rrggbb` colours (1.0 to 21.0)."""
    lighter, darker = sorted(
        (_relative_luminance(foreground), _relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


ROOT = Path(__file__).resolve().parents[2]
BOTH = [LIGHT_COLORS, DARK_COLORS]
HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test application, put back to the light theme afterwards."""
    yield qapp
    apply_theme(qapp, Theme.LIGHT)


@pytest.mark.parametrize("colors", BOTH, ids=lambda c: c.name)
def test_every_palette_colour_is_a_hex_colour(colors: ThemeColors) -> None:
    values = [*colors.as_tokens().values(), *colors.series]
    assert all(HEX.fullmatch(value) for value in values)


@pytest.mark.parametrize("colors", BOTH, ids=lambda c: c.name)
@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("text", "window"),
        ("text", "surface"),
        ("text", "sidebar"),
        ("text", "surface_alt"),
        ("text", "accent_soft"),
        ("muted", "window"),
        ("muted", "surface"),
        ("muted", "sidebar"),
        ("accent_text", "window"),
        ("accent_text", "surface"),
        ("accent_text", "sidebar"),
        ("accent_text", "accent_soft"),
        ("on_accent", "accent"),
        ("on_accent", "accent_hover"),
        ("on_accent", "accent_pressed"),
        ("danger", "surface"),
    ],
)
def test_text_colours_meet_wcag_aa_contrast(
    colors: ThemeColors, foreground: str, background: str
) -> None:
    ratio = contrast_ratio(getattr(colors, foreground), getattr(colors, background))
    assert ratio >= 4.5, f"{colors.name}: {foreground} on {background} is only {ratio:.2f}:1"


def test_contrast_ratio_spans_one_to_twenty_one() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize("colors", BOTH, ids=lambda c: c.name)
def test_style_sheet_has_every_token_filled(colors: ThemeColors) -> None:
    sheet = style_sheet_for(colors)
    assert "@" not in sheet
    assert colors.accent in sheet
    assert "font-family" not in sheet  # the platform's UI font is kept


@pytest.mark.parametrize("colors", BOTH, ids=lambda c: c.name)
def test_style_assets_are_written_in_the_theme_colours(colors: ThemeColors) -> None:
    paths = style_asset_paths(colors)
    check = (paths["asset_check"], colors.on_accent)
    chevron = (paths["asset_chevron_down"], colors.icon)
    for path, colour in (check, chevron):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert colour in text
        assert "currentColor" not in text


@pytest.mark.parametrize(
    ("theme", "colors"), [(Theme.LIGHT, LIGHT_COLORS), (Theme.DARK, DARK_COLORS)]
)
def test_apply_theme_sets_fusion_palette_and_style_sheet(
    app: QApplication, theme: Theme, colors: ThemeColors
) -> None:
    returned = apply_theme(app, theme)

    assert returned is colors
    assert current_palette_colors() is colors
    assert current_theme() is theme
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window).name().upper() == colors.window
    assert palette.color(QPalette.ColorRole.Text).name().upper() == colors.text
    assert palette.color(QPalette.ColorRole.Highlight).name().upper() == colors.accent
    assert colors.accent in app.styleSheet()
    assert app.font().pointSizeF() >= 10
    # Under a style sheet the style reports no name; look at the style it wraps.
    sheet = app.styleSheet()
    app.setStyleSheet("")
    assert app.style().name().lower() == "fusion"
    app.setStyleSheet(sheet)


def test_system_theme_is_light_when_the_platform_does_not_say(app: QApplication) -> None:
    # The offscreen platform reports no colour scheme.
    if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        pytest.skip("this platform reports a dark scheme")
    assert resolve_theme(Theme.SYSTEM) is Theme.LIGHT
    assert apply_theme(app, Theme.SYSTEM) is LIGHT_COLORS
    assert current_theme() is Theme.SYSTEM


def test_explicit_themes_resolve_to_themselves() -> None:
    assert resolve_theme(Theme.LIGHT) is Theme.LIGHT
    assert resolve_theme(Theme.DARK) is Theme.DARK


# Light again after dark, on purpose: switching back must not warn either.
@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.LIGHT])  # noqa: PT014
def test_styled_widgets_show_without_qt_warnings(
    app: QApplication, qtbot: QtBot, theme: Theme
) -> None:
    apply_theme(app, theme)
    window = QWidget()
    layout = QVBoxLayout(window)
    navigation = QListWidget()
    navigation.setObjectName("navigation")
    navigation.addItems(["Today", "People"])
    navigation.setCurrentRow(0)
    title = QLabel("People")
    title.setProperty("role", "title")
    empty = QWidget()
    empty.setObjectName("emptyState")
    card = QFrame()
    card.setProperty("role", "card")
    primary = QPushButton("Import LinkedIn connections")
    primary.setProperty("role", "primary")
    combo = QComboBox()
    combo.addItems(["Mentor", "Peer"])
    table = QTableWidget(3, 2)
    for widget in (navigation, title, empty, card, primary, combo, table):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    window.grab()  # paints every widget; a style sheet problem would warn here

    assert table.showGrid() is False  # set by the style sheet
    assert table.alternatingRowColors() is True
    assert title.font().pointSizeF() > app.font().pointSizeF()


def test_the_apps_own_application_starts_in_fusion_whatever_style_is_asked_for() -> None:
    # A QApplication of its own needs a process of its own.
    script = (
        "from chatplanner.ui.theme import Theme, apply_theme, new_application\n"
        "app = new_application(['chatplanner', '-style', 'windows'])\n"
        "apply_theme(app, Theme.LIGHT)\n"
        "app.setStyleSheet('')\n"
        "print(app.style().name())\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert found.stdout.strip().lower() == "fusion"


def test_date_widgets_spell_english_names_on_a_french_desktop(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate, QLocale
    from PySide6.QtWidgets import QDateEdit

    from chatplanner.ui.theme import use_english_names

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        use_english_names()
        edit = QDateEdit(QDate(2026, 3, 3))
        qtbot.addWidget(edit)
        edit.setDisplayFormat("ddd d MMM yyyy")
        assert edit.text() == "Tue 3 Mar 2026"
    finally:
        QLocale.setDefault(before)
