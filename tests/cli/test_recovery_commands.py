"""A damaged database on the command line: the hint, then `chatplanner recover`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _damaged_profile_with_a_backup(directory: Path) -> None:
    with Workspace.open(directory, clock=lambda: START) as workspace:
        workspace.settings.set("user.name", "Recovered")
    Workspace.open(directory, clock=lambda: START + timedelta(days=1)).close()
    db_path = directory / "chatplanner.sqlite3"
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))


def test_a_damaged_database_prints_the_recover_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _damaged_profile_with_a_backup(tmp_path / "p")
    assert main(["contacts", "--data-dir", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err
    assert "chatplanner recover --data-dir" in err and "kept aside" in err


def test_recover_lists_then_restores_the_newest_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    _damaged_profile_with_a_backup(directory)
    assert main(["recover", "--list", "--data-dir", str(directory)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in listed] == [
        "auto-20260303-093000.sqlite3",
        "auto-20260302-093000.sqlite3",
    ]
    assert main(["recover", "--data-dir", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "Restored the automatic backup" in out and "replaced-" in out
    with Workspace.open(directory) as workspace:
        assert workspace.settings.get("user.name") == "Recovered"


def test_recover_of_an_unknown_backup_name_says_how_to_list_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace.open(tmp_path / "p").close()
    assert main(["recover", "--backup", "nope", "--data-dir", str(tmp_path / "p")]) == 2
    assert "recover --list" in capsys.readouterr().err
