"""When Qt cannot start, the app says why in one paragraph and exits with 2: no abort, no trace."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chatplanner.ui import qt_start
from chatplanner.ui.qt_start import Diagnosis, debian_package

ROOT = Path(__file__).resolve().parents[2]
UNUSED_DISPLAY = ":87"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and ldd")


def _launch(
    tmp_path: Path, *, prelude: str = "", **environment: str | None
) -> subprocess.CompletedProcess[str]:
    """`chatplanner --demo` as a user starts it, with the environment changed as given (None
    removes a variable); `prelude` runs first in the same process (to fake what ldd says)."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    env["HOME"] = str(tmp_path)
    for key, value in environment.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    script = (
        prelude
        + "\nimport sys\nfrom chatplanner.cli.main import main\nsys.exit(main(['--demo']))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_one_plain_paragraph(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert "Traceback" not in message
    assert "\n" not in message  # one paragraph: Qt's own lines are not shown
    assert message.startswith("chatplanner cannot start its window: ")
    assert "QT_QPA_PLATFORM=offscreen" in message
    assert "--screenshot" in message
    return message


def _fake_ldd(not_found: list[str]) -> str:
    lines = "".join(f"\\t{name} => not found\\n" for name in not_found)
    return (
        "import chatplanner.ui.qt_start as qt_start\n"
        f"qt_start.ldd_output = lambda path: '\\tlibc.so.6 => /lib/libc.so.6\\n{lines}'\n"
    )


def test_without_a_display_the_app_says_so_and_exits_with_2(tmp_path: Path) -> None:
    result = _launch(tmp_path, DISPLAY=None, WAYLAND_DISPLAY=None, XDG_SESSION_TYPE=None)

    message = _assert_one_plain_paragraph(result)
    assert "there is no display to show it on" in message
    assert "neither DISPLAY nor WAYLAND_DISPLAY is set" in message


def test_a_display_that_cannot_be_reached_is_named(tmp_path: Path) -> None:
    if Path(f"/tmp/.X11-unix/X{UNUSED_DISPLAY[1:]}").exists():
        pytest.skip(f"an X server runs on {UNUSED_DISPLAY}")
    result = _launch(tmp_path, DISPLAY=UNUSED_DISPLAY, WAYLAND_DISPLAY=None, XDG_SESSION_TYPE=None)

    message = _assert_one_plain_paragraph(result)
    assert f'Qt could not connect to the display "{UNUSED_DISPLAY}"' in message


def test_a_missing_system_library_gives_the_apt_get_line_that_installs_it(tmp_path: Path) -> None:
    result = _launch(
        tmp_path,
        prelude=_fake_ldd(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0"]),
        DISPLAY=UNUSED_DISPLAY,
        WAYLAND_DISPLAY=None,
        XDG_SESSION_TYPE=None,
    )

    message = _assert_one_plain_paragraph(result)
    assert (
        "system libraries that are not installed (libxcb-cursor.so.0, libxkbcommon-x11.so.0)"
        in message
    )
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert f"`{sudo}apt-get install libxcb-cursor0 libxkbcommon-x11-0`" in message


def test_a_plugin_whose_own_qt_libraries_are_missing_asks_for_a_reinstall(tmp_path: Path) -> None:
    # A copy of the real xcb plugin, away from the Qt libraries it finds beside itself.
    plugin = qt_start.platform_plugin("xcb")
    assert plugin is not None
    copy = tmp_path / "plugins" / "platforms"
    copy.mkdir(parents=True)
    shutil.copy(plugin, copy / plugin.name)

    result = _launch(
        tmp_path,
        QT_QPA_PLATFORM="xcb",
        QT_QPA_PLATFORM_PLUGIN_PATH=str(copy),
        DISPLAY=UNUSED_DISPLAY,
        WAYLAND_DISPLAY=None,
    )

    message = _assert_one_plain_paragraph(result)
    assert 'Qt\'s "xcb" platform plugin is missing or damaged (libQt6XcbQpa.so.6' in message
    assert "install --force-reinstall PySide6-Essentials" in message
    assert "apt-get" not in message


def test_a_platform_qt_does_not_have_is_named_with_those_it_has(tmp_path: Path) -> None:
    result = _launch(tmp_path, QT_QPA_PLATFORM="nosuch")

    message = _assert_one_plain_paragraph(result)
    assert 'Qt has no platform plugin "nosuch", which QT_QPA_PLATFORM asks for' in message
    assert "offscreen" in message.split("it has:")[1]


def test_a_qt_that_cannot_load_a_library_is_explained_before_any_window(tmp_path: Path) -> None:
    # What a Debian without libglib2.0-0 shows: PySide6.QtCore itself cannot be loaded.
    prelude = _fake_ldd([]) + (
        "import importlib.abc, sys\n"
        "class NoGlib(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('PySide6.Qt'):\n"
        "            raise ImportError('libglib-2.0.so.0: cannot open shared object file: "
        "No such file or directory', name=name)\n"
        "sys.meta_path.insert(0, NoGlib())\n"
    )
    result = _launch(tmp_path, prelude=prelude, DISPLAY=UNUSED_DISPLAY)

    message = _assert_one_plain_paragraph(result)
    assert "system libraries that are not installed (libglib-2.0.so.0)" in message
    assert "apt-get install libglib2.0-0`" in message


def test_an_import_error_of_the_app_itself_is_not_blamed_on_qt() -> None:
    assert not qt_start.is_qt_import_failure(
        ImportError("cannot import name 'x'", name="chatplanner.ui.y")
    )
    assert qt_start.is_qt_import_failure(ImportError("whatever", name="PySide6.QtGui"))


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libX11.so.6", "libx11-6"),
        ("libGL.so.1", "libgl1"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libgthread-2.0.so.0", "libglib2.0-0"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libbz2.so.1.0", "libbz2-1.0"),
        ("libz.so.1", "zlib1g"),
    ],
)
def test_a_library_is_named_by_the_debian_package_that_carries_it(
    soname: str, package: str
) -> None:
    assert debian_package(soname) == package


