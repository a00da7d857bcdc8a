"""Small recoloured images the style sheet needs (arrows, check marks), written to a temp folder.

Qt style sheets can only load images from files, and the icons are drawn in `currentColor`,
so each theme gets its own recoloured copies.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from chatplanner.interop.safe_files import write_private_file  # noqa: TID251 - the one way to write
from chatplanner.resources_path import icons_dir
from chatplanner.ui.palette import ThemeColors

# token in the style sheet -> (icon name, palette field that colours it)
STYLE_ASSETS: dict[str, tuple[str, str]] = {
    "asset_chevron_down": ("chevron-down", "icon"),
    "asset_chevron_down_disabled": ("chevron-down", "faint"),
    "asset_chevron_up": ("chevron-up", "icon"),
    "asset_chevron_up_disabled": ("chevron-up", "faint"),
    "asset_check": ("check", "on_accent"),
    "asset_check_disabled": ("check", "faint"),
}

_folder: list[Path] = []


def _asset_folder() -> Path:
    if not _folder:
        folder = Path(tempfile.mkdtemp(prefix="chatplanner-style-"))
        atexit.register(shutil.rmtree, folder, True)
        _folder.append(folder)
    return _folder[0]


def style_asset_paths(colors: ThemeColors) -> dict[str, str]:
    """Style-sheet tokens mapped to image paths (forward slashes, as url() wants them)."""
    tokens = colors.as_tokens()
    theme_folder = _asset_folder() / colors.name
    theme_folder.mkdir(exist_ok=True)
    paths: dict[str, str] = {}
    for token, (icon_name, color_field) in STYLE_ASSETS.items():
        target = theme_folder / f"{token}.svg"
        if not target.exists():
            source = (icons_dir() / f"{icon_name}.svg").read_text(encoding="utf-8")
            # A bolder stroke: these marks are drawn at 10-14 px.
            source = source.replace('stroke-width="1.75"', 'stroke-width="2.5"')
            recoloured = source.replace("currentColor", tokens[color_field])
            # Made again at each start: nothing to keep through a crash.
            write_private_file(target, recoloured.encode("utf-8"), durable=False)
        paths[token] = target.as_posix()
    return paths
