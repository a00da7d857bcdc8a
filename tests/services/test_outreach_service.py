"""Outreach through the service: stages recorded, patience at its edges, cadence, undo, who next."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from chatplanner.db.models import Contact, Group, Outreach, StageEvent
from chatplanner.domain.enums import Channel, ContactKind, Goal, OnlineActivity, OutreachKind, Stage
from chatplanner.domain.today_items import TodayKind
from chatplanner.services.outreach import OutreachError, SentMessage
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace, clock: MovableClock) -> Workspace:
    # "Today" in UTC, whatever the machine's time zone.
    return open_workspace(clock=clock)


def add_contact(workspace: Workspace, first: str, **fields: object) -> int:
    moment = START - timedelta(days=30)
    group_names = fields.pop("groups", ())
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name=first,
            last_name=str(fields.pop("last", "Doe")),
            created_at=moment,
            updated_at=moment,
            stage=Stage.NOT_CONTACTED.value,
            **fields,
        )
        for name in group_names:  # type: ignore[attr-defined]
            group = session.scalar(select(Group).where(Group.name == name))
            if group is None:
                group = Group(name=name, created_at=moment)
            contact.groups.append(group)
        session.add(contact)
        session.flush()
        return contact.id


def stage_of(workspace: Workspace, contact_id: int) -> tuple[str, list[str]]:
    with workspace.context.sessions() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        events = session.scalars(
            select(StageEvent.stage)
            .where(StageEvent.contact_id == contact_id)
            .order_by(StageEvent.id)
        ).all()
        return contact.stage, list(events)


def kinds_for(workspace: Workspace, contact_id: int) -> list[TodayKind]:
    return [i.kind for i in workspace.pipeline.today.items() if i.contact_id == contact_id]


def test_logging_a_first_message_moves_the_stage_to_messaged_and_records_it(
    workspace: Workspace,
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(
        SentMessage(priya, OutreachKind.FIRST_MESSAGE, Channel.LINKEDIN, "Hi Priya", "Hello")
    )
    assert stage_of(workspace, priya) == ("messaged", ["messaged"])
    with workspace.context.sessions() as session:
        contact = session.get(Contact, priya)
        assert contact is not None
        assert contact.last_touch_at == START
        row = session.scalars(select(Outreach)).one()
        assert row.follow_up_due == date(2026, 3, 9)
        note = session.scalars(select(StageEvent.note)).one()
        assert note == "First message on LinkedIn"


def test_follow_up_is_due_exactly_at_the_patience_edge_not_a_second_before(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=7) - timedelta(seconds=1)
    assert kinds_for(workspace, priya) == []
    clock.now = START + timedelta(days=7)
    assert kinds_for(workspace, priya) == [TodayKind.FOLLOW_UP]
    clock.now = START + timedelta(days=14)
    assert kinds_for(workspace, priya) == [TodayKind.MOVE_ON]


def test_a_contact_s_own_patience_overrides_the_global_rule(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    rule = workspace.pipeline.outreach.set_patience(priya, 3, 5)
    assert (rule.follow_up_after_days, rule.move_on_after_days) == (3, 5)
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=3)
    assert kinds_for(workspace, priya) == [TodayKind.FOLLOW_UP]
    clock.now = START + timedelta(days=5)
    assert kinds_for(workspace, priya) == [TodayKind.MOVE_ON]


def test_the_global_patience_rule_is_a_setting_and_impossible_ones_are_refused(
    workspace: Workspace, clock: MovableClock
) -> None:
    workspace.pipeline.outreach.set_default_patience(10, 20)
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=9)
    assert kinds_for(workspace, priya) == []
    clock.now = START + timedelta(days=10)
    assert kinds_for(workspace, priya) == [TodayKind.FOLLOW_UP]
    with pytest.raises(OutreachError, match="Moving on must come after"):
        workspace.pipeline.outreach.set_default_patience(10, 10)
    with pytest.raises(OutreachError):
        workspace.pipeline.outreach.set_patience(priya, 30, None)


def test_a_follow_up_restarts_the_wait_before_moving_on(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    follow_up_at = START + timedelta(days=9)
    workspace.pipeline.outreach.log_sent(
        SentMessage(priya, OutreachKind.FOLLOW_UP, sent_at=follow_up_at)
    )
    assert stage_of(workspace, priya) == ("messaged", ["messaged"])
    clock.now = follow_up_at + timedelta(days=7) - timedelta(seconds=1)
    assert kinds_for(workspace, priya) == []
    clock.now = follow_up_at + timedelta(days=7)
    assert kinds_for(workspace, priya) == [TodayKind.MOVE_ON]


def test_a_reply_ends_the_waiting_and_is_recorded(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=2)
    workspace.pipeline.outreach.record_reply(priya)
    clock.now = START + timedelta(days=30)
    assert kinds_for(workspace, priya) == []
    assert stage_of(workspace, priya) == ("replied", ["messaged", "replied"])
    assert workspace.pipeline.outreach.messages(priya)[0].got_reply


def test_a_reply_is_refused_before_the_message_or_on_a_day_still_ahead(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=6)
    assert workspace.pipeline.outreach.awaiting_reply_since(priya) == START
    with pytest.raises(OutreachError, match="reply came that day or later"):
        workspace.pipeline.outreach.record_reply(priya, START - timedelta(days=1))
    with pytest.raises(OutreachError, match="still ahead"):
        workspace.pipeline.outreach.record_reply(priya, START + timedelta(days=7))
    assert not workspace.pipeline.outreach.messages(priya)[0].got_reply
    # Earlier the same day as the message: the reply cannot precede it, so it is the message's
    # moment; a later day is kept as given.
    workspace.pipeline.outreach.record_reply(priya, START - timedelta(hours=1))
    assert workspace.pipeline.outreach.messages(priya)[0].replied_at == START
    assert workspace.pipeline.outreach.awaiting_reply_since(priya) is None


def test_moving_on_records_no_reply_and_undo_takes_it_back_exactly(
    workspace: Workspace, clock: MovableClock
) -> None:
    priya = add_contact(workspace, "Priya")
    workspace.pipeline.outreach.log_sent(SentMessage(priya))
    clock.now = START + timedelta(days=15)
    change = workspace.pipeline.outreach.mark_moved_on(priya)
    assert stage_of(workspace, priya) == ("moved_on", ["messaged", "moved_on"])
    assert workspace.pipeline.outreach.messages(priya)[0].outcome == "no_reply"
    assert kinds_for(workspace, priya) == []

    workspace.pipeline.outreach.undo(change)
    assert stage_of(workspace, priya) == ("messaged", ["messaged"])
    assert workspace.pipeline.outreach.messages(priya)[0].outcome is None
    assert kinds_for(workspace, priya) == [TodayKind.MOVE_ON]


def test_undo_of_a_logged_message_removes_it_and_restores_the_stage(
    workspace: Workspace,
) -> None:
    priya = add_contact(workspace, "Priya")
    change = workspace.pipeline.outreach.log_sent(SentMessage(priya))
    workspace.pipeline.outreach.undo(change)
    assert stage_of(workspace, priya) == ("not_contacted", [])
    assert workspace.pipeline.outreach.messages(priya) == []


def keep_in_touch_contact(workspace: Workspace, days: int) -> int:
    contact_id = add_contact(workspace, "Jo", kind=ContactKind.PEER.value, keep_in_touch_days=days)
    with workspace.context.sessions.begin() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.stage = Stage.KEEPING_IN_TOUCH.value
        contact.stage_changed_at = START - timedelta(days=days)
        contact.last_touch_at = START - timedelta(days=days)
    return contact_id


def test_a_logged_touch_resets_the_keep_in_touch_cadence(
    workspace: Workspace, clock: MovableClock
) -> None:
    jo = keep_in_touch_contact(workspace, 30)
    assert kinds_for(workspace, jo) == [TodayKind.KEEP_IN_TOUCH]
    workspace.pipeline.outreach.log_touch(jo, note="Liked their post")
    assert kinds_for(workspace, jo) == []
    clock.now = START + timedelta(days=29)
    assert kinds_for(workspace, jo) == []
    clock.now = START + timedelta(days=30)
    assert kinds_for(workspace, jo) == [TodayKind.KEEP_IN_TOUCH]


def test_a_snooze_quiets_the_nudge_until_its_day_and_undo_brings_it_back(
    workspace: Workspace, clock: MovableClock
) -> None:
    jo = keep_in_touch_contact(workspace, 30)
    change = workspace.pipeline.outreach.snooze(jo, date(2026, 3, 16))
    assert kinds_for(workspace, jo) == []
    # The first minute of that day where the user is (the suite's zone, from TZ).
    clock.now = datetime(2026, 3, 16, 0, 0, tzinfo=workspace.context.zone())
    assert kinds_for(workspace, jo) == [TodayKind.KEEP_IN_TOUCH]
    clock.now = datetime(2026, 3, 16, 0, 0, tzinfo=workspace.context.zone()) - timedelta(minutes=1)
    assert kinds_for(workspace, jo) == []
    clock.now = datetime(2026, 3, 16, 0, 0, tzinfo=workspace.context.zone())
    clock.now = START
    workspace.pipeline.outreach.undo(change)
    assert kinds_for(workspace, jo) == [TodayKind.KEEP_IN_TOUCH]


def test_a_touch_after_the_thank_you_means_keeping_in_touch(workspace: Workspace) -> None:
    jo = add_contact(workspace, "Jo")
    with workspace.context.sessions.begin() as session:
        contact = session.get(Contact, jo)
        assert contact is not None
        contact.stage = Stage.THANKED.value
    workspace.pipeline.outreach.log_touch(jo)
    assert stage_of(workspace, jo)[0] == "keeping_in_touch"


def test_next_people_are_ranked_by_goal_activity_groups_and_city(
    workspace: Workspace,
) -> None:
    workspace.settings.set("user.base", {"city": "Toronto"})
    gone = add_contact(
        workspace, "Gone", goal=Goal.MENTORSHIP.value, city="Toronto", groups=["PMI Toronto"]
    )
    best = add_contact(
        workspace,
        "Best",
        goal=Goal.MENTORSHIP.value,
        online_activity=OnlineActivity.OFTEN.value,
        city="toronto",
        groups=["PMI Toronto"],
    )
    second = add_contact(workspace, "Second", goal=Goal.MENTORSHIP.value, city="Ottawa")
    third = add_contact(workspace, "Third", online_activity=OnlineActivity.OFTEN.value)
    busy = add_contact(workspace, "Busy", goal=Goal.MENTORSHIP.value)
    recruiter = add_contact(
        workspace, "Rec", goal=Goal.MENTORSHIP.value, kind=ContactKind.RECRUITER.value
    )
    workspace.pipeline.outreach.log_sent(SentMessage(busy))
    workspace.pipeline.outreach.log_sent(SentMessage(gone))
    workspace.pipeline.outreach.mark_moved_on(gone)

    suggestions = workspace.pipeline.outreach.suggest_next(gone)
    ids = [s.contact_id for s in suggestions]
    assert ids == [best, second, third]
    assert busy not in ids
    assert recruiter not in ids
    assert gone not in ids
    assert suggestions[0].reason_text == (
        "same goal: mentorship · posts often · same group: PMI Toronto · same city"
        " · not contacted yet"
    )


def test_actions_on_a_missing_contact_say_so_plainly(workspace: Workspace) -> None:
    with pytest.raises(OutreachError, match="no longer exists"):
        workspace.pipeline.outreach.mark_moved_on(999)
