"""Starting Qt, and saying in plain words why it could not start.

Qt ends the process (abort, status 134) when no platform plugin can start: no display, a
system library its plugin needs is not installed, a damaged plugin. Its message names the
plugin, not the cause ("From 6.5.0, xcb-cursor0 ... is needed" is printed whatever the cause).
So the application is made with a message handler that, on Qt's fatal message, works out the
cause (ldd on the plugin lists every library that is not found), prints one paragraph with the
fix and exits with status 2, before Qt can abort. Nothing is probed when Qt starts: the start
pays only for the handler's installation. An import of PySide6 that fails for a missing library
is explained the same way (`import_failure_message`).

This module imports nothing of Qt at its top, so that it can explain a Qt that cannot load.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

App = TypeVar("App", bound="QCoreApplication")

EXIT_STATUS = 2
# Libraries PySide6 carries itself: when one is missing, the install is damaged, and no system
# package brings it back.
_BUNDLED_PREFIXES = ("libQt6", "libicu", "libpyside6", "libshiboken6")
# Sonames whose Debian package does not follow the soname rule (see `debian_package`).
_DEBIAN_PACKAGE_OF = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libGLdispatch.so.0": "libglvnd0",
    "libz.so.1": "zlib1g",
    "libgcc_s.so.1": "libgcc-s1",
    **{f"lib{name}.so.{major}": "libc6" for name, major in (("c", 6), ("m", 6), ("dl", 2))},
    **{f"lib{name}.so.{major}": "libc6" for name, major in (("pthread", 0), ("rt", 1))},
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
}
_SONAME = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file")
_PLUGIN_IN_MESSAGE = re.compile(r'Qt platform plugin "([\w-]+)"')
_NO_CONNECTION = re.compile(r"could not connect to display ?(\S*)", re.IGNORECASE)


class Diagnosis:
    """What stops Qt, found after the fact; `paragraph()` says it to the user."""

    def __init__(self, platform: str, missing: Sequence[str], qt_lines: Sequence[str]) -> None:
        self.platform = platform
        self.missing = list(missing)
        self.qt_lines = list(qt_lines)

    @property
    def missing_system(self) -> list[str]:
        return [name for name in self.missing if not is_bundled(name)]

    @property
    def missing_bundled(self) -> list[str]:
        return [name for name in self.missing if is_bundled(name)]

    def paragraph(self) -> str:
        start = "chatplanner cannot start its window: "
        if self.missing_system:
            packages = debian_packages(self.missing_system)
            cause = (
                f"Qt needs system libraries that are not installed "
                f"({', '.join(self.missing_system)}). On Debian or Ubuntu, install them with "
                f"`{_apt_get_install(packages)}` (in a chatplanner source folder, ./install.sh "
                "installs everything the app needs)."
            )
        elif _plugin_not_found(self.qt_lines) and os.environ.get("QT_QPA_PLATFORM"):
            available = _available_plugins(self.qt_lines)
            cause = (
                f'Qt has no platform plugin "{self.platform}", which QT_QPA_PLATFORM asks for'
                + (f" (it has: {available})" if available else "")
                + ". Unset QT_QPA_PLATFORM, or set it to one Qt has."
            )
        elif self.missing_bundled or _plugin_not_found(self.qt_lines):
            what = ", ".join(self.missing_bundled) or f"no {self.platform} plugin was found"
            cause = (
                f'Qt\'s "{self.platform}" platform plugin is missing or damaged ({what}). '
                "Reinstall Qt for Python in chatplanner's environment with "
                f"`{_pip()} install --force-reinstall PySide6-Essentials`."
            )
        elif self.platform in ("xcb", "wayland") and not _display_named():
            cause = (
                "there is no display to show it on (neither DISPLAY nor WAYLAND_DISPLAY is set, "
                "as in a text console, a service, or ssh without -X). Start it from your desktop "
                "session."
            )
        elif connection := _failed_connection(self.qt_lines):
            cause = (
                f'Qt could not connect to the display "{connection}": no display server runs '
                "there, or this user may not use it (check DISPLAY, and XAUTHORITY when the "
                "display belongs to another user)."
            )
        else:
            said = next((line for line in self.qt_lines if line.strip()), "no reason given")
            cause = f"Qt could not start ({said.strip().splitlines()[0]})."
        return start + cause + " " + _without_a_window()


def start_application(make: Callable[[], App]) -> App:
    """`make()`, the application built; if Qt cannot start, the reason is printed and the
    process exits with status 2 instead of Qt's abort."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    held: list[str] = []

    def hold(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            platform = _platform_in([*held, message]) or requested_platform()
            exit_with(diagnose(platform, [*held, message]).paragraph())
        held.append(message)

    previous = qInstallMessageHandler(hold)
    try:
        app = make()
    finally:
        qInstallMessageHandler(previous)
    for message in held:  # Qt's warnings while it started, as Qt would have printed them
        print(message, file=sys.stderr)
    return app


def skip_feature_source_scan() -> None:
    """Keep PySide6 from reading the source of every module imported after it.

    To support `from __feature__ import snake_case`, PySide6 replaces `__import__`, and after
    each import asks whether the new module names PySide by reading the module's whole source
    (`inspect.getsource`), which keeps every file's lines in `linecache` for the life of the
    process: over the database layer and the services opened after the first paint, some 400
    files, a tenth of a second of CPU and 20 MiB of memory that is never used again. The app
    selects no feature anywhere, so each module is marked as selecting none without being read
    (-1, "ignore this module", what the check gives a module that does not name PySide).
    A PySide6 without this check is left as it is.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _selects_no_feature)  # noqa: B010 - a module not typed


def _selects_no_feature(_module: object) -> bool:
    return False


def is_qt_import_failure(error: ImportError) -> bool:
    """Whether an ImportError is Qt for Python failing to load (not a fault of the app's own)."""
    name = error.name or ""
    return name.split(".")[0] in ("PySide6", "shiboken6") or bool(_CANNOT_OPEN.search(str(error)))


def import_failure_message(error: ImportError) -> str:
    """The paragraph for a PySide6 that cannot be imported (a library of Qt's is missing)."""
    named = _CANNOT_OPEN.search(str(error))
    if named is None:
        return (
            f"chatplanner cannot start its window: Qt for Python could not be loaded ({error}). "
            f"Reinstall it in chatplanner's environment with "
            f"`{_pip()} install --force-reinstall PySide6-Essentials`. " + _without_a_window()
        )
    platform = requested_platform()
    libraries = qt_libraries(platform)
    missing = missing_libraries(libraries)
    if named.group(1) not in missing:
        missing.insert(0, named.group(1))
    return diagnose(platform, [str(error)], missing).paragraph()


def diagnose(platform: str, qt_lines: Sequence[str], missing: list[str] | None = None) -> Diagnosis:
    if missing is None:
        missing = missing_libraries(qt_libraries(platform))
    return Diagnosis(platform, missing, qt_lines)


def exit_with(paragraph: str) -> NoReturn:
    """Print the paragraph and leave at once: from Qt's fatal handler, returning means abort."""
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    sys.stderr.write(paragraph + "\n")
    sys.stderr.flush()
    os._exit(EXIT_STATUS)


def requested_platform() -> str:
    """The platform plugin Qt will try first: QT_QPA_PLATFORM, else the desktop's own."""
    requested = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def qt_libraries(platform: str) -> list[Path]:
    """The files whose libraries Qt needs to show a window on `platform`: Qt's core libraries
    and the platform plugin (those that exist; none where Qt for Python is not found)."""
    found: list[Path] = []
    qt = _qt_dir()
    if qt is not None:
        library_dir = qt / "lib"
        found += [library_dir / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets")]
    plugin = platform_plugin(platform)
    if plugin is not None:
        found.append(plugin)
    return [path for path in found if path.is_file()]


def platform_plugin(platform: str) -> Path | None:
    """The platform plugin file Qt would load for `platform`, where Qt looks for it."""
    for directory in _plugin_dirs():
        candidate = directory / f"libq{platform}.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(paths: Iterable[Path]) -> list[str]:
    """The shared libraries `paths` need that the dynamic loader cannot find (ldd's "not
    found"), in order, each once; empty where there is no ldd (not Linux)."""
    missing: list[str] = []
    for path in paths:
        for name in _NOT_FOUND.findall(ldd_output(path)):
            if name not in missing:
                missing.append(name)
    return missing


def ldd_output(path: Path) -> str:
    import subprocess  # only once Qt has failed: the start does not pay for it

    try:
        done = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def is_bundled(soname: str) -> bool:
    qt = _qt_dir()
    return soname.startswith(_BUNDLED_PREFIXES) or (
        qt is not None and (qt / "lib" / soname).exists()
    )


def debian_package(soname: str) -> str:
    """The Debian (and Ubuntu) package that carries a library, from its soname.

    Debian names a library's package after its soname: libxcb-cursor.so.0 is in
    libxcb-cursor0, and a name that ends in a digit gets a dash (libX11.so.6: libx11-6;
    libbz2.so.1.0: libbz2-1.0).
    The few exceptions Qt meets are listed.
    """
    if soname in _DEBIAN_PACKAGE_OF:
        return _DEBIAN_PACKAGE_OF[soname]
    # The whole version in the soname counts: libbz2.so.1.0 is in libbz2-1.0.
    match = re.fullmatch(r"lib(.+)\.so\.(\d+(?:\.\d+)*)", soname)
    if match is None:
        return soname
    stem, version = match.group(1).lower().replace("_", "-"), match.group(2)
    return f"lib{stem}{'-' if stem[-1].isdigit() else ''}{version}"


def debian_packages(sonames: Iterable[str]) -> list[str]:
    packages: list[str] = []
    for soname in sonames:
        package = debian_package(soname)
        if package not in packages:
            packages.append(package)
    return packages


def _apt_get_install(packages: Sequence[str]) -> str:
    as_root = getattr(os, "geteuid", lambda: 0)() == 0
    return ("" if as_root else "sudo ") + "apt-get install " + " ".join(packages)


def _command() -> str:
    """How the user started chatplanner, to repeat it in advice."""
    from shlex import quote

    program = sys.argv[0] if sys.argv and sys.argv[0] else ""
    if Path(program).name.startswith("chatplanner"):
        return quote(program)
    return "python3 -m chatplanner"


def _pip() -> str:
    from shlex import quote

    return quote(str(Path(sys.executable).with_name("pip")))


def _without_a_window() -> str:
    command = _command()
    return (
        f"Its commands work without a window (`{command} --help`), and "
        f"`QT_QPA_PLATFORM=offscreen {command} --demo --screenshot today.png` tries Qt's "
        "offscreen mode, which draws the window into a picture without any display."
    )


def _display_named() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _platform_in(lines: Iterable[str]) -> str | None:
    for line in lines:
        if found := _PLUGIN_IN_MESSAGE.search(line):
            return found.group(1)
    return None


def _plugin_not_found(lines: Iterable[str]) -> bool:
    return any("Could not find the Qt platform plugin" in line for line in lines)


def _available_plugins(lines: Iterable[str]) -> str:
    for line in lines:
        _, found, plugins = line.partition("Available platform plugins are:")
        if found:
            return plugins.strip().rstrip(".")
    return ""


def _failed_connection(lines: Iterable[str]) -> str | None:
    for line in lines:
        if found := _NO_CONNECTION.search(line):
            return found.group(1) or os.environ.get("DISPLAY", "")
    return None


def _qt_dir() -> Path | None:
    """PySide6's Qt folder (lib/, plugins/), found without importing PySide6's modules."""
    from importlib.util import find_spec

    try:
        spec = find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    return folder if folder.is_dir() else None


def _plugin_dirs() -> list[Path]:
    """Where Qt looks for platform plugins, in its order."""
    directories = [Path(entry) for entry in _path_list("QT_QPA_PLATFORM_PLUGIN_PATH")]
    directories += [Path(entry) / "platforms" for entry in _path_list("QT_PLUGIN_PATH")]
    core = sys.modules.get("PySide6.QtCore")
    if core is not None:
        info = core.QLibraryInfo
        directories.append(Path(info.path(info.LibraryPath.PluginsPath)) / "platforms")
    qt = _qt_dir()
    if qt is not None:
        directories.append(qt / "plugins" / "platforms")
    return directories


def _path_list(variable: str) -> list[str]:
    return [entry for entry in os.environ.get(variable, "").split(os.pathsep) if entry]
