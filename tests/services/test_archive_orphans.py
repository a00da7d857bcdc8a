"""Deleted meetings leave no Markdown file behind in the archive folder, and nothing else goes."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from chatplanner.db.models import ArchiveFile, Contact, Meeting
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.interop.archive_manifest import MANIFEST_NAME
from chatplanner.services.archive import SyncResult
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def _meeting(workspace: Workspace, first: str) -> tuple[int, int]:
    """(contact id, meeting id) of a done chat with notes."""
    moment = NOW - timedelta(days=1)
    with workspace.context.sessions.begin() as session:
        contact = Contact(first_name=first, created_at=moment, updated_at=moment)
        session.add(contact)
        session.flush()
        meeting = Meeting(
            contact_id=contact.id,
            starts_at=moment,
            timezone="UTC",
            status="done",
            created_at=moment,
            updated_at=moment,
        )
        session.add(meeting)
        session.flush()
        ids = contact.id, meeting.id
    workspace.chats.meetings.save_notes(ids[1], NoteSections(free_notes=f"Talked with {first}"))
    return ids


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_deleting_a_contact_removes_their_meeting_file_and_index_line_at_once(
    workspace: Workspace,
) -> None:
    ada, _ = _meeting(workspace, "Ada")
    _meeting(workspace, "Bo")
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory()
    assert len([n for n in _files(folder) if n.endswith(").md")]) == 2

    workspace.people.contact_edits.delete([ada])

    names = _files(folder)
    assert not any("Ada" in name for name in names)
    assert any("Bo" in name for name in names)
    assert "Ada" not in (folder / "index.md").read_text(encoding="utf-8")
    assert _counts(workspace.chats.archive.sync()) == (0, 0, 1, 0)  # nothing left to tidy


def test_undoing_the_deletion_writes_the_file_back(workspace: Workspace) -> None:
    ada, _ = _meeting(workspace, "Ada")
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory()
    # The manifest records a new state with every change; the notes and index come back.
    before = {n: (folder / n).read_bytes() for n in _files(folder) if n != MANIFEST_NAME}

    snapshot = workspace.people.contact_edits.delete([ada])
    workspace.people.contact_edits.restore_deleted(snapshot)

    assert {n: (folder / n).read_bytes() for n in _files(folder) if n != MANIFEST_NAME} == before


def test_the_next_sync_removes_files_of_meetings_deleted_behind_its_back(
    workspace: Workspace,
) -> None:
    _, ada_meeting = _meeting(workspace, "Ada")
    _meeting(workspace, "Bo")
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory()
    ada_file = next(name for name in _files(folder) if "Ada" in name)
    # The row that remembered the file cascades away with the meeting.
    with workspace.context.sessions.begin() as session:
        session.execute(delete(Meeting).where(Meeting.id == ada_meeting))
        assert (
            session.scalar(select(ArchiveFile).where(ArchiveFile.meeting_id == ada_meeting)) is None
        )

    result = workspace.chats.archive.sync()

    assert ada_file in result.removed
    assert ada_file not in _files(folder)
    assert any("Bo" in name for name in _files(folder))
    assert "Ada" not in (folder / "index.md").read_text(encoding="utf-8")


def test_the_tidy_up_leaves_the_users_own_files_alone(workspace: Workspace, tmp_path: Path) -> None:
    _meeting(workspace, "Ada")
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory()
    # Named like an archive file of a meeting that does not exist, but written by the user.
    mine = folder / "2025-01-01 My plans (999).md"
    mine.write_text("# My own notes\n", encoding="utf-8")
    # Our front matter, but in a sub-folder: only the folder itself is ours to tidy.
    (folder / "old").mkdir()
    nested = folder / "old" / "2025-01-01 Gone (998).md"
    nested.write_text("---\nmeeting_id: 998\n", encoding="utf-8")
    # A link named like ours, pointing outside: neither it nor its target is touched.
    outside = tmp_path / "outside.md"
    outside.write_text("---\nmeeting_id: 997\n", encoding="utf-8")
    link = folder / "2025-01-01 Link (997).md"
    os.symlink(outside, link)
    # Our front matter for another id than the name says: not a file this app wrote.
    odd = folder / "2025-01-01 Odd (996).md"
    odd.write_text("---\nmeeting_id: 1\n", encoding="utf-8")
    other = folder / "notes.txt"
    other.write_text("---\nmeeting_id: 995\n", encoding="utf-8")

    result = workspace.chats.archive.sync()

    assert result.removed == ()
    for path in (mine, nested, outside, odd, other):
        assert path.is_file()
    assert link.is_symlink()


def test_a_file_in_our_format_that_the_manifest_does_not_list_is_kept(
    workspace: Workspace,
) -> None:
    # e.g. written by this app for another profile, or copied in by the user: not ours to delete.
    _meeting(workspace, "Ada")
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory()
    ghost = folder / "2025-01-01 Ghost (4242).md"
    ghost.write_text('---\nmeeting_id: 4242\ncontact: "Ghost"\n---\n', encoding="utf-8")

    result = workspace.chats.archive.sync()

    assert result.removed == ()
    assert ghost.exists()


def _counts(result: SyncResult) -> tuple[int, int, int, int]:
    return len(result.written), len(result.updated), len(result.unchanged), len(result.removed)
