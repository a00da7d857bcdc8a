"""SIGKILL in the middle of an import's commit leaves a sound database with all of it or none.

The driver imports a 30,000-row LinkedIn Connections.csv through the real import service
(preview, then one-transaction commit) and says `writing` once rows are in the transaction.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from chatplanner.services.workspace import Workspace

from .processes import ROOT, run, start

DRIVER = str(ROOT / "tests" / "reliability" / "bulk_insert_driver.py")
COUNT = 30_000

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX")]


def _check(directory: Path) -> tuple[int, int]:
    """(contacts, stage events) after the app has opened the profile again."""
    # Opening through the app first: recovery of the WAL happens the way a user would see it.
    Workspace.open(directory).close()
    database = sqlite3.connect(directory / "chatplanner.sqlite3")
    try:
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        contacts = int(database.execute("SELECT count(*) FROM contacts").fetchone()[0])
        events = int(database.execute("SELECT count(*) FROM stage_events").fetchone()[0])
        return contacts, events
    finally:
        database.close()


def _kill_on_writing(process: subprocess.Popen[str]) -> tuple[int, int]:
    """Read the driver's lines until it is writing, SIGKILL it; (previewed, written so far)."""
    assert process.stdout is not None
    previewed = written = 0
    try:
        for line in process.stdout:
            if line.startswith("previewed"):
                previewed = int(line.split()[1])
            elif line.startswith("writing"):
                written = int(line.split()[1])
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = process.stderr.read() if process.stderr else ""
    assert process.returncode == -signal.SIGKILL, stderr
    return previewed, written


# The app's import (through the database layer) and the command's (the sqlite3 module alone).
WAYS = pytest.mark.parametrize("way", [[], ["--plain"]], ids=["sessions", "plain"])


@WAYS
def test_killed_mid_commit_keeps_none_of_it_and_passes_integrity_check(
    tmp_path: Path, way: list[str]
) -> None:
    directory = tmp_path / "p"
    Workspace.open(directory).close()
    # --hold: the driver waits inside the open transaction, so the kill surely lands mid-commit.
    previewed, written = _kill_on_writing(start(DRIVER, str(directory), str(COUNT), "--hold", *way))
    assert previewed == COUNT
    assert 0 < written < COUNT  # rows were already in the transaction when it died
    assert _check(directory) == (0, 0)


@WAYS
def test_killed_while_writing_at_full_speed_keeps_all_or_none(
    tmp_path: Path, way: list[str]
) -> None:
    directory = tmp_path / "p"
    Workspace.open(directory).close()
    previewed, written = _kill_on_writing(start(DRIVER, str(directory), str(COUNT), *way))
    assert previewed == COUNT
    assert written > 0
    # Wherever the kill landed (rows, the commit itself, just after), never a part of it.
    assert _check(directory) in {(0, 0), (COUNT, COUNT)}


def test_an_import_left_to_finish_keeps_all_of_it(tmp_path: Path) -> None:
    result = run(DRIVER, str(tmp_path / "p"), str(COUNT))
    assert result.returncode == 0, result.stderr
    assert f"committed {COUNT}" in result.stdout
    assert _check(tmp_path / "p") == (COUNT, COUNT)
