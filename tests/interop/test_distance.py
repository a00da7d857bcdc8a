"""On-screen distances on the ellipsoid agree with the ranking's sphere to within 0.6 %."""

from __future__ import annotations

import pytest

from chatplanner.domain.places import haversine_km
from chatplanner.interop.distance import display_distance_km


def test_toronto_to_montreal_on_the_ellipsoid() -> None:
    km = display_distance_km((43.6532, -79.3832), (45.5019, -73.5674))
    assert km == pytest.approx(haversine_km(43.6532, -79.3832, 45.5019, -73.5674), rel=0.006)


def test_points_off_the_map_give_none() -> None:
    assert display_distance_km((91.0, 0.0), (0.0, 0.0)) is None
    assert display_distance_km((0.0, float("nan")), (0.0, 0.0)) is None
