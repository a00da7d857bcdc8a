"""The app in the desktop's menu and dock: a freedesktop `.desktop` entry and the app's icon.

`chatplanner --install-desktop` writes them into the user's XDG data folder (no root needed):
`applications/chatplanner.desktop`, and the icon as SVG and as PNGs in the sizes menus and
docks ask for, under `icons/hicolor/`. The entry starts this very copy of chatplanner (the
program that ran the command, with its --data-dir), so a copy in a virtual environment that is
not on PATH starts from the menu too. `--uninstall-desktop` removes exactly those files.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from chatplanner import APP_NAME, DESKTOP_FILE_NAME
from chatplanner.interop.safe_files import write_private_file  # noqa: TID251 - the one way to write
from chatplanner.resources_path import icons_dir

PNG_SIZES = (48, 64, 128, 256)
# Characters that make the spec ask for a quoted Exec argument.
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


@dataclass(frozen=True)
class DesktopFiles:
    """Where the entry and its icons go, under one XDG data folder."""

    data_home: Path

    @property
    def entry(self) -> Path:
        return self.data_home / "applications" / f"{DESKTOP_FILE_NAME}.desktop"

    @property
    def svg_icon(self) -> Path:
        return self.data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_NAME}.svg"

    def png_icon(self, size: int) -> Path:
        return self.data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_NAME}.png"

    def all(self) -> list[Path]:
        return [self.entry, self.svg_icon, *(self.png_icon(size) for size in PNG_SIZES)]


def user_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the spec ignores a relative value)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command(data_dir: Path | None) -> list[str]:
    """The command that starts this copy of chatplanner, as the entry's Exec runs it."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if program is not None and program.name.startswith(APP_NAME) and program.is_file():
        command = [str(program.resolve())]
    else:  # python -m chatplanner
        command = [str(Path(sys.executable).absolute()), "-m", APP_NAME]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


def exec_value(command: list[str]) -> str:
    """`command` as the value of an Exec key: each argument quoted where the Desktop Entry
    Specification asks, then the value escaped as a string (a backslash doubled)."""
    arguments = []
    for argument in command:
        if "\n" in argument or "\r" in argument:
            raise ValueError(f"A menu entry cannot start a path holding a line break: {argument!r}")
        argument = argument.replace("%", "%%")
        if _RESERVED.search(argument):
            argument = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
        arguments.append(argument)
    return _string_value(" ".join(arguments))


def entry_text(command: list[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            f"Name={APP_NAME}",
            "GenericName=Coffee-chat planner",
            "Comment=Plan coffee chats with your professional network",
            f"Exec={exec_value(command)}",
            f"TryExec={_string_value(command[0])}",
            f"Icon={APP_NAME}",
            "Terminal=false",
            "Categories=Office;ContactManagement;",
            "Keywords=networking;coffee;chat;contacts;meetings;",
            "StartupNotify=true",
            # The window's WM_CLASS: Qt takes it from the application name.
            f"StartupWMClass={APP_NAME}",
            "X-GNOME-SingleWindow=true",  # one main window: no "New Window" in the dock
            "",
        ]
    )


def install(files: DesktopFiles, command: list[str]) -> list[Path]:
    """Write the entry and the icons; the files written. OSError when a folder is unusable."""
    source = icons_dir() / "app-icon.svg"
    svg = source.read_bytes()
    text = entry_text(command)
    for path in files.all():
        path.parent.mkdir(parents=True, exist_ok=True)
    _write(files.svg_icon, svg)
    for size in PNG_SIZES:
        _write(files.png_icon(size), render_png(svg, size))
    _write(files.entry, text.encode("utf-8"))  # last: the menu shows it once its icon is there
    return files.all()


def uninstall(files: DesktopFiles) -> list[Path]:
    """Remove what `install` wrote; the files removed (none when it was not installed)."""
    removed = []
    for path in files.all():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn at `size` pixels square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
    buffer.close()
    return bytes(data.data())


def _write(path: Path, data: bytes) -> None:
    # Whole or not at all (a menu must never read half an entry), through the one file writer.
    # A menu entry and an icon hold nothing private: readable by all, as the desktop expects.
    write_private_file(path, data, mode=0o644)


def _string_value(text: str) -> str:
    return text.replace("\\", "\\\\")
