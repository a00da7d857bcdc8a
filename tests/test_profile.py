from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chatplanner.errors import ProfileLockedError
from chatplanner.profile import (
    Profile,
    ProfileLock,
    default_profile_dir,
    ensure_profile_dir,
    resolve_profile_dir,
)


def test_data_dir_option_wins_over_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHATPLANNER_HOME", str(tmp_path / "env"))
    assert resolve_profile_dir(tmp_path / "opt") == (tmp_path / "opt").resolve()


def test_environment_chooses_profile_when_no_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHATPLANNER_HOME", str(tmp_path / "env"))
    assert resolve_profile_dir(None) == (tmp_path / "env").resolve()


def test_default_profile_is_in_the_platform_data_folder(tmp_path: Path) -> None:
    # conftest points XDG_DATA_HOME into a temporary home.
    assert resolve_profile_dir(None) == default_profile_dir()
    assert default_profile_dir().name == "chatplanner"


def test_profile_directory_is_private(tmp_path: Path) -> None:
    profile = ensure_profile_dir(tmp_path / "p")
    assert (profile.directory.stat().st_mode & 0o777) == 0o700


def test_second_lock_on_same_profile_is_refused_with_the_holder_pid(tmp_path: Path) -> None:
    profile = ensure_profile_dir(tmp_path / "p")
    with ProfileLock(profile), pytest.raises(ProfileLockedError) as raised:
        ProfileLock(profile).acquire()
    assert raised.value.holder_pid == os.getpid()
    assert "already running" in str(raised.value)


def test_lock_is_free_again_after_release(tmp_path: Path) -> None:
    profile = ensure_profile_dir(tmp_path / "p")
    ProfileLock(profile).__enter__().release()
    with ProfileLock(profile) as lock:
        assert lock.held


def test_lock_of_a_killed_process_does_not_block_the_next_start(tmp_path: Path) -> None:
    profile = ensure_profile_dir(tmp_path / "p")
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from chatplanner.profile import Profile, ProfileLock;"
            "lock = ProfileLock(Profile(Path(sys.argv[1]))); lock.acquire();"
            "print('locked', flush=True); time.sleep(60)",
            str(profile.directory),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(ProfileLockedError):
            ProfileLock(profile).acquire()
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        with ProfileLock(profile) as lock:
            assert lock.held
    finally:
        child.kill()
        child.wait(10)
        if child.stdout:
            child.stdout.close()


def test_profile_paths_live_inside_the_profile(tmp_path: Path) -> None:
    profile = Profile(tmp_path)
    for path in (
        profile.database_path,
        profile.backups_dir,
        profile.archive_dir,
        profile.lock_path,
    ):
        assert path.parent == tmp_path
