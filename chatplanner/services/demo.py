"""Fill an empty profile with the demo: a few believable months of networking, seen from `now`.

Everything is placed relative to `now` (in Toronto local time, where the demo user lives), so the
Today view always has something to show: messages waiting, follow-ups and move-ons due, chats this
week, a thank-you owed. The same `now` always gives the same rows.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import (
    ChecklistItem,
    Contact,
    FollowUp,
    Group,
    Meeting,
    MeetingNotes,
    Outreach,
    Setting,
    StageEvent,
    ThankYouDraft,
    Venue,
    Visit,
)
from chatplanner.domain.clock import to_db
from chatplanner.domain.enums import (
    Channel,
    ChecklistPhase,
    FollowUpOwner,
    MeetingStatus,
    OutreachKind,
    Stage,
    VenueKind,
)
from chatplanner.domain.templating import render
from chatplanner.services.demo_chats import CHATS, LOOSE_FOLLOW_UPS, ChatSpec, FollowUpSpec
from chatplanner.services.demo_people import PEOPLE, PersonSpec
from chatplanner.services.demo_places import (
    BEEN_HERE,
    CITIES,
    GROUPS,
    TIMEZONE,
    USER_SETTINGS,
    VENUES,
)

DEMO_SEED = 20240917
# The demo's waiting messages are placed around a 7-day follow-up and 14-day move-on window.
DEFAULT_FOLLOW_UP_AFTER_DAYS = 7


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


class _Calendar:
    """Days relative to today in Toronto; moments stored as naive UTC."""

    def __init__(self, now: datetime) -> None:
        self._zone = ZoneInfo(TIMEZONE)
        self.today = now.astimezone(self._zone).date()

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int, hour: int, minute: int = 0) -> datetime:
        local = datetime.combine(self.day(offset), time(hour, minute), tzinfo=self._zone)
        return to_db(local)


def _fill(template: str, **values: str) -> str:
    result = render(template, values)
    if not result.ok:  # a mistake in the demo's own texts, not in user input
        raise ValueError(f"Demo template {template!r} has problems: {result.problems}")
    return result.text


_READ_PROFILE = "Read {first_name}'s profile and recent posts"
_ROUTE = "Plan the route to {venue} and leave 15 minutes early"
_TEST_LINK = "Test the call link, camera and microphone"
_CONFIRM = "Confirm the time with {first_name} the day before"
_DURING = (
    "Thank {first_name} for the time and keep to {minutes} minutes",
    "Ask what they would do in my place",
    "Ask who else I should talk to",
    "Write down what either of us promises",
)
_AFTER_NOTES = "Write the notes the same day"
_AFTER_THANKS = "Send the thank-you within 24 hours"
_AFTER_PROMISES = "Do what I promised"
_AFTER_REMINDER = "Set a keep-in-touch reminder"

_THANK_YOU_SUBJECT = "Thank you, {first_name}"
_THANK_YOU_BODY = (
    "Hi {first_name},\n\n"
    "Thank you for taking the time to talk with me. I really enjoyed hearing about {topic}.\n\n"
    "Your advice about {takeaway} is the first thing I'll act on. {next_step}\n\n"
    "{closing}\n\n"
    "{signature}"
)
_CLOSING = "I hope our paths cross again soon."


def _first_message_note(channel: Channel) -> str:
    if channel is Channel.LINKEDIN:
        return "First message on LinkedIn"
    return f"First message by {channel.label.lower()}"


@dataclass(slots=True)
class _ChatMoments:
    """What the stage history needs to know about a person's chats."""

    planned_at: datetime | None = None
    met_at: datetime | None = None
    thanked_at: datetime | None = None


