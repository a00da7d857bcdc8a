"""The Today view: what needs doing now, most urgent first, each with a kind reason.

`build_today` reads a plain snapshot of the profile and a moment; it never reads the clock.

Ordering, most urgent first (then by due moment, then kind, name and ids):
  1. chats starting within the next 24 hours (or happening now) and thank-yous owed;
  2. follow-ups: the gentle nudge after a message, and what the user promised in a chat;
  3. moving on, and keeping in touch;
  4. chats later in the upcoming window.
"""

from __future__ import annotations

from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chatplanner.domain.cadence import (
    DEFAULT_CADENCE_DAYS,
    cadence_days_for,
    is_touch_due,
    latest_touch,
    next_touch_due,
)
from chatplanner.domain.clock import UTC_ZONE, chat_zone
from chatplanner.domain.enums import ContactKind, FollowUpOwner, MeetingMode, MeetingStatus, Stage
from chatplanner.domain.moments import (
    OtherClock,
    clocks,
    day_phrase,
    plural,
    span,
    time_ago,
    when_words,
)
from chatplanner.domain.phrasing import with_indefinite_article
from chatplanner.domain.pipeline import (
    DEFAULT_PATIENCE,
    OutreachRecord,
    PatienceRule,
    PatienceState,
    attempts_of,
    patience_rule_for,
    patience_status,
)
from chatplanner.domain.schedule import stored_meeting_end
from chatplanner.domain.today_items import TodayItem, TodayKind, TodayList
from chatplanner.domain.today_phrases import promised_to_them, quoted, snippet


@dataclass(frozen=True, slots=True)
class TodayContact:
    id: int
    name: str
    stage: Stage
    kind: ContactKind = ContactKind.OTHER
    stage_changed_at: datetime | None = None
    # Per-contact overrides (None: the defaults in `TodayRules`).
    follow_up_after_days: int | None = None
    move_on_after_days: int | None = None
    keep_in_touch_days: int | None = None
    # The cadences of the contact's groups (None where a group has none).
    group_keep_in_touch_days: tuple[int | None, ...] = ()
    # The latest thing logged with them that the snapshot does not list (a note, a call, a chat).
    last_touch_at: datetime | None = None
    # Nudges (follow-up, move on, keep in touch) wait until this day; chats and promises do not.
    snoozed_until: date | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class TodayMeeting:
    id: int
    contact_id: int
    starts_at: datetime  # aware UTC
    duration_minutes: int = 45
    status: MeetingStatus = MeetingStatus.PLANNED
    mode: MeetingMode = MeetingMode.IN_PERSON
    place: str = ""  # venue name, for the reason
    thank_you_sent: bool = False
    timezone: str | None = None  # where the chat happens (IANA); None: the user's zone
    # The other person's zone, for an online call across a border.
    other: OtherClock | None = None

    def zone(self, user: ZoneInfo) -> ZoneInfo:
        return chat_zone(self.timezone, user)

    @property
    def ends_at(self) -> datetime:
        return stored_meeting_end(self.starts_at, self.duration_minutes)


@dataclass(frozen=True, slots=True)
class TodayFollowUp:
    """Something promised in a chat (or noted for a contact), with the day it is due."""

    id: int
    contact_id: int
    text: str
    due_on: date | None
    owner: FollowUpOwner = FollowUpOwner.ME
    meeting_id: int | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class TodayReportBack:
    """Advice the user acted on, not yet reported back to the person who gave it."""

    id: int
    contact_id: int
    meeting_id: int
    advice: str
    acted_on: date


@dataclass(frozen=True, slots=True)
class TodaySnapshot:
    contacts: tuple[TodayContact, ...]
    outreach: tuple[OutreachRecord, ...] = ()
    meetings: tuple[TodayMeeting, ...] = ()
    follow_ups: tuple[TodayFollowUp, ...] = ()
    report_backs: tuple[TodayReportBack, ...] = ()
    # Chats owed a thank-you that a reader counted without listing them in `meetings` (the
    # most urgent ones are listed, as many as a page shows): whom each is with, one per chat.
    unlisted_thank_yous: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TodayRules:
    patience: PatienceRule = DEFAULT_PATIENCE
    upcoming_days: int = 7
    # A thank-you is due this long after a chat ends (and stays on the list until sent).
    thank_you_within: timedelta = timedelta(days=1)
    # Promised follow-ups show from this many days before their due day (0: on the day).
    promise_lead_days: int = 0
    cadence_days: Mapping[ContactKind, int] = field(default_factory=lambda: DEFAULT_CADENCE_DAYS)
    # The user's time zone: what "today" means, and "your time" in reasons.
    tz: ZoneInfo = UTC_ZONE


