"""Pipes, devices and folders given as files are refused at once with a plain message, and a
refused restore into a folder that did not exist leaves nothing behind. Real processes, so a
file that blocks the reader shows as a timeout instead of hanging the test run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .processes import run

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")


def _chatplanner(*argv: str) -> subprocess.CompletedProcess[str]:
    try:
        return run("-m", "chatplanner", *argv, timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - the defect this test is about
        pytest.fail(f"chatplanner {' '.join(argv)} hung on a file that is not a regular file")


@pytest.fixture(params=["fifo", "device", "folder"])
def not_a_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    if request.param == "fifo":
        path = tmp_path / "contacts.vcf"
        os.mkfifo(path)
        return path, "a pipe"
    if request.param == "device":
        return Path("/dev/zero"), "a device"
    path = tmp_path / "backup.json"
    path.mkdir()
    return path, "a folder"


@pytest.mark.parametrize("kind", ["vcard", "linkedin", "google"])
def test_import_refuses_anything_but_a_regular_file(
    kind: str, not_a_file: tuple[Path, str], tmp_path: Path
) -> None:
    path, what = not_a_file
    profile = tmp_path / "profile"
    result = _chatplanner("import", kind, str(path), "--data-dir", str(profile))
    assert result.returncode == 2, result.stderr
    assert f"it is {what}, not a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_refuses_anything_but_a_regular_file_and_creates_no_profile(
    not_a_file: tuple[Path, str], tmp_path: Path
) -> None:
    path, what = not_a_file
    profile = tmp_path / "new" / "profile"
    result = _chatplanner("restore", str(path), "--data-dir", str(profile))
    assert result.returncode == 2, result.stderr
    assert f"is {what}, not a backup file; nothing was changed" in result.stderr
    assert not (tmp_path / "new").exists()


def test_a_refused_restore_into_a_new_folder_leaves_nothing_behind(tmp_path: Path) -> None:
    backup = tmp_path / "b.json"
    backup.write_text(json.dumps({"format": "chatplanner-backup"}), encoding="utf-8")
    profile = tmp_path / "new" / "profile"
    result = _chatplanner("restore", str(backup), "--data-dir", str(profile))
    assert result.returncode == 2, result.stderr
    assert "Nothing was changed" in result.stderr or "nothing was changed" in result.stderr
    assert not (tmp_path / "new").exists()