@pytest.mark.skipif(shutil.which("dpkg") is None or shutil.which("ldd") is None, reason="Debian")
def test_every_system_library_of_the_xcb_plugin_maps_to_its_installed_package() -> None:
    # The rule checked against the real thing: dpkg says which package holds each library that
    # the plugin loads here.
    plugin = qt_start.platform_plugin("xcb")
    assert plugin is not None
    libraries = []
    for line in qt_start.ldd_output(plugin).splitlines():
        name, _, found = line.strip().partition(" => ")
        path = found.split(" (")[0]
        if not path.startswith(("/lib", "/usr/lib")) or qt_start.is_bundled(name):
            continue
        libraries.append((name, str(Path(path).resolve()), path))
    # One dpkg call for every path (each call reads dpkg's whole database): it prints
    # "package[, package]: path" for each path a package holds, and skips the others.
    asked = sorted({p for _name, resolved, path in libraries for p in (resolved, path)})
    answer = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False)
    owners: dict[str, set[str]] = {}
    for line in answer.stdout.splitlines():
        held_by, separator, path = line.partition(": ")
        if separator and not held_by.startswith("diversion "):
            owners.setdefault(path, set()).update(e.split(":")[0] for e in held_by.split(", "))
    wrong = []
    for name, resolved, path in libraries:
        packages = owners.get(resolved) or owners.get(path)
        if not packages:
            continue  # not from a package (a library copied by hand)
        # Ubuntu 24.04's 64-bit time_t transition renamed some packages with a "t64" suffix;
        # each provides its old name, so `apt-get install` of the old name installs it.
        if not {debian_package(name), debian_package(name) + "t64"} & packages:
            wrong.append((name, debian_package(name), sorted(packages)))
    assert wrong == []


def test_the_paragraph_puts_what_is_missing_before_the_display() -> None:
    diagnosis = Diagnosis("xcb", ["libxcb-icccm.so.4"], ["could not connect to display :0"])
    paragraph = diagnosis.paragraph()
    assert "libxcb-icccm.so.4" in paragraph
    assert "apt-get install libxcb-icccm4" in paragraph
    assert "could not connect" not in paragraph


def test_modules_imported_after_qt_are_not_read_into_memory(tmp_path: Path) -> None:
    """PySide6 reads the source of each module imported after it (its `__feature__` check) and
    keeps the lines; the app turns that off, so a module's source stays on disk."""
    (tmp_path / "imported_after_qt.py").write_text("WORDS = 'a module of the app'\n")
    script = (
        "import linecache, sys\n"
        "from chatplanner.ui.theme import new_application\n"
        "app = new_application(sys.argv[:1])\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import imported_after_qt\n"
        "print(sum(name.endswith('imported_after_qt.py') for name in linecache.cache))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
