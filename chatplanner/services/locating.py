"""Where people and places are, from what the profile knows and the offline city list."""

from __future__ import annotations

import math
from typing import Any

from chatplanner.domain.clock import zone_name_or_none
from chatplanner.domain.places import City, Location, fold_place_name, haversine_km
from chatplanner.domain.venues import UserBase
from chatplanner.interop.gazetteer import Gazetteer, GazetteerUnavailableError

# A stored point this close to a gazetteer city is taken to be in it.
_SAME_CITY_KM = 60.0
# A stored base this close to a city's centre, in degrees both ways, is that centre.
_CLOSE_DEGREES = 1e-4
# The key of a stored base whose centre flag was settled against the city list when stored.
_CENTRE_SETTLED = "city_centre_settled"


class PlaceResolver:
    """Cities to points and time zones through the gazetteer, read on first use.

    Without the gazetteer every look-up answers None: the app goes on with what it has.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer
        self._unavailable = False

    def gazetteer(self) -> Gazetteer | None:
        if self._gazetteer is None and not self._unavailable:
            try:
                self._gazetteer = Gazetteer.load()
                self._gazetteer.check()  # read the file now, so a damaged one shows here
            except GazetteerUnavailableError:
                self._unavailable = True
                self._gazetteer = None
        return self._gazetteer

    def is_read(self) -> bool:
        """True when look-ups answer at once: the city list is read (or known missing)."""
        if self._unavailable:
            return True
        if self._gazetteer is None:
            try:
                self._gazetteer = Gazetteer.load()  # cheap: the instance is shared, not read
            except GazetteerUnavailableError:
                self._unavailable = True
                return True
        return self._gazetteer.is_read()

    def warm_up(self) -> bool:
        """Read and key the whole city list now (about 0.1 s): every look-up after is quick;
        True when it is there."""
        gazetteer = self.gazetteer()
        if gazetteer is None:
            return False
        try:
            gazetteer.read_all()
        except GazetteerUnavailableError:
            self._unavailable = True
            self._gazetteer = None
            return False
        return True

    def cities(self, name: str, country: str | None = None) -> list[City]:
        gazetteer = self.gazetteer()
        if gazetteer is None or not name.strip():
            return []
        try:
            return gazetteer.lookup(name, country or None)
        except GazetteerUnavailableError:
            return []

    def city(
        self, name: str | None, country: str | None = None, near: tuple[float, float] | None = None
    ) -> City | None:
        """The city of that name; with `near`, the one closest to it (and not far from it)."""
        if not name:
            return None
        found = self.cities(name, country)
        if not found and country:
            found = self.cities(name)  # an unknown country spelling should not hide the city
        if not found:
            return None
        if near is None:
            return found[0]
        closest = min(found, key=lambda c: haversine_km(c.latitude, c.longitude, *near))
        if haversine_km(closest.latitude, closest.longitude, *near) <= _SAME_CITY_KM:
            return closest
        return None

    def contact_location(
        self,
        city: str | None,
        country: str | None,
        latitude: float | None,
        longitude: float | None,
    ) -> Location | None:
        """Their own coordinates when known (labelled with their city), else their city's."""
        point = _point(latitude, longitude)
        label = " ".join((city or "").split())
        if point is not None:
            known = self.city(label, country, near=point) if label else None
            return Location(
                point[0],
                point[1],
                label=known.name if known else label,
                country=known.country if known else "",
            )
        known = self.city(label, country) if label else None
        return known.point if known else None

    def contact_point(
        self,
        city: str | None,
        country: str | None,
        latitude: float | None,
        longitude: float | None,
    ) -> Location | None:
        """Where they are, for distances: their own coordinates when known (labelled with their
        city as stored, without reading the city list), else their city's."""
        point = _point(latitude, longitude)
        if point is None:
            return self.contact_location(city, country, latitude, longitude)
        return Location(point[0], point[1], label=" ".join((city or "").split()))

    def base_from_setting(
        self, value: Any, *, resolve: bool = True, names: bool = True
    ) -> UserBase | None:
        """The user's base from its stored JSON; with `resolve`, missing country and zone are
        filled from the city list (which may read it: about 300 ms the first time), and a base
        stored before its centre flag was kept is found to be its city's centre or not.
        `names=False` resolves only that flag, what distances and their words need."""
        if not isinstance(value, dict):
            return None
        point = _point(value.get("latitude"), value.get("longitude"))
        if point is None:
            return None
        city = str(value.get("city") or "")
        country = str(value.get("country") or "")
        zone = zone_name_or_none(str(value.get("timezone") or "")) or ""
        label = str(value.get("label") or "")
        centre = value.get("city_centre") is True
        # Settled when stored (see `settled_base_setting`): no look-up can change it.
        settled = value.get(_CENTRE_SETTLED) is True
        # A base stored as its city's centre without the flag (the first-run sheet of an
        # earlier build stored the city it was given as an address) is found to be one: here,
        # the one place a stored base is read, for every caller, even one that asks not to
        # `resolve` (the list is read only for a point that may be a city's centre). A stored
        # flag is trusted unless the point looks like a city list's centre.
        unflagged = "city_centre" not in value
        maybe_centre = bool(
            not centre
            and not settled
            and city
            and (unflagged or _may_be_city_centre(point, label, city))
        )
        look_up = resolve and names and (not country or not zone)
        if maybe_centre and not look_up:
            # Only the flag to find: a point at no city's centre needs no look-up by name (a
            # search of the list by the point costs a fifth of one).
            look_up = not country or not zone or self._centre_listed_near(point)
        if city and look_up:
            known = self.city(city, country or None, near=point)
            if known is not None:
                country = country or known.country
                zone = zone or known.timezone
                centre = centre or (
                    maybe_centre and _close(point, (known.latitude, known.longitude))
                )
        return UserBase(
            label=label,
            city=city,
            latitude=point[0],
            longitude=point[1],
            country=country,
            timezone=zone,
            city_centre=centre,
        )

    def _centre_listed_near(self, point: tuple[float, float]) -> bool:
        """Whether some city of the list may be centred at the point (`_close` to it); True
        without the list, as a look-up then answers at once."""
        gazetteer = self.gazetteer()
        if gazetteer is None:
            return True
        try:
            return gazetteer.may_have_centre_near(*point, _CLOSE_DEGREES)
        except GazetteerUnavailableError:
            return True

    def zone_for(
        self, city: str | None, point: tuple[float, float] | None, country: str | None = None
    ) -> str | None:
        """The IANA zone of a place from its city name (closest match to `point` when given)."""
        if city:
            known = self.city(city, country, near=point)
            if known is not None:
                return zone_name_or_none(known.timezone)
        return None


