"""A polite request to stop (SIGTERM: the desktop logging out or shutting down; Ctrl+C in the
terminal) closes the window as the user closing it would: it says where it was, takes its
temporary files with it, and the app ends normally."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chatplanner.ui.single_instance import server_name
from tests.reporting_app import ROOT, reporting_app_env


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_request_to_stop_closes_the_window_and_leaves_nothing_behind(
    demo_profile: Path, tmp_path: Path, number: signal.Signals
) -> None:
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    state = demo_profile / "ui-state.ini"
    assert "geometry" not in (state.read_text(encoding="utf-8") if state.exists() else "")
    # The report's last line, which would close the window, long after the signal.
    env = reporting_app_env(tmp_path, settle_ms=60_000, TMPDIR=str(temporary))
    app = subprocess.Popen(
        [sys.executable, "-m", "chatplanner", "--data-dir", str(demo_profile)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        app.stdout.readline()  # the first paint
        assert "content_painted_seconds" in app.stdout.readline()  # Today, with its data
        # Wholly open once it listens for a second launch on this profile.
        listening = temporary / server_name(demo_profile.resolve())
        deadline = time.monotonic() + 30
        while not listening.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert listening.exists()
        app.send_signal(number)
        status = app.wait(timeout=30)
    finally:
        app.kill()
    assert app.stderr is not None
    said = app.stderr.read()
    assert status == 0, said
    assert "Error" not in said
    assert list(temporary.iterdir()) == []  # the style sheet's images are gone with it
    # Closed as a user closes it: where the window was is kept for the next start.
    assert "geometry" in state.read_text(encoding="utf-8")
