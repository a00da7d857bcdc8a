"""The outreach pipeline: the patience window after a message, and the attempts it counts.

Stages have no table of allowed moves: the actions move a person forward (a message sent, a
chat planned, met, thanked; `services/stages.py` records each), and on People the user may set
any stage by hand, since life does not follow the pipeline (a chat planned with someone never
messaged, a late reply after moving on).

The product's rhythm: send a short first message, wait, follow up once gently, then move on
without guilt. `patience_status` says where a contact stands in that rhythm at a given moment.

Boundaries are inclusive and measured in elapsed time, not calendar days: a message sent on
1 March at 10:00 UTC with a 7-day rule makes the follow-up due at 8 March 10:00:00 UTC exactly,
and from that instant on (never a second before).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import resolve_local
from chatplanner.domain.enums import Goal, OutreachKind
from chatplanner.domain.moments import short_date_year


class PatienceError(ValueError):
    """A patience rule that cannot work, said in words a user can act on."""


@dataclass(frozen=True, slots=True)
class PatienceRule:
    """How long to wait for a reply.

    `follow_up_after_days`: days after the first message when one gentle follow-up is due.
    `move_on_after_days`: days of silence after the first message when it is time to move on.
    After a follow-up, the wait before moving on restarts from the follow-up and lasts the
    difference (`move_on_after_days - follow_up_after_days`): a late follow-up still gets its
    full chance.
    """

    follow_up_after_days: int = 7
    move_on_after_days: int = 14

    def __post_init__(self) -> None:
        if self.follow_up_after_days < 1:
            raise PatienceError("Wait at least 1 day before following up.")
        if self.move_on_after_days <= self.follow_up_after_days:
            raise PatienceError(
                "Moving on must come after the follow-up: choose more days for moving on "
                f"than for following up ({self.follow_up_after_days})."
            )

    @property
    def wait_after_follow_up_days(self) -> int:
        return self.move_on_after_days - self.follow_up_after_days


DEFAULT_PATIENCE = PatienceRule()


def sent_moment(day: date, now: datetime, zone: ZoneInfo) -> datetime:
    """When a message logged as sent on `day` (in the user's zone) was sent, or a reply logged
    as received that day came: `now` for today or a later day; for an earlier day the time is
    unknown, and midday is the fairest guess."""
    if day >= now.astimezone(zone).date():
        return now.astimezone(zone)
    return resolve_local(day, time(12, 0), zone).moment


def reply_day_problem(day: date, sent_on: date | None, today: date) -> str:
    """Why a reply cannot be logged as received on `day` ("" when it can): not on a day still
    ahead, nor before `sent_on`, the day the message it answers went out (the user's days)."""
    if day > today:
        return f"{short_date_year(day)} is still ahead: give the day their reply came."
    if sent_on is not None and day < sent_on:
        return (
            f"You wrote to them on {short_date_year(sent_on)}: their reply came that day or later."
        )
    return ""


def move_on_after_follow_up(follow_up_after_days: int, move_on_after_days: int) -> int:
    """The days before moving on that a form keeps: moving on comes after the follow-up,
    never before it or on the same day, so a value too small is pushed to the day after."""
    return max(move_on_after_days, follow_up_after_days + 1)


def patience_rule_for(
    default: PatienceRule,
    follow_up_after_days: int | None = None,
    move_on_after_days: int | None = None,
) -> PatienceRule:
    """The rule for one contact: their own overrides (None: use `default`) on top of `default`.

    Never raises on stored values: a follow-up override past the default move-on keeps the
    default gap between the two, a move-on override at or before the follow-up pulls the
    follow-up earlier, and values under 1 day are treated as 1 (move-on as 2).
    """
    follow_up = (
        default.follow_up_after_days if follow_up_after_days is None else follow_up_after_days
    )
    move_on = default.move_on_after_days if move_on_after_days is None else move_on_after_days
    follow_up = max(1, follow_up)
    move_on = max(2, move_on)
    if move_on <= follow_up:
        if move_on_after_days is None:
            move_on = follow_up + default.wait_after_follow_up_days
        else:
            follow_up = max(1, move_on - default.wait_after_follow_up_days)
            if follow_up >= move_on:
                follow_up = move_on - 1
    return PatienceRule(follow_up, move_on)


class PatienceState(StrEnum):
    WAITING = "waiting"  # sent, too early to do anything
    FOLLOW_UP_DUE = "follow_up_due"  # one gentle follow-up is due
    MOVE_ON_DUE = "move_on_due"  # no reply is also an answer
    REPLIED = "replied"  # the window is over: they answered


@dataclass(frozen=True, slots=True)
class PatienceStatus:
    state: PatienceState
    # When the follow-up is (or was) due; None once a follow-up was sent or they replied.
    follow_up_due_at: datetime | None
    # When moving on is (or was) due; None once they replied.
    move_on_due_at: datetime | None


def patience_status(
    last_message_sent_at: datetime,
    *,
    replied: bool,
    followed_up: bool,
    rule: PatienceRule = DEFAULT_PATIENCE,
    now: datetime,
) -> PatienceStatus:
    """Where a contact stands after the user's last message to them.

    `last_message_sent_at` is the latest message of the current attempt: the first message, or
    the follow-up once one was sent (`followed_up=True`). Both times must be aware datetimes.
    Inclusive boundaries: at exactly `sent + N days` the next step is due.
    """
    _require_aware(last_message_sent_at, "last_message_sent_at")
    _require_aware(now, "now")
    if replied:
        return PatienceStatus(PatienceState.REPLIED, None, None)
    if followed_up:
        move_on_at = last_message_sent_at + timedelta(days=rule.wait_after_follow_up_days)
        state = PatienceState.MOVE_ON_DUE if now >= move_on_at else PatienceState.WAITING
        return PatienceStatus(state, None, move_on_at)
    follow_up_at = last_message_sent_at + timedelta(days=rule.follow_up_after_days)
    move_on_at = last_message_sent_at + timedelta(days=rule.move_on_after_days)
    # Someone who never followed up and waited the whole window may simply move on.
    if now >= move_on_at:
        state = PatienceState.MOVE_ON_DUE
    elif now >= follow_up_at:
        state = PatienceState.FOLLOW_UP_DUE
    else:
        state = PatienceState.WAITING
    return PatienceStatus(state, follow_up_at, move_on_at)


@dataclass(frozen=True, slots=True)
class OutreachRecord:
    """One message the user sent, as the rules need it (a plain copy of a stored outreach row)."""

    id: int
    contact_id: int
    kind: OutreachKind
    sent_at: datetime  # aware UTC
    replied_at: datetime | None = None
    # "replied", "no_reply", "declined" or None while waiting, as stored.
    outcome: str | None = None
    goal: Goal | None = None  # what the message asked for, if recorded

    @property
    def got_reply(self) -> bool:
        # A polite "no" is still a reply.
        return self.replied_at is not None or self.outcome in ("replied", "declined")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One first message and the follow-ups sent after it, before the next first message."""

    first: OutreachRecord
    follow_ups: tuple[OutreachRecord, ...]

    @property
    def messages(self) -> tuple[OutreachRecord, ...]:
        return (self.first, *self.follow_ups)

    @property
    def last_sent_at(self) -> datetime:
        return max(m.sent_at for m in self.messages)

    @property
    def replied(self) -> bool:
        return any(m.got_reply for m in self.messages)

    @property
    def first_reply_at(self) -> datetime | None:
        times = [m.replied_at for m in self.messages if m.replied_at is not None]
        return min(times) if times else None


def attempts_of(messages: Iterable[OutreachRecord]) -> list[Attempt]:
    """Group one contact's first messages and follow-ups into attempts, oldest first.

    Follow-ups sent before any first message (an imported history, say) start no attempt and
    are dropped; touches and thank-yous are not part of an attempt.
    """
    ordered = sorted(
        (m for m in messages if m.kind in (OutreachKind.FIRST_MESSAGE, OutreachKind.FOLLOW_UP)),
        key=lambda m: (m.sent_at, m.id),
    )
    attempts: list[Attempt] = []
    for message in ordered:
        if message.kind is OutreachKind.FIRST_MESSAGE:
            attempts.append(Attempt(message, ()))
        elif attempts:
            last = attempts[-1]
            attempts[-1] = Attempt(last.first, (*last.follow_ups, message))
    return attempts


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (UTC), not a naive one")
