"""The archive folder belongs to one profile, and the sweep removes only what that profile wrote
and that still holds what it wrote."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from chatplanner.db.models import Contact, Meeting
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.interop.archive_manifest import MANIFEST_NAME, OTHER_INDEX_NAME
from chatplanner.services.archive import ArchiveWriteError
from chatplanner.services.workspace import Workspace

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def _chat(workspace: Workspace, first: str, notes: str) -> int:
    """A done chat with notes; returns the meeting id."""
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
        meeting_id = meeting.id
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(free_notes=notes))
    return meeting_id


def _contents(folder: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in folder.iterdir()
        if p.is_file() and p.name != MANIFEST_NAME
    }


def test_the_manifest_names_the_profile_that_owns_the_folder(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        _chat(workspace, "Ada", "Talked about bridges")
        workspace.chats.archive.sync()
        manifest = json.loads(
            (workspace.chats.archive.directory() / MANIFEST_NAME).read_text("utf-8")
        )
        profile_id = workspace.chats.archive.profile_id()
        assert workspace.settings.get("profile.id") == profile_id
    assert manifest["profile"] == profile_id
    assert len(manifest["files"]) == 2  # the chat and the index, each with its sha256


def test_another_profiles_archive_folder_is_refused_and_left_whole(tmp_path: Path) -> None:
    shared = tmp_path / "Synced" / "Chats"
    with Workspace.open(tmp_path / "first", clock=lambda: NOW) as first:
        _chat(first, "Ada", "Mentor notes, only copy")
        first.chats.archive.set_directory(shared)
        first.chats.archive.sync()
    before = _contents(shared)
    with Workspace.open(tmp_path / "second", clock=lambda: NOW) as second:
        second.chats.archive.set_directory(shared)
        with pytest.raises(ArchiveWriteError, match="another chatplanner profile"):
            second.chats.archive.sync()
    assert _contents(shared) == before


def test_writing_after_restoring_an_older_backup_keeps_the_newer_chats_notes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "Notes archive"
    backup = tmp_path / "last-week.json"
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        workspace.chats.archive.set_directory(folder)
        _chat(workspace, "Ada", "Older chat")
        workspace.chats.archive.sync()
        workspace.backup.write_backup(backup)
        _chat(workspace, "Bo", "Newer chat: the only copy of these notes")
        workspace.chats.archive.sync()
    bo_file = next(name for name in _contents(folder) if "Bo" in name)

    # The profile is lost; last week's backup goes into a new one, archive setting included.
    with Workspace.open(tmp_path / "restored", clock=lambda: NOW) as restored:
        restored.backup.restore_from(backup)
        assert restored.chats.archive.directory() == folder
        result = restored.chats.archive.sync()
        assert bo_file in result.kept
        assert result.removed == ()
        # Taking stock once is enough: later writes leave that file alone too.
        _chat(restored, "Cy", "A chat after the restore")
        again = restored.chats.archive.sync()
        assert again.removed == ()
    assert "the only copy" in (folder / bo_file).read_text(encoding="utf-8")


def test_a_file_edited_since_it_was_written_is_not_removed_with_its_chat(
    tmp_path: Path,
) -> None:
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        meeting_id = _chat(workspace, "Ada", "Notes")
        workspace.chats.archive.sync()
        folder = workspace.chats.archive.directory()
        ada = next(p for p in folder.iterdir() if "Ada" in p.name)
        ada.write_text(ada.read_text(encoding="utf-8") + "\nMy own addition.\n", "utf-8")
        with workspace.context.sessions.begin() as session:
            session.execute(delete(Meeting).where(Meeting.id == meeting_id))

        result = workspace.chats.archive.sync()

    assert result.removed == ()
    assert ada.name in result.kept
    assert "My own addition." in ada.read_text(encoding="utf-8")


def test_a_users_own_index_md_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "My notes"
    folder.mkdir()
    (folder / "index.md").write_text("# My reading list\n\n- Dune\n", encoding="utf-8")
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        workspace.chats.archive.set_directory(folder)
        _chat(workspace, "Ada", "Notes")
        workspace.chats.archive.sync()
        workspace.chats.archive.sync_meeting(_chat(workspace, "Bo", "More notes"))
    assert (folder / "index.md").read_text(encoding="utf-8") == "# My reading list\n\n- Dune\n"
    ours = (folder / OTHER_INDEX_NAME).read_text(encoding="utf-8")
    assert ours.startswith("# Coffee chats")
    assert "Ada" in ours
    assert "Bo" in ours


def test_an_index_md_an_older_version_wrote_is_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "index.md").write_text(
        "# Coffee chats\n\n## 2026\n\n- 2026-03-01: [Old](x.md) (Online)\n", encoding="utf-8"
    )
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        workspace.chats.archive.set_directory(folder)
        _chat(workspace, "Ada", "Notes")
        workspace.chats.archive.sync()
    assert "Ada" in (folder / "index.md").read_text(encoding="utf-8")
    assert not (folder / OTHER_INDEX_NAME).exists()


def test_a_file_of_the_users_with_our_name_is_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        workspace.chats.archive.set_directory(folder)
        meeting_id = _chat(workspace, "Ada", "Notes")
        workspace.chats.archive.sync()
        ada = next(p for p in folder.iterdir() if "Ada" in p.name)
        # The user replaces our file by one of their own under the same name.
        ada.write_text("My own text, not front matter\n", encoding="utf-8")
        workspace.chats.archive.set_directory(tmp_path / "elsewhere")
        workspace.chats.archive.set_directory(folder)  # the database forgets what it wrote
        (folder / MANIFEST_NAME).unlink()
        with pytest.raises(ArchiveWriteError, match="did not write"):
            workspace.chats.archive.sync_meeting(meeting_id)
    assert ada.read_text(encoding="utf-8") == "My own text, not front matter\n"
