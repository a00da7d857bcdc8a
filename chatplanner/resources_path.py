"""Where the bundled resources (icons, style, templates, gazetteer) are, installed or not.

An installed copy carries them inside the package itself, as `chatplanner/resources` (the
folder `importlib.resources.files("chatplanner") / "resources"` names; read here from the
package's own location, since importing importlib.resources at start costs some 8 ms). A source
checkout keeps them in the top-level `resources/` folder, which pyproject.toml maps into the
package when it builds a wheel: that folder is used only inside a chatplanner source tree, never
a `resources` folder of site-packages that another distribution could own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_MISSING = "chatplanner's resources folder is missing: reinstall chatplanner."


@cache
def resources_dir() -> Path:
    installed = _PACKAGE / "resources"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / "resources"
    if checkout.is_dir() and _is_source_tree(_PACKAGE.parent):
        return checkout
    raise FileNotFoundError(_MISSING)


def _is_source_tree(folder: Path) -> bool:
    # The checkout's pyproject.toml names this project; site-packages has none.
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return False
    return 'name = "chatplanner"' in text


def icons_dir() -> Path:
    return resources_dir() / "icons"


def style_dir() -> Path:
    return resources_dir() / "style"


def templates_dir() -> Path:
    return resources_dir() / "templates"
