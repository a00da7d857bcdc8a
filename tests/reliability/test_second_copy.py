"""A second copy on the same profile is refused cleanly; a killed first copy blocks nothing."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from .processes import run, start

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX")]


def _wait_for_lock_holder(lock: Path, pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text(encoding="ascii").strip() == str(pid):
            return
        time.sleep(0.05)
    raise AssertionError(f"the first copy never took the lock {lock}")


def test_second_copy_is_refused_and_a_killed_first_copy_leaves_no_stale_lock(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "p"
    first = start("-m", "chatplanner", "--data-dir", str(directory))
    try:
        _wait_for_lock_holder(directory / ".lock", first.pid)
        time.sleep(0.5)  # let it finish building its window

        gui = run("-m", "chatplanner", "--data-dir", str(directory), "--screenshot", "x.png")
        assert gui.returncode == 1
        assert "already running on the profile" in gui.stderr
        assert f"(process {first.pid})" in gui.stderr

        backup = tmp_path / "b.json"
        made = run("-m", "chatplanner", "backup", str(backup), "--data-dir", str(tmp_path / "e"))
        assert made.returncode == 0, made.stderr
        writer = run("-m", "chatplanner", "restore", str(backup), "--data-dir", str(directory))
        assert writer.returncode == 2
        assert "already running" in writer.stderr
        assert first.poll() is None  # the first copy is untouched
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    shot = tmp_path / "after.png"
    after = run("-m", "chatplanner", "--data-dir", str(directory), "--screenshot", str(shot))
    assert after.returncode == 0, after.stderr
    assert shot.stat().st_size > 0


def test_deleting_the_lock_file_lets_no_writer_and_no_second_window_in(tmp_path: Path) -> None:
    directory = tmp_path / "p"
    first = start("-m", "chatplanner", "--data-dir", str(directory))
    try:
        _wait_for_lock_holder(directory / ".lock", first.pid)
        (directory / ".lock").unlink()

        source = tmp_path / "empty"
        assert (
            run(
                "-m", "chatplanner", "backup", str(tmp_path / "b.json"), "--data-dir", str(source)
            ).returncode
            == 0
        )
        writer = run(
            "-m", "chatplanner", "restore", str(tmp_path / "b.json"), "--data-dir", str(directory)
        )
        assert writer.returncode == 2
        assert "already running" in writer.stderr

        gui = run("-m", "chatplanner", "--data-dir", str(directory), "--screenshot", "x.png")
        assert gui.returncode == 1
        assert "already running on the profile" in gui.stderr
        assert first.poll() is None
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    # The killed copy's locks went with it.
    shot = tmp_path / "after.png"
    after = run("-m", "chatplanner", "--data-dir", str(directory), "--screenshot", str(shot))
    assert after.returncode == 0, after.stderr


def test_a_second_launch_brings_the_running_window_forward_and_ends_quietly(
    tmp_path: Path,
) -> None:
    # As a click on the menu entry does while the app runs: no box to dismiss, status 0.
    import tempfile

    from chatplanner.ui.single_instance import server_name

    directory = tmp_path / "p"
    first = start("-m", "chatplanner", "--data-dir", str(directory))
    try:
        _wait_for_lock_holder(directory / ".lock", first.pid)
        socket = Path(tempfile.gettempdir()) / server_name(directory.resolve())
        deadline = time.monotonic() + 60
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert socket.exists(), "the first copy never listened for other launches"

        second = run("-m", "chatplanner", "--data-dir", str(directory), timeout=60)

        assert second.returncode == 0, second.stderr
        assert "its window has been brought forward" in second.stderr
        assert first.poll() is None
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
