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


@pytest.mark.parametrize("held_for", [1.0, 5.0])
def test_a_launch_while_a_command_holds_the_profile_waits_for_it_then_opens(
    tmp_path: Path, held_for: float
) -> None:
    """A command (an import, a backup) holds the lock for a moment, or longer than the launch
    waits on its own (then it waits in a small window that says so): the window opens once
    the command is done, rather than saying another copy is running."""
    import json
    import subprocess
    import sys

    from chatplanner.profile import ProfileLock, ensure_profile_dir

    from .processes import ROOT, child_env

    directory = tmp_path / "p"
    lock = ProfileLock(ensure_profile_dir(directory))
    lock.acquire()  # as `chatplanner import ...` holds it while it writes
    window = subprocess.Popen(
        [sys.executable, "-m", "chatplanner", "--data-dir", str(directory)],
        cwd=ROOT,
        env=child_env(CHATPLANNER_REPORT_FIRST_PAINT="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(held_for)
        assert window.poll() is None  # still waiting, no message
        lock.release()
        out, err = window.communicate(timeout=60)
    finally:
        if window.poll() is None:
            window.kill()
        lock.release()
    assert window.returncode == 0, err
    assert "already running" not in err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["content_painted_seconds"] > held_for  # opened once the command was done


def test_two_launches_at_once_open_one_window_and_the_other_ends_quietly(tmp_path: Path) -> None:
    """The second finds the first still starting (not yet answering): it waits until the first
    window can be brought forward, with no message hidden behind it."""
    from chatplanner.services.workspace import Workspace

    directory = tmp_path / "p"
    Workspace.open(directory).close()  # made already: the first window opens within the wait
    first, second = (start("-m", "chatplanner", "--data-dir", str(directory)) for _ in range(2))
    try:
        deadline = time.monotonic() + 30
        while first.poll() is None and second.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the other one, if it were to end too
        ended = [p for p in (first, second) if p.poll() is not None]
        assert len(ended) == 1, [p.returncode for p in (first, second)]
        [quiet] = ended
        _out, err = quiet.communicate(timeout=10)
        assert quiet.returncode == 0, err
        assert "its window has been brought forward" in err
    finally:
        for process in (first, second):
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
