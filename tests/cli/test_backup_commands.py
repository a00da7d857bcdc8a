"""`chatplanner backup` and `restore`: what a refused restore leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.backup import BackupService, RestoreRefusedError


def _backup_of_an_empty_profile(tmp_path: Path) -> Path:
    target = tmp_path / "empty.json"
    assert main(["backup", str(target), "--data-dir", str(tmp_path / "source")]) == 0
    return target


def test_a_restore_refused_while_writing_removes_the_folders_it_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = _backup_of_an_empty_profile(tmp_path)

    def refuse(_self: BackupService, _document: object) -> None:
        raise RestoreRefusedError("The restore failed and nothing was changed: disk full.")

    monkeypatch.setattr(BackupService, "restore_document", refuse)
    status = main(["restore", str(backup), "--data-dir", str(tmp_path / "new" / "p")])
    assert status == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_refused_restore_into_an_existing_folder_keeps_the_folder_and_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _backup_of_an_empty_profile(tmp_path)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")

    def refuse(_self: BackupService, _document: object) -> None:
        raise RestoreRefusedError("refused")

    monkeypatch.setattr(BackupService, "restore_document", refuse)
    assert main(["restore", str(backup), "--data-dir", str(folder)]) == 2
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_restore_into_a_new_folder_works(tmp_path: Path) -> None:
    backup = _backup_of_an_empty_profile(tmp_path)
    assert main(["restore", str(backup), "--data-dir", str(tmp_path / "new" / "p")]) == 0
    assert (tmp_path / "new" / "p" / "chatplanner.sqlite3").exists()
