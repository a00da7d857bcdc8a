"""Which venue to suggest for a chat: familiar first, then quiet, then convenient, then its kind.

Pure computation, no I/O, in plain Python: what each venue's score is made of is worked out once
per table of venues, and venues are tried from the highest score they could reach at the best
convenience; once the last of the best `limit` beats the next one's highest possible score, the
rest are not looked at. Ranking thousands of venues so takes a millisecond or two, and the first
ranking of a process does not wait for a numerical library to load. Reasons in words are built
only for the venues returned.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.places import EARTH_RADIUS_KM, format_distance, one_line_name

Coordinates = tuple[float, float]

DEFAULT_LIMIT = 20
# A venue this far away scores half on convenience; nearer ones more, farther ones less.
HALF_CONVENIENCE_KM = 3.0
# A venue without coordinates might be anywhere: rank it below nearby ones, above far ones.
UNKNOWN_PLACE_CONVENIENCE = 0.25
# Visits count with diminishing returns: 1 visit 0.28, 3 visits 0.63, 6 visits 0.86.
VISITS_SCALE = 3.0
VISITS_SHARE = 0.6  # the rest of familiarity is knowing the commute, parking and menu

_KINDS = (VenueKind.COFFEE_SHOP, VenueKind.RESTAURANT, VenueKind.OTHER, VenueKind.BAR)
# Coffee shops and restaurants suit a professional chat; a bar scores low even when allowed.
_KIND_SCORES = (1.0, 0.8, 0.4, 0.1)
_KIND_INDEX = {kind: index for index, kind in enumerate(_KINDS)}
_BAR = _KIND_INDEX[VenueKind.BAR]


class VenueFacts(NamedTuple):
    """What the ranking needs to know about one venue.

    An immutable record, a named tuple rather than a frozen dataclass: a ranking reads
    thousands of them while the user waits, and a tuple is made several times faster."""

    id: int
    name: str
    kind: VenueKind
    latitude: float | None
    longitude: float | None
    quietness: int = 3  # 1 loud .. 5 quiet
    knows_commute: bool = False
    knows_parking: bool = False
    knows_menu: bool = False
    visit_count: int = 0


@dataclass(frozen=True, slots=True)
class RankingWeights:
    """How much each consideration counts; the user may tune them. Bars are left out by default."""

    familiarity: float = 0.4
    quiet: float = 0.25
    convenience: float = 0.2
    kind: float = 0.15
    allow_bars: bool = False

    def __post_init__(self) -> None:
        values = (self.familiarity, self.quiet, self.convenience, self.kind)
        if not all(math.isfinite(value) and value >= 0 for value in values):
            raise ValueError("Ranking weights must be zero or positive numbers.")
        if sum(values) <= 0:
            raise ValueError("At least one ranking weight must be above zero.")

    @property
    def total(self) -> float:
        return self.familiarity + self.quiet + self.convenience + self.kind


@dataclass(frozen=True, slots=True)
class RankedVenue:
    """A suggested venue, its score (0..1) and the reasons in words, best reason first."""

    id: int
    name: str
    kind: VenueKind
    score: float
    distance_km: float | None  # from the user's base
    contact_distance_km: float | None
    reasons: list[str] = field(default_factory=list)


class VenueTable:
    """Venues with what the ranking reads of each, worked out once: a caller that ranks the
    same venues again (a chat planned after another, the list re-ranked for new weights) passes
    the table instead of the venues and skips that work, and the order in which venues are
    tried for a given base and weights is kept for the next ranking."""

    __slots__ = (
        "_facts",
        "_make",
        "_order_for",
        "_orders",
        "_rows",
        "bars",
        "located",
        "parts",
        "position",
    )

    def __init__(
        self,
        venues: Sequence[VenueFacts] | Sequence[tuple[Any, ...]],
        make: Callable[[tuple[Any, ...]], VenueFacts] | None = None,
    ) -> None:
        """`venues`: each venue's facts; or, with `make`, rows in the same order of fields
        as stored (a kind's value, a missing quietness as None), `make` turning one into its
        facts when they are asked for: a ranking reads thousands and returns a few."""
        self._rows: tuple[tuple[Any, ...], ...] = tuple(venues)
        self._make = make
        self._facts = None if make else cast("tuple[VenueFacts, ...]", self._rows)
        self.position = {row[0]: index for index, row in enumerate(self._rows)}
        self.parts = _parts(self._rows)
        self.located = sum(part[0] is not None for part in self.parts)
        self.bars = sum(part[4] for part in self.parts)
        # The last base, weights and known origins venues were ordered for, and that order.
        self._order_for: tuple[object, ...] | None = None
        self._orders: tuple[list[tuple[float, int]], list[float]] = ([], [])

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def venues(self) -> tuple[VenueFacts, ...]:
        if self._facts is None:
            assert self._make is not None
            self._facts = tuple(map(self._make, self._rows))
        return self._facts

    def fact(self, index: int) -> VenueFacts:
        """The facts of the venue at `index`."""
        if self._facts is not None:
            return self._facts[index]
        assert self._make is not None
        return self._make(self._rows[index])

    def order(
        self, base: _Origin | None, weights: RankingWeights, contact_known: bool
    ) -> tuple[list[tuple[float, int]], list[float]]:
        """(each venue's highest possible score, negated, and its position, best first (the
        plain order of these pairs), bars left out unless allowed; the closeness of each venue
        to the base, by position)."""
        key = (base, weights, contact_known)
        if self._order_for == key:
            return self._orders
        parts = self.parts
        base_closeness = [] if base is None else _closeness_to(base, [part[0] for part in parts])
        fam, qui, con, kin, total = (
            weights.familiarity,
            weights.quiet,
            weights.convenience,
            weights.kind,
            weights.total,
        )
        bars = not weights.allow_bars
        # The score as _score writes it, inline: this runs for every venue.
        if base is None:
            most = 1.0 if contact_known else 0.5
            bounds = [
                (-(fam * part[1] + qui * part[2] + con * most + kin * part[3]) / total, index)
                for index, part in enumerate(parts)
                if not (bars and part[4])
            ]
        else:
            bounds = [
                (
                    -(
                        fam * part[1]
                        + qui * part[2]
                        + con * ((near + 1.0) / 2 if contact_known else near)
                        + kin * part[3]
                    )
                    / total,
                    index,
                )
                for index, (part, near) in enumerate(zip(parts, base_closeness, strict=True))
                if not (bars and part[4])
            ]
        bounds.sort()
        self._order_for = key
        self._orders = (bounds, base_closeness)
        return self._orders


# A venue's point as the haversine reads it: latitude and longitude in radians, cos(latitude).
_Point = tuple[float, float, float]
# An origin the same way.
_Origin = tuple[float, float, float]
# What a venue's score is made of: its point (None when unknown), familiarity, quiet, the
# kind's score, and whether it is a bar.
_Parts = tuple[_Point | None, float, float, float, bool]


def _parts(venues: Sequence[tuple[Any, ...]]) -> list[_Parts]:
    """Each venue's parts, in one pass: the same few visit counts, flags and quietness
    levels come back thousands of times, so each is worked out once. A kind is found by its
    value too (a VenueKind is a StrEnum), and a missing quietness is the middle, 3."""
    familiarities: dict[tuple[object, ...], float] = {}
    quiets: dict[object, float] = {}
    kinds = {kind: (_KIND_SCORES[index], index == _BAR) for kind, index in _KIND_INDEX.items()}
    other = kinds[VenueKind.OTHER]
    radians, cos, isfinite = math.radians, math.cos, math.isfinite
    found = []
    for venue in venues:
        _id, _name, kind, lat, lon, quietness, commute, parking, menu, visits = venue
        point: _Point | None = None
        if lat is not None and lon is not None:
            lat, lon = float(lat), float(lon)
            # Impossible coordinates count as unknown rather than as a place on the map.
            if isfinite(lat) and isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180:
                phi = radians(lat)
                point = (phi, radians(lon), cos(phi))
        known = (visits, commute, parking, menu)
        familiarity = familiarities.get(known)
        if familiarity is None:
            familiarity = familiarities[known] = _familiarity(visits, commute, parking, menu)
        quiet = quiets.get(quietness)
        if quiet is None:
            level = 3.0 if quietness is None else min(max(float(quietness), 1.0), 5.0)
            quiet = quiets[quietness] = (level - 1.0) / 4.0
        kind_score, bar = kinds.get(kind, other)
        found.append((point, familiarity, quiet, kind_score, bar))
    return found


def _familiarity(visit_count: Any, commute: Any, parking: Any, menu: Any) -> float:
    visits = max(float(visit_count), 0.0)
    knowledge = (float(bool(commute)) + float(bool(parking)) + float(bool(menu))) / 3.0
    return VISITS_SHARE * (1.0 - math.exp(-visits / VISITS_SCALE)) + (1.0 - VISITS_SHARE) * min(
        max(knowledge, 0.0), 1.0
    )


def _valid_point(point: Coordinates | None) -> Coordinates | None:
    if point is None:
        return None
    lat, lon = float(point[0]), float(point[1])
    if math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180:
        return lat, lon
    return None


def _origin(point: Coordinates | None) -> _Origin | None:
    valid = _valid_point(point)
    if valid is None:
        return None
    phi = math.radians(valid[0])
    return phi, math.radians(valid[1]), math.cos(phi)


def _distance_km(point: _Point | None, origin: _Origin | None) -> float | None:
    """Haversine distance from `origin` to `point`; None where either is unknown."""
    if point is None or origin is None:
        return None
    phi, lam, cos_phi = point
    h = math.sin((phi - origin[0]) / 2) ** 2 + origin[2] * cos_phi * (
        math.sin((lam - origin[1]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))


def _closeness_to(origin: _Origin, points: list[_Point | None]) -> list[float]:
    """_closeness(_distance_km(point, origin)) of each point, the same arithmetic inline."""
    phi0, lambda0, cos0 = origin
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    twice_radius = 2 * EARTH_RADIUS_KM
    unknown, half = UNKNOWN_PLACE_CONVENIENCE, HALF_CONVENIENCE_KM
    found = []
    for point in points:
        if point is None:
            found.append(unknown)
            continue
        phi, lam, cos_phi = point
        h = sin((phi - phi0) / 2) ** 2 + cos0 * cos_phi * (sin((lam - lambda0) / 2) ** 2)
        found.append(1.0 / (1.0 + twice_radius * asin(sqrt(min(max(h, 0.0), 1.0))) / half))
    return found


def _closeness(distance: float | None) -> float:
    if distance is None:
        return UNKNOWN_PLACE_CONVENIENCE
    return 1.0 / (1.0 + distance / HALF_CONVENIENCE_KM)


def _score(parts: _Parts, convenience: float, weights: RankingWeights) -> float:
    """The venue's score, 0..1. Written in one order everywhere, so that a higher convenience
    never gives a lower score, rounding included: an upper bound stays one."""
    return (
        weights.familiarity * parts[1]
        + weights.quiet * parts[2]
        + weights.convenience * convenience
        + weights.kind * parts[3]
    ) / weights.total


def _count_phrase(visits: int) -> str:
    if visits <= 0:
        return "not been here yet"
    if visits == 1:
        return "been here once"
    if visits == 2:
        return "been here twice"
    return f"been here {visits} times"


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_QUIET_WORDS = {1: "loud", 2: "a bit loud", 4: "quiet", 5: "very quiet"}


# Within this distance of a city's centre, a venue is "in the city": a position known only as
# a city says no more than that.
CITY_RADIUS_KM = 25.0


def _distance_reasons(
    from_base: float | None,
    from_contact: float | None,
    contact: str,
    rough: tuple[bool, bool],
    cities: tuple[bool, bool] = (False, False),
) -> list[str]:
    """How far the venue is from the user and the other person. From a position known only as
    its city's centre, a distance is not a distance: the venue is in that city, or about so
    far from it. `cities`: whether both are known only as the same city's centre, and whether
    the two are in different cities; then a venue is in the one it is nearer to, never both
    (a Toronto café is not "in Ravi's city" for Ravi in Mississauga, 24 km away)."""
    same_centre, different_cities = cities
    base_rough, contact_rough = rough
    in_city = [
        rough_origin and km is not None and km <= CITY_RADIUS_KM
        for km, rough_origin in ((from_base, base_rough), (from_contact, contact_rough))
    ]
    if all(in_city) and same_centre:
        return [f"in the same city as you and {contact}"]
    if different_cities and from_base is not None and from_contact is not None:
        nearer_base = from_base <= from_contact
        in_city = [in_city[0] and nearer_base, in_city[1] and not nearer_base]
    reasons = []
    for km, rough_origin, is_in, whose, exact in (
        (from_base, base_rough, in_city[0], "your city", "you"),
        (from_contact, contact_rough, in_city[1], f"{contact}'s city", contact),
    ):
        if km is None:
            continue
        if is_in:
            reasons.append(f"in {whose}")
        elif rough_origin:
            reasons.append(f"about {format_distance(km)} from {whose}")
        else:
            reasons.append(f"{format_distance(km)} from {exact}")
    return reasons


def _reasons(  # noqa: PLR0917 - private; each argument is one fact about the venue the reasons are written from
    venue: VenueFacts,
    located: bool,
    from_base: float | None,
    from_contact: float | None,
    contact: str,
    rough: tuple[bool, bool] = (False, False),
    cities: tuple[bool, bool] = (False, False),
) -> list[str]:
    reasons = [_count_phrase(venue.visit_count)]
    known = [
        word
        for word, flag in (
            ("commute", venue.knows_commute),
            ("parking", venue.knows_parking),
            ("menu", venue.knows_menu),
        )
        if flag
    ]
    if known:
        reasons.append(_joined(known) + " known")
    quiet_word = _QUIET_WORDS.get(min(5, max(1, int(venue.quietness))))
    if quiet_word:
        reasons.append(quiet_word)
    reasons += _distance_reasons(from_base, from_contact, contact, rough, cities)
    if not located:
        reasons.append("location not set")
    if venue.kind is not VenueKind.OTHER:
        reasons.append(venue.kind.label.lower())
    return reasons


def rank_venues(  # noqa: PLR0913 - the ranking's inputs; every caller passes them by keyword
    venues: Sequence[VenueFacts] | VenueTable,
    base: Coordinates | None,
    contact: Coordinates | None,
    weights: RankingWeights | None = None,
    contact_name: str | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    base_is_city: bool = False,
    contact_is_city: bool = False,
    same_city: bool = False,
    different_cities: bool = False,
) -> list[RankedVenue]:
    """The best `limit` venues (all when None), best first; bars left out unless allowed.

    `base_is_city` / `contact_is_city`: that position is only its city's centre, so the
    reasons say "in your city" rather than a distance nobody knows; `same_city`: both are
    in one city (two city lists may put its centre a few kilometres apart); `different_cities`:
    known to be in two (a venue is then said to be in the nearer one only)."""
    weights = weights or RankingWeights()
    if not venues or (limit is not None and limit <= 0):
        return []
    prepared = venues if isinstance(venues, VenueTable) else VenueTable(venues)
    if not len(prepared):
        return []
    # An origin counts only when some venue has a place to be far from.
    base_origin = _origin(base) if prepared.located else None
    contact_origin = _origin(contact) if prepared.located else None
    bounds, base_closeness = prepared.order(base_origin, weights, contact_origin is not None)
    parts = prepared.parts
    # The best `limit` scores, each with its position negated: the heap's first is the worst
    # kept, the later of two equal scores (equal scores keep the caller's order).
    kept: list[tuple[float, int]] = []
    for least, index in bounds:
        most = -least
        if limit is not None and len(kept) == limit and most < kept[0][0]:
            break  # no venue from here on can score as high as the last one kept
        if contact_origin is None:
            score = most  # nothing else to know: the bound is the score
        else:
            near = _closeness(_distance_km(parts[index][0], contact_origin))
            if base_origin is not None:
                near = (base_closeness[index] + near) / 2
            score = _score(parts[index], near, weights)
        if limit is None or len(kept) < limit:
            heapq.heappush(kept, (score, -index))
        elif (score, -index) > kept[0]:
            heapq.heapreplace(kept, (score, -index))
    same_centre = base_is_city and contact_is_city and same_city
    chosen = sorted(kept, reverse=True)  # best score first; equal scores in the caller's order

    who = one_line_name(contact_name, fallback="them")
    ranked = []
    for score, negated in chosen:
        index = -negated
        venue = prepared.fact(index)
        point = parts[index][0]
        base_km = _distance_km(point, base_origin)
        contact_km = _distance_km(point, contact_origin)
        ranked.append(
            RankedVenue(
                id=venue.id,
                name=venue.name,
                kind=venue.kind,
                score=round(score, 4),
                distance_km=base_km,
                contact_distance_km=contact_km,
                reasons=_reasons(
                    venue,
                    point is not None,
                    base_km,
                    contact_km,
                    who,
                    (base_is_city, contact_is_city),
                    (same_centre, different_cities),
                ),
            )
        )
    return ranked
