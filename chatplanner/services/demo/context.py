"""What one demo seeding shares: the session, days relative to `now`, and a seeded random source."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, FollowUp, Meeting, Outreach
from chatplanner.domain.enums import Channel, OutreachKind
from chatplanner.services.demo.chats import FollowUpSpec
from chatplanner.services.demo.places import TIMEZONE


class DemoCalendar:
    """Days relative to today where the demo user lives; moments stored as naive UTC."""

    def __init__(self, now: datetime) -> None:
        self._zone = ZoneInfo(TIMEZONE)
        self.today = now.astimezone(self._zone).date()

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        local = datetime.combine(self.day(offset), time(hour, minute), tzinfo=self._zone)
        return local


@dataclass(slots=True)
class ChatMoments:
    """What a contact's stage history needs to know about their chats."""

    planned_at: datetime | None = None
    met_at: datetime | None = None
    thanked_at: datetime | None = None


class SeedContext:
    def __init__(self, session: Session, now: datetime, seed: int) -> None:
        self.session = session
        self.calendar = DemoCalendar(now)
        self.rng = random.Random(seed)
        self.counts: Counter[str] = Counter()

    def add(self, table: str, row: object) -> None:
        self.session.add(row)
        self.counts[table] += 1

    def minute(self) -> int:
        return self.rng.randrange(0, 60)

    def message_time(self, day: int) -> datetime:
        # People write on the way to work, at lunch, or in the evening.
        hour = self.rng.choice((7, 8, 12, 13, 19, 20, 21))
        return self.calendar.at(day, hour, self.minute())

    def add_outreach(
        self,
        contact: Contact,
        kind: OutreachKind,
        channel: Channel,
        body: str,
        sent_at: datetime,
        **fields: object,
    ) -> Outreach:
        outreach = Outreach(
            contact_id=contact.id,
            kind=kind.value,
            channel=channel.value,
            body=body,
            sent_at=sent_at,
            **fields,
        )
        self.add("outreach", outreach)
        return outreach

    def add_follow_up(
        self, contact: Contact, meeting: Meeting | None, promise: FollowUpSpec, position: int
    ) -> FollowUp:
        follow_up = FollowUp(
            contact_id=contact.id,
            meeting_id=None if meeting is None else meeting.id,
            owner=promise.owner.value,
            text=promise.text,
            due_on=None if promise.due is None else self.calendar.day(promise.due),
            done_at=None if promise.done is None else self.calendar.at(promise.done, 20, 30),
            position=position,
        )
        self.add("follow_ups", follow_up)
        return follow_up
