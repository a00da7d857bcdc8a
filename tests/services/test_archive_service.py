from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from chatplanner.db.models import ArchiveFile, Contact, Meeting
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.services.archive import SyncResult
from chatplanner.services.archive_search import MAX_NAME_MATCHES
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def make_meeting(workspace: Workspace, first: str, last: str = "", days_ago: int = 1) -> int:
    moment = NOW - timedelta(days=days_ago)
    with workspace.context.sessions.begin() as session:
        contact = Contact(first_name=first, last_name=last, created_at=moment, updated_at=moment)
        session.add(contact)
        session.flush()
        meeting = Meeting(
            contact_id=contact.id,
            starts_at=moment,
            timezone="America/Toronto",
            status="done",
            created_at=moment,
            updated_at=moment,
        )
        session.add(meeting)
        session.flush()
        return meeting.id


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def _counts(result: SyncResult) -> tuple[int, int, int]:
    return len(result.written), len(result.updated), len(result.unchanged)


def test_sync_writes_then_skips_then_updates_only_the_edited_meeting(workspace: Workspace) -> None:
    ids = [make_meeting(workspace, name) for name in ("Ada", "Bo", "Cy")]
    for meeting_id in ids:
        workspace.chats.meetings.save_notes(meeting_id, NoteSections(free_notes="First notes"))
    assert _counts(workspace.chats.archive.sync()) == (3, 0, 0)
    assert _counts(workspace.chats.archive.sync()) == (0, 0, 3)
    workspace.chats.meetings.save_notes(ids[1], NoteSections(free_notes="Edited notes"))
    assert _counts(workspace.chats.archive.sync()) == (0, 1, 2)
    folder = workspace.chats.archive.directory()
    assert folder == workspace.profile.archive_dir
    assert (folder / "index.md").is_file()
    assert "Edited notes" in next(folder.glob("*Bo*.md")).read_text(encoding="utf-8")


def test_a_fresh_service_on_the_same_profile_knows_what_was_written(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        make_meeting(workspace, "Ada")
        workspace.chats.archive.sync()
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        assert _counts(workspace.chats.archive.sync()) == (0, 0, 1)


def test_sync_meeting_updates_one_file_and_names_stay_stable(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, "Ada", "Lovelace")
    workspace.chats.archive.sync()
    before = {p.name for p in workspace.chats.archive.directory().iterdir()}
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(advice="Ship small"))
    assert workspace.chats.archive.sync_meeting(meeting_id) == "updated"
    assert workspace.chats.archive.sync_meeting(meeting_id) == "unchanged"
    after = {p.name for p in workspace.chats.archive.directory().iterdir()}
    assert before == after
    assert _counts(workspace.chats.archive.sync()) == (0, 0, 1)


def test_a_planned_meeting_joins_the_archive_once_it_has_notes(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, "Ada")
    with workspace.context.sessions.begin() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        row.status = "planned"
    assert workspace.chats.archive.sync_meeting(meeting_id) == "skipped"
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(free_notes="Questions to ask"))
    assert workspace.chats.archive.sync_meeting(meeting_id) == "written"
    workspace.chats.meetings.save_notes(meeting_id, NoteSections())
    assert workspace.chats.archive.sync_meeting(meeting_id) == "removed"
    names = sorted(p.name for p in workspace.chats.archive.directory().iterdir())
    assert names == [".chatplanner-archive.json", "index.md"]


HOSTILE = ["../../etc/passwd", "CON", "a/b\\c", "..", "名前" * 80, "Eve\r\nBcc: x", "\u202eexe.txt"]


@pytest.mark.parametrize("name", HOSTILE)
def test_file_names_from_hostile_names_stay_inside_the_folder(
    workspace: Workspace, name: str
) -> None:
    make_meeting(workspace, name)
    workspace.chats.archive.sync()
    folder = workspace.chats.archive.directory().resolve()
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) == 3  # the meeting, the index and the manifest
    for path in files:
        assert path.resolve().parent == folder
        assert len(path.name.encode("utf-8")) <= 120
    with workspace.context.sessions() as session:
        (stored,) = session.scalars(select(ArchiveFile.relative_path)).all()
        assert "/" not in stored
        assert "\\" not in stored
        assert stored != ".."


