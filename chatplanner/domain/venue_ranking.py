"""Which venue to suggest for a chat: familiar first, then quiet, then convenient, then its kind.

The scoring is vectorised with numpy (pure computation, no I/O): ranking thousands of venues
stays well inside a frame. Reasons in words are built only for the venues returned. numpy is
imported when venues are first ranked: the records defined here are read and shown long before
(the Venues page lists venues without ranking them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.places import EARTH_RADIUS_KM, format_distance, one_line_name

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

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


@dataclass(frozen=True, slots=True)
class VenueFacts:
    """What the ranking needs to know about one venue."""

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


def _columns(venues: Sequence[VenueFacts]) -> npt.NDArray[np.float64]:
    """One row per venue: lat, lon, quietness, commute, parking, menu, visits, kind index."""
    import numpy as np

    nan = math.nan
    rows = [
        (
            nan if v.latitude is None else v.latitude,
            nan if v.longitude is None else v.longitude,
            v.quietness,
            v.knows_commute,
            v.knows_parking,
            v.knows_menu,
            v.visit_count,
            _KIND_INDEX.get(v.kind, _KIND_INDEX[VenueKind.OTHER]),
        )
        for v in venues
    ]
    return np.array(rows, dtype=np.float64).reshape(len(rows), 8)


class VenueTable:
    """Venues with the columns the ranking reads, built once: a caller that ranks the same
    venues again (a chat planned after another, the list re-ranked for new weights) passes
    the table instead of the venues and skips rebuilding it."""

    __slots__ = ("bars", "columns", "located", "position", "venues")

    def __init__(self, venues: Sequence[VenueFacts]) -> None:
        import numpy as np

        self.venues = tuple(venues)
        self.position = {venue.id: index for index, venue in enumerate(self.venues)}
        table = _columns(self.venues)
        lat, lon = table[:, 0], table[:, 1]
        # Impossible coordinates count as unknown rather than as a place on the map.
        bad = ~(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
        lat[bad] = np.nan
        lon[bad] = np.nan
        table.flags.writeable = False
        self.columns = table
        self.located = ~bad
        self.bars = int(np.count_nonzero(table[:, 7] == _BAR))


def _valid_point(point: Coordinates | None) -> Coordinates | None:
    if point is None:
        return None
    lat, lon = float(point[0]), float(point[1])
    if math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180:
        return lat, lon
    return None


def _distances_km(lat: FloatArray, lon: FloatArray, origin: Coordinates | None) -> FloatArray:
    """Haversine distance from `origin` to each point; NaN where either is unknown."""
    import numpy as np

    if origin is None:
        return np.full(lat.shape, np.nan)
    phi0, lambda0 = np.radians(origin[0]), np.radians(origin[1])
    phi, lam = np.radians(lat), np.radians(lon)
    h = (
        np.sin((phi - phi0) / 2) ** 2
        + np.cos(phi0) * np.cos(phi) * np.sin((lam - lambda0) / 2) ** 2
    )
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return result


def _closeness(distance: FloatArray) -> FloatArray:
    import numpy as np

    result: FloatArray = np.where(
        np.isnan(distance), UNKNOWN_PLACE_CONVENIENCE, 1.0 / (1.0 + distance / HALF_CONVENIENCE_KM)
    )
    return result


def _scores(
    table: FloatArray, from_base: FloatArray, from_contact: FloatArray, weights: RankingWeights
) -> FloatArray:
    import numpy as np

    visits = np.clip(np.nan_to_num(table[:, 6]), 0, None)
    knowledge = (table[:, 3] + table[:, 4] + table[:, 5]) / 3.0
    familiarity = VISITS_SHARE * (1.0 - np.exp(-visits / VISITS_SCALE)) + (
        1.0 - VISITS_SHARE
    ) * np.clip(knowledge, 0, 1)
    quiet = (np.clip(np.nan_to_num(table[:, 2], nan=3.0), 1, 5) - 1.0) / 4.0

    origins_known = [not np.all(np.isnan(d)) for d in (from_base, from_contact)]
    if any(origins_known):
        pairs = zip((from_base, from_contact), origins_known, strict=True)
        convenience = np.mean([_closeness(d) for d, known in pairs if known], axis=0)
    else:
        convenience = np.full(len(table), 0.5)  # nobody's location known: no preference
    kind = np.array(_KIND_SCORES)[table[:, 7].astype(np.intp)]

    total: FloatArray = (
        weights.familiarity * familiarity
        + weights.quiet * quiet
        + weights.convenience * convenience
        + weights.kind * kind
    ) / weights.total
    return total


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
    same_centre: bool,
) -> list[str]:
    """How far the venue is from the user and the other person. From a position known only as
    its city's centre, a distance is not a distance: the venue is in that city, or about so
    far from it."""
    base_rough, contact_rough = rough
    in_city = [
        rough_origin and km is not None and km <= CITY_RADIUS_KM
        for km, rough_origin in ((from_base, base_rough), (from_contact, contact_rough))
    ]
    if all(in_city) and same_centre:
        return [f"in the same city as you and {contact}"]
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
    same_centre: bool = False,
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
    reasons += _distance_reasons(from_base, from_contact, contact, rough, same_centre)
    if not located:
        reasons.append("location not set")
    if venue.kind is not VenueKind.OTHER:
        reasons.append(venue.kind.label.lower())
    return reasons


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


# Long: one vectorised pass over the venue table (score, filter, take the best), then one record per venue kept.
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
) -> list[RankedVenue]:
    """The best `limit` venues (all when None), best first; bars left out unless allowed.

    `base_is_city` / `contact_is_city`: that position is only its city's centre, so the
    reasons say "in your city" rather than a distance nobody knows; `same_city`: both are
    in one city (two city lists may put its centre a few kilometres apart)."""
    import numpy as np

    weights = weights or RankingWeights()
    if not venues or (limit is not None and limit <= 0):
        return []
    prepared = venues if isinstance(venues, VenueTable) else VenueTable(venues)
    facts = prepared.venues
    if not facts:
        return []
    table = prepared.columns
    lat, lon = table[:, 0], table[:, 1]
    from_base = _distances_km(lat, lon, _valid_point(base))
    from_contact = _distances_km(lat, lon, _valid_point(contact))
    scores = _scores(table, from_base, from_contact, weights)
    same_centre = base_is_city and contact_is_city and same_city
    if not weights.allow_bars:
        scores[table[:, 7] == _BAR] = -np.inf

    candidates = np.flatnonzero(np.isfinite(scores))
    if limit is not None and limit < len(candidates):
        # The limit-th best score; ties at that edge are taken in the caller's order.
        negated = -scores[candidates]
        edge = np.partition(negated, limit - 1)[limit - 1]
        better = candidates[negated < edge]
        tied = candidates[negated == edge][: limit - len(better)]
        candidates = np.concatenate([better, tied])
    # Best score first; equal scores keep the caller's order.
    order = candidates[np.lexsort((candidates, -scores[candidates]))]

    who = one_line_name(contact_name, fallback="them")
    ranked = []
    for index in order.tolist():
        venue = facts[index]
        base_km = _optional(from_base[index])
        contact_km = _optional(from_contact[index])
        ranked.append(
            RankedVenue(
                id=venue.id,
                name=venue.name,
                kind=venue.kind,
                score=round(float(scores[index]), 4),
                distance_km=base_km,
                contact_distance_km=contact_km,
                reasons=_reasons(
                    venue,
                    bool(prepared.located[index]),
                    base_km,
                    contact_km,
                    who,
                    (base_is_city, contact_is_city),
                    same_centre,
                ),
            )
        )
    return ranked
