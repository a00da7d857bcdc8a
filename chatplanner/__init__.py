"""chatplanner: a desktop coffee-chat planner for professional networking."""

from __future__ import annotations

from functools import cache
from pathlib import Path

APP_NAME = "chatplanner"
# The freedesktop name: the menu entry is chatplanner.desktop and window managers group the
# app's windows under it (WM_CLASS on X11, the app id on Wayland).
DESKTOP_FILE_NAME = "chatplanner"


@cache
def version() -> str:
    """The version of this copy, from the package metadata (pyproject.toml is its one source).

    Read on first use: importing importlib.metadata costs more than a frame of the start.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(APP_NAME)
    except PackageNotFoundError:
        return _source_tree_version()


def _source_tree_version() -> str:
    # A checkout run without installing it (PYTHONPATH=.): the metadata's own source.
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        with pyproject.open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def __getattr__(name: str) -> str:
    # `from chatplanner import __version__` keeps working, without the cost at import time.
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