@dataclass(frozen=True, slots=True)
class _Due:
    """An item the rules found due, before it is put in words: words cost more than the rule,
    and a page shows only the first items of each kind."""

    kind: TodayKind
    contact: TodayContact
    due: datetime | date
    # (reason, when_text); an empty when_text is the due day in words (`_in_words`).
    words: Callable[[], tuple[str, str]]
    meeting_id: int | None = None
    outreach_id: int | None = None
    follow_up_id: int | None = None
    advice_id: int | None = None


_IMMINENT = timedelta(hours=24)
_KIND_ORDER = {kind: i for i, kind in enumerate(TodayKind)}


def build_today(
    snapshot: TodaySnapshot, now: datetime, rules: TodayRules = TodayRules()
) -> list[TodayItem]:
    """Everything that needs the user's attention at `now` (aware), most urgent first."""
    return list(today_list(snapshot, now, rules).items)


def today_list(
    snapshot: TodaySnapshot,
    now: datetime,
    rules: TodayRules = TodayRules(),
    *,
    shown: Mapping[TodayKind, int] | None = None,
) -> TodayList:
    """The items of `build_today`, in words only the first `shown[kind]` of each kind listed
    in `shown` (every item of a kind it does not list), with the count of each kind."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC), not a naive one")
    today = now.astimezone(rules.tz).date()
    counts: Counter[TodayKind] = Counter()
    contact_ids: dict[TodayKind, set[int]] = defaultdict(set)
    # The most urgent of each kind, kept sorted as the items are found: only as many as are
    # shown, so a large profile's items are counted without being kept (`seq`: the order found,
    # as a stable sort keeps it for items equally urgent).
    first: dict[TodayKind, list[tuple[_UrgencyKey, int, _Due]]] = defaultdict(list)
    for seq, item in enumerate(_due_items(snapshot, now, today, rules)):
        counts[item.kind] += 1
        contact_ids[item.kind].add(item.contact.id)
        limit = None if shown is None else shown.get(item.kind)
        kept = first[item.kind]
        entry = (_urgency(item, now, rules.tz), seq, item)
        if limit is None:
            kept.append(entry)
        elif len(kept) < limit:
            insort(kept, entry)
        elif limit and entry < kept[-1]:
            insort(kept, entry)
            kept.pop()
    if snapshot.unlisted_thank_yous:
        counts[TodayKind.THANK_YOU] += len(snapshot.unlisted_thank_yous)
        contact_ids[TodayKind.THANK_YOU].update(snapshot.unlisted_thank_yous)
    in_order = sorted(entry for kept in first.values() for entry in kept)
    return TodayList(
        tuple(_in_words(item, today, rules.tz) for _key, _seq, item in in_order),
        {kind: counts[kind] for kind in TodayKind if counts[kind]},
        {kind: frozenset(ids) for kind, ids in contact_ids.items()},
    )


def _due_items(  # noqa: C901 - one pass over the snapshot, one rule per kind of item
    snapshot: TodaySnapshot, now: datetime, today: date, rules: TodayRules
) -> Iterator[_Due]:
    contacts = {c.id: c for c in snapshot.contacts if not c.archived}
    outreach_by_contact: dict[int, list[OutreachRecord]] = defaultdict(list)
    for message in snapshot.outreach:
        outreach_by_contact[message.contact_id].append(message)
    meetings_by_contact: dict[int, list[TodayMeeting]] = defaultdict(list)
    for meeting in snapshot.meetings:
        meetings_by_contact[meeting.contact_id].append(meeting)

    for meeting in snapshot.meetings:
        contact = contacts.get(meeting.contact_id)
        if contact is not None:
            yield from _meeting_items(contact, meeting, now, rules)
    for promise in snapshot.follow_ups:
        contact = contacts.get(promise.contact_id)
        if contact is not None:
            yield from _promise_items(contact, promise, today, rules)
    for report in snapshot.report_backs:
        contact = contacts.get(report.contact_id)
        if contact is not None:
            yield _report_back_item(contact, report)
    for contact in contacts.values():
        if contact.snoozed_until is not None and today < contact.snoozed_until:
            continue
        messages = outreach_by_contact.get(contact.id, [])
        if contact.stage is Stage.MESSAGED:
            yield from _patience_items(contact, messages, now, rules)
        elif contact.stage in (Stage.THANKED, Stage.KEEPING_IN_TOUCH):
            meetings = meetings_by_contact.get(contact.id, [])
            yield from _touch_items(contact, messages, meetings, now, today, rules)


def _in_words(item: _Due, today: date, tz: ZoneInfo) -> TodayItem:
    """The item as the page and the CLI show it. Nudges and promises are due on a day, in the
    user's calendar: "today", "on Friday"."""
    reason, when = item.words()
    if not when:
        due = item.due
        when = day_phrase(due.astimezone(tz).date() if isinstance(due, datetime) else due, today)
    return TodayItem(
        item.kind,
        item.contact.id,
        item.contact.name,
        item.due,
        reason,
        meeting_id=item.meeting_id,
        outreach_id=item.outreach_id,
        follow_up_id=item.follow_up_id,
        when_text=when,
        advice_id=item.advice_id,
    )


