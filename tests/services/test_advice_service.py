from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import Contact, Meeting, Outreach
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner, OutreachKind, Stage, TemplateKind
from chatplanner.domain.follow_through import AliveAfter
from chatplanner.domain.template_names import REPORT_BACK_NAME
from chatplanner.services.advice import AdviceError
from chatplanner.services.templates import TemplateTextError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 6, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    ws = open_workspace(clock=lambda: NOW)
    ws.settings.set("user.name", "Amara Okafor")
    ws.settings.set("user.signature", "Amara Okafor, EIT\nSite Engineer")
    return ws


def chat(workspace: Workspace, advice: str, stage: str = "thanked", days_ago: int = 90) -> int:
    moment = NOW - timedelta(days=days_ago)
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name="Jessica",
            last_name="Lee",
            kind="mentor",
            stage=stage,
            created_at=moment,
            updated_at=moment,
        )
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
        meeting_id = meeting.id
    workspace.chats.meetings.save_notes(
        meeting_id, NoteSections(advice=advice, their_past="She moved from QA to PM.")
    )
    return meeting_id


def test_each_piece_of_advice_is_listed_and_can_be_acted_on(workspace: Workspace) -> None:
    meeting_id = chat(
        workspace,
        "- Take the CAPM exam before the PMP.\n- Volunteer on a chapter committee. "
        "That is where you meet people.",
    )
    pieces = workspace.chats.advice.for_meeting(meeting_id)
    assert [p.advice for p in pieces] == [
        "Take the CAPM exam before the PMP.",
        "Volunteer on a chapter committee. That is where you meet people.",
    ]
    assert not any(p.is_acted_on for p in pieces)
    record = workspace.chats.advice.mark_acted_on(
        meeting_id, pieces[0].advice, "passed the CAPM in March"
    )
    assert record.acted_on == date(2026, 6, 10)
    assert record.outcome == "passed the CAPM in March"
    # Editing the notes later does not lose what was done.
    workspace.chats.meetings.save_notes(meeting_id, NoteSections(advice="Something else entirely"))
    again = workspace.chats.advice.for_meeting(meeting_id)
    assert [p.advice for p in again if p.is_acted_on] == ["Take the CAPM exam before the PMP."]


def test_a_promise_acted_on_keeps_what_came_of_it(workspace: Workspace) -> None:
    meeting_id = chat(workspace, "Take the CAPM")
    promise = workspace.chats.meetings.add_follow_up(meeting_id, FollowUpOwner.ME, "Send my résumé")
    entry = workspace.chats.advice.mark_promise_acted_on(
        promise.id, "sent it with two case studies"
    )
    assert entry.done
    assert entry.outcome == "sent it with two case studies"
    assert workspace.chats.meetings.meeting(meeting_id).follow_ups[0].outcome == (
        "sent it with two case studies"
    )


def test_acting_on_advice_suggests_a_report_back_and_sending_it_is_a_touch(
    workspace: Workspace,
) -> None:
    meeting_id = chat(workspace, "Take the CAPM exam before the PMP.")
    workspace.chats.advice.mark_acted_on(
        meeting_id, "Take the CAPM exam before the PMP.", "passed it last week"
    )
    (due,) = workspace.chats.advice.report_backs_due()
    assert due.contact_name == "Jessica Lee"
    draft = workspace.chats.advice.report_back_draft(due.action_id)
    body = " ".join(draft.body.split())
    assert draft.subject == "Your advice, Jessica"
    assert body.startswith(
        "Hi Jessica, You suggested I take the CAPM exam before the PMP: I passed it last week. "
        "Thank you again: that advice from our chat in March made a real difference."
    )
    assert draft.body.endswith("Best wishes,\nAmara Okafor, EIT\nSite Engineer\n")

    workspace.chats.advice.send_report_back(due.action_id, draft.subject, draft.body)
    assert workspace.chats.advice.report_backs_due() == []
    with workspace.context.sessions() as session:
        touch = session.scalars(select(Outreach)).one()
        contact = session.get(Contact, touch.contact_id)
        assert contact is not None
        assert touch.kind == OutreachKind.TOUCH.value
        assert touch.body == draft.body
        assert contact.stage == Stage.KEEPING_IN_TOUCH.value
        assert contact.last_touch_at == NOW
    assert workspace.chats.advice.for_meeting(meeting_id)[0].reported_back


def test_not_now_stops_the_suggestion(workspace: Workspace) -> None:
    meeting_id = chat(workspace, "Keep a decision log")
    record = workspace.chats.advice.mark_acted_on(meeting_id, "Keep a decision log")
    assert record.action_id is not None
    workspace.chats.advice.dismiss_report_back(record.action_id)
    assert workspace.chats.advice.report_backs_due() == []


