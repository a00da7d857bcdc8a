"""Addresses to coordinates through OpenStreetMap's Nominatim, only when the user asks.

Nominatim's usage policy: an identifying User-Agent, at most one request per second for the
whole application, results cached, no search-as-you-type, and credit to OpenStreetMap.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Protocol

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.geocoders import Nominatim

from chatplanner import version

USER_AGENT = f"chatplanner/{version()} (desktop app)"
NOMINATIM_ATTRIBUTION = "© OpenStreetMap contributors"
DEFAULT_TIMEOUT_SECONDS = 10.0
MIN_SECONDS_BETWEEN_REQUESTS = 1.0
# Longer than any real address; longer input is refused rather than sent.
MAX_QUERY_CHARS = 300

_BY_HAND = "enter the coordinates by hand or paste a map link."
NO_NETWORK_MESSAGE = "No network: " + _BY_HAND


class GeocodingError(Exception):
    """A look-up failed; the message is a sentence for the user, saying what to do."""

    def __init__(self, message: str, *, try_again_later: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.try_again_later = try_again_later


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    latitude: float
    longitude: float
    display_name: str


class Geocoder(Protocol):
    def geocode(self, query: str) -> GeocodeResult | None:
        """The best match for `query`, None when nothing matches; GeocodingError on failure."""
        ...


class CacheMiss(Enum):
    MISS = "miss"


MISS = CacheMiss.MISS


class GeocodeCache(Protocol):
    """Remembered answers by normalised query; a remembered None means "nothing found"."""

    def get(self, query: str) -> GeocodeResult | Literal[CacheMiss.MISS] | None: ...

    def put(self, query: str, result: GeocodeResult | None) -> None: ...


def normalise_query(query: str) -> str:
    """The cache key: one line, single spaces, no case; "  Café  X " and "café x" share it."""
    printable = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(printable.split()).casefold()


def _cleaned(query: str) -> str:
    printable = "".join(ch if ch.isprintable() else " " for ch in query)
    text = " ".join(printable.split())
    if not text:
        raise GeocodingError("Type an address or a place name to look up.")
    if len(text) > MAX_QUERY_CHARS:
        raise GeocodingError("That address is too long to look up: shorten it, or " + _BY_HAND)
    return text


class RequestThrottle:
    """At most one request per `min_interval` seconds across every thread that shares it."""

    def __init__(
        self,
        min_interval: float = MIN_SECONDS_BETWEEN_REQUESTS,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._min_interval = min_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = threading.Lock()
        self._last: float | None = None

    def wait(self) -> None:
        """Block until a request may go out, and count it as sent."""
        with self._lock:
            if self._last is not None:
                remaining = self._last + self._min_interval - self._monotonic()
                if remaining > 0:
                    self._sleep(remaining)
            self._last = self._monotonic()


# One throttle for every Nominatim request the application makes, whoever makes it.
NOMINATIM_THROTTLE = RequestThrottle()


class GeopyGeocoder(Protocol):
    """The part of a geopy geocoder we use (so tests can hand in a fake)."""

    def geocode(self, query: str, **options: Any) -> Any: ...


def _caused_by_network(error: BaseException) -> bool:
    """geopy's urllib adapter wraps a failed connection (URLError, an OSError) in a service error."""
    seen: set[int] = set()
    cause = error.__cause__ or error.__context__
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, OSError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _user_error(error: BaseException) -> GeocodingError:
    # Subclasses before their parents: GeocoderRateLimited is a GeocoderQuotaExceeded, etc.
    if isinstance(error, GeocoderTimedOut):
        return GeocodingError(
            "The map service did not answer in time. Try again in a moment, or " + _BY_HAND,
            try_again_later=True,
        )
    if isinstance(error, GeocoderRateLimited | GeocoderQuotaExceeded):
        return GeocodingError(
            "The map service asks us to slow down. Try again in a few minutes, or " + _BY_HAND,
            try_again_later=True,
        )
    if isinstance(error, GeocoderInsufficientPrivileges | GeocoderAuthenticationFailure):
        return GeocodingError("The map service refused the look-up. Please " + _BY_HAND)
    if isinstance(error, GeocoderQueryError):
        return GeocodingError(
            "The map service could not read that address. Check it, or " + _BY_HAND
        )
    if isinstance(error, GeocoderUnavailable | OSError) or _caused_by_network(error):
        return GeocodingError(NO_NETWORK_MESSAGE, try_again_later=True)
    return GeocodingError(
        "The map service gave an answer we could not use. Try again later, or " + _BY_HAND,
        try_again_later=True,
    )


def _result(location: Any) -> GeocodeResult | None:
    if location is None:
        return None
    try:
        latitude, longitude = float(location.latitude), float(location.longitude)
    except (TypeError, ValueError, AttributeError):
        return None
    if not (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    ):
        return None
    return GeocodeResult(latitude, longitude, str(getattr(location, "address", "") or ""))


class NominatimGeocoder:
    """Geocoding through geopy's Nominatim, throttled app-wide and with plain-sentence errors."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        language: str | None = None,
        country_codes: list[str] | None = None,
        throttle: RequestThrottle | None = None,
        geolocator: GeopyGeocoder | None = None,
        adapter_factory: Callable[..., Any] | None = None,
    ) -> None:
        """`geolocator` or `adapter_factory` replace the network (tests, other servers)."""
        self._geolocator: GeopyGeocoder = geolocator or Nominatim(
            user_agent=user_agent, timeout=timeout, adapter_factory=adapter_factory
        )
        self._timeout = timeout
        self._language = language
        self._country_codes = country_codes
        self._throttle = throttle or NOMINATIM_THROTTLE

    def geocode(self, query: str) -> GeocodeResult | None:
        text = _cleaned(query)
        options: dict[str, Any] = {"exactly_one": True, "timeout": self._timeout}
        if self._language:
            options["language"] = self._language
        if self._country_codes:
            options["country_codes"] = self._country_codes
        self._throttle.wait()
        try:
            location = self._geolocator.geocode(text, **options)
        except (GeopyError, OSError) as error:
            raise _user_error(error) from error
        return _result(location)


class CachedGeocoder:
    """Asks the cache first; every answer, "nothing found" included, is kept for next time."""

    def __init__(self, geocoder: Geocoder, cache: GeocodeCache) -> None:
        self._geocoder = geocoder
        self._cache = cache

    def geocode(self, query: str) -> GeocodeResult | None:
        key = normalise_query(query)
        if not key:
            raise GeocodingError("Type an address or a place name to look up.")
        remembered = self._cache.get(key)
        if remembered is not MISS:
            return remembered
        # Failures raise before this line, so they are never remembered.
        result = self._geocoder.geocode(query)
        self._cache.put(key, result)
        return result
