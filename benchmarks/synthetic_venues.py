"""Synthetic venues around Toronto for the ranking and venue-service benchmarks."""

from __future__ import annotations

import random

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.venue_ranking import VenueFacts


def make_venues(count: int, seed: int = 7) -> list[VenueFacts]:
    """`count` venues, one in ten without coordinates yet, with a spread of visits."""
    rng = random.Random(seed)
    kinds = list(VenueKind)
    venues = []
    for index in range(count):
        located = rng.random() > 0.1  # some venues have no coordinates yet
        venues.append(
            VenueFacts(
                id=index,
                name=f"Venue {index}",
                kind=rng.choice(kinds),
                latitude=43.6 + rng.uniform(-0.3, 0.3) if located else None,
                longitude=-79.4 + rng.uniform(-0.4, 0.4) if located else None,
                quietness=rng.randint(1, 5),
                knows_commute=rng.random() < 0.4,
                knows_parking=rng.random() < 0.3,
                knows_menu=rng.random() < 0.5,
                visit_count=rng.choice([0, 0, 0, 1, 2, 3, 6, 12]),
            )
        )
    return venues
