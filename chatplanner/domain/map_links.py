"""Coordinates from what people paste: "43.65, -79.38", map links, degrees with N/S/E/W."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from urllib.parse import unquote

Coordinates = tuple[float, float]

# Nobody pastes a map link longer than this; cutting keeps hostile input cheap.
_MAX_INPUT_CHARS = 4000
_NUM = r"[-+]?\d{1,3}(?:\.\d{1,20})?"
_DEC = r"[-+]?\d{1,3}\.\d{1,20}"
# A number standing alone: not the tail or head of a longer number or word.
_ALONE_BEFORE = r"(?<![\w.])"
_ALONE_AFTER = r"(?![\w.])"
_PAIR_SEPARATOR = r"\s*,\s*|[\s+]+"

_OSM_MLAT = re.compile(rf"[?&;#]mlat=({_NUM}){_ALONE_AFTER}", re.IGNORECASE)
_OSM_MLON = re.compile(rf"[?&;#]mlon=({_NUM}){_ALONE_AFTER}", re.IGNORECASE)
_OSM_MAP = re.compile(rf"#map=\d{{1,2}}/({_NUM})/({_NUM}){_ALONE_AFTER}", re.IGNORECASE)
# Google's place pin (!3d lat !4d lon) is where the place is; "@lat,lon" is only the view.
_GOOGLE_PIN = re.compile(rf"!3d({_NUM})!4d({_NUM}){_ALONE_AFTER}")
_QUERY_PAIR = re.compile(
    rf"[?&;](?:q|query|ll|sll|center|destination|daddr|saddr)=(?:loc:)?\s*"
    rf"({_NUM})(?:{_PAIR_SEPARATOR})({_NUM}){_ALONE_AFTER}",
    re.IGNORECASE,
)
_GOOGLE_PATH_PAIR = re.compile(
    rf"/(?:place|search|dir)/({_NUM})(?:{_PAIR_SEPARATOR})({_NUM}){_ALONE_AFTER}",
    re.IGNORECASE,
)
_GOOGLE_VIEW = re.compile(rf"/@({_NUM}),({_NUM}){_ALONE_AFTER}")
_GEO_URI = re.compile(rf"\bgeo:({_NUM}),({_NUM}){_ALONE_AFTER}", re.IGNORECASE)
_WHOLE_PAIR = re.compile(rf"\(?\s*({_NUM})\s*(?:[,;]\s*|\s+)({_NUM})\s*\)?")
_DECIMAL_PAIR = re.compile(rf"{_ALONE_BEFORE}({_DEC})\s*[,;]\s*({_DEC}){_ALONE_AFTER}")
# 43.6532° N, 79.3832° W  and  43°39'11.5"N 79°22'59.5"W (what map apps copy).
_ANGLE = (
    r"(\d{1,3}(?:\.\d{1,20})?)\s*°?\s*"
    r"(?:(\d{1,2}(?:\.\d{1,20})?)\s*['′]\s*(?:(\d{1,2}(?:\.\d{1,20})?)\s*(?:\"|″|'')\s*)?)?"
)
_HEMISPHERE_PAIR = re.compile(
    rf"{_ALONE_BEFORE}{_ANGLE}([NS])\b[\s,;]*{_ANGLE}([EW])\b", re.IGNORECASE
)


def valid_coordinates(latitude: float, longitude: float) -> bool:
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90.0 <= latitude <= 90.0
        and -180.0 <= longitude <= 180.0
    )


def _checked(latitude: float, longitude: float) -> Coordinates | None:
    return (latitude, longitude) if valid_coordinates(latitude, longitude) else None


def _pair(pattern: re.Pattern[str]) -> Callable[[str], Coordinates | None]:
    def find(text: str) -> Coordinates | None:
        for match in pattern.finditer(text):
            found = _checked(float(match.group(1)), float(match.group(2)))
            if found:
                return found
        return None

    return find


def _osm_marker(text: str) -> Coordinates | None:
    lat, lon = _OSM_MLAT.search(text), _OSM_MLON.search(text)
    if lat and lon:
        return _checked(float(lat.group(1)), float(lon.group(1)))
    return None


def _angle(degrees: str, minutes: str | None, seconds: str | None) -> float:
    return float(degrees) + float(minutes or 0) / 60 + float(seconds or 0) / 3600


def _hemispheres(text: str) -> Coordinates | None:
    for match in _HEMISPHERE_PAIR.finditer(text):
        d1, m1, s1, ns, d2, m2, s2, ew = match.groups()
        if any(part is not None and float(part) >= 60 for part in (m1, s1, m2, s2)):
            continue
        lat = _angle(d1, m1, s1) * (-1 if ns.upper() == "S" else 1)
        lon = _angle(d2, m2, s2) * (-1 if ew.upper() == "W" else 1)
        found = _checked(lat, lon)
        if found:
            return found
    return None


def _whole_pair(text: str) -> Coordinates | None:
    match = _WHOLE_PAIR.fullmatch(text.strip())
    return _checked(float(match.group(1)), float(match.group(2))) if match else None


# Most specific first: a marker or a pin says where the place is, a view only where the map was.
_FINDERS: tuple[Callable[[str], Coordinates | None], ...] = (
    _osm_marker,
    _pair(_GOOGLE_PIN),
    _pair(_QUERY_PAIR),
    _pair(_GOOGLE_PATH_PAIR),
    _pair(_GEO_URI),
    _pair(_GOOGLE_VIEW),
    _pair(_OSM_MAP),
    _whole_pair,
    _hemispheres,
    _pair(_DECIMAL_PAIR),
)


def parse_coordinates(text: str) -> Coordinates | None:
    """(latitude, longitude) from pasted text or a map link, or None when there is none.

    Understands "43.65, -79.38", OpenStreetMap links (`?mlat=..&mlon=..`, `#map=z/lat/lon`),
    Google Maps links (`!3d..!4d..`, `?q=lat,lon`, `/place/lat,lon`, `/@lat,lon,17z`),
    `geo:` URIs and degrees with hemispheres. Integers count only when the text is just a pair,
    so "room 12, 14" in a sentence is not taken for a place.
    """
    if not isinstance(text, str):
        return None
    text = text[:_MAX_INPUT_CHARS]
    if not text.strip():
        return None
    # Links arrive percent-encoded or HTML-escaped ("&amp;") from mail and chat apps.
    cleaned = html.unescape(unquote(text))
    for finder in _FINDERS:
        found = finder(cleaned)
        if found:
            return found
    return None


def _format_degrees(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def osm_url(latitude: float, longitude: float, zoom: int = 17) -> str:
    """An OpenStreetMap link that opens the browser with a marker on the point."""
    if not valid_coordinates(latitude, longitude):
        raise ValueError(
            "Those coordinates are not on the map: latitude -90..90, longitude -180..180."
        )
    zoom = min(19, max(1, int(zoom)))
    lat, lon = _format_degrees(latitude), _format_degrees(longitude)
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"
