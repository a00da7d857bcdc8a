"""No name can make an archive file outside the archive folder."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.enums import MeetingMode
from chatplanner.interop.archive_markdown import ArchiveWriter, MeetingArchiveEntry

_TRAVERSAL = st.sampled_from(
    ["../", "..\\", "/etc/passwd", "C:\\Windows\\", "~", ".", "..", "\x00", "CON", "a/b", " ", ""]
)
_names = st.lists(_TRAVERSAL | st.text(max_size=40), max_size=6).map("".join)


def _files_under(root: Path) -> set[Path]:
    return {Path(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


@settings(max_examples=60, deadline=None)
@given(names=st.lists(_names, min_size=1, max_size=5))
def test_any_contact_names_write_files_only_inside_the_archive(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        archive = base / "profile" / "archive"
        archive.mkdir(parents=True)
        entries = [
            MeetingArchiveEntry(i + 1, name, date(2026, 1, 2), MeetingMode.ONLINE, free_notes=name)
            for i, name in enumerate(names)
        ]
        ArchiveWriter(archive).sync(entries)
        everything = _files_under(base)
        inside = _files_under(archive)
        assert everything == inside
        assert all(path.resolve().parent == archive.resolve() for path in inside)
        assert len(inside) == len(names) + 2  # one per meeting, the index and the manifest
