"""Reaching a later stage records the steps it implies; a thank-you waits for the chat."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from chatplanner.db.models import StageEvent
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode, MeetingStatus, Stage
from chatplanner.services.outreach import SentMessage
from chatplanner.services.thank_you import ChatNotHappenedError
from chatplanner.services.workspace import Workspace


def _waiting(workspace: Workspace) -> int:
    contact = workspace.people.contact_edits.create(
        ContactDraft(first_name="Jessica", last_name="Tran")
    )
    sent_at = workspace.context.now() - timedelta(days=3)
    workspace.pipeline.outreach.log_sent(SentMessage(contact.id, sent_at=sent_at))
    return contact.id


def test_planning_a_chat_with_someone_waiting_records_their_reply(workspace: Workspace) -> None:
    contact = _waiting(workspace)
    start = workspace.context.now() + timedelta(days=2)
    workspace.planning.scheduling.plan_chat(contact, MeetingMode.ONLINE, start)
    assert workspace.people.contacts.get(contact).stage is Stage.CHAT_PLANNED
    [message] = workspace.pipeline.outreach.messages(contact)
    assert message.got_reply
    funnel = workspace.pipeline.insights.insights().summary.funnel
    assert (funnel.messaged, funnel.replied) == (1, 1)


def test_a_reply_implied_by_a_chat_has_no_moment_until_the_real_one_is_logged(
    workspace: Workspace,
) -> None:
    contact = _waiting(workspace)
    workspace.planning.scheduling.plan_chat(
        contact, MeetingMode.ONLINE, workspace.context.now() + timedelta(days=2)
    )
    [message] = workspace.pipeline.outreach.messages(contact)
    assert message.replied_at is None
    assert workspace.pipeline.insights.insights().summary.median_days_to_reply is None
    # The user logs the day the answer really came: it is the one kept.
    replied = workspace.context.now() - timedelta(days=1)
    workspace.pipeline.outreach.record_reply(contact, replied)
    [message] = workspace.pipeline.outreach.messages(contact)
    assert message.replied_at == replied
    assert workspace.pipeline.insights.insights().summary.median_days_to_reply == 2.0
    assert workspace.people.contacts.get(contact).stage is Stage.CHAT_PLANNED


def test_a_thank_you_waits_for_the_chat_and_is_refused_when_cancelled(
    workspace: Workspace,
) -> None:
    contact = _waiting(workspace)
    ahead = workspace.planning.scheduling.plan_chat(
        contact, MeetingMode.ONLINE, workspace.context.now() + timedelta(days=2)
    )
    with pytest.raises(ChatNotHappenedError):
        workspace.chats.thank_you.mark_sent(ahead)
    workspace.chats.meetings.set_status(ahead, MeetingStatus.CANCELLED)
    with pytest.raises(ChatNotHappenedError):
        workspace.chats.thank_you.mark_sent(ahead)
    assert workspace.people.contacts.get(contact).stage is Stage.CHAT_PLANNED


def test_a_thank_you_after_a_chat_whose_time_has_passed_marks_it_done(
    workspace: Workspace,
) -> None:
    contact = _waiting(workspace)
    past = workspace.planning.scheduling.plan_chat(
        contact, MeetingMode.ONLINE, workspace.context.now() - timedelta(hours=3)
    )
    workspace.chats.thank_you.mark_sent(past)
    assert workspace.chats.meetings.summary(past).status is MeetingStatus.DONE
    funnel = workspace.pipeline.insights.insights().summary.funnel
    assert (funnel.messaged, funnel.replied, funnel.met, funnel.thanked) == (1, 1, 1, 1)


def test_overlapping_chats_and_the_people_one_can_plan_with(workspace: Workspace) -> None:
    contact = _waiting(workspace)
    other = workspace.people.contact_edits.create(
        ContactDraft(first_name="Lucas", last_name="Moreau")
    )
    workspace.pipeline.outreach.mark_moved_on(other.id)
    start = workspace.context.now() + timedelta(days=1)
    workspace.planning.scheduling.plan_chat(contact, MeetingMode.ONLINE, start, 30)
    clash = workspace.planning.scheduling.overlapping(start + timedelta(minutes=20), 30)
    assert [c.contact_name for c in clash] == ["Jessica Tran"]
    assert workspace.planning.scheduling.overlapping(start + timedelta(minutes=30), 30) == []
    names = [c.name for c in workspace.planning.scheduling.contact_choices()]
    assert names == ["Jessica Tran"]
    asked = [c.name for c in workspace.planning.scheduling.contact_choices(including=other.id)]
    assert asked == ["Jessica Tran", "Lucas Moreau"]


def test_any_stage_can_be_set_by_hand_from_any_other_and_each_change_is_kept(
    workspace: Workspace,
) -> None:
    # No table of allowed moves: on People the user may put a person at any stage.
    contact = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Byron")
    ).id
    expected = _stages_recorded(workspace, contact)
    for before in Stage:
        for after in Stage:
            if workspace.people.contact_edits.set_stage(contact, before):
                expected.append(before)
            assert workspace.people.contact_edits.set_stage(contact, after) is (after is not before)
            if after is not before:
                expected.append(after)
            assert workspace.people.contacts.get(contact).stage is after
    assert _stages_recorded(workspace, contact) == expected


def _stages_recorded(workspace: Workspace, contact_id: int) -> list[Stage]:
    with workspace.context.sessions() as session:
        return [
            Stage(stage)
            for stage in session.scalars(
                select(StageEvent.stage)
                .where(StageEvent.contact_id == contact_id)
                .order_by(StageEvent.id)
            )
        ]
