"""Where the app's bundled resources (icons, style sheets, templates) live."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder that sits next to the `chatplanner` package."""
    return Path(__file__).resolve().parents[2] / "resources"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def style_dir() -> Path:
    return resources_dir() / "style"