def test_the_report_back_template_is_editable_and_checked(workspace: Workspace) -> None:
    meeting_id = chat(workspace, "Keep a decision log")
    record = workspace.chats.advice.mark_acted_on(
        meeting_id, "Keep a decision log", "kept it daily"
    )
    assert record.action_id is not None
    workspace.chats.chat_templates.save(
        TemplateKind.THANK_YOU,
        "Subject: Update for {first_name}\n\n{report_back}\n-- {my_name}",
        REPORT_BACK_NAME,
    )
    draft = workspace.chats.advice.report_back_draft(record.action_id)
    assert draft.subject == "Update for Jessica"
    assert draft.body.startswith("You suggested I keep a decision log: I kept it daily.")
    with pytest.raises(TemplateTextError, match="specific_points"):
        workspace.chats.chat_templates.save(
            TemplateKind.THANK_YOU, "Subject: x\n\n{specific_points}", REPORT_BACK_NAME
        )


def test_a_very_long_outcome_is_refused_with_a_sentence(workspace: Workspace) -> None:
    meeting_id = chat(workspace, "Keep a decision log")
    with pytest.raises(AdviceError, match="under 500 characters"):
        workspace.chats.advice.mark_acted_on(meeting_id, "Keep a decision log", "x " * 400)
    assert not any(p.is_acted_on for p in workspace.chats.advice.for_meeting(meeting_id))


def test_insights_count_advice_acted_on_and_report_backs(workspace: Workspace) -> None:
    meeting_id = chat(workspace, "- Keep a decision log\n- Run the weekly meeting", days_ago=100)
    record = workspace.chats.advice.mark_acted_on(
        meeting_id, "Keep a decision log", "kept it daily"
    )
    assert record.action_id is not None
    workspace.chats.advice.send_report_back(record.action_id, "Update", "It worked. Thank you.")
    follow = workspace.pipeline.insights.insights(None).follow_through
    assert follow is not None
    assert (follow.advice_given, follow.advice_acted_on, follow.report_backs_sent) == (2, 1, 1)
    # The chat was 100 days ago: its 3-month mark was 9 days ago, and the report-back came after
    # it; a hello 20 days ago is within the mentor's cadence at the mark.
    assert follow.alive_after[0] == AliveAfter(3, 0, 1)
    workspace.pipeline.outreach.log_touch(record.contact_id, at=NOW - timedelta(days=20))
    follow = workspace.pipeline.insights.insights(None).follow_through
    assert follow is not None
    assert follow.alive_after[0] == AliveAfter(3, 1, 1)


@pytest.mark.parametrize("user_zone", ["America/Toronto", "Asia/Tokyo", "UTC"])
def test_the_report_back_and_the_thank_you_say_today_for_a_chat_held_today(
    tmp_path: Path, user_zone: str
) -> None:
    # 21:00 in Toronto on 9 June is already 10 June in UTC and in Tokyo; the chat ended at
    # 17:45 Toronto time, the same Toronto day. Both letters count days in the chat's zone.
    now = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
    with Workspace.open(tmp_path / user_zone.replace("/", "-"), clock=lambda: now) as ws:
        ws.settings.set("user.timezone", user_zone)
        ws.settings.set("user.name", "Amara Okafor")
        with ws.context.sessions.begin() as session:
            contact = Contact(
                first_name="Jessica",
                last_name="Lee",
                kind="mentor",
                stage="met",
                created_at=now - timedelta(days=30),
                updated_at=now,
            )
            session.add(contact)
            session.flush()
            meeting = Meeting(
                contact_id=contact.id,
                starts_at=datetime(2026, 6, 9, 21, 0, tzinfo=UTC),  # 17:00 in Toronto
                timezone="America/Toronto",
                status="done",
                created_at=now,
                updated_at=now,
            )
            session.add(meeting)
            session.flush()
            meeting_id = meeting.id
        ws.chats.meetings.save_notes(meeting_id, NoteSections(advice="Take the CAPM exam first."))
        ws.chats.advice.mark_acted_on(meeting_id, "Take the CAPM exam first.", "booked it")
        (due,) = ws.chats.advice.report_backs_due()
        report = " ".join(ws.chats.advice.report_back_draft(due.action_id).body.split())
        assert "that advice from our chat today made a real difference" in report
        assert "December" not in report
        assert "June" not in report
        thanks = " ".join(ws.chats.thank_you.preview(meeting_id).body.split())
        assert "Thank you for taking the time to meet with me today." in thanks