def _meeting_items(
    contact: TodayContact, meeting: TodayMeeting, now: datetime, rules: TodayRules
) -> list[_Due]:
    if meeting.status is MeetingStatus.CANCELLED:
        return []
    ends_at = meeting.ends_at
    if meeting.status is MeetingStatus.DONE or ends_at <= now:
        if meeting.thank_you_sent:
            return []
        due = ends_at + rules.thank_you_within

        def thank_you_words() -> tuple[str, str]:
            reason = _thank_you_reason(meeting.mode, ends_at, now, due, rules.tz)
            # Due by the chat's clock, and the user's when the chat was in another zone.
            when = when_words(due, meeting.zone(rules.tz), rules.tz, now=now, sentence=True)
            return reason, f"due {when}"

        return [_Due(TodayKind.THANK_YOU, contact, due, thank_you_words, meeting_id=meeting.id)]
    if meeting.starts_at > now + timedelta(days=rules.upcoming_days):
        return []

    def upcoming_words() -> tuple[str, str]:
        place = meeting.zone(rules.tz)
        when = when_words(
            meeting.starts_at, place, rules.tz, now=now, sentence=True, other=meeting.other
        )
        return _upcoming_reason(contact, meeting, now, when, place, rules.tz), when

    return [
        _Due(
            TodayKind.UPCOMING_CHAT,
            contact,
            meeting.starts_at,
            upcoming_words,
            meeting_id=meeting.id,
        )
    ]


def _promise_items(
    contact: TodayContact, promise: TodayFollowUp, today: date, rules: TodayRules
) -> list[_Due]:
    # What the other person promised is theirs to keep: no reminder for the user.
    if promise.done or promise.owner is not FollowUpOwner.ME or promise.due_on is None:
        return []
    due_on = promise.due_on
    if due_on > today + timedelta(days=max(0, rules.promise_lead_days)):
        return []

    def words() -> tuple[str, str]:
        what = snippet(promise.text) or "the follow-up you offered"
        source = "From your chat" if promise.meeting_id is not None else "You planned"
        if due_on < today:
            when = f"planned for {day_phrase(due_on, today).removeprefix('on ')}"
            # Only a promise made to the other person is a gesture; a step for the user's own
            # path is simply still worth taking.
            still = (
                "it is still a kind gesture whenever you are ready"
                if promised_to_them(promise.text, contact.name)
                else "it is still worth doing whenever you are ready"
            )
            return f"{source}: {what} — {when}; {still}.", ""
        return f"{source}: {what} — due {day_phrase(due_on, today).removeprefix('on ')}.", ""

    return [
        _Due(
            TodayKind.FOLLOW_UP,
            contact,
            due_on,
            words,
            meeting_id=promise.meeting_id,
            follow_up_id=promise.id,
        )
    ]


def _patience_items(
    contact: TodayContact, messages: list[OutreachRecord], now: datetime, rules: TodayRules
) -> list[_Due]:
    rule = patience_rule_for(
        rules.patience, contact.follow_up_after_days, contact.move_on_after_days
    )
    attempts = attempts_of(messages)
    if attempts:
        attempt = attempts[-1]
        first_sent, outreach_id = attempt.first.sent_at, attempt.first.id
        last_sent, replied, followed_up = (
            attempt.last_sent_at,
            attempt.replied,
            bool(attempt.follow_ups),
        )
    elif contact.stage_changed_at is not None:
        # Marked "messaged" by hand, with no message on record: count from that moment.
        first_sent = last_sent = contact.stage_changed_at
        outreach_id, replied, followed_up = None, False, False
    else:
        return []
    status = patience_status(
        last_sent, replied=replied, followed_up=followed_up, rule=rule, now=now
    )
    if status.state is PatienceState.FOLLOW_UP_DUE and status.follow_up_due_at is not None:

        def follow_up_words() -> tuple[str, str]:
            waited = plural((now - first_sent).days, "day")
            return (
                f"You wrote {waited} ago. People are busy: one short, friendly follow-up "
                "is welcome now.",
                "",
            )

        return [
            _Due(
                TodayKind.FOLLOW_UP,
                contact,
                status.follow_up_due_at,
                follow_up_words,
                outreach_id=outreach_id,
            )
        ]
    if status.state is PatienceState.MOVE_ON_DUE and status.move_on_due_at is not None:

        def move_on_words() -> tuple[str, str]:
            waited = plural((now - first_sent).days, "day")
            return f"No reply after {waited} — no reply is also an answer. Time to move on.", ""

        return [
            _Due(
                TodayKind.MOVE_ON,
                contact,
                status.move_on_due_at,
                move_on_words,
                outreach_id=outreach_id,
            )
        ]
    return []


