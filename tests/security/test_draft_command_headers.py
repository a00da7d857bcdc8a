"""End to end: `chatplanner draft ID --eml FILE` on hostile names and subjects writes a draft with
exactly the expected headers, one recipient, no Bcc, and `X-Unsent: 1`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import policy
from email.headerregistry import AddressHeader
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import update

from chatplanner.cli.main import main
from chatplanner.db.models import Contact, ThankYouDraft
from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import FollowUpOwner, MeetingMode
from chatplanner.services.workspace import Workspace

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)
EMAIL = "eve@example.com"
EXPECTED = {
    "To",
    "From",
    "Subject",
    "Date",
    "X-Unsent",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
}
# (first name, last name, saved subject): each tries to smuggle a header in its own way.
HOSTILE = {
    "crlf_in_name": ("Eve\r\nBcc: spy@evil.example", "Smith", None),
    "encoded_word_newline": ("=?UTF-8?Q?=0A?=Bcc: spy@evil.example", "Smith", None),
    "trailing_newline": ("Eve\n", "Smith\r\n", None),
    "bare_cr_and_lf": ("Eve\rBcc: a@evil.example", "\nCc: b@evil.example", None),
    "crlf_in_subject": ("Eve", "Smith", "Thanks for the chat\r\nBcc: spy@evil.example"),
    "encoded_subject": ("Eve", "Smith", "=?UTF-8?Q?Hi=0D=0ABcc:_spy@evil.example?="),
    "folded_subject": ("Eve", "Smith", "Thanks\r\n\tBcc: spy@evil.example\r\n\r\nBody?"),
}


def _profile(directory: Path, first: str, last: str, subject: str | None) -> int:
    with Workspace.open(directory, clock=lambda: NOW) as workspace:
        workspace.settings.set("user.name", "Me\r\nBcc: me@evil.example")
        workspace.settings.set("user.email", "me@example.com")
        contact = workspace.people.contact_edits.create(ContactDraft(first_name="Eve", email=EMAIL))
        # Straight into the table, as an old version or an import might have stored them:
        # the draft must be safe whatever the services would have cleaned on the way in.
        with workspace.context.sessions.begin() as session:
            session.execute(
                update(Contact)
                .where(Contact.id == contact.id)
                .values(first_name=first, last_name=last, company="Acme\r\nCc: x@evil.example")
            )
        meeting_id = workspace.planning.scheduling.plan_chat(
            contact.id, MeetingMode.ONLINE, datetime(2025, 3, 10, 16, 0, tzinfo=UTC)
        )
        workspace.chats.meetings.save_notes(
            meeting_id,
            NoteSections(
                advice="Keep a brag document.\r\nBcc: notes@evil.example",
                resources="The book she mentioned\r\n\r\nX-Injected: 1",
            ),
        )
        workspace.chats.meetings.add_follow_up(
            meeting_id,
            FollowUpOwner.ME,
            "Send the article\r\nBcc: f@evil.example",
            date(2025, 3, 14),
        )
        if subject is not None:
            with workspace.context.sessions.begin() as session:
                session.add(
                    ThankYouDraft(
                        meeting_id=meeting_id,
                        subject=subject,
                        body="Hi Eve,\r\nBcc: body@evil.example\r\n\r\nThank you.",
                        generated_body="",
                        updated_at=NOW,
                    )
                )
        return meeting_id


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_draft_eml_from_the_command_line_has_only_the_expected_headers(
    case: str, tmp_path: Path
) -> None:
    first, last, subject = HOSTILE[case]
    directory = tmp_path / "p"
    meeting_id = _profile(directory, first, last, subject)
    target = tmp_path / "thanks.eml"

    status = main(["draft", str(meeting_id), "--eml", str(target), "--data-dir", str(directory)])

    assert status == 0
    message = BytesParser(policy=policy.default).parsebytes(target.read_bytes())
    assert sorted(message.keys()) == sorted(EXPECTED)  # each once, nothing else
    to = message["To"]
    assert isinstance(to, AddressHeader)
    assert [address.addr_spec for address in to.addresses] == [EMAIL]
    assert message["Bcc"] is None
    assert message["Cc"] is None
    assert message["X-Unsent"] == "1"
    for name, value in message.items():
        assert "\r" not in str(value), name
        assert "\n" not in str(value), name
    sender = message["From"]
    assert isinstance(sender, AddressHeader)
    # A hostile name may survive as harmless display text; never as another address.
    assert [address.addr_spec for address in sender.addresses] == ["me@example.com"]
    assert message.defects == []


def test_a_hostile_recipient_address_is_refused_and_no_file_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    meeting_id = _profile(directory, "Eve", "Smith", None)
    with Workspace.open(directory) as workspace, workspace.context.sessions.begin() as session:
        session.execute(update(Contact).values(email=f"{EMAIL}\r\nBcc: spy@evil.example"))
    target = tmp_path / "thanks.eml"

    status = main(["draft", str(meeting_id), "--eml", str(target), "--data-dir", str(directory)])

    assert status == 2
    assert not target.exists()
    assert capsys.readouterr().err.strip()  # a sentence saying what to fix


@pytest.mark.parametrize(
    ("recipient", "sender"),
    [
        ("victim\n@example.com", "me@example.com"),
        ("victim\r@example.com", "me@example.com"),
        ("victim@example.com", "me\n@example.com"),
        ("victim@example.com", "me@example\n.com"),
    ],
)
def test_a_line_break_inside_an_address_gives_a_plain_message_not_a_traceback(
    recipient: str, sender: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "p"
    meeting_id = _profile(directory, "Eve", "Smith", None)
    with Workspace.open(directory) as workspace:
        workspace.settings.set("user.email", sender)
        with workspace.context.sessions.begin() as session:
            session.execute(update(Contact).values(email=recipient))
    target = tmp_path / "thanks.eml"

    status = main(["draft", str(meeting_id), "--eml", str(target), "--data-dir", str(directory)])

    assert status == 2
    assert not target.exists()
    assert "does not look like an email address" in capsys.readouterr().err
