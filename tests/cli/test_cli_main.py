from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatplanner import __version__
from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "backup" in out and "restore" in out and "--data-dir" in out


def test_backup_then_restore_then_backup_gives_the_same_document(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    with Workspace.open(tmp_path / "source") as workspace:
        workspace.seed_demo()
    assert main(["backup", str(first), "--data-dir", str(tmp_path / "source")]) == 0
    assert main(["--data-dir", str(tmp_path / "copy"), "restore", str(first)]) == 0
    assert main(["backup", str(second), "--data-dir", str(tmp_path / "copy")]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["tables"]["contacts"]


def test_restore_of_a_file_that_is_not_json_fails_with_status_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xffnot json")
    assert main(["restore", str(junk), "--data-dir", str(tmp_path / "p")]) == 2
    assert "chatplanner:" in capsys.readouterr().err
    with Workspace.open(tmp_path / "p") as workspace:
        assert workspace.overview.overview().is_empty


def test_a_writing_command_while_the_profile_is_in_use_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "a.json"
    with Workspace.open(tmp_path / "source") as workspace:
        workspace.seed_demo()
    assert main(["backup", str(backup), "--data-dir", str(tmp_path / "source")]) == 0
    with Workspace.open(tmp_path / "busy"):
        assert main(["restore", str(backup), "--data-dir", str(tmp_path / "busy")]) == 2
    assert "already running" in capsys.readouterr().err
