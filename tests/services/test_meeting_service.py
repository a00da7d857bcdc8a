from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from chatplanner.db.models import ChecklistItem, Contact, FollowUp, Meeting, StageEvent
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.checklist import checklist_for_meeting
from chatplanner.domain.enums import ChecklistPhase, FollowUpOwner, MeetingMode, MeetingStatus
from chatplanner.services.meeting_records import MeetingNotFoundError
from chatplanner.services.meetings import MeetingEditError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def make_meeting(
    workspace: Workspace,
    first: str = "Ada",
    last: str = "Lovelace",
    *,
    starts: datetime = NOW - timedelta(days=1),
    mode: MeetingMode = MeetingMode.IN_PERSON,
    email: str | None = "ada@example.com",
) -> int:
    moment = starts
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name=first,
            last_name=last,
            email=email,
            stage="chat_planned",
            created_at=moment,
            updated_at=moment,
        )
        session.add(contact)
        session.flush()
        meeting = Meeting(
            contact_id=contact.id,
            mode=mode.value,
            starts_at=moment,
            duration_minutes=45,
            timezone="America/Toronto",
            status="planned",
            created_at=moment,
            updated_at=moment,
        )
        meeting.checklist = [
            ChecklistItem(phase=i.phase.value, text=i.text, position=i.position, done=False)
            for i in checklist_for_meeting(mode)
        ]
        session.add(meeting)
        session.flush()
        return meeting.id


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def test_list_shows_contact_place_status_and_checklist_progress(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, "Zoë", "Tremblay")
    first = workspace.chats.meetings.meeting(meeting_id).checklist[0]
    workspace.chats.meetings.set_item_done(first.id, True)
    (row,) = workspace.chats.meetings.list_meetings()
    assert row.contact_name == "Zoë Tremblay"
    assert row.status is MeetingStatus.PLANNED
    assert (row.checklist_done, row.checklist_total) == (1, len(checklist_for_meeting(row.mode)))
    assert row.where == "Place not chosen"


def test_unknown_meeting_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(MeetingNotFoundError, match="no meeting number 99"):
        workspace.chats.meetings.meeting(99)


