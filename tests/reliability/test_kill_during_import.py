"""SIGKILL in the middle of a large write leaves a sound database with all of it or none."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from chatplanner.services.workspace import Workspace

from .processes import ROOT, run, start

DRIVER = str(ROOT / "tests" / "reliability" / "bulk_insert_driver.py")
COUNT = 30_000

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX")]


def _check(directory: Path) -> int:
    # Opening through the app first: recovery of the WAL happens the way a user would see it.
    Workspace.open(directory).close()
    database = sqlite3.connect(directory / "chatplanner.sqlite3")
    try:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return int(database.execute("SELECT count(*) FROM contacts").fetchone()[0])
    finally:
        database.close()


def test_killed_mid_import_keeps_none_of_it_and_passes_integrity_check(tmp_path: Path) -> None:
    directory = tmp_path / "p"
    Workspace.open(directory).close()
    process = start(DRIVER, str(directory), str(COUNT))
    assert process.stdout is not None
    written = 0
    for line in process.stdout:
        if line.startswith("progress"):
            written = int(line.split()[1])
            if written >= COUNT // 2:
                process.send_signal(signal.SIGKILL)
                break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    assert COUNT // 2 <= written < COUNT  # it really died half-way
    assert _check(directory) == 0


def test_an_import_left_to_finish_keeps_all_of_it(tmp_path: Path) -> None:
    result = run(DRIVER, str(tmp_path / "p"), str(COUNT))
    assert result.returncode == 0, result.stderr
    assert f"committed {COUNT}" in result.stdout
    assert _check(tmp_path / "p") == COUNT
