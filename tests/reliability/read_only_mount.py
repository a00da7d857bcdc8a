"""A folder seen through a read-only bind mount, as a backup disk or a mounted image is.

Needs the right to mount (root with CAP_SYS_ADMIN, as in the project's CI container); the
tests that use it are skipped elsewhere. A chmod'ed folder would not do: the superuser writes
through file modes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only_view(source: Path, mount_point: Path) -> Iterator[Path]:
    """`source` mounted read-only at `mount_point` for the duration."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mount_point.mkdir(parents=True, exist_ok=True)
    bound = subprocess.run(
        ["mount", "--bind", str(source), str(mount_point)], capture_output=True, check=False
    )
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode(errors='replace').strip()}")
    try:
        remount = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(mount_point)], capture_output=True, check=False
        )
        if remount.returncode != 0:
            pytest.skip("cannot make a bind mount read-only here")
        yield mount_point
    finally:
        unmounted = subprocess.run(["umount", str(mount_point)], capture_output=True, check=False)
        if unmounted.returncode != 0:  # still busy (a thread's connection): detach it anyway
            subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)
