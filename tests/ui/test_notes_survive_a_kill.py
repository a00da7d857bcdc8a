"""After a second of idle, killing the process loses nothing typed in the notes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chatplanner.services.workspace import Workspace

# Runs in its own process: the Meetings page on the profile, typing, then idling until killed.
DRIVER = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.meetings import MeetingsPage

app = QApplication([])
workspace = Workspace.open(Path(sys.argv[1]))
page = MeetingsPage(workspace, QUndoStack())
page.show()
page.show_meeting(int(sys.argv[2]))
field = page.detail.notes_tab.fields["advice"]
field.setFocus()
QTest.keyClicks(field, sys.argv[3])

def ready():
    print("ready", flush=True)

QTimer.singleShot(1200, ready)  # a second of idle, with the event loop running
app.exec()
"""

TYPED = "Ask for the ugly jobs: change orders and schedule recovery."


@pytest.mark.slow
def test_killing_the_app_after_a_second_of_idle_loses_no_notes(
    tmp_path: Path, demo_profile: Path
) -> None:
    profile = demo_profile
    with Workspace.open(profile) as workspace:
        meeting = next(
            m
            for m in workspace.chats.meetings.list_meetings()
            if m.contact_name.startswith("Daniela")
        )
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        [sys.executable, str(script), str(profile), str(meeting.id), TYPED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        line = ""
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.strip() == "ready" or not line:
                break
        assert line.strip() == "ready", process.stderr.read() if process.stderr else ""
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    assert process.returncode == -signal.SIGKILL
    with Workspace.open(profile) as workspace:
        assert workspace.chats.meetings.meeting(meeting.id).notes.advice.endswith(TYPED)
        assert workspace.chats.archive.search("schedule recovery")
