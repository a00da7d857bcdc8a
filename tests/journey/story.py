"""What happened earlier in the user's day, set up through the services so each step's test
starts where the previous step left off (the step itself is always driven through the window)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from chatplanner.db.models import Outreach
from chatplanner.domain.enums import ContactKind, Goal, MeetingMode, MeetingStatus
from chatplanner.services.outreach import SentMessage
from chatplanner.services.workspace import Workspace

CONNECTIONS = Path(__file__).with_name("connections.csv")


def import_network(workspace: Workspace) -> dict[str, int]:
    """The LinkedIn export imported; first name -> contact id."""
    service = workspace.people.contact_import
    service.commit(service.preview(CONNECTIONS))
    return {c.first_name: c.id for c in workspace.people.contacts.list_summaries()}


def contact_id(workspace: Workspace, first_name: str) -> int:
    return next(
        c.id for c in workspace.people.contacts.list_summaries() if c.first_name == first_name
    )


def sorted_out(workspace: Workspace) -> dict[str, int]:
    """Imported, kinds and goals set."""
    ids = import_network(workspace)
    workspace.people.contact_edits.set_kind([ids["Jessica"], ids["Mei"]], ContactKind.MENTOR)
    workspace.people.contact_edits.set_kind([ids["Omar"], ids["Lucas"]], ContactKind.PEER)
    workspace.people.contact_edits.set_goal([ids["Jessica"], ids["Mei"]], Goal.MENTORSHIP)
    group = workspace.people.groups.create("PMI Toronto")
    workspace.people.contact_edits.add_to_group([ids["Jessica"], ids["Omar"], ids["Mei"]], group.id)
    return ids


def messaged(workspace: Workspace, contact: int, days_ago: int, goal: Goal | None = None) -> None:
    sent_at = workspace.context.now() - timedelta(days=days_ago)
    workspace.pipeline.outreach.log_sent(
        SentMessage(contact, goal=goal, sent_at=sent_at, subject="A question", body="Hello")
    )


def planned(
    workspace: Workspace, contact: int, starts_at: datetime, mode: MeetingMode = MeetingMode.ONLINE
) -> int:
    return workspace.planning.scheduling.plan_chat(contact, mode, starts_at, 30)


def met(workspace: Workspace, contact: int, days_ago: int = 1) -> int:
    """A chat that happened `days_ago` days ago, marked done."""
    start = workspace.context.now() - timedelta(days=days_ago)
    meeting = planned(workspace, contact, start)
    workspace.chats.meetings.set_status(meeting, MeetingStatus.DONE)
    return meeting


def stored_bodies(workspace: Workspace, contact: int) -> list[str]:
    """The text of every message logged to `contact`, oldest first."""
    with workspace.context.sessions() as session:
        return list(
            session.scalars(
                select(Outreach.body)
                .where(Outreach.contact_id == contact)
                .order_by(Outreach.sent_at, Outreach.id)
            )
        )


def settled_in_toronto(workspace: Workspace, ids: dict[str, int]) -> dict[str, int]:
    """Base set by city (its centre), Jessica and Mei in Toronto, three venues; venue ids."""
    from dataclasses import replace

    from chatplanner.domain.enums import VenueKind
    from chatplanner.domain.venues import UserBase, VenueDraft

    workspace.planning.venues.set_base(
        UserBase("Home", "Toronto", 43.70011, -79.4163, "CA", "America/Toronto", city_centre=True)
    )
    for name in ("Jessica", "Mei"):
        detail = workspace.people.contacts.get(ids[name])
        workspace.people.contact_edits.update(ids[name], replace(detail.draft, city="Toronto"))
    venues = {}
    for name, kind, lat, lon in (
        ("Lantern & Leaf Coffee", VenueKind.COFFEE_SHOP, 43.6629, -79.3957),
        ("Union Station Food Hall", VenueKind.RESTAURANT, 43.6453, -79.3806),
        ("The Rusty Tap", VenueKind.BAR, 43.6505, -79.3900),
    ):
        venues[name] = workspace.planning.venues.add(
            VenueDraft(name, kind, city="Toronto", latitude=lat, longitude=lon, quietness=4)
        )
    return venues
