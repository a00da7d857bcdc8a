from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_of_a_demo_profile_writes_a_png_and_exits_zero(tmp_path: Path) -> None:
    shot = tmp_path / "people.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatplanner",
            "--data-dir",
            str(tmp_path / "p"),
            "--demo",
            "--screenshot",
            str(shot),
            "--view",
            "people",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert image.width() >= 1000
    assert image.height() >= 700


def test_demo_on_an_existing_profile_leaves_it_as_it_is(tmp_path: Path) -> None:
    from chatplanner.services.workspace import Workspace

    with Workspace.open(tmp_path / "p") as workspace:
        workspace.settings.set("user.name", "Kept")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "chatplanner",
            "--data-dir",
            str(tmp_path / "p"),
            "--demo",
            "--screenshot",
            str(tmp_path / "x.png"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with Workspace.open(tmp_path / "p") as workspace:
        assert workspace.overview.overview().contacts == 0
        assert workspace.settings.get("user.name") == "Kept"
