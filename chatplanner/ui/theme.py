"""Light, dark or system theme: the Fusion style, a calm palette and the app's style sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from chatplanner.resources_path import style_dir
from chatplanner.ui.palette import DARK_COLORS, LIGHT_COLORS, ThemeColors
from chatplanner.ui.style_assets import style_asset_paths

# The platform's UI font is kept; only a too-small default (9 pt on many Linux desktops) grows.
COMFORTABLE_POINT_SIZE = 10.0

_TOKEN = re.compile(r"@([a-z_]+)")  # @accent, @asset_check, ...

STYLE = "Fusion"
# Set on an application already in STYLE. Setting the style (or asking for it) goes through
# PySide's QStyle class, whose first use builds its many enums, some 5 ms: the app's own
# QApplication starts in the style instead (`new_application`), so its first paint skips that.
_STYLE_SET = "chatplanner_style_set"


class Theme(Enum):
    LIGHT = "light"
    DARK = "dark"
    SYSTEM = "system"


@dataclass
class _ThemeState:
    requested: Theme = Theme.LIGHT
    colors: ThemeColors = LIGHT_COLORS
    following_system: bool = False


_state = _ThemeState()


def current_theme() -> Theme:
    """The theme last asked for (may be SYSTEM)."""
    return _state.requested


def current_palette_colors() -> ThemeColors:
    """The colours in use now, for custom painting (charts, maps, empty-state icons)."""
    return _state.colors


def colors_for(theme: Theme) -> ThemeColors:
    """The colour set a theme resolves to right now (SYSTEM asks the platform)."""
    return DARK_COLORS if resolve_theme(theme) is Theme.DARK else LIGHT_COLORS


def resolve_theme(theme: Theme) -> Theme:
    """LIGHT or DARK; SYSTEM follows the platform's colour scheme, light when it is unknown."""
    if theme is not Theme.SYSTEM:
        return theme
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        hints = app.styleHints()
        # colorScheme() arrived in Qt 6.5; older Qt simply stays light.
        scheme = getattr(hints, "colorScheme", None)
        if scheme is not None and scheme() == Qt.ColorScheme.Dark:
            return Theme.DARK
    return Theme.LIGHT


@cache
def _style_template() -> str:
    return (style_dir() / "base.qss").read_text(encoding="utf-8")


def style_sheet_for(colors: ThemeColors) -> str:
    """The style sheet with every @token replaced by its colour; an unknown token is an error."""
    tokens = colors.as_tokens() | style_asset_paths(colors)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in tokens:
            raise ValueError(f"The style sheet uses an unknown colour token @{name}.")
        return tokens[name]

    return _TOKEN.sub(fill, _style_template())


def palette_for(colors: ThemeColors) -> QPalette:
    """A QPalette so that widgets the style sheet does not reach still match."""
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    palette = QPalette()
    assignments: dict[QPalette.ColorRole, str] = {
        role.Window: colors.window,
        role.WindowText: colors.text,
        role.Base: colors.surface,
        role.AlternateBase: colors.surface_alt,
        role.Text: colors.text,
        role.Button: colors.surface,
        role.ButtonText: colors.text,
        role.BrightText: colors.on_accent,
        role.Highlight: colors.accent,
        role.HighlightedText: colors.on_accent,
        role.ToolTipBase: colors.surface,
        role.ToolTipText: colors.text,
        role.PlaceholderText: colors.faint,
        role.Link: colors.accent_text,
        role.LinkVisited: colors.accent_text,
        role.Light: colors.surface,
        role.Midlight: colors.surface_alt,
        role.Mid: colors.border_strong,
        role.Dark: colors.border_strong,
        role.Shadow: colors.text,
    }
    accent_role = getattr(role, "Accent", None)  # Qt 6.6+
    if accent_role is not None:
        assignments[accent_role] = colors.accent
    for color_role, value in assignments.items():
        palette.setColor(color_role, QColor(value))
    for color_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, color_role, QColor(colors.faint))
    palette.setColor(group.Disabled, role.Highlight, QColor(colors.border_strong))
    return palette


def use_english_names() -> None:
    """Date widgets spell months and days in English, as every sentence around them does:
    Qt would follow the desktop's locale ("mar. 3 mars" on a French desktop)."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def new_application(argv: list[str]) -> QApplication:
    """The app's QApplication, in the app's style from its start."""
    from chatplanner.ui.qt_start import skip_feature_source_scan

    skip_feature_source_scan()
    use_english_names()
    app = QApplication([*argv, "-style", STYLE])
    app.setProperty(_STYLE_SET, True)
    return app


def apply_theme(app: QApplication, theme: Theme) -> ThemeColors:
    """Style the whole application; returns the colours now in use."""
    colors = colors_for(theme)
    _state.requested = theme
    _state.colors = colors
    if not app.property(_STYLE_SET):
        app.setStyle(STYLE)
        app.setProperty(_STYLE_SET, True)
    font = QGuiApplication.font()
    if 0 < font.pointSizeF() < COMFORTABLE_POINT_SIZE:
        font.setPointSizeF(COMFORTABLE_POINT_SIZE)
        app.setFont(font)
    app.setPalette(palette_for(colors))
    app.setStyleSheet(style_sheet_for(colors))
    if theme is Theme.SYSTEM and not _state.following_system:
        _follow_system_scheme(app)
    return colors


def _follow_system_scheme(app: QApplication) -> None:
    signal = getattr(app.styleHints(), "colorSchemeChanged", None)
    if signal is None:
        return

    def on_scheme_changed(*_args: object) -> None:
        # Only while the user still wants "system"; a later LIGHT/DARK choice wins.
        if _state.requested is Theme.SYSTEM:
            apply_theme(app, Theme.SYSTEM)

    signal.connect(on_scheme_changed)
    _state.following_system = True
