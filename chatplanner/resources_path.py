"""Where the bundled resources (icons, style, templates, gazetteer) are, installed or not."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    # A source checkout (or editable install) has the folder beside the package; an installed
    # copy carries it inside the package (see setup.py).
    for candidate in (_PACKAGE.parent / "resources", _PACKAGE / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("chatplanner's resources folder is missing: reinstall chatplanner.")


def icons_dir() -> Path:
    return resources_dir() / "icons"


def style_dir() -> Path:
    return resources_dir() / "style"


def templates_dir() -> Path:
    return resources_dir() / "templates"
