"""The user's places as the app hands them around: venues, the user's base, ranked suggestions."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.places import Location

if TYPE_CHECKING:
    from chatplanner.domain.venue_ranking import RankedVenue

MAX_NAME_CHARS = 200
MAX_ADDRESS_CHARS = 500
MAX_NOTES_CHARS = 20_000
QUIETNESS_WORDS = {1: "Loud", 2: "A bit loud", 3: "Average", 4: "Quiet", 5: "Very quiet"}


class VenueInputError(ValueError):
    """A venue the editor cannot save; the message says what to change."""


@dataclass(frozen=True, slots=True)
class VenueDraft:
    """What the editor writes. Empty strings mean "no value"."""

    name: str
    kind: VenueKind = VenueKind.COFFEE_SHOP
    address: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    quietness: int = 3
    knows_commute: bool = False
    knows_parking: bool = False
    knows_menu: bool = False
    notes: str = ""

    def checked(self) -> VenueDraft:
        """The draft with tidy text, or VenueInputError saying what is wrong."""
        name = " ".join(self.name.split())
        if not name:
            raise VenueInputError("Give the venue a name, for example “Lantern & Leaf Coffee”.")
        if len(name) > MAX_NAME_CHARS:
            raise VenueInputError(f"Shorten the name to {MAX_NAME_CHARS} characters or fewer.")
        address = " ".join(self.address.split())
        if len(address) > MAX_ADDRESS_CHARS:
            raise VenueInputError(
                f"Shorten the address to {MAX_ADDRESS_CHARS} characters or fewer."
            )
        if (self.latitude is None) != (self.longitude is None):
            raise VenueInputError("Enter both latitude and longitude, or neither.")
        if self.latitude is not None and self.longitude is not None:
            lat, lon = float(self.latitude), float(self.longitude)
            if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90):
                raise VenueInputError("Latitude goes from -90 to 90.")
            if abs(lon) > 180:
                raise VenueInputError("Longitude goes from -180 to 180.")
        if len(self.notes) > MAX_NOTES_CHARS:
            raise VenueInputError(f"Shorten the notes to {MAX_NOTES_CHARS:,} characters or fewer.")
        return VenueDraft(
            name=name,
            kind=VenueKind(self.kind),
            address=address,
            city=" ".join(self.city.split())[:MAX_NAME_CHARS],
            latitude=self.latitude,
            longitude=self.longitude,
            quietness=min(5, max(1, int(self.quietness))),
            knows_commute=bool(self.knows_commute),
            knows_parking=bool(self.knows_parking),
            knows_menu=bool(self.knows_menu),
            notes=self.notes,
        )


@dataclass(frozen=True, slots=True)
class VenueRecord:
    """One of the user's venues with how often they have been there."""

    id: int
    name: str
    kind: VenueKind
    address: str
    city: str
    latitude: float | None
    longitude: float | None
    quietness: int
    knows_commute: bool
    knows_parking: bool
    knows_menu: bool
    notes: str
    visit_count: int = 0
    last_visit: date | None = None
    distance_km: float | None = None  # from the user's base, when both are known
    # The base is only its city's centre: `distance_km` says which city, not how far.
    distance_from_city: bool = False

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def known_things(self) -> list[str]:
        """What the user already knows about it: "commute", "parking", "menu"."""
        return [
            word
            for word, flag in (
                ("commute", self.knows_commute),
                ("parking", self.knows_parking),
                ("menu", self.knows_menu),
            )
            if flag
        ]

    def draft(self) -> VenueDraft:
        return VenueDraft(
            name=self.name,
            kind=self.kind,
            address=self.address,
            city=self.city,
            latitude=self.latitude,
            longitude=self.longitude,
            quietness=self.quietness,
            knows_commute=self.knows_commute,
            knows_parking=self.knows_parking,
            knows_menu=self.knows_menu,
            notes=self.notes,
        )


@dataclass(frozen=True, slots=True)
class UserBase:
    """Where the user starts from: home or work, with its city (for same-city decisions)."""

    label: str
    city: str
    latitude: float
    longitude: float
    country: str = ""  # ISO alpha-2 when known
    timezone: str = ""  # IANA name when known
    city_centre: bool = False  # the point is the city's centre, not the address

    @property
    def location(self) -> Location:
        return Location(
            self.latitude,
            self.longitude,
            label=self.city,
            country=self.country,
            city_centre=self.city_centre,
        )

    @property
    def caption(self) -> str:
        """ "Home — Toronto", or just one of them."""
        parts = [part for part in (self.label.strip(), self.city.strip()) if part]
        return " — ".join(parts) if parts else "Set"


@dataclass(frozen=True, slots=True)
class VenueSuggestions:
    """Ranked venues for a chat, and the points the map shows around them."""

    venues: list[RankedVenue]
    base: Location | None
    contact: Location | None
    contact_name: str | None
    points: dict[int, tuple[float, float]] = field(default_factory=dict)
    hidden_bars: int = 0  # bars left out of the ranking because they are not allowed


@dataclass(frozen=True, slots=True)
class ContactChoice:
    """A person one could plan a chat with, as a picker shows them."""

    id: int
    name: str
    city: str
