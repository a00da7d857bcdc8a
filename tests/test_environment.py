"""An unusual environment gets a plain message and status 2, or works: a profile path with
spaces and accents, no HOME, XDG folders that do not exist, a read-only home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chatplanner import profile
from chatplanner.errors import ProfileUnusableError

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _chatplanner(
    *args: str, home: Path, read_only: Path | None = None, **environment: str | None
) -> subprocess.CompletedProcess[str]:
    """`chatplanner ARGS` in a child process with HOME=home, the given variables changed (None
    removes one), and `read_only` (a folder) made read-only for it."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    for key, value in environment.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    command = [sys.executable, "-m", "chatplanner", *args]
    if read_only is not None:
        command = _read_only(read_only, command)
    return subprocess.run(
        command, cwd=home.parent, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def _read_only(folder: Path, command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return command
    # Root writes through any mode: a read-only bind mount in a mount namespace of its own.
    if shutil.which("unshare") is None:
        pytest.skip("root without unshare cannot make a folder read-only")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("no mount namespaces here")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, str(folder), *command]


def _assert_plain_failure(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("chatplanner: ")
    return result.stderr


def test_a_profile_on_a_path_with_spaces_and_accents_works(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    folder = tmp_path / "Mes données été" / "réseau pro (2026)"
    shot = tmp_path / "capture d'écran.png"

    gui = _chatplanner("--demo", "--data-dir", str(folder), "--screenshot", str(shot), home=home)
    assert gui.returncode == 0, gui.stderr
    assert shot.stat().st_size > 10_000
    listed = _chatplanner("contacts", "--json", home=home, CHATPLANNER_HOME=str(folder))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().startswith("[")
    assert (folder / "chatplanner.sqlite3").exists()


def test_without_home_the_app_works_on_the_xdg_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "unused"
    home.mkdir()
    data = tmp_path / "xdg data"
    shot = tmp_path / "today.png"

    gui = _chatplanner("--screenshot", str(shot), home=home, HOME=None, XDG_DATA_HOME=str(data))
    assert gui.returncode == 0, gui.stderr
    assert (data / "chatplanner" / "chatplanner.sqlite3").exists()
    menu = _chatplanner("--install-desktop", home=home, HOME=None, XDG_DATA_HOME=str(data))
    assert menu.returncode == 0, menu.stderr
    assert (data / "applications" / "chatplanner.desktop").exists()


def test_a_home_that_cannot_be_found_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    # No HOME and no entry in the user database: "~" stays as it is.
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    with pytest.raises(ProfileUnusableError, match="Cannot find your home folder"):
        profile.resolve_profile_dir(None)


def test_xdg_folders_that_do_not_exist_are_made_or_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    nowhere = tmp_path / "nowhere"
    shot = tmp_path / "today.png"

    gui = _chatplanner(
        "--demo",
        "--screenshot",
        str(shot),
        home=home,
        XDG_DATA_HOME=str(nowhere / "data"),
        XDG_CONFIG_HOME=str(nowhere / "config"),
        XDG_CACHE_HOME=str(nowhere / "cache"),
        XDG_RUNTIME_DIR=str(nowhere / "runtime"),
    )
    assert gui.returncode == 0, gui.stderr
    listed = _chatplanner("today", home=home, XDG_DATA_HOME=str(nowhere / "data"))
    assert listed.returncode == 0, listed.stderr
    assert (nowhere / "data" / "chatplanner" / "chatplanner.sqlite3").exists()


def test_an_xdg_data_folder_that_cannot_be_a_folder_gives_a_plain_message(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")

    gui = _chatplanner(
        "--screenshot", str(tmp_path / "x.png"), home=home, XDG_DATA_HOME=str(blocked)
    )
    err = _assert_plain_failure(gui)
    assert f"Cannot use {blocked / 'chatplanner'} as a profile" in err
    assert f"{blocked} is a file, not a folder" in err
    command = _chatplanner("today", home=home, XDG_DATA_HOME=str(blocked))
    assert _assert_plain_failure(command) == err


def test_a_file_given_as_the_profile_folder_is_named_as_a_file(tmp_path: Path) -> None:
    """It was "File exists. Check that the folder is writable": neither is the trouble."""
    home = tmp_path / "home"
    home.mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")

    gui = _chatplanner("--data-dir", str(notes), "--screenshot", str(tmp_path / "x.png"), home=home)
    err = _assert_plain_failure(gui)
    assert f"Cannot use {notes} as a profile: it is a file, not a folder." in err
    assert "writable" not in err
    below = _chatplanner("today", "--data-dir", str(notes / "profile"), home=home)
    assert f"{notes} is a file, not a folder" in _assert_plain_failure(below)
    assert notes.read_text(encoding="utf-8") == "mine"


def test_a_read_only_home_gives_a_plain_message_or_works_elsewhere(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shot = tmp_path / "today.png"

    refused = _chatplanner("--screenshot", str(shot), home=home, read_only=home, XDG_DATA_HOME=None)
    err = _assert_plain_failure(refused)
    assert f"Cannot use {home / '.local' / 'share' / 'chatplanner'} as a profile" in err
    assert "writable" in err

    elsewhere = tmp_path / "profile"
    works = _chatplanner(
        "--demo", "--data-dir", str(elsewhere), "--screenshot", str(shot), home=home, read_only=home
    )
    assert works.returncode == 0, works.stderr
    assert shot.stat().st_size > 10_000
    menu = _chatplanner("--install-desktop", home=home, read_only=home, XDG_DATA_HOME=None)
    assert _assert_plain_failure(menu).startswith("chatplanner: cannot add the menu entry in ")
