"""A profile on a read-only file system can be read: the commands that only read work without
the lock, the ones that write say plainly why not, and the app opens it read-only and says so.
Real read-only bind mounts, real processes for the commands."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace

from .processes import run
from .read_only_mount import read_only_view

READ_ONLY = "is read-only"


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def read_only_profile(tmp_path: Path) -> Iterator[Path]:
    source = tmp_path / "disk"
    with Workspace.open(source / "p") as workspace:
        workspace.people.contact_edits.create(
            ContactDraft(first_name="Zoë", last_name="Tremblay", notes="Met at the café")
        )
    before = _digest(source)
    with read_only_view(source, tmp_path / "mounted") as mounted:
        yield mounted / "p"
    assert _digest(source) == before  # nothing at all was written to the profile


def _chatplanner(*argv: str) -> tuple[int, str, str]:
    result = run("-m", "chatplanner", *argv, timeout=120)
    return result.returncode, result.stdout, result.stderr


def test_reading_commands_work_on_a_read_only_profile(
    read_only_profile: Path, tmp_path: Path
) -> None:
    profile = str(read_only_profile)
    status, out, err = _chatplanner("contacts", "--data-dir", profile)
    assert (status, err) == (0, "")
    assert "Zoë Tremblay" in out
    status, out, err = _chatplanner("search", "Zoë", "--data-dir", profile)
    assert status == 0, err
    status, out, err = _chatplanner("today", "--data-dir", profile)
    assert status == 0, err
    status, out, err = _chatplanner("backup", str(tmp_path / "b.json"), "--data-dir", profile)
    assert status == 0, err
    assert "Tremblay" in (tmp_path / "b.json").read_text(encoding="utf-8")
    status, out, err = _chatplanner("archive", str(tmp_path / "notes"), "--data-dir", profile)
    assert status == 0, err
    assert (tmp_path / "notes").is_dir()


def test_writing_commands_say_the_profile_is_read_only(
    read_only_profile: Path, tmp_path: Path
) -> None:
    source = Path(__file__).resolve().parents[1] / "interop" / "fixtures" / "apple_contacts.vcf"
    for argv in (
        ["import", "vcard", str(source)],
        ["archive"],
    ):
        status, _out, err = _chatplanner(*argv, "--data-dir", str(read_only_profile))
        assert status == 2, (argv, err)
        assert "read-only" in err
        assert "Traceback" not in err


def test_the_app_opens_a_read_only_profile_and_says_so(
    read_only_profile: Path, qtbot: QtBot
) -> None:
    from chatplanner.ui.main_window import MainWindow

    with Workspace.open(read_only_profile, for_writing=False) as workspace:
        assert workspace.read_only
        assert not workspace.writable
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        assert window.read_only_banner.isVisible()
        assert "cannot be written" in window.read_only_banner.text()
        assert "(read-only)" in window.windowTitle()
        assert workspace.overview.overview().contacts == 1
        # A change gives the plain message the error handler shows, and is not saved.
        with pytest.raises(ChatplannerError, match=READ_ONLY):
            workspace.settings.set("user.name", "Someone")
        window.close()
        qtbot.wait(50)


def test_the_app_started_on_a_read_only_profile_paints_its_window(
    read_only_profile: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "ro.png"
    status, _out, err = _chatplanner(
        "--data-dir", str(read_only_profile), "--screenshot", str(shot)
    )
    assert status == 0, err
    assert shot.stat().st_size > 0