def _touch_items(
    contact: TodayContact,
    messages: list[OutreachRecord],
    meetings: list[TodayMeeting],
    now: datetime,
    today: date,
    rules: TodayRules,
) -> list[_Due]:
    live = [m for m in meetings if m.status is not MeetingStatus.CANCELLED]
    # A chat already on the calendar is the next touch: no separate reminder.
    if any(m.status is MeetingStatus.PLANNED and m.ends_at > now for m in live):
        return []
    times: list[datetime | None] = [contact.last_touch_at, contact.stage_changed_at]
    times += [m.sent_at for m in messages] + [m.replied_at for m in messages]
    times += [m.ends_at for m in live]
    last = latest_touch(*(t for t in times if t is None or t <= now))
    cadence = cadence_days_for(
        contact.kind,
        own_days=contact.keep_in_touch_days,
        group_days=contact.group_keep_in_touch_days,
        defaults=rules.cadence_days,
    )
    due = next_touch_due(last, cadence, contact.snoozed_until, tz=rules.tz)
    if due is None or last is None or not is_touch_due(due, today):
        return []
    last_touch = last

    def words() -> tuple[str, str]:
        if contact.kind.is_business_only:
            tail = "A brief professional update keeps you in mind for the right role."
        else:
            tail = "A short hello keeps the connection warm."
        return f"Last in touch {span(now - last_touch)} ago. {tail}", ""

    return [_Due(TodayKind.KEEP_IN_TOUCH, contact, due, words)]


def _report_back_item(contact: TodayContact, report: TodayReportBack) -> _Due:
    def words() -> tuple[str, str]:
        what = snippet(report.advice, 90)
        return (
            f"You acted on their advice: {quoted(what)} Tell them what came of it: "
            f"a short note keeps {with_indefinite_article(contact.kind.noun)} close.",
            "",
        )

    return _Due(
        TodayKind.REPORT_BACK,
        contact,
        report.acted_on,
        words,
        meeting_id=report.meeting_id,
        advice_id=report.id,
    )


def _chat_label(contact: TodayContact, meeting: TodayMeeting) -> str:
    if meeting.mode is MeetingMode.ONLINE:
        return "Online call"
    # Recruiters are a business relationship: a meeting, not a coffee chat.
    return "Meeting" if contact.kind.is_business_only else "Coffee chat"


def _upcoming_reason(
    contact: TodayContact,
    meeting: TodayMeeting,
    now: datetime,
    when: str,
    zone: ZoneInfo,
    user: ZoneInfo,
) -> str:
    label = _chat_label(contact, meeting)
    place = snippet(meeting.place, 60) if meeting.mode is MeetingMode.IN_PERSON else ""
    where = f" at {place}" if place else ""
    if meeting.starts_at <= now:
        until = clocks(meeting.ends_at, zone, user, meeting.other)
        return f"{label}{where} happening now, until {until}."
    return f"{label}{where} {when}."


def _thank_you_reason(
    mode: MeetingMode, ended: datetime, now: datetime, due: datetime, tz: ZoneInfo
) -> str:
    what = "call" if mode is MeetingMode.ONLINE else "chat"
    ago = time_ago(ended, now, tz)
    if now < due:
        return f"Your {what} ended {ago}. A short thank-you while it is fresh means a lot."
    return f"Your {what} was {ago}. A short thank-you is still welcome, whenever you are ready."


def _tier(item: _Due, now: datetime) -> int:
    if item.kind is TodayKind.UPCOMING_CHAT:
        assert isinstance(item.due, datetime)
        return 0 if item.due - now < _IMMINENT else 3
    if item.kind is TodayKind.THANK_YOU:
        return 0
    if item.kind is TodayKind.FOLLOW_UP:
        return 1
    return 2


def _moment(due: datetime | date, tz: ZoneInfo) -> datetime:
    if isinstance(due, datetime):
        return due
    return datetime.combine(due, time.min, tzinfo=tz).astimezone(UTC)


_UrgencyKey = tuple[int, datetime, int, str, int, int, int, int, int]


def _urgency(item: _Due, now: datetime, tz: ZoneInfo) -> _UrgencyKey:
    return (
        _tier(item, now),
        _moment(item.due, tz),
        _KIND_ORDER[item.kind],
        item.contact.name.casefold(),
        item.contact.id,
        item.meeting_id or 0,
        item.outreach_id or 0,
        item.follow_up_id or 0,
        item.advice_id or 0,
    )
