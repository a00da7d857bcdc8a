from __future__ import annotations

from sqlalchemy import update

from chatplanner.db.models import Contact, Venue
from chatplanner.domain.enums import MeetingStatus
from chatplanner.services.workspace import Workspace
from chatplanner.ui.meetings.list_model import ordered_rows


def test_the_fingerprint_stays_the_same_while_nothing_changes(demo: Workspace) -> None:
    assert demo.chats.meetings.list_fingerprint() == demo.chats.meetings.list_fingerprint()


def test_the_fingerprint_follows_everything_the_list_shows(demo: Workspace) -> None:
    meetings = demo.chats.meetings
    chat = next(m for m in meetings.list_meetings() if m.venue_name)
    seen = [meetings.list_fingerprint()]

    def changed() -> bool:
        now = meetings.list_fingerprint()
        new = now not in seen
        seen.append(now)
        return new

    meetings.set_status(chat.id, MeetingStatus.CANCELLED)
    assert changed()
    item = meetings.meeting(chat.id).checklist[0]
    meetings.set_item_done(item.id, not item.done)
    assert changed()
    with demo.context.sessions.begin() as session:  # as another part of the app would
        session.execute(
            update(Contact).where(Contact.id == chat.contact_id).values(first_name="Zed")
        )
    assert changed()
    with demo.context.sessions.begin() as session:
        session.execute(update(Venue).where(Venue.name == chat.venue_name).values(name="Café Neuf"))
    assert changed()
    meetings.update_plan(chat.id, duration_minutes=chat.duration_minutes + 15)
    assert changed()


def test_the_first_screen_is_the_start_of_the_full_list_with_true_counts(demo: Workspace) -> None:
    now = demo.context.now()
    sections = dict(ordered_rows(demo.chats.meetings.list_meetings(), now))
    upcoming, past = sections.get("Upcoming", []), sections.get("Past", [])
    assert upcoming
    assert len(past) > 1

    start = demo.chats.meetings.list_start(1)

    assert [m.id for m in start.upcoming] == [m.id for m in upcoming[:1]]
    assert list(start.past) == past[:1]
    assert (start.upcoming_count, start.past_count) == (len(upcoming), len(past))
    assert not start.complete
    assert demo.chats.meetings.list_start(1000).complete
