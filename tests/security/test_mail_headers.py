"""No user value can inject a mail header: drafts built from demo-like data with hostile names."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import select

from chatplanner.db.models import Contact
from chatplanner.domain.templates import render
from chatplanner.interop.mail_draft import MailDraftError, build_eml, build_mailto

from .hostile_profile import hostile_workspace

EXPECTED = {"X-Unsent", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"}


def test_thank_you_drafts_for_every_contact_carry_only_the_expected_headers(
    demo_profile: Path,
) -> None:
    with hostile_workspace(demo_profile) as workspace:
        with workspace.context.sessions() as session:
            people = session.execute(
                select(Contact.first_name, Contact.last_name, Contact.email, Contact.company)
            ).all()
        workspace.settings.set("user.name", "Me\r\nBcc: me@evil.example")
        sender = str(workspace.settings.get("user.name"))
    assert len(people) > 10
    for first, last, email, company in people:
        subject = render(
            "Thank you, {first_name}!\nBcc: x@evil.example {company}",
            {"first_name": first, "company": company},
        ).text
        try:
            raw = build_eml(f"{first} {last}", email or "", sender, "me@example.com", subject, "Hi")
        except MailDraftError:
            continue  # a clear refusal is acceptable; an injected header is not
        message = message_from_bytes(raw, policy=policy.default)
        expected = EXPECTED | {"From"} | ({"To"} if (email or "").strip() else set())
        assert set(message.keys()) == expected
        assert "evil.example" not in str(message.get("Bcc", ""))
        for value in message.values():
            assert "\n" not in str(value)
            assert "\r" not in str(value)
        link = build_mailto(email or "", subject, "Hi\r\nBcc: x@evil.example")
        assert link is None or "\r\nBcc" not in link
