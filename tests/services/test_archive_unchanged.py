"""A sync with nothing changed compares fingerprints of the stored chats and makes no entry;
whatever changes a chat's file still reaches it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from chatplanner.db.models import Contact, FollowUp, Meeting
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.services.archive import SyncResult
from chatplanner.services.archive_sources import ArchiveEntries
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace
from tests.services.test_archive_service import make_meeting

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def _counts(result: SyncResult) -> tuple[int, int, int, int]:
    return len(result.written), len(result.updated), len(result.unchanged), len(result.removed)


def _written_archive(workspace: Workspace) -> list[int]:
    ids = [make_meeting(workspace, name, days_ago=3) for name in ("Ada", "Bo", "Cy")]
    for meeting_id in ids:
        workspace.chats.meetings.save_notes(meeting_id, NoteSections(free_notes="First notes"))
    assert _counts(workspace.chats.archive.sync()) == (3, 0, 0, 0)
    return ids


def _no_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("an entry was made although nothing changed")

    monkeypatch.setattr(ArchiveEntries, "made", refuse)


def test_nothing_changed_makes_no_entry_and_touches_no_file(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _written_archive(workspace)
    folder = workspace.chats.archive.directory()
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    _no_entries(monkeypatch)
    steps: list[tuple[int, int]] = []
    result = workspace.chats.archive.sync(progress=lambda done, total: steps.append((done, total)))
    assert _counts(result) == (0, 0, 3, 0)
    assert not result.index_written
    assert steps == [(3, 3)]
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before


def test_a_new_process_finds_the_archive_unchanged_without_entries(
    tmp_path: Path, open_workspace: OpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_workspace(clock=lambda: NOW)
    _written_archive(first)
    first.close()
    _no_entries(monkeypatch)
    again = open_workspace(tmp_path / "profile", clock=lambda: NOW)
    assert _counts(again.chats.archive.sync()) == (0, 0, 3, 0)


def test_a_renamed_contact_moves_their_file(workspace: Workspace) -> None:
    ids = _written_archive(workspace)
    with workspace.context.sessions.begin() as session:
        session.execute(update(Contact).where(Contact.first_name == "Bo").values(first_name="Bea"))
    result = workspace.chats.archive.sync()
    assert _counts(result) == (1, 0, 2, 1)
    assert "Bea" in result.written[0]
    assert "Bo" in result.removed[0]
    assert result.files[ids[1]].relative_path == result.written[0]


def test_a_follow_up_added_rewrites_that_file(workspace: Workspace) -> None:
    ids = _written_archive(workspace)
    workspace.chats.meetings.add_follow_up(ids[2], FollowUpOwner.ME, "Send the paper")
    result = workspace.chats.archive.sync()
    assert _counts(result) == (0, 1, 2, 0)
    folder = workspace.chats.archive.directory()
    assert "Send the paper" in (folder / result.updated[0]).read_text(encoding="utf-8")


def test_another_time_zone_for_the_user_rewrites_the_times(workspace: Workspace) -> None:
    _written_archive(workspace)
    workspace.context.user_zone.choose("Asia/Tokyo")
    result = workspace.chats.archive.sync()
    assert _counts(result) == (0, 3, 0, 0)
    text = (workspace.chats.archive.directory() / result.updated[0]).read_text(encoding="utf-8")
    assert "your time" in text


def test_a_file_the_user_deleted_is_written_again(workspace: Workspace) -> None:
    _written_archive(workspace)
    folder = workspace.chats.archive.directory()
    gone = next(folder.glob("*Cy*.md"))
    gone.unlink()
    assert _counts(workspace.chats.archive.sync()) == (1, 0, 2, 0)
    assert gone.is_file()


def test_a_meeting_deleted_behind_the_databases_back_loses_its_file(
    workspace: Workspace,
) -> None:
    ids = _written_archive(workspace)
    folder = workspace.chats.archive.directory()
    gone = next(folder.glob("*Ada*.md"))
    with workspace.context.sessions.begin() as session:
        session.execute(delete(Meeting).where(Meeting.id == ids[0]))
    result = workspace.chats.archive.sync()
    assert _counts(result) == (0, 0, 2, 1)
    assert not gone.exists()


def test_the_unchanged_check_agrees_with_a_full_sync_after_days_pass(
    open_workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """The words of a chat's time do not depend on today: a later day changes no file."""
    first = open_workspace(clock=lambda: NOW)
    _written_archive(first)
    first.close()
    later = open_workspace(tmp_path / "profile", clock=lambda: NOW + timedelta(days=400))
    assert _counts(later.chats.archive.sync()) == (0, 0, 3, 0)


def test_follow_ups_put_in_another_order_rewrite_that_file(workspace: Workspace) -> None:
    ids = _written_archive(workspace)
    for text in ("Send the paper", "Call the foreman"):
        workspace.chats.meetings.add_follow_up(ids[0], FollowUpOwner.ME, text)
    assert _counts(workspace.chats.archive.sync()) == (0, 1, 2, 0)
    with workspace.context.sessions.begin() as session:
        session.execute(
            update(FollowUp)
            .where(FollowUp.meeting_id == ids[0])
            .values(position=-FollowUp.position - FollowUp.id)
        )
    result = workspace.chats.archive.sync()
    assert _counts(result) == (0, 1, 2, 0)
    text = (workspace.chats.archive.directory() / result.updated[0]).read_text(encoding="utf-8")
    assert text.index("Call the foreman") < text.index("Send the paper")


def test_a_value_that_moves_to_the_next_field_rewrites_that_file(workspace: Workspace) -> None:
    ids = _written_archive(workspace)
    workspace.chats.meetings.save_notes(
        ids[1], NoteSections(their_past="Site work", their_present="")
    )
    assert _counts(workspace.chats.archive.sync()) == (0, 1, 2, 0)
    workspace.chats.meetings.save_notes(
        ids[1], NoteSections(their_past="", their_present="Site work")
    )
    result = workspace.chats.archive.sync()
    assert _counts(result) == (0, 1, 2, 0)
    text = (workspace.chats.archive.directory() / result.updated[0]).read_text(encoding="utf-8")
    assert "## Their present\n\nSite work" in text