def test_a_chosen_folder_is_used_and_written_anew(workspace: Workspace, tmp_path: Path) -> None:
    make_meeting(workspace, "Ada")
    workspace.chats.archive.sync()
    workspace.chats.archive.set_directory(tmp_path / "elsewhere")
    assert workspace.chats.archive.directory() == tmp_path / "elsewhere"
    assert _counts(workspace.chats.archive.sync()) == (1, 0, 0)
    workspace.chats.archive.set_directory(None)
    assert workspace.chats.archive.is_default_directory()


def test_search_is_accent_insensitive_and_finds_names(workspace: Workspace) -> None:
    cafe = make_meeting(workspace, "Ada", "Lovelace")
    other = make_meeting(workspace, "Zoë", "Tremblay")
    workspace.chats.meetings.save_notes(cafe, NoteSections(free_notes="Met at the Café Olimpico."))
    workspace.chats.meetings.save_notes(other, NoteSections(advice="Ask for the ugly jobs."))
    (hit,) = workspace.chats.archive.search("cafe")
    assert hit.meeting_id == cafe
    assert hit.contact_name == "Ada Lovelace"
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "Café"
    (by_name,) = workspace.chats.archive.search("zoe trem")
    assert by_name.meeting_id == other
    assert by_name.name_matched
    assert by_name.date.isoformat() == "2026-03-09"
    assert [h.meeting_id for h in workspace.chats.archive.search("ugl")] == [other]


def test_names_are_found_as_shown_whoever_wrote_them(workspace: Workspace) -> None:
    # The stored name keys find most people; a name read family name first (written in an East
    # Asian script in both parts, even after stray white space) and a contact another tool
    # wrote without a key are found by the names as shown.
    li = make_meeting(workspace, "伟", "李")
    spaced = make_meeting(workspace, " 明", "\u00a0王")
    other = make_meeting(workspace, "Ngozi", "Okafor")
    with workspace.context.sessions.begin() as session:
        session.execute(text("DROP TRIGGER IF EXISTS contacts_name_key_stale"))
        session.execute(
            text(
                "UPDATE contacts SET name_key = NULL, first_name = 'Ngozï'"
                " WHERE id = (SELECT contact_id FROM meetings WHERE id = :m)"
            ),
            {"m": other},
        )
    assert [h.meeting_id for h in workspace.chats.archive.search("李伟")] == [li]
    assert [h.meeting_id for h in workspace.chats.archive.search("王明")] == [spaced]
    assert [h.meeting_id for h in workspace.chats.archive.search("ngozi oka")] == [other]
    assert all(h.name_matched for h in workspace.chats.archive.search("伟"))


def test_a_name_query_matching_too_many_people_lists_no_one_by_name(
    workspace: Workspace,
) -> None:
    for number in range(MAX_NAME_MATCHES + 1):
        make_meeting(workspace, "Anna", f"Number {number}")
    assert not any(h.name_matched for h in workspace.chats.archive.search("anna"))
    assert all(h.name_matched for h in workspace.chats.archive.search("anna number 7"))


def test_notes_typed_after_saving_are_found_at_once(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, "Ada")
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(their_goals="Wants an MBA"))
    assert workspace.chats.archive.search("mba")
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(their_goals="Wants a sabbatical"))
    assert not workspace.chats.archive.search("mba")
    assert workspace.chats.archive.search("sabbatical")


