"""Files written outside the database: never through a planted link, always private, atomic."""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.enums import MeetingMode
from chatplanner.interop.archive_markdown import ArchiveWriter, MeetingArchiveEntry
from chatplanner.interop.safe_files import (
    PrivateFileBatch,
    is_temporary_name,
    make_private_folder,
    private_file,
    remove_stale_temporaries,
    write_private_file,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _entry(meeting_id: int, notes: str = "Private notes") -> MeetingArchiveEntry:
    return MeetingArchiveEntry(
        meeting_id, "Ada Lovelace", date(2026, 3, 5), MeetingMode.ONLINE, free_notes=notes
    )


def test_links_planted_at_the_old_predictable_temporary_names_are_never_followed(
    tmp_path: Path,
) -> None:
    # Someone who can write to a shared archive folder plants links for the coming process ids.
    archive = tmp_path / "archive"
    archive.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    victim.chmod(0o644)
    entry = _entry(1, notes="Salary they mentioned: 140k")
    for pid in range(os.getpid() - 5, os.getpid() + 50):
        for name in (entry.file_name, "index.md", ".chatplanner-archive.json"):
            (archive / f".{name}.{pid}.tmp").symlink_to(victim)

    ArchiveWriter(archive).sync([entry])

    assert victim.read_text(encoding="utf-8") == "the user's own file\n"
    assert _mode(victim) == 0o644
    assert "140k" in (archive / entry.file_name).read_text(encoding="utf-8")


_NAMES = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/\0"),
    min_size=1,
    max_size=30,
).filter(lambda name: name not in (".", ".."))


@settings(max_examples=40, deadline=None)
@given(target=_NAMES, planted=st.lists(_NAMES, max_size=8))
def test_whatever_is_planted_in_the_folder_only_the_target_changes(
    target: str, planted: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        folder = base / "folder"
        folder.mkdir()
        victim = base / "victim"
        victim.write_bytes(b"keep")
        for name in planted:
            # Links under every name, and under names shaped like our temporary files.
            for link in (name, f".{target}.{name}.cptmp"):
                path = folder / link
                if link != target and not os.path.lexists(path) and len(link.encode()) < 250:
                    path.symlink_to(victim)
        if len(f".{target}.".encode()) > 240:
            return
        before = {p.name: os.readlink(p) for p in folder.iterdir() if p.is_symlink()}

        write_private_file(folder / target, b"new content")

        assert victim.read_bytes() == b"keep"
        assert (folder / target).read_bytes() == b"new content"
        assert not (folder / target).is_symlink()
        after = {p.name: os.readlink(p) for p in folder.iterdir() if p.is_symlink()}
        before.pop(target, None)
        assert after == before
        # No temporary file of ours stays (the planted links named like them do).
        assert [
            p for p in folder.iterdir() if is_temporary_name(p.name) and not p.is_symlink()
        ] == []


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o002])
def test_files_and_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        folder = make_private_folder(tmp_path / "new" / "folder")
        write_private_file(folder / "export.vcf", b"x")
    finally:
        os.umask(old)
    assert _mode(folder) == 0o700
    assert _mode(folder / "export.vcf") == 0o600


def test_a_loose_file_that_is_replaced_becomes_private(tmp_path: Path) -> None:
    target = tmp_path / "contacts.vcf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private_file(target, b"new")
    assert _mode(target) == 0o600
    assert target.read_bytes() == b"new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(b"old")
    # The failure has to happen inside the block: that is what is tested.
    with pytest.raises(RuntimeError), private_file(target) as handle:  # noqa: PT012
        handle.write(b"half of it")
        raise RuntimeError("disk pulled out")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def _aged(path: Path) -> None:
    old = time.time() - 3600
    os.utime(path, (old, old), follow_symlinks=False)


def test_only_our_own_unheld_old_temporaries_are_cleaned_up(tmp_path: Path) -> None:
    left = tmp_path / ".2026-03-05 Ada (1).md.abc123xy.cptmp"
    left.write_text("notes of a killed write", encoding="utf-8")
    held = tmp_path / ".index.md.zzz999qq.cptmp"
    held.write_text("a write in progress", encoding="utf-8")
    fresh = tmp_path / ".index.md.fresh000.cptmp"
    fresh.write_text("just created", encoding="utf-8")
    users = tmp_path / "my.cptmp"
    users.write_text("the user's", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.write_text("keep", encoding="utf-8")
    link = tmp_path / ".link.md.abcdefgh.cptmp"
    link.symlink_to(outside)
    for path in (left, held, users, link):
        _aged(path)
    descriptor = os.open(held, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        removed = remove_stale_temporaries(tmp_path)
    finally:
        os.close(descriptor)
    assert removed == [left.name]
    assert held.exists()
    assert fresh.exists()
    assert users.exists()
    assert link.is_symlink()
    assert outside.read_text(encoding="utf-8") == "keep"


def test_a_batch_writes_privately_through_no_link_and_drops_everything_on_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (folder / "b.md").symlink_to(victim)
    old = os.umask(0)
    try:
        with PrivateFileBatch(folder, chunk=2) as batch:
            for name in ("a.md", "b.md", "c.md"):
                batch.write(folder / name, name.encode())
    finally:
        os.umask(old)
    assert victim.read_bytes() == b"keep"
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "b.md", "c.md"]
    for name in ("a.md", "b.md", "c.md"):
        assert (folder / name).read_bytes() == name.encode()
        assert _mode(folder / name) == 0o600

    with pytest.raises(RuntimeError), PrivateFileBatch(folder) as batch:  # noqa: PT012
        batch.write(folder / "a.md", b"half")
        raise RuntimeError("stopped")
    assert (folder / "a.md").read_bytes() == b"a.md"
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "b.md", "c.md"]


def test_an_export_removes_what_a_killed_export_of_the_same_file_left(tmp_path: Path) -> None:
    mine = tmp_path / ".contacts.vcf.abcdefgh.cptmp"
    mine.write_text("BEGIN:VCARD half written", encoding="utf-8")
    other = tmp_path / ".notes.eml.abcdefgh.cptmp"
    other.write_text("another file's", encoding="utf-8")
    for path in (mine, other):
        _aged(path)
    write_private_file(tmp_path / "contacts.vcf", b"BEGIN:VCARD", tidy=True)
    assert not mine.exists()
    assert other.exists()


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir], ids=["pipe", "folder"])
def test_what_is_not_a_file_is_never_replaced(tmp_path: Path, make: object) -> None:
    # A user who names /dev/null (or a pipe) as the file to write must not lose the device:
    # the rename would put a plain file in its place.
    target = tmp_path / "target"
    make(target)  # type: ignore[operator]
    kind = stat.S_IFMT(target.lstat().st_mode)
    with pytest.raises(OSError, match="not a file; nothing was written"):
        write_private_file(target, b"data")
    with pytest.raises(OSError, match="not a file"), PrivateFileBatch(tmp_path) as batch:
        batch.write(target, b"data")
    assert stat.S_IFMT(target.lstat().st_mode) == kind
    assert sorted(path.name for path in tmp_path.iterdir()) == ["target"]  # no temporary left


def test_a_file_nothing_needs_after_a_crash_is_written_privately_without_flushing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        flushed.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "chevron.svg"
    write_private_file(target, b"<svg/>", durable=False)
    assert target.read_bytes() == b"<svg/>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert flushed == []
    write_private_file(target, b"<svg></svg>")  # by default, on disk before it replaces
    assert len(flushed) == 2  # the file, then its folder's entry
