"""Distances to show on screen, on the ellipsoid (geopy): exact, but too slow to rank thousands."""

from __future__ import annotations

import math

from geopy.distance import geodesic

Coordinates = tuple[float, float]


def display_distance_km(a: Coordinates, b: Coordinates) -> float | None:
    """Geodesic (WGS-84) kilometres between two points; None when either is not on the map."""
    for lat, lon in (a, b):
        if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
            return None
    return float(geodesic(a, b).km)