@pytest.mark.parametrize(
    "query", ['"OR NEAR(', "AND", "*", "col:value", '"', "(", "NEAR(a b", "^start", "a -b", ""]
)
def test_hostile_queries_never_raise(workspace: Workspace, query: str) -> None:
    meeting_id = make_meeting(workspace, "Ada")
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(free_notes="and or near value"))
    workspace.chats.archive.search(query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_query_gives_a_list(workspace: Workspace, query: str) -> None:
    assert isinstance(workspace.chats.archive.search(query), list)


def test_one_meeting_sync_keeps_the_index_in_step(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, "Ada")
    workspace.chats.archive.sync()
    index = workspace.chats.archive.directory() / "index.md"
    with workspace.context.sessions.begin() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        row.mode = "online"
        row.call_link = "https://meet.example.com/ada"
    assert workspace.chats.archive.sync_meeting(meeting_id) == "updated"
    assert "Online call, https://meet.example.com/ada" in index.read_text(encoding="utf-8")
    newcomer = make_meeting(workspace, "Bo")
    assert workspace.chats.archive.sync_meeting(newcomer) == "written"
    assert "Bo" in index.read_text(encoding="utf-8")


def test_follow_ups_are_searched_like_notes_and_kept_in_step(workspace: Workspace) -> None:
    from chatplanner.domain.enums import FollowUpOwner

    liam = make_meeting(workspace, "Liam", "O'Connor")
    meetings = workspace.chats.meetings
    coordinator = meetings.add_follow_up(
        liam, FollowUpOwner.THEM, "Introduce me to the PMI volunteer coordinator"
    )
    resume = meetings.add_follow_up(liam, FollowUpOwner.ME, "Send my résumé")
    (hit,) = workspace.chats.archive.search("coordinator")
    assert hit.meeting_id == liam
    assert hit.snippet == "Follow-up: Introduce me to the PMI volunteer coordinator"
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "coordinator"
    (accented,) = workspace.chats.archive.search("resume")
    start, end = accented.highlights[0]
    assert accented.snippet[start:end] == "résumé"
    # Edited, then removed: the index follows.
    meetings.edit_follow_up(resume.id, text="Send my portfolio")
    assert not workspace.chats.archive.search("resume")
    assert workspace.chats.archive.search("portfolio")
    meetings.remove_follow_up(coordinator.id)
    assert not workspace.chats.archive.search("coordinator")
    # Notes and follow-ups of one chat: the chat is listed once.
    meetings.save_notes(liam, NoteSections(free_notes="Bring the portfolio next time."))
    assert [h.meeting_id for h in workspace.chats.archive.search("portfolio")] == [liam]


def test_a_profile_without_the_follow_up_index_gets_it_on_opening(
    open_workspace: OpenWorkspace, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from chatplanner.db.fts import DROP_STATEMENTS
    from chatplanner.domain.enums import FollowUpOwner

    directory = tmp_path / "earlier"
    with open_workspace(directory, clock=lambda: NOW) as workspace:
        liam = make_meeting(workspace, "Liam")
        workspace.chats.meetings.add_follow_up(liam, FollowUpOwner.ME, "Send my résumé")
        # As an earlier version left it: no index over follow-ups, and one written since.
        with workspace.context.sessions.begin() as session:
            for statement in DROP_STATEMENTS:
                if "follow_ups" in statement:
                    session.execute(text(statement))
        workspace.chats.meetings.add_follow_up(liam, FollowUpOwner.THEM, "Ask the coordinator")
    with open_workspace(directory, clock=lambda: NOW) as workspace:
        assert [h.meeting_id for h in workspace.chats.archive.search("resume")] == [liam]
        assert [h.meeting_id for h in workspace.chats.archive.search("coordinator")] == [liam]


def test_a_snippet_keeps_the_lines_of_a_note_apart(workspace: Workspace) -> None:
    liam = make_meeting(workspace, "Liam")
    workspace.chats.meetings.save_notes(
        liam,
        NoteSections(
            advice="- Take the CAPM exam before the PMP\n- Volunteer at the PMI Toronto Chapter"
        ),
    )
    (hit,) = workspace.chats.archive.search("capm")
    assert "before the PMP · Volunteer at" in hit.snippet
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "CAPM"


def test_chats_with_many_matching_follow_ups_still_fill_the_list(workspace: Workspace) -> None:
    from chatplanner.domain.enums import FollowUpOwner

    chats = [make_meeting(workspace, f"Person{n}", days_ago=n + 1) for n in range(4)]
    for chat in chats:
        for n in range(3):
            workspace.chats.meetings.add_follow_up(
                chat, FollowUpOwner.ME, f"Call the coordinator {n}"
            )
    assert (
        sorted(h.meeting_id for h in workspace.chats.archive.search("coordinator", limit=4))
        == chats
    )
