from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import Contact, Meeting, Outreach, Template
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner, MeetingStatus, TemplateKind
from chatplanner.services.templates import TemplateTextError
from chatplanner.services.thank_you import ThankYouDraftError, UnsavedEditsError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def make_meeting(
    workspace: Workspace, first: str = "Ada", last: str = "Lovelace", email: str | None = None
) -> int:
    moment = NOW - timedelta(days=1)
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name=first,
            last_name=last,
            email=email if email is not None else "ada@example.com",
            kind="mentor",
            stage="met",
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
        return meeting.id


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    ws = open_workspace(clock=lambda: NOW)
    ws.settings.set("user.name", "Amara Okafor")
    ws.settings.set("user.email", "amara@example.org")
    ws.settings.set("user.signature", "Site Engineer")
    return ws


def _notes(workspace: Workspace, meeting_id: int) -> None:
    workspace.chats.meetings.save_notes(
        meeting_id,
        NoteSections(advice="Ask for the ugly jobs.", resources="Making Things Happen"),
    )
    workspace.chats.meetings.add_follow_up(
        meeting_id, FollowUpOwner.ME, "Send my rewritten résumé", date(2026, 3, 14)
    )


def test_generated_draft_uses_notes_follow_ups_and_the_user_identity(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    _notes(workspace, meeting_id)
    entry = workspace.chats.thank_you.generate(meeting_id).entry
    assert entry.subject == "Thank you, Ada"
    body = " ".join(entry.body.split())
    assert "your advice to ask for the ugly jobs" in body
    assert "Making Things Happen" in body
    assert "I will send you my rewritten résumé by Saturday." in body  # four days on
    assert entry.body.rstrip().endswith("Amara Okafor\nSite Engineer")
    assert entry.generated_body == entry.body


def test_the_users_own_template_is_used(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    workspace.chats.chat_templates.save(
        TemplateKind.THANK_YOU, "Subject: Merci {first_name}\n\nMerci {first_name}!\n{my_name}"
    )
    entry = workspace.chats.thank_you.generate(meeting_id).entry
    assert entry.subject == "Merci Ada"
    assert entry.body.startswith("Merci Ada!")
    with workspace.context.sessions() as session:
        assert session.scalars(select(Template.kind)).all() == ["thank_you"]


def test_a_template_with_an_unknown_placeholder_is_refused(workspace: Workspace) -> None:
    with pytest.raises(TemplateTextError, match="frist_name"):
        workspace.chats.chat_templates.save(
            TemplateKind.THANK_YOU, "Subject: Hi\n\nHi {frist_name}"
        )


def test_regenerating_never_discards_edits_without_being_told(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    first = workspace.chats.thank_you.generate(meeting_id).entry
    assert not workspace.chats.thank_you.needs_confirmation(meeting_id)
    workspace.chats.thank_you.generate(meeting_id)  # nothing edited: regenerating is free

    workspace.chats.thank_you.save(
        meeting_id, first.subject, first.body + "\nSee you at the PMI night!"
    )
    assert workspace.chats.thank_you.needs_confirmation(meeting_id)
    with pytest.raises(UnsavedEditsError):
        workspace.chats.thank_you.generate(meeting_id)
    saved = workspace.chats.thank_you.saved(meeting_id)
    assert saved is not None
    assert "PMI night" in saved.body

    fresh = workspace.chats.thank_you.generate(meeting_id, discard_edits=True).entry
    assert "PMI night" not in fresh.body


HOSTILE_NAMES = ["Eve\r\nBcc: x@y", "=?UTF-8?Q?=0A?=Bcc: spy@example.net", "Eve\n"]


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_eml_export_has_exactly_the_expected_headers(
    workspace: Workspace, tmp_path: Path, hostile: str
) -> None:
    meeting_id = make_meeting(workspace, first=hostile, last="", email="eve@example.com")
    workspace.chats.thank_you.save(meeting_id, f"Thanks {hostile}", "Body")
    path = workspace.chats.thank_you.export_eml(meeting_id, tmp_path / "draft.eml")
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert sorted(message.keys()) == sorted(
        [
            "X-Unsent",
            "From",
            "To",
            "Subject",
            "Date",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
        ]
    )
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "eve@example.com"
    assert message["From"].addresses[0].addr_spec == "amara@example.org"
    assert "\n" not in str(message["Subject"])
    assert "Bcc" not in message


def test_eml_keeps_names_in_any_script(workspace: Workspace, tmp_path: Path) -> None:
    meeting_id = make_meeting(workspace, first="王伟", last="", email="wei@example.com")
    workspace.chats.thank_you.generate(meeting_id)
    raw = workspace.chats.thank_you.eml_bytes(meeting_id)
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert message["To"].addresses[0].display_name == "王伟"
    assert "王伟" in message.get_content()


def test_a_broken_contact_address_is_a_sentence_to_act_on(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace, email="not an address")
    with pytest.raises(ThankYouDraftError, match="does not look like an email address"):
        workspace.chats.thank_you.eml_bytes(meeting_id)


def test_mailto_is_none_when_the_draft_is_too_long(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    workspace.chats.thank_you.save(meeting_id, "Thanks", "Short note")
    link = workspace.chats.thank_you.mailto(meeting_id)
    assert link is not None
    assert link.startswith("mailto:ada@example.com?subject=Thanks")
    workspace.chats.thank_you.save(meeting_id, "Thanks", "word " * 1000)
    assert workspace.chats.thank_you.mailto(meeting_id) is None


def test_mark_as_sent_thanks_the_contact_and_logs_the_email(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    workspace.chats.thank_you.generate(meeting_id)
    entry = workspace.chats.thank_you.mark_sent(meeting_id)
    assert entry.sent_at == NOW
    with workspace.context.sessions() as session:
        assert session.scalars(select(Contact.stage)).one() == "thanked"
        outreach = session.scalars(select(Outreach)).one()
        assert (outreach.kind, outreach.channel) == ("thank_you", "email")
        assert outreach.subject == "Thank you, Ada"
    summary = workspace.chats.meetings.summary(meeting_id)
    assert summary.thank_you_sent
    assert not summary.thank_you_owed(NOW)
    # Sending twice records nothing new.
    workspace.chats.thank_you.mark_sent(meeting_id)
    with workspace.context.sessions() as session:
        assert len(session.scalars(select(Outreach)).all()) == 1


def test_a_thank_you_is_owed_from_the_end_and_due_a_day_later(workspace: Workspace) -> None:
    meeting_id = make_meeting(workspace)
    summary = workspace.chats.meetings.summary(meeting_id)
    assert summary.status is MeetingStatus.DONE
    assert summary.thank_you_owed(NOW)
    assert summary.thank_you_due_at == summary.ends_at + timedelta(days=1)
