"""Fill an empty profile with the demo: a few believable months of networking, seen from `now`.

Everything is placed relative to `now` (in Toronto local time, where the demo user lives), so the
Today view always has something to show: messages waiting, follow-ups and move-ons due, chats this
week, a thank-you owed. The same `now` always gives the same rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Group, Meeting, Setting, Venue, Visit
from chatplanner.services.demo.chats import CHATS, LOOSE_FOLLOW_UPS
from chatplanner.services.demo.context import ChatMoments, SeedContext
from chatplanner.services.demo.history import seed_history
from chatplanner.services.demo.meetings import seed_chat
from chatplanner.services.demo.people import PEOPLE, PersonSpec
from chatplanner.services.demo.places import BEEN_HERE, CITIES, GROUPS, USER_SETTINGS, VENUES

DEMO_SEED = 20240917


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows the demo put in each table."""

    settings: int = 0
    groups: int = 0
    contacts: int = 0
    contact_groups: int = 0
    stage_events: int = 0
    outreach: int = 0
    venues: int = 0
    visits: int = 0
    meetings: int = 0
    checklist_items: int = 0
    meeting_notes: int = 0
    follow_ups: int = 0
    thank_you_drafts: int = 0
    advice_actions: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class DemoProfileNotEmptyError(RuntimeError):
    """The demo only goes into a new profile, so it never mixes with real data."""


def seed_demo(session: Session, now: datetime) -> DemoSummary:
    """Add the demo rows and flush; the caller owns the transaction."""
    if now.tzinfo is None:
        raise ValueError("seed_demo needs an aware datetime (UTC), not a naive one.")
    _refuse_non_empty(session)
    return _DemoSeeder(session, now).seed()


def _refuse_non_empty(session: Session) -> None:
    for model in (Contact, Group, Venue, Meeting):
        if session.scalar(select(func.count()).select_from(model)):
            raise DemoProfileNotEmptyError(
                "This profile already holds contacts, groups, venues or meetings, so the demo "
                "was not added. Open the demo in a new, empty profile instead."
            )


class _DemoSeeder:
    def __init__(self, session: Session, now: datetime) -> None:
        self._ctx = SeedContext(session, now, DEMO_SEED)
        self._session = session
        self._cal = self._ctx.calendar

    def seed(self) -> DemoSummary:
        self._seed_settings()
        groups = self._seed_groups()
        venues = self._seed_venues()
        contacts = {spec.key: self._seed_contact(spec, groups) for spec in PEOPLE}
        self._session.flush()
        moments = {key: ChatMoments() for key in contacts}
        for chat in sorted(CHATS, key=lambda c: c.planned):
            seed_chat(self._ctx, chat, contacts[chat.person], venues, moments[chat.person])
        for spec in PEOPLE:
            seed_history(self._ctx, spec, contacts[spec.key], moments[spec.key])
        for key, promise in LOOSE_FOLLOW_UPS:
            self._ctx.add_follow_up(contacts[key], None, promise, position=0)
        for been in BEEN_HERE:
            visit = Visit(
                venue_id=venues[been.venue].id, visited_on=self._cal.day(been.day), note=been.note
            )
            self._add("visits", visit)
        self._session.flush()
        return DemoSummary(**self._ctx.counts)

    def _add(self, table: str, row: object) -> None:
        self._ctx.add(table, row)

    def _minute(self) -> int:
        return self._ctx.minute()

    def _seed_settings(self) -> None:
        for key, value in USER_SETTINGS.items():
            encoded = json.dumps(value, ensure_ascii=False)
            existing = self._session.get(Setting, key)
            if existing is not None:  # a profile may be created with a few defaults
                existing.value = encoded
                self._ctx.counts["settings"] += 1
            else:
                self._add("settings", Setting(key=key, value=encoded))

    def _seed_groups(self) -> dict[str, Group]:
        groups: dict[str, Group] = {}
        for index, spec in enumerate(GROUPS):
            group = Group(
                name=spec.name,
                kind=spec.kind.value,
                description=spec.description,
                url=spec.url,
                keep_in_touch_days=spec.keep_in_touch_days,
                created_at=self._cal.at(-150 + index * 4, 20, self._minute()),
            )
            self._add("groups", group)
            groups[spec.key] = group
        return groups

    def _seed_venues(self) -> dict[str, Venue]:
        venues: dict[str, Venue] = {}
        for index, spec in enumerate(VENUES):
            venue = Venue(
                name=spec.name,
                kind=spec.kind.value,
                address=spec.address,
                city=spec.city,
                latitude=spec.latitude,
                longitude=spec.longitude,
                quietness=spec.quietness,
                knows_commute=spec.knows_commute,
                knows_parking=spec.knows_parking,
                knows_menu=spec.knows_menu,
                notes=spec.notes,
                archived=False,
                created_at=self._cal.at(-130 + index * 5, 21, self._minute()),
            )
            self._add("venues", venue)
            venues[spec.key] = venue
        self._session.flush()
        return venues

    def _created_day(self, spec: PersonSpec) -> int:
        if spec.sent is not None:
            day = spec.sent - self._ctx.rng.randint(1, 6)
        elif spec.touches:
            day = -120  # an existing relationship, entered when the profile was new
        else:
            day = -self._ctx.rng.randint(3, 45)
        if spec.connected is not None and spec.connected > day:
            day = spec.connected
        return day

    def _seed_contact(self, spec: PersonSpec, groups: dict[str, Group]) -> Contact:
        city = CITIES[spec.city]
        created = self._cal.at(self._created_day(spec), 21, self._minute())
        contact = Contact(
            first_name=spec.first,
            last_name=spec.last,
            email=spec.email,
            phone=spec.phone,
            linkedin_url=f"https://www.linkedin.com/in/{spec.key}",
            company=spec.company,
            title=spec.title,
            previous_title=spec.previous_title,
            years_in_role=spec.years_in_role,
            city=city.name,
            country=city.country,
            address=None,
            # Known only by their city: no point of their own, so no distance is claimed
            # from it (the city's centre would read as "50 m from you").
            latitude=None,
            longitude=None,
            kind=spec.kind.value,
            goal=spec.goal.value,
            online_activity=spec.activity.value,
            stage=spec.stage.value,
            notes=spec.notes,
            connected_on=None if spec.connected is None else self._cal.day(spec.connected),
            source="demo",
            follow_up_after_days=spec.follow_up_after_days,
            move_on_after_days=spec.move_on_after_days,
            keep_in_touch_days=spec.keep_in_touch_days,
            snoozed_until=None if spec.snoozed is None else self._cal.day(spec.snoozed),
            archived=False,
            created_at=created,
            updated_at=created,
        )
        contact.groups = [groups[key] for key in spec.groups]
        self._add("contacts", contact)
        self._ctx.counts["contact_groups"] += len(spec.groups)
        return contact
