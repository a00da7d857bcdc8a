"""`chatplanner archive` with nothing changed reads the profile with the sqlite3 module alone
(SQLAlchemy is not loaded), and whatever changes after it still reaches the archive."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.services.context import ZONE_SETTING
from chatplanner.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from chatplanner.cli.main import main

status = main(sys.argv[1:])
print(status, any(name.split(".")[0] == "sqlalchemy" for name in sys.modules))
"""


def _archive(profile: Path, home: Path) -> tuple[str, bool]:
    """What `chatplanner archive` printed, and whether it loaded SQLAlchemy."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--data-dir", str(profile), "archive"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "HOME": str(home), "TZ": "America/Toronto"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    *printed, last = done.stdout.strip().splitlines()
    status, loaded = last.split()
    assert status == "0"
    return printed[-1], loaded == "True"


def test_an_unchanged_archive_loads_no_sqlalchemy_and_a_change_is_still_written(
    demo_profile: Path, tmp_path: Path
) -> None:
    said, _loaded = _archive(demo_profile, tmp_path)
    assert ": 8 written, 0 updated, 0 unchanged." in said
    said, loaded = _archive(demo_profile, tmp_path)
    assert ": 0 written, 0 updated, 8 unchanged." in said
    assert not loaded
    with sqlite3.connect(demo_profile / "chatplanner.sqlite3") as database:
        archived = database.execute("SELECT min(meeting_id) FROM archive_files").fetchone()[0]
    with Workspace.open(demo_profile) as workspace:
        workspace.chats.meetings.save_notes(archived, NoteSections(free_notes="Met again"))
    said, loaded = _archive(demo_profile, tmp_path)
    assert ": 0 written, 1 updated, 7 unchanged." in said
    assert loaded  # the new file is recorded in the database
    folder = demo_profile / "archive"
    assert any("Met again" in path.read_text(encoding="utf-8") for path in folder.glob("*.md"))
    said, loaded = _archive(demo_profile, tmp_path)
    assert ": 0 written, 0 updated, 8 unchanged." in said
    assert not loaded


def test_the_zone_chosen_in_preferences_counts_before_the_database_opens(
    demo_profile: Path, tmp_path: Path
) -> None:
    _archive(demo_profile, tmp_path)
    with Workspace.open(demo_profile) as workspace:
        workspace.settings.set(ZONE_SETTING, "Asia/Tokyo")
    said, _loaded = _archive(demo_profile, tmp_path)
    assert ": 0 written, 8 updated, 0 unchanged." in said  # the times in the user's zone
    said, loaded = _archive(demo_profile, tmp_path)
    assert ": 0 written, 0 updated, 8 unchanged." in said
    assert not loaded
