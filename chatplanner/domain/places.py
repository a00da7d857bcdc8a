"""Where people are: cities, points, distances and the in-person-or-online decision."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from chatplanner.domain.enums import MeetingMode

# Mean Earth radius (IUGG). A sphere is within 0.6 % of the ellipsoid: enough to rank and decide.
EARTH_RADIUS_KM = 6371.0088
DEFAULT_IN_PERSON_KM = 50.0

# Letters that Unicode decomposition leaves alone but that have a plain Latin spelling.
_LATIN_EXTRAS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
        "ĸ": "q",
        "ŉ": "n",
        "ŋ": "ng",
        "Ŋ": "Ng",
        "Ə": "A",
        "ə": "a",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "ʿ": "'",
        "ʾ": "'",
        "–": "-",
        "—": "-",
    }
)
# Punctuation that people drop or swap when typing a place name: "St. John's" ~ "St Johns".
_NAME_PUNCTUATION = str.maketrans({"-": " ", ".": None, "'": None, "`": None})


def ascii_fold_character(ch: str) -> str:
    """ascii_fold() of one character (the reference the table below caches)."""
    decomposed = unicodedata.normalize("NFKD", ch.translate(_LATIN_EXTRAS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _AsciiFoldTable(dict[int, str]):
    """Each character's ascii_fold, computed once. Decomposition works character by character,
    and the marks that canonical reordering would move are all dropped, so folding characters
    one at a time gives the same text as folding the whole string, several times faster (the
    city list's 7,000 names outside ASCII are keyed on a chat's first showing)."""

    def __missing__(self, codepoint: int) -> str:
        folded = ascii_fold_character(chr(codepoint))
        self[codepoint] = folded
        return folded


_ASCII_FOLD_TABLE = _AsciiFoldTable()


def ascii_fold(text: str) -> str:
    """The text with accents dropped and special Latin letters spelt plainly ("Łódź" -> "Lodz").

    Letters of other scripts stay as they are.
    """
    if text.isascii():  # nothing to drop or respell (most of the 42,000 names of the city list)
        return text
    return text.translate(_ASCII_FOLD_TABLE)


def fold_place_name(text: str) -> str:
    """The key two spellings of a place name share: no case, accents, dots or hyphens."""
    folded = ascii_fold(text).casefold().translate(_NAME_PUNCTUATION)
    return " ".join(folded.split())


def _check_coordinates(latitude: float, longitude: float) -> None:
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ValueError("Coordinates must be numbers.")
    if not -90.0 <= latitude <= 90.0:
        raise ValueError(f"Latitude {latitude} is outside -90..90.")
    if not -180.0 <= longitude <= 180.0:
        raise ValueError(f"Longitude {longitude} is outside -180..180.")


@dataclass(frozen=True, slots=True)
class City:
    """A populated place from the offline gazetteer (GeoNames)."""

    name: str
    country: str  # ISO 3166-1 alpha-2, "CA"
    admin1: str  # GeoNames first-level region code: "08" (Ontario), "TX" (Texas)
    latitude: float
    longitude: float
    population: int
    timezone: str  # IANA name, "America/Toronto"
    ascii_name: str = ""

    @property
    def point(self) -> Location:
        return Location(
            self.latitude, self.longitude, label=self.name, country=self.country, city_centre=True
        )


@dataclass(frozen=True, slots=True)
class Location:
    """A point someone is at or near; `label` is how sentences name it ("Toronto")."""

    latitude: float
    longitude: float
    label: str = ""
    country: str = ""  # ISO alpha-2 when known
    # Only the centre of `label`'s city is known, not where in it: distances to it are rough.
    city_centre: bool = False

    def __post_init__(self) -> None:
        _check_coordinates(self.latitude, self.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a spherical Earth."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    # min() guards against rounding just above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_between_km(a: Location, b: Location) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def format_distance(km: float) -> str:
    """A distance as people say it: "350 m", "1.2 km", "12 km", "1,340 km"."""
    if not math.isfinite(km) or km < 0:
        return "an unknown distance"
    if km < 1.0:
        metres = max(50, round(km * 1000 / 50.0) * 50)
        return "1 km" if metres >= 1000 else f"{metres} m"
    if km < 10.0:
        return f"{km:.1f} km".replace(".0 km", " km")
    return f"{round(km):,} km"


def one_line_name(name: str | None, fallback: str = "They", limit: int = 60) -> str:
    """A person's or place's name fit for a one-line sentence: one line, not too long."""
    one_line = " ".join((name or "").split())
    if not one_line:
        return fallback
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class MeetingSuggestion:
    """In person or online, and why in words. `known` is False when a location was missing."""

    mode: MeetingMode
    reason: str
    distance_km: float | None = None
    known: bool = True


def same_city(a: Location | None, b: Location | None) -> bool:
    """Both positions name the same city (in the same country)."""
    return a is not None and b is not None and _same_place(a, b)


def different_cities(a: Location | None, b: Location | None) -> bool:
    """Both positions name their city, and not the same one."""
    return (
        a is not None
        and b is not None
        and bool(a.label and b.label and a.country and b.country)
        and not _same_place(a, b)
    )


def _same_place(a: Location, b: Location) -> bool:
    return (
        bool(a.label and b.label and a.country and b.country)
        and a.country.upper() == b.country.upper()
        and fold_place_name(a.label) == fold_place_name(b.label)
    )


def same_city_decision(
    user_base: Location | None,
    contact_location: Location | None,
    threshold_km: float = DEFAULT_IN_PERSON_KM,
    *,
    contact_name: str | None = None,
) -> MeetingSuggestion:
    """Meet in person when the contact is within `threshold_km` of the user, online otherwise.

    With a location missing the suggestion is an online call with `known=False`, so the caller
    can ask the user rather than pretend to know.
    """
    named = bool(contact_name and contact_name.strip())
    subject = f"{one_line_name(contact_name)} is" if named else "They are"
    if contact_location is None:
        somebody = subject if named else "they are"
        return MeetingSuggestion(
            MeetingMode.ONLINE,
            f"We don't know where {somebody}: an online call is the safe choice. "
            "Add their city to see whether you can meet in person.",
            known=False,
        )
    if user_base is None:
        return MeetingSuggestion(
            MeetingMode.ONLINE,
            "Your own city is not set: an online call is the safe choice. "
            "Set your city to see whether you can meet in person.",
            known=False,
        )
    km = distance_between_km(user_base, contact_location)
    place = one_line_name(contact_location.label, fallback="")
    where = f" in {place}" if place else ""
    if _same_place(user_base, contact_location):
        where = f" in {place} too" if place else ""
    # Two city centres say which city, not how far apart two people are within it.
    rough = user_base.city_centre or contact_location.city_centre
    if rough and _same_place(user_base, contact_location):
        distance = "the same city as you"
    elif user_base.city_centre and one_line_name(user_base.label, fallback=""):
        # The user is known only as a city: the distance is between the two cities.
        distance = f"about {format_distance(km)} from {one_line_name(user_base.label)}"
    elif rough:
        distance = f"about {format_distance(km)} from you"
    else:
        distance = f"{format_distance(km)} from you"
    if km <= threshold_km:
        return MeetingSuggestion(
            MeetingMode.IN_PERSON, f"{subject}{where}, {distance}: meet in person.", distance_km=km
        )
    return MeetingSuggestion(
        MeetingMode.ONLINE,
        f"{subject}{where}, {distance}: an online call is easier.",
        distance_km=km,
    )
