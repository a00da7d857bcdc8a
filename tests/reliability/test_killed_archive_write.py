"""An archive write killed with `kill -9` leaves no notes behind in temporary files: the next
write removes them, and never one that a live writer still holds."""

from __future__ import annotations

import os
import signal
import textwrap
import time
from pathlib import Path

from chatplanner.interop.safe_files import is_temporary_name, remove_stale_temporaries
from chatplanner.services.workspace import Workspace

from .processes import run, start

# A writer that stops for good right before its first rename, as a killed one would.
_STALLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from chatplanner.services.workspace import Workspace

    def stall(source, target):
        print("stalled", source, flush=True)
        time.sleep(600)

    os.replace = stall
    with Workspace.open(Path(sys.argv[1])) as workspace:
        workspace.chats.archive.sync()
    """
)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_temporary_name(p.name)]


def test_temporary_files_of_a_killed_archive_write_are_removed_by_the_next_write(
    demo_profile: Path,
) -> None:
    profile = demo_profile
    with Workspace.open(profile) as workspace:
        folder = workspace.chats.archive.directory()
    writer = start("-c", _STALLED_WRITER, str(profile))
    try:
        assert writer.stdout is not None
        line = writer.stdout.readline()
        assert line.startswith("stalled"), writer.stderr.read() if writer.stderr else line
        left = _temporaries(folder)
        # Notes on disk, not yet renamed into place.
        assert left
        assert all(path.stat().st_size > 0 for path in left)
        # While the writer lives its files are held: even old-looking ones are not touched.
        old = time.time() - 3600
        for path in left:
            os.utime(path, (old, old))
        assert remove_stale_temporaries(folder) == []
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert sorted(_temporaries(folder)) == sorted(left)  # the killed write left its notes

    finished = run("-m", "chatplanner", "archive", "--data-dir", str(profile))

    assert finished.returncode == 0, finished.stderr
    assert _temporaries(folder) == []
    assert any(p.name.endswith(").md") for p in folder.iterdir())
