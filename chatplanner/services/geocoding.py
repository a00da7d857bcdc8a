"""Finding an address on request: Nominatim through geopy, every answer kept in the profile."""

from __future__ import annotations

from typing import Literal

from chatplanner.db.models import GeocodeCacheEntry
from chatplanner.interop.geocoding import (
    MISS,
    NOMINATIM_ATTRIBUTION,
    CachedGeocoder,
    CacheMiss,
    Geocoder,
    GeocodeResult,
    GeocodingError,
    NominatimGeocoder,
)
from chatplanner.services.context import ServiceContext

__all__ = [
    "ATTRIBUTION",
    "GeocodeResult",
    "GeocodingError",
    "GeocodingService",
    "ProfileGeocodeCache",
]

ATTRIBUTION = NOMINATIM_ATTRIBUTION


class ProfileGeocodeCache:
    """A GeocodeCache over the profile's `geocode_cache` table; "nothing found" has no coordinates."""

    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def get(self, query: str) -> GeocodeResult | Literal[CacheMiss.MISS] | None:
        with self._context.sessions() as session:
            row = session.get(GeocodeCacheEntry, query)
            if row is None:
                return MISS
            if row.latitude is None or row.longitude is None:
                return None
            return GeocodeResult(row.latitude, row.longitude, row.display_name or "")

    def put(self, query: str, result: GeocodeResult | None) -> None:
        with self._context.sessions.begin() as session:
            row = session.get(GeocodeCacheEntry, query)
            if row is None:
                row = GeocodeCacheEntry(query=query)
                session.add(row)
            row.latitude = None if result is None else result.latitude
            row.longitude = None if result is None else result.longitude
            row.display_name = None if result is None else result.display_name
            row.fetched_at = self._context.now()


class GeocodingService:
    """`find_address` asks the map service only when the user asks, and only once per address.

    `geocoder` replaces Nominatim (tests, another server); failures raise GeocodingError whose
    message tells the user to enter coordinates by hand or paste a map link.
    """

    attribution = ATTRIBUTION

    def __init__(self, context: ServiceContext, geocoder: Geocoder | None = None) -> None:
        self._context = context
        self._geocoder = geocoder
        self._cached: CachedGeocoder | None = None

    def _lookup(self) -> CachedGeocoder:
        if self._cached is None:
            upstream = self._geocoder or NominatimGeocoder()
            self._cached = CachedGeocoder(upstream, ProfileGeocodeCache(self._context))
        return self._cached

    def find_address(self, query: str) -> GeocodeResult | None:
        """The place for an address, None when the map service knows none; may block ~1 s."""
        return self._lookup().geocode(query)
