"""What the user does to a person or a chat whose stored stage, status, mode, phase or owner is a
text no member has (a hand-edited or damaged file, a newer version's profile): it reads the text
as the member that promises least, and does what was asked."""

from __future__ import annotations

from pathlib import Path

from chatplanner.domain.enums import ChecklistPhase, FollowUpOwner, MeetingMode, Stage
from chatplanner.services.stored_enums import UNKNOWN_MODE, UNKNOWN_OWNER, UNKNOWN_PHASE
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace
from tests.unknown_values import UNKNOWN, write_unknown_values

ZOE = 31  # the demo's Zoë Tremblay: messages sent, chat 1 done
FATEMEH_AHEAD = 10  # the demo's chat ahead with Fatemeh Rahimi, in person, with a checklist
ANNA_DONE = 9  # the demo's chat with Anna Kowalska, done, its thank-you owed


def _opened(demo_profile: Path, open_workspace: OpenWorkspace) -> Workspace:
    write_unknown_values(demo_profile)
    return open_workspace(demo_profile)


def test_an_unknown_stage_reads_as_not_contacted_and_a_reply_moves_it_on(
    demo_profile: Path, open_workspace: OpenWorkspace
) -> None:
    workspace = _opened(demo_profile, open_workspace)
    assert workspace.people.contacts.get(ZOE).stage is Stage.NOT_CONTACTED
    workspace.pipeline.outreach.log_touch(ZOE)
    workspace.pipeline.outreach.record_reply(ZOE)
    assert workspace.people.contacts.get(ZOE).stage is Stage.REPLIED


def test_a_thank_you_is_marked_sent_for_a_past_chat_of_unknown_status(
    demo_profile: Path, open_workspace: OpenWorkspace
) -> None:
    workspace = _opened(demo_profile, open_workspace)
    assert workspace.chats.thank_you.mark_sent(ANNA_DONE).sent_at is not None


def test_a_chat_of_unknown_mode_phases_and_owners_is_read_and_changed(
    demo_profile: Path, open_workspace: OpenWorkspace
) -> None:
    workspace = _opened(demo_profile, open_workspace)
    meetings = workspace.chats.meetings
    chat = meetings.meeting(FATEMEH_AHEAD)
    assert chat.summary.mode is UNKNOWN_MODE is MeetingMode.IN_PERSON
    assert {item.phase for item in chat.checklist} == {UNKNOWN_PHASE} == {ChecklistPhase.BEFORE}
    owners = {promise.owner for promise in meetings.meeting(1).follow_ups}
    assert owners == {UNKNOWN_OWNER} == {FollowUpOwner.ME}

    removed = meetings.remove_item(chat.checklist[0].id)
    assert removed.text == chat.checklist[0].text
    workspace.planning.scheduling.switch_mode(
        FATEMEH_AHEAD, MeetingMode.ONLINE, call_link="https://example.org/call"
    )
    assert meetings.meeting(FATEMEH_AHEAD).summary.mode is MeetingMode.ONLINE


def test_a_synced_calendar_event_leaves_out_a_goal_no_member_has(
    demo_profile: Path, open_workspace: OpenWorkspace
) -> None:
    workspace = _opened(demo_profile, open_workspace)
    event = workspace.planning.scheduling.calendar_event_ics(FATEMEH_AHEAD, "uid-1").decode()
    assert "Fatemeh" in event
    assert "goal" not in event.casefold()
    assert UNKNOWN not in event


def test_a_persons_history_shows_an_unknown_stage_and_channel_as_stored(
    demo_profile: Path, open_workspace: OpenWorkspace
) -> None:
    workspace = _opened(demo_profile, open_workspace)
    titles = [entry.title for entry in workspace.people.contacts.timeline(ZOE)]
    assert f"Stage: {UNKNOWN}" in titles
    assert any(title.endswith(f"sent on {UNKNOWN}") for title in titles), titles
