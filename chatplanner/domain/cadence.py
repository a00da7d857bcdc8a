"""Keep-in-touch cadence: how often to say hello to someone, and when the next hello is due.

Which cadence applies, strongest first: the contact's own setting, then the shortest cadence
among their groups that have one, then the default for their kind (mentor, peer, ...).
Anything logged with the person (a message, a reply, a chat, a note) resets the clock: pass the
latest of those times, `latest_touch` takes the maximum for you.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from types import MappingProxyType

from chatplanner.domain.enums import ContactKind
from chatplanner.domain.phrasing import with_indefinite_article

DEFAULT_CADENCE_DAYS: Mapping[ContactKind, int] = MappingProxyType(
    {
        ContactKind.MENTOR: 60,
        ContactKind.PEER: 90,
        ContactKind.RECRUITER: 120,
        ContactKind.OTHER: 180,
    }
)

# The longest cadence anyone may set: beyond this, dates overflow long before it matters.
MAX_CADENCE_DAYS = 3650


def cadence_days_for(
    kind: ContactKind,
    *,
    own_days: int | None = None,
    group_days: Iterable[int | None] = (),
    defaults: Mapping[ContactKind, int] = DEFAULT_CADENCE_DAYS,
) -> int:
    """The cadence in days for one contact. Non-positive settings are ignored as unset."""
    if own_days is not None and own_days > 0:
        return min(own_days, MAX_CADENCE_DAYS)
    # In several groups, the group that wants the most frequent touch wins.
    set_for_groups = [d for d in group_days if d is not None and d > 0]
    if set_for_groups:
        return min(min(set_for_groups), MAX_CADENCE_DAYS)
    return defaults.get(kind, DEFAULT_CADENCE_DAYS[ContactKind.OTHER])


def latest_touch(*times: datetime | None) -> datetime | None:
    """The latest of the given aware times (message, reply, meeting, note...), ignoring None."""
    known = [t for t in times if t is not None]
    return max(known) if known else None


def next_touch_due(
    last_touch: datetime | None,
    cadence_days: int,
    snoozed_until: date | None = None,
    *,
    tz: tzinfo = UTC,
) -> date | None:
    """The day the next hello is due, in the user's time zone `tz`.

    None when nothing was ever logged with the person: there is no conversation to keep up yet.
    A snooze pushes the due day to `snoozed_until` (the reminder comes back on that day), but
    never brings it earlier.
    """
    if last_touch is None:
        return None
    days = max(1, min(cadence_days, MAX_CADENCE_DAYS))
    due = last_touch.astimezone(tz).date() + timedelta(days=days)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def is_touch_due(due: date | None, today: date) -> bool:
    """Due on its day and every day after (inclusive)."""
    return due is not None and today >= due


def keep_in_touch_label(kind: ContactKind) -> str:
    """The setting's label: "Keep in touch with a mentor every", "… with any other contact …"."""
    someone = (
        "any other contact" if kind is ContactKind.OTHER else with_indefinite_article(kind.noun)
    )
    return f"Keep in touch with {someone} every"