def test_marking_done_moves_the_contact_to_met_and_records_it(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    summary = workspace.chats.meetings.set_status(meeting_id, MeetingStatus.DONE)
    assert summary.status is MeetingStatus.DONE
    with workspace.context.sessions() as session:
        contact = session.scalars(select(Contact)).one()
        assert contact.stage == "met"
        events = session.scalars(select(StageEvent.stage)).all()
        assert events == ["met"]


def test_cancelling_leaves_the_stage_alone(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    workspace.chats.meetings.set_status(meeting_id, MeetingStatus.CANCELLED)
    with workspace.context.sessions() as session:
        assert session.scalars(select(Contact.stage)).one() == "chat_planned"


def test_items_are_added_removed_and_restored_within_their_phase(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    added = workspace.chats.meetings.add_item(
        meeting_id, ChecklistPhase.BEFORE, "  Print   the CV "
    )
    assert added.text == "Print the CV"
    checklist = workspace.chats.meetings.meeting(meeting_id).checklist
    before = [i for i in checklist if i.phase is ChecklistPhase.BEFORE]
    assert before[-1].id == added.id
    assert [i.position for i in checklist] == list(range(len(checklist)))

    second = before[1]
    workspace.chats.meetings.set_item_done(second.id, True)
    removed = workspace.chats.meetings.remove_item(second.id)
    assert removed.position == 1
    assert removed.done
    assert len(workspace.chats.meetings.meeting(meeting_id).checklist) == len(checklist) - 1

    workspace.chats.meetings.restore_item(meeting_id, removed)
    again = [
        i
        for i in workspace.chats.meetings.meeting(meeting_id).checklist
        if i.phase is ChecklistPhase.BEFORE
    ]
    assert again[1].text == second.text
    assert again[1].done


def test_reordering_a_phase_keeps_the_other_phases(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    checklist = workspace.chats.meetings.meeting(meeting_id).checklist
    during = [i.id for i in checklist if i.phase is ChecklistPhase.DURING]
    workspace.chats.meetings.reorder_phase(
        meeting_id, ChecklistPhase.DURING, list(reversed(during))
    )
    after = workspace.chats.meetings.meeting(meeting_id).checklist
    assert [i.id for i in after if i.phase is ChecklistPhase.DURING] == list(reversed(during))
    assert [i.phase for i in after] == [i.phase for i in checklist]
    with pytest.raises(MeetingEditError):
        workspace.chats.meetings.reorder_phase(meeting_id, ChecklistPhase.DURING, during[:-1])


def test_an_empty_item_is_refused_with_a_sentence(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    with pytest.raises(MeetingEditError, match="Type a few words"):
        workspace.chats.meetings.add_item(meeting_id, ChecklistPhase.AFTER, "   ")


def test_notes_are_saved_and_read_back_without_control_characters(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    sections = NoteSections(their_past="Nine years in design.\r\nThen PM.", advice="Ask\x00 for it")
    saved_at = workspace.chats.meetings.save_notes(meeting_id, sections)
    detail = workspace.chats.meetings.meeting(meeting_id)
    assert detail.notes.their_past == "Nine years in design.\nThen PM."
    assert detail.notes.advice == "Ask for it"
    assert detail.notes_updated_at == saved_at


def test_follow_ups_are_added_edited_and_removed(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    mine = workspace.chats.meetings.add_follow_up(
        meeting_id, FollowUpOwner.ME, "Send the article", date(2026, 3, 12)
    )
    theirs = workspace.chats.meetings.add_follow_up(meeting_id, FollowUpOwner.THEM, "Intro to Bo")
    edited = workspace.chats.meetings.edit_follow_up(
        mine.id, done=True, text="Send the PMI article"
    )
    assert edited.done
    assert edited.text == "Send the PMI article"
    cleared = workspace.chats.meetings.edit_follow_up(mine.id, clear_due_date=True)
    assert cleared.due_on is None
    workspace.chats.meetings.remove_follow_up(theirs.id)
    (left,) = workspace.chats.meetings.meeting(meeting_id).follow_ups
    assert left.id == mine.id
    with workspace.context.sessions() as session:
        # Today reads follow-ups by contact: the row carries the meeting's contact.
        row = session.get(FollowUp, mine.id)
        assert row is not None
        assert row.contact_id == workspace.chats.meetings.summary(meeting_id).contact_id


def test_demo_profile_lists_upcoming_and_past_meetings(demo: Workspace) -> None:
    workspace = demo
    rows = workspace.chats.meetings.list_meetings()
    now = workspace.context.now()
    assert any(r.is_upcoming(now) for r in rows)
    assert any(r.status is MeetingStatus.DONE and r.thank_you_sent for r in rows)
    assert all(r.checklist_total > 0 for r in rows)


def test_a_chat_still_ahead_is_done_only_when_it_happened_earlier(workspace: Workspace) -> None:
    from chatplanner.services.meetings import ChatStillAheadError

    meeting_id = make_meeting(workspace, starts=NOW + timedelta(days=4))
    with pytest.raises(ChatStillAheadError):
        workspace.chats.meetings.set_status(meeting_id, MeetingStatus.DONE)
    assert workspace.chats.meetings.summary(meeting_id).status is MeetingStatus.PLANNED
    summary = workspace.chats.meetings.set_status(meeting_id, MeetingStatus.DONE, happened_now=True)
    assert summary.status is MeetingStatus.DONE
    assert summary.ends_at == NOW.replace(second=0, microsecond=0)


def test_a_chat_moved_to_now_starts_after_the_first_message_and_the_last_chat(
    open_workspace: OpenWorkspace,
) -> None:
    from chatplanner.services.outreach import SentMessage

    now = [NOW]
    workspace = open_workspace(clock=lambda: now[0])
    meeting_id = make_meeting(workspace, starts=NOW + timedelta(days=4))
    contact = workspace.chats.meetings.summary(meeting_id).contact_id
    with workspace.context.sessions.begin() as session:
        row = session.get(Contact, contact)
        assert row is not None
        row.created_at = NOW - timedelta(days=30)
    first_message = NOW - timedelta(minutes=20)
    workspace.pipeline.outreach.log_sent(SentMessage(contact, sent_at=first_message, body="Hi"))
    summary = workspace.chats.meetings.set_status(meeting_id, MeetingStatus.DONE, happened_now=True)
    # 45 minutes ending now would begin before the first message: it begins with it instead,
    # and keeps its 45 minutes.
    assert summary.starts_at == first_message
    assert summary.ends_at == first_message + timedelta(minutes=45)

    # A second chat moved to now cannot begin before the first one ended.
    second = workspace.planning.scheduling.plan_chat(
        contact, MeetingMode.ONLINE, NOW + timedelta(days=2), duration_minutes=30
    )
    later = NOW + timedelta(minutes=40)
    now[0] = later
    moved = workspace.chats.meetings.set_status(second, MeetingStatus.DONE, happened_now=True)
    assert moved.starts_at == summary.ends_at
    assert moved.ends_at == summary.ends_at + timedelta(minutes=30)
