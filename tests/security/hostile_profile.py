"""A demo profile whose people, venues and notes carry markup and header-breaking text."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from chatplanner.db.models import Contact, MeetingNotes, Venue
from chatplanner.services.workspace import Workspace

HOSTILE_NAMES = (
    ("<b>bold</b>", "<img src=x>"),
    ("<a href='https://evil.example'>click</a>", "Bcc: all@evil.example"),
    ("Ada\r\nBcc: spy@evil.example", "&lt;escaped&gt;"),
    ("\u202eevil", "<script>alert(1)</script>"),
)
# The hostile strings exactly as written: the app's own markup (links, bold) is not a finding.
MARKERS = (
    "<b>bold</b>",
    "<img src=x>",
    "<a href='https://evil.example'>",
    "<script>",
    "<i>Acme</i>",
    "<u>x</u>",
    "<h1>loud</h1>",
)


def hostile_workspace(demo_profile: Path) -> Workspace:
    """Open a copy of the demo and give its first contacts, a venue and a note hostile text."""
    workspace = Workspace.open(demo_profile)
    with workspace.context.sessions.begin() as session:
        ids = session.scalars(select(Contact.id).order_by(Contact.id)).all()
        for contact_id, (first, last) in zip(ids, HOSTILE_NAMES, strict=False):
            session.execute(
                update(Contact)
                .where(Contact.id == contact_id)
                .values(
                    first_name=first,
                    last_name=last,
                    email=f"person{contact_id}@example.com",
                    company="<i>Acme</i>",
                    city="<u>x</u>",
                )
            )
        session.execute(update(Venue).values(name="<b>Café</b> <img src=x>"))
        session.execute(update(MeetingNotes).values(advice="<h1>loud</h1> <img src=x>"))
    return workspace
