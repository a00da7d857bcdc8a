"""`chatplanner --install-desktop` puts the app in the desktop's menu; `--uninstall-desktop`
takes it out again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from chatplanner.cli.main import main
from chatplanner.ui.desktop_entry import PNG_SIZES, DesktopFiles, exec_value

validator = shutil.which("desktop-file-validate")


def _entry(data_home: Path) -> dict[str, str]:
    text = (data_home / "applications" / "chatplanner.desktop").read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    return dict(line.split("=", 1) for line in text.splitlines()[1:] if line)


def _exec_arguments(value: str) -> list[str]:
    """The arguments of an Exec value, read as the Desktop Entry Specification says: a string
    (backslash escapes), then arguments, quoted ones with \\" \\` \\$ \\\\ escapes, and %% for %."""
    text = value.replace("\\\\", "\\")
    arguments: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\" and text[index + 1] in '"`$\\':
            current.append(text[index + 1])
            index += 1
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            arguments.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


def _validate(data_home: Path) -> None:
    if validator is None:
        return
    checked = subprocess.run(
        [validator, str(data_home / "applications" / "chatplanner.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _fake_program(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `chatplanner` program in `folder`, as the one the user ran."""
    folder.mkdir(parents=True)
    program = folder / "chatplanner"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(program), "--install-desktop"])
    return program


def test_install_desktop_writes_a_valid_entry_and_the_icon_in_every_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    program = _fake_program(tmp_path / "venv" / "bin", monkeypatch)

    assert main(["--install-desktop"]) == 0

    out = capsys.readouterr().out
    assert (
        f"Added chatplanner to the menu: {data_home / 'applications' / 'chatplanner.desktop'}"
        in out
    )
    assert f"{program} --uninstall-desktop removes them." in out  # the command as it was run
    entry = _entry(data_home)
    assert entry["Name"] == "chatplanner"
    assert entry["Icon"] == "chatplanner"
    assert entry["StartupWMClass"] == "chatplanner"  # the app's name, which Qt makes WM_CLASS
    assert _exec_arguments(entry["Exec"]) == [str(program)]
    assert entry["TryExec"] == str(program)
    svg = data_home / "icons" / "hicolor" / "scalable" / "apps" / "chatplanner.svg"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    for size in PNG_SIZES:
        image = QImage(
            str(data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "chatplanner.png")
        )
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 10).alpha() == 255  # drawn, not blank
    _validate(data_home)


def test_an_entry_for_a_path_with_spaces_accents_and_dollars_starts_that_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    program = _fake_program(tmp_path / "Mes applis été $HOME 100%" / "bin", monkeypatch)
    profile = tmp_path / 'réseau pro "2026"'

    assert main(["--install-desktop", "--data-dir", str(profile)]) == 0

    entry = _entry(data_home)
    assert _exec_arguments(entry["Exec"]) == [str(program), "--data-dir", str(profile)]
    _validate(data_home)


def test_uninstall_desktop_removes_what_install_wrote_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    _fake_program(tmp_path / "bin", monkeypatch)
    other = data_home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert main(["--install-desktop"]) == 0

    assert main(["--uninstall-desktop"]) == 0

    assert "Removed chatplanner from the menu (6 files)." in capsys.readouterr().out
    assert not any(path.exists() for path in DesktopFiles(data_home).all())
    assert other.exists()
    assert main(["--uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", "not/absolute")
    monkeypatch.chdir(tmp_path)
    _fake_program(tmp_path / "bin", monkeypatch)

    assert main(["--install-desktop"]) == 0

    assert (
        tmp_path / "home" / ".local" / "share" / "applications" / "chatplanner.desktop"
    ).exists()
    assert not (tmp_path / "not").exists()


def test_a_data_folder_that_cannot_be_written_gives_a_plain_message_and_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file where the folder should be: refused even for root, as a read-only home is.
    blocked = tmp_path / "data"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    _fake_program(tmp_path / "bin", monkeypatch)

    assert main(["--install-desktop"]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"chatplanner: cannot add the menu entry in {blocked}: ")
    assert "Traceback" not in err


def test_a_line_break_in_the_program_path_is_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        exec_value(["/tmp/a\nb/chatplanner"])


def test_the_running_app_names_itself_as_its_menu_entry_does(qtbot: object, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    shot = tmp_path / "today.png"
    assert main(["--demo", "--screenshot", str(shot)]) == 0

    assert QApplication.applicationName() == "chatplanner"
    assert QApplication.applicationDisplayName() == "chatplanner"
    assert QApplication.desktopFileName() == "chatplanner"  # chatplanner.desktop
    assert not QApplication.windowIcon().isNull()