class _DemoSeeder:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._cal = _Calendar(now)
        self._rng = random.Random(DEMO_SEED)
        self._counts: Counter[str] = Counter()
        self._signature = str(USER_SETTINGS["user.signature"])

    def seed(self) -> DemoSummary:
        self._seed_settings()
        groups = self._seed_groups()
        venues = self._seed_venues()
        contacts = {spec.key: self._seed_contact(spec, groups) for spec in PEOPLE}
        self._session.flush()
        moments = {key: _ChatMoments() for key in contacts}
        for chat in sorted(CHATS, key=lambda c: c.planned):
            self._seed_chat(chat, contacts[chat.person], venues, moments[chat.person])
        for spec in PEOPLE:
            self._seed_history(spec, contacts[spec.key], moments[spec.key])
        for key, promise in LOOSE_FOLLOW_UPS:
            self._add_follow_up(contacts[key], None, promise, position=0)
        for been in BEEN_HERE:
            visit = Visit(
                venue_id=venues[been.venue].id, visited_on=self._cal.day(been.day), note=been.note
            )
            self._add("visits", visit)
        self._session.flush()
        return DemoSummary(**self._counts)

    def _add(self, table: str, row: object) -> None:
        self._session.add(row)
        self._counts[table] += 1

    def _minute(self) -> int:
        return self._rng.randrange(0, 60)

    def _message_time(self, day: int) -> datetime:
        # People write on the way to work, at lunch, or in the evening.
        return self._cal.at(day, self._rng.choice((7, 8, 12, 13, 19, 20, 21)), self._minute())

    def _seed_settings(self) -> None:
        for key, value in USER_SETTINGS.items():
            encoded = json.dumps(value, ensure_ascii=False)
            existing = self._session.get(Setting, key)
            if existing is not None:  # a profile may be created with a few defaults
                existing.value = encoded
                self._counts["settings"] += 1
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
            day = spec.sent - self._rng.randint(1, 6)
        elif spec.touches:
            day = -120  # an existing relationship, entered when the profile was new
        else:
            day = -self._rng.randint(3, 45)
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
            latitude=city.latitude,
            longitude=city.longitude,
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
        self._counts["contact_groups"] += len(spec.groups)
        return contact

    # --- chats --------------------------------------------------------------------------

    def _seed_chat(
        self, chat: ChatSpec, contact: Contact, venues: dict[str, Venue], moments: _ChatMoments
    ) -> None:
        starts = self._cal.at(chat.day, chat.hour, chat.minute)
        ends = starts + timedelta(minutes=chat.duration)
        planned_at = self._cal.at(chat.planned, 21, self._minute())
        venue = venues[chat.venue] if chat.venue else None
        if chat.status is MeetingStatus.DONE:
            updated = ends + timedelta(hours=3)
        elif chat.cancelled_on is not None:
            updated = self._cal.at(chat.cancelled_on, 22, self._minute())
        else:
            updated = planned_at
        meeting = Meeting(
            contact_id=contact.id,
            mode=chat.mode.value,
            venue_id=None if venue is None else venue.id,
            call_link=chat.call_link,
            starts_at=starts,
            duration_minutes=chat.duration,
            timezone=TIMEZONE,
            travel_mode=None if chat.travel is None else chat.travel.value,
            status=chat.status.value,
            tags=chat.tags,
            created_at=planned_at,
            updated_at=updated,
        )
        meeting.checklist = self._checklist(chat, contact, venue)
        self._counts["checklist_items"] += len(meeting.checklist)
        if chat.notes is not None:
            meeting.notes = MeetingNotes(
                their_past=chat.notes.their_past,
                their_present=chat.notes.their_present,
                their_goals=chat.notes.their_goals,
                advice=chat.notes.advice,
                resources=chat.notes.resources,
                free_notes=chat.notes.free_notes,
                updated_at=ends + timedelta(hours=3),
            )
            self._counts["meeting_notes"] += 1
        thanked_at = self._seed_thank_you(chat, contact, meeting, ends)
        self._add("meetings", meeting)
        self._session.flush()

        if moments.planned_at is None:
            moments.planned_at = planned_at
        if chat.status is MeetingStatus.DONE:
            moments.met_at = ends
            moments.thanked_at = thanked_at
            if venue is not None:
                what = "Lunch" if venue.kind == VenueKind.RESTAURANT.value else "Coffee"
                visit = Visit(
                    venue_id=venue.id,
                    visited_on=self._cal.day(chat.day),
                    meeting_id=meeting.id,
                    note=f"{what} with {contact.first_name}",
                )
                self._add("visits", visit)
        for position, promise in enumerate(chat.follow_ups):
            self._add_follow_up(contact, meeting, promise, position)

    def _checklist(
        self, chat: ChatSpec, contact: Contact, venue: Venue | None
    ) -> list[ChecklistItem]:
        done = chat.status is MeetingStatus.DONE
        started = done or chat.status is MeetingStatus.CANCELLED
        name = contact.first_name
        before: list[tuple[str, bool]] = [(_fill(_READ_PROFILE, first_name=name), True)]
        # Questions get written a few days ahead, not a week ahead.
        before += [(f"Prepare the question: {q}", started or chat.day <= 4) for q in chat.questions]
        if venue is not None:
            before.append((_fill(_ROUTE, venue=venue.name), started))
        else:
            before.append((_TEST_LINK, done))
        before.append((_fill(_CONFIRM, first_name=name), done))
        during = [(_fill(t, first_name=name, minutes=str(chat.duration)), done) for t in _DURING]
        thanked = bool(chat.thanked_by_message) or (
            chat.thank_you is not None and chat.thank_you.sent is not None
        )
        promises_kept = all(
            f.done is not None for f in chat.follow_ups if f.owner is FollowUpOwner.ME
        )
        after = [
            (_AFTER_NOTES, done and chat.notes is not None),
            (_AFTER_THANKS, done and thanked),
            (_AFTER_PROMISES, done and promises_kept),
            (_AFTER_REMINDER, done and contact.keep_in_touch_days is not None),
        ]
        items: list[ChecklistItem] = []
        for phase, entries in (
            (ChecklistPhase.BEFORE, before),
            (ChecklistPhase.DURING, during),
            (ChecklistPhase.AFTER, after),
        ):
            for text, is_done in entries:
                items.append(
                    ChecklistItem(phase=phase.value, text=text, done=is_done, position=len(items))
                )
        return items

    def _seed_thank_you(
        self, chat: ChatSpec, contact: Contact, meeting: Meeting, ends: datetime
    ) -> datetime | None:
        """Attach the thank-you draft; return when a thank-you went out, if it did."""
        if chat.thanked_by_message:
            messaged_at = self._message_time(chat.day + 1)
            self._add_outreach(
                contact,
                OutreachKind.THANK_YOU,
                Channel.LINKEDIN,
                chat.thanked_by_message,
                messaged_at,
            )
            return messaged_at
        spec = chat.thank_you
        if spec is None:
            return None
        values = {
            "first_name": contact.first_name,
            "topic": spec.topic,
            "takeaway": spec.takeaway,
            "next_step": spec.next_step,
            "signature": self._signature,
        }
        subject = _fill(_THANK_YOU_SUBJECT, first_name=contact.first_name)
        generated = _fill(_THANK_YOU_BODY, closing=_CLOSING, **values)
        closing = f"{spec.personal_line}\n\n{_CLOSING}" if spec.personal_line else _CLOSING
        body = _fill(_THANK_YOU_BODY, closing=closing, **values)
        sent_at = None if spec.sent is None else self._cal.at(spec.sent, 8, self._minute())
        meeting.thank_you = ThankYouDraft(
            subject=subject,
            body=body,
            generated_body=generated,
            sent_at=sent_at,
            updated_at=sent_at or ends + timedelta(hours=4),
        )
        self._counts["thank_you_drafts"] += 1
        if sent_at is not None:
            self._add_outreach(
                contact, OutreachKind.THANK_YOU, Channel.EMAIL, body, sent_at, subject=subject
            )
        return sent_at

    def _add_follow_up(
        self, contact: Contact, meeting: Meeting | None, promise: FollowUpSpec, position: int
    ) -> None:
        follow_up = FollowUp(
            contact_id=contact.id,
            meeting_id=None if meeting is None else meeting.id,
            owner=promise.owner.value,
            text=promise.text,
            due_on=None if promise.due is None else self._cal.day(promise.due),
            done_at=None if promise.done is None else self._cal.at(promise.done, 20, 30),
            position=position,
        )
        self._add("follow_ups", follow_up)

    # --- outreach and stage history -----------------------------------------------------

    def _add_outreach(
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
        self._add("outreach", outreach)
        return outreach

    def _seed_history(self, spec: PersonSpec, contact: Contact, moments: _ChatMoments) -> None:
        how = "Imported from LinkedIn connections" if spec.connected is not None else "Added"
        events: list[tuple[Stage, datetime, str]] = [(Stage.NOT_CONTACTED, contact.created_at, how)]
        touched: list[datetime] = []
        if spec.sent is not None:
            sent_at = self._message_time(spec.sent)
            replied_at = None if spec.replied is None else self._message_time(spec.replied)
            patience = spec.follow_up_after_days or DEFAULT_FOLLOW_UP_AFTER_DAYS
            self._add_outreach(
                contact,
                OutreachKind.FIRST_MESSAGE,
                spec.channel,
                spec.message,
                sent_at,
                goal=spec.goal.value,
                subject=spec.subject,
                replied_at=replied_at,
                follow_up_due=None if replied_at else self._cal.day(spec.sent + patience),
                outcome="replied" if replied_at else ("no_reply" if spec.moved_on else None),
            )
            events.append((Stage.MESSAGED, sent_at, _first_message_note(spec.channel)))
            touched.append(sent_at)
            if replied_at is not None:
                events.append((Stage.REPLIED, replied_at, ""))
                touched.append(replied_at)
        if spec.followed_up is not None:
            followed_at = self._message_time(spec.followed_up)
            self._add_outreach(
                contact,
                OutreachKind.FOLLOW_UP,
                spec.channel,
                spec.follow_up,
                followed_at,
                goal=spec.goal.value,
                outcome="no_reply" if spec.moved_on else None,
            )
            touched.append(followed_at)
        if moments.planned_at is not None:
            events.append((Stage.CHAT_PLANNED, moments.planned_at, ""))
        if moments.met_at is not None:
            events.append((Stage.MET, moments.met_at, ""))
            touched.append(moments.met_at)
        if moments.thanked_at is not None:
            events.append((Stage.THANKED, moments.thanked_at, ""))
            touched.append(moments.thanked_at)
        touch_times = []
        for touch in spec.touches:
            touched_at = self._message_time(touch.day)
            self._add_outreach(contact, OutreachKind.TOUCH, touch.channel, touch.text, touched_at)
            touch_times.append(touched_at)
        touched += touch_times
        if spec.stage is Stage.KEEPING_IN_TOUCH:
            if moments.met_at is not None:
                events.append((Stage.KEEPING_IN_TOUCH, touch_times[0], ""))
            else:
                at = contact.created_at + timedelta(minutes=5)
                events.append((Stage.KEEPING_IN_TOUCH, at, "Already in touch before the app"))
        if spec.moved_on is not None:
            moved_at = self._cal.at(spec.moved_on, 9, self._minute())
            events.append((Stage.MOVED_ON, moved_at, "No reply after a follow-up"))

        events.sort(key=lambda event: event[1])
        if events[-1][0] is not spec.stage:  # the demo's own data contradicts itself
            raise ValueError(f"Demo contact {spec.key} ends at {events[-1][0]}, not {spec.stage}")
        for stage, at, note in events:
            self._add(
                "stage_events",
                StageEvent(contact_id=contact.id, stage=stage.value, at=at, note=note),
            )
        contact.stage_changed_at = events[-1][1]
        contact.last_touch_at = max(touched) if touched else None
        contact.updated_at = max(contact.created_at, events[-1][1], *touched)
