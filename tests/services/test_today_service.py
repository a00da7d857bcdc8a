"""Today from a real profile: every kind of item, meetings' thank-you state, promises."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import Contact, FollowUp, Meeting, ThankYouDraft
from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.domain.today_items import TodayKind
from chatplanner.services.today import TodayService
from chatplanner.services.workspace import Workspace
from tests.profiles import DemoAt

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def demo(demo_at: DemoAt) -> Workspace:
    return demo_at(NOW)


def test_the_demo_today_has_every_kind_of_item_with_reasons(demo: Workspace) -> None:
    items = demo.pipeline.today.items()
    assert {item.kind for item in items} == set(TodayKind)
    for item in items:
        assert item.contact_name
        assert item.reason.endswith(".")
    chats = [i for i in items if i.kind in (TodayKind.UPCOMING_CHAT, TodayKind.THANK_YOU)]
    assert all(i.meeting_id is not None for i in chats)


def test_a_sent_thank_you_draft_clears_the_thank_you_item(demo: Workspace) -> None:
    owed = next(i for i in demo.pipeline.today.items() if i.kind is TodayKind.THANK_YOU)
    with demo.context.sessions.begin() as session:
        draft = session.scalar(
            select(ThankYouDraft).where(ThankYouDraft.meeting_id == owed.meeting_id)
        )
        if draft is None:
            draft = ThankYouDraft(meeting_id=owed.meeting_id, updated_at=NOW)
            session.add(draft)
        draft.sent_at = NOW
    assert owed.meeting_id not in {
        i.meeting_id for i in demo.pipeline.today.items() if i.kind is TodayKind.THANK_YOU
    }


def test_archived_contacts_and_finished_promises_leave_today(demo: Workspace) -> None:
    items = demo.pipeline.today.items()
    promise = next(i for i in items if i.follow_up_id is not None)
    nudge = next(i for i in items if i.kind is TodayKind.MOVE_ON)
    with demo.context.sessions.begin() as session:
        follow_up = session.get(FollowUp, promise.follow_up_id)
        assert follow_up is not None
        follow_up.done_at = NOW
        contact = session.get(Contact, nudge.contact_id)
        assert contact is not None
        contact.archived = True
    after = demo.pipeline.today.items()
    assert promise.follow_up_id not in {i.follow_up_id for i in after}
    assert nudge.contact_id not in {i.contact_id for i in after}


def test_a_chat_marked_thanked_by_hand_owes_no_thank_you(demo: Workspace) -> None:
    owed = next(i for i in demo.pipeline.today.items() if i.kind is TodayKind.THANK_YOU)
    with demo.context.sessions.begin() as session:
        meeting = session.get(Meeting, owed.meeting_id)
        contact = session.get(Contact, owed.contact_id)
        assert meeting is not None
        assert contact is not None
        contact.stage = Stage.THANKED.value
        contact.stage_changed_at = meeting.starts_at + timedelta(hours=3)
    kinds = {(i.kind, i.meeting_id) for i in demo.pipeline.today.items()}
    assert (TodayKind.THANK_YOU, owed.meeting_id) not in kinds


def test_the_rules_come_from_the_settings(demo: Workspace) -> None:
    demo.settings.set("pipeline.follow_up_after_days", 3)
    demo.settings.set("pipeline.move_on_after_days", 30)
    demo.settings.set("cadence.peer", 7)
    rules = demo.pipeline.today.rules()
    assert rules.patience.follow_up_after_days == 3
    assert rules.cadence_days[ContactKind.PEER] == 7
    # Unusable stored values fall back to the shipped rule rather than failing.
    demo.settings.set("pipeline.move_on_after_days", 2)
    assert demo.pipeline.today.rules().patience.move_on_after_days == 14


def test_the_snapshot_holds_only_contacts_that_can_need_the_user_and_keeps_their_items(
    tmp_path: Path,
) -> None:
    stamp = NOW

    def contact(name: str, stage: Stage, **fields: object) -> Contact:
        return Contact(
            first_name=name, stage=stage.value, created_at=stamp, updated_at=stamp, **fields
        )

    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        with workspace.context.sessions.begin() as session:
            quiet = contact("Quiet", Stage.NOT_CONTACTED)
            met = contact("Met", Stage.MET)  # only a chat that owes a thank-you
            promised = contact("Promised", Stage.REPLIED)  # only a promise due today
            waiting = contact("Waiting", Stage.MESSAGED, stage_changed_at=stamp)
            cancelled = contact("Cancelled", Stage.CHAT_PLANNED)  # only a cancelled chat
            gone = contact("Gone", Stage.MESSAGED, archived=True)
            session.add_all([quiet, met, promised, waiting, cancelled, gone])
            session.flush()
            session.add_all(
                [
                    Meeting(
                        contact_id=met.id,
                        starts_at=NOW - timedelta(days=2),
                        duration_minutes=45,
                        status="done",
                        created_at=stamp,
                        updated_at=stamp,
                    ),
                    Meeting(
                        contact_id=cancelled.id,
                        starts_at=NOW + timedelta(days=1),
                        duration_minutes=45,
                        status="cancelled",
                        created_at=stamp,
                        updated_at=stamp,
                    ),
                    FollowUp(
                        contact_id=promised.id, owner="me", text="Send the deck", due_on=NOW.date()
                    ),
                ]
            )
        service = TodayService(workspace.context)
        read = {c.name for c in service.snapshot().contacts}
        assert read == {"Met", "Promised", "Waiting"}
        kinds = {(i.contact_name, i.kind) for i in service.items()}
        assert ("Met", TodayKind.THANK_YOU) in kinds
        assert ("Promised", TodayKind.FOLLOW_UP) in kinds
        assert {name for name, _kind in kinds} == {"Met", "Promised"}