def _point(latitude: object, longitude: object) -> tuple[float, float] | None:
    if latitude is None or longitude is None:
        return None
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180:
        return (lat, lon)
    return None


def base_setting(base: UserBase | None) -> dict[str, Any] | None:
    """The JSON stored under `user.base` (without the settled mark: see `settled_base_setting`)."""
    if base is None:
        return None
    return {
        "label": base.label,
        "city": base.city,
        "country": base.country,
        "latitude": base.latitude,
        "longitude": base.longitude,
        "timezone": base.timezone,
        "city_centre": base.city_centre,
    }


def settled_base_setting(places: PlaceResolver, base: UserBase | None) -> dict[str, Any] | None:
    """The JSON to store for `base`, with whether it is its city's centre settled now, once:
    every later reading of it trusts the flag, instead of searching the city list for a point
    that merely looks like a centre (the first ranking of venues would wait on the list).
    Without the list nothing is settled, and a later reading looks again."""
    value = base_setting(base)
    if value is None:
        return None
    read = places.base_from_setting(value, resolve=False)
    if read is None or places.gazetteer() is None:
        return value
    return {**value, "city_centre": read.city_centre, _CENTRE_SETTLED: True}


def _may_be_city_centre(point: tuple[float, float], label: str, city: str) -> bool:
    """Whether a base stored without the city flag may be its city's centre, before reading the
    city list: the list gives centres to at most five decimals (a geocoded address has more),
    and a base labelled with its city's name alone names no address."""
    short = all(round(x, 5) == x for x in point)
    return short or fold_place_name(label) == fold_place_name(city)


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """The same point, give or take a few metres (a city's centre stored as a base)."""
    return abs(a[0] - b[0]) < _CLOSE_DEGREES and abs(a[1] - b[1]) < _CLOSE_DEGREES
