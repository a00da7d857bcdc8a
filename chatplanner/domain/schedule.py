"""When a chat ends and when to leave for it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from chatplanner.domain.clock import UTC_ZONE, resolve_local, zone_named
from chatplanner.domain.enums import MeetingStatus, TravelMode
from chatplanner.domain.moments import wall_clock

DEFAULT_MEETING_MINUTES = 45
SUGGESTED_MEETING_MINUTES = (30, 45)
EARLY_ARRIVAL_MINUTES = 10
# People leave at round times: the leave-by time is rounded down to this many minutes.
ROUND_TO_MINUTES = 5
# A new chat is first proposed on the next weekday at this hour, in the chat's zone; a time
# already taken moves on by half hours, ending by the last hour, then to the next weekdays.
DEFAULT_HOUR = 10
LAST_PROPOSED_HOUR = 17
PROPOSAL_STEP = timedelta(minutes=30)
PROPOSED_WEEKDAYS = 10
SATURDAY = 5


def next_weekday(today: date) -> date:
    """Tomorrow, or the Monday after when tomorrow falls on a weekend."""
    day = today + timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return day


def default_start(now: datetime, zone: str) -> datetime:
    """When a new chat is first proposed: the next weekday at 10:00 in `zone`."""
    tz = zone_named(zone) or UTC_ZONE
    return resolve_local(next_weekday(now.astimezone(tz).date()), time(DEFAULT_HOUR), tz).moment


def free_start(
    now: datetime,
    zone: str,
    busy: Iterable[tuple[datetime, datetime]],
    minutes: int = DEFAULT_MEETING_MINUTES,
) -> datetime:
    """When a new chat is first proposed, clear of the chats already planned (`busy`, their
    start and end): from the next weekday at 10:00 in `zone`, by half hours until a chat would
    end after 17:00, then the weekdays after, for up to two weeks; `default_start` when every
    one of those times is taken."""
    tz = zone_named(zone) or UTC_ZONE
    taken = list(busy)
    length = timedelta(minutes=minutes)
    day = next_weekday(now.astimezone(tz).date())
    for _ in range(PROPOSED_WEEKDAYS):
        moment = resolve_local(day, time(DEFAULT_HOUR), tz).moment
        closing = resolve_local(day, time(LAST_PROPOSED_HOUR), tz).moment
        while moment + length <= closing:
            if not any(start < moment + length and moment < end for start, end in taken):
                return moment
            moment += PROPOSAL_STEP
        day = next_weekday(day)
    return default_start(now, zone)


@dataclass(frozen=True, slots=True)
class TravelProfile:
    """How fast a way of travelling covers a straight-line distance, and its fixed costs."""

    speed_kmh: float
    # Streets are not straight lines: route length is roughly this times the crow-flies distance.
    detour_factor: float
    fixed_minutes: int  # waiting for transit, parking the car, locking the bike
    phrase: str  # "{distance}" is filled in: "walk 1.2 km"
    fixed_reason: str = ""
    # Beyond city streets cars take highways and transit takes trains.
    open_road_after_km: float = math.inf
    open_road_speed_kmh: float = 0.0


TRAVEL_PROFILES: dict[TravelMode, TravelProfile] = {
    TravelMode.WALK: TravelProfile(4.8, 1.3, 0, "walk {distance}"),
    TravelMode.BIKE: TravelProfile(15.0, 1.3, 3, "cycle {distance}", "locking the bike"),
    TravelMode.TRANSIT: TravelProfile(
        20.0, 1.4, 10, "go {distance} by transit", "waiting and transfers", 15.0, 45.0
    ),
    TravelMode.CAR: TravelProfile(30.0, 1.4, 10, "drive {distance}", "parking", 10.0, 80.0),
}


@dataclass(frozen=True, slots=True)
class LeaveBy:
    """When to leave, how the time was reached, and a sentence for the user."""

    leave_at: datetime  # aware, in the meeting's time zone
    travel_minutes: int
    early_minutes: int
    sentence: str  # "Leave by 10:45 to go within Toronto by transit (…)."
    # The sentence after "Leave by", for a row already labelled so: "10:45 to go within …".
    after_label: str = ""

    def sentence_at(self, now: datetime, *, after_label: bool = False) -> str:
        """The sentence as it reads at `now`: once the time to leave has passed, it says so
        rather than give a time already gone as advice. `after_label`: the words after a
        "Leave by" label, for a row already labelled so."""
        sentence = self.after_label if after_label and self.after_label else self.sentence
        if now <= self.leave_at:
            return sentence
        return (
            f"{sentence} {wall_clock(self.leave_at)} has passed: you should already be on your way."
        )


def stored_meeting_end(starts_at: datetime, duration_minutes: int | None) -> datetime:
    """The end of a chat as stored: a missing or negative length counts as none (no error, as
    an old profile may hold one)."""
    return starts_at + timedelta(minutes=max(0, int(duration_minutes or 0)))


def travel_minutes(distance_km: float, mode: TravelMode) -> int:
    """Door-to-door minutes for a straight-line distance, rounded up."""
    if not math.isfinite(distance_km) or distance_km < 0:
        raise ValueError("The distance must be zero or more kilometres.")
    profile = TRAVEL_PROFILES[mode]
    route_km = distance_km * profile.detour_factor
    city_km = min(route_km, profile.open_road_after_km)
    hours = city_km / profile.speed_kmh
    if route_km > city_km:
        hours += (route_km - city_km) / profile.open_road_speed_kmh
    return math.ceil(hours * 60) + profile.fixed_minutes


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("The meeting time needs a time zone.")


def _shift(moment: datetime, delta: timedelta) -> datetime:
    # Aware arithmetic in Python is wall-clock arithmetic; go through UTC for elapsed time.
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def _round_down(moment: datetime) -> datetime:
    utc = moment.astimezone(UTC)
    floored = utc.replace(second=0, microsecond=0) - timedelta(
        minutes=utc.minute % ROUND_TO_MINUTES
    )
    return floored.astimezone(moment.tzinfo)


def _duration_words(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def leave_by(
    start: datetime,
    distance_km: float,
    mode: TravelMode,
    *,
    early_minutes: int = EARLY_ARRIVAL_MINUTES,
    from_city: str | None = None,
) -> LeaveBy:
    """When to leave to arrive `early_minutes` before `start` (an aware datetime).

    `from_city`: the start is known only as that city (its centre): the time is a guess from
    the centre, and the sentence names the city, never a distance from its centre."""
    # Imported here, by the one function that needs them: Today reads the end of its chats from
    # this module while the user waits for its first content.
    from chatplanner.domain.places import format_distance
    from chatplanner.domain.venue_ranking import CITY_RADIUS_KM

    _require_aware(start)
    if early_minutes < 0:
        raise ValueError("Arriving early cannot be a negative number of minutes.")
    minutes = travel_minutes(distance_km, mode)
    profile = TRAVEL_PROFILES[mode]
    leave_at = _round_down(_shift(start, -timedelta(minutes=minutes + early_minutes)))

    including = f", {profile.fixed_reason} included" if profile.fixed_reason else ""
    early = f" and be there {early_minutes} minutes early" if early_minutes else ""
    if from_city is None:
        trip = profile.phrase.format(distance=format_distance(distance_km))
        about = f"about {_duration_words(minutes)}"
    else:
        within = distance_km <= CITY_RADIUS_KM
        trip = profile.phrase.format(distance=f"{'within' if within else 'from'} {from_city}")
        about = f"about {_duration_words(minutes)} from the city's centre"
    after_label = f"{wall_clock(leave_at)} to {trip} ({about}{including}){early}."
    return LeaveBy(leave_at, minutes, early_minutes, f"Leave by {after_label}", after_label)


@dataclass(frozen=True, slots=True)
class MovedChat:
    """Where a chat still ahead lands when the user says it already happened."""

    starts_at: datetime
    duration_minutes: int


def moved_to_now(
    now: datetime, duration_minutes: int, not_before: Iterable[datetime] = ()
) -> MovedChat:
    """A chat still ahead that the user says already happened ("we met: move it to now").

    It ends now (to the minute) and keeps its length, but never starts before any moment in
    `not_before`: the person's first moment in the profile, the first message to them, the end
    of an earlier chat with them. A chat cannot have taken place before the person was known,
    and it keeps its place among their history and their other chats. When that bound is later
    than the planned length allows, the chat starts at the bound (on the next whole minute, if
    that has come) and still keeps its length: a chat just met is not recorded as two minutes
    long. A bound still ahead of `now` (a clock set back) is ignored."""
    _require_aware(now)
    ends = now.replace(second=0, microsecond=0)
    starts = ends - timedelta(minutes=max(1, duration_minutes))
    bounds = [moment for moment in not_before if moment <= now]
    for moment in bounds:
        _require_aware(moment)
    if bounds and max(bounds) > starts:
        bound = max(bounds)
        whole_minute = bound.replace(second=0, microsecond=0)
        if whole_minute < bound:
            whole_minute += timedelta(minutes=1)
        starts = whole_minute if whole_minute <= now else bound
    return MovedChat(starts, duration_minutes)


def chat_has_happened(status: MeetingStatus, starts_at: datetime, now: datetime) -> bool:
    """A chat has happened once its start has passed, unless it was cancelled: the one rule for
    whether its thank-you can be marked sent."""
    return status is not MeetingStatus.CANCELLED and starts_at <= now
