"""Venue suggestions: familiar first, then quiet, then convenient, then the kind of place."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.venue_ranking import (
    RankedVenue,
    RankingWeights,
    VenueFacts,
    VenueTable,
    rank_venues,
)

HOME = (43.6532, -79.3832)  # downtown Toronto
JESSICA = (43.6700, -79.3900)


def venue(
    id: int,
    kind: VenueKind = VenueKind.COFFEE_SHOP,
    *,
    at: tuple[float, float] | None = HOME,
    quietness: int = 3,
    visits: int = 0,
    commute: bool = False,
    parking: bool = False,
    menu: bool = False,
    name: str | None = None,
) -> VenueFacts:
    return VenueFacts(
        id=id,
        name=name or f"Venue {id}",
        kind=kind,
        latitude=at[0] if at else None,
        longitude=at[1] if at else None,
        quietness=quietness,
        knows_commute=commute,
        knows_parking=parking,
        knows_menu=menu,
        visit_count=visits,
    )


def ids(ranked: list[RankedVenue]) -> list[int]:
    return [item.id for item in ranked]


def test_a_familiar_venue_beats_a_quieter_unknown_one() -> None:
    familiar = venue(1, visits=6, commute=True, parking=True, quietness=3)
    unknown_quiet = venue(2, quietness=5)
    assert ids(rank_venues([unknown_quiet, familiar], HOME, None)) == [1, 2]


def test_visits_count_with_diminishing_returns() -> None:
    scores = {
        r.id: r.score
        for r in rank_venues(
            [venue(1, visits=1), venue(3, visits=3), venue(30, visits=30)], HOME, None
        )
    }
    assert scores[1] < scores[3] < scores[30]
    assert scores[30] - scores[3] < scores[3] - scores[1] + 0.1  # flattening, not linear
    assert (scores[30] - scores[3]) / 27 < (scores[3] - scores[1]) / 2


def test_knowing_commute_parking_and_menu_raises_familiarity() -> None:
    ranked = rank_venues([venue(1), venue(2, commute=True, parking=True, menu=True)], HOME, None)
    assert ids(ranked) == [2, 1]


def test_quiet_breaks_a_tie_in_familiarity() -> None:
    ranked = rank_venues([venue(1, quietness=2), venue(2, quietness=5)], HOME, None)
    assert ids(ranked) == [2, 1]


def test_nearer_venue_wins_when_all_else_is_equal() -> None:
    near = venue(1, at=(43.6540, -79.3840))
    far = venue(2, at=(43.8, -79.6))
    ranked = rank_venues([far, near], HOME, None)
    assert ids(ranked) == [1, 2]
    assert ranked[0].distance_km == pytest.approx(0.1, abs=0.05)


def test_convenience_counts_the_contacts_distance_too() -> None:
    # Both 1.9 km from home; the second is next to Jessica.
    away_from_her = venue(1, at=(43.6360, -79.3830))
    near_her = venue(2, at=(43.6700, -79.3890))
    ranked = rank_venues([away_from_her, near_her], HOME, JESSICA, contact_name="Jessica")
    assert ids(ranked) == [2, 1]
    assert ranked[0].contact_distance_km is not None
    assert ranked[0].contact_distance_km < 0.2


def test_coffee_shops_come_before_restaurants_and_other_places() -> None:
    ranked = rank_venues(
        [
            venue(1, VenueKind.OTHER),
            venue(2, VenueKind.RESTAURANT),
            venue(3, VenueKind.COFFEE_SHOP),
        ],
        HOME,
        None,
    )
    assert ids(ranked) == [3, 2, 1]


def test_bars_are_left_out_unless_allowed() -> None:
    bar = venue(1, VenueKind.BAR, visits=40, quietness=5, commute=True, parking=True, menu=True)
    cafe = venue(2)
    assert ids(rank_venues([bar, cafe], HOME, None)) == [2]
    allowed = rank_venues([bar, cafe], HOME, None, RankingWeights(allow_bars=True))
    assert set(ids(allowed)) == {1, 2}


def test_an_allowed_bar_is_still_penalised_against_an_equal_cafe() -> None:
    ranked = rank_venues(
        [venue(1, VenueKind.BAR), venue(2)], HOME, None, RankingWeights(allow_bars=True)
    )
    assert ids(ranked) == [2, 1]


def test_weights_let_the_user_put_distance_first() -> None:
    familiar_far = venue(1, visits=10, at=(43.9, -79.8))
    unknown_near = venue(2, at=HOME)
    default = rank_venues([familiar_far, unknown_near], HOME, None)
    distance_first = rank_venues(
        [familiar_far, unknown_near],
        HOME,
        None,
        RankingWeights(familiarity=0.05, quiet=0.0, convenience=1.0, kind=0.0),
    )
    assert ids(default) == [1, 2]
    assert ids(distance_first) == [2, 1]


def test_reasons_are_words_in_priority_order() -> None:
    ranked = rank_venues(
        [venue(7, visits=6, parking=True, quietness=4, at=(43.6640, -79.3832))],
        HOME,
        (43.6532, -79.4200),
        contact_name="Jessica",
    )
    assert ranked[0].reasons == [
        "been here 6 times",
        "parking known",
        "quiet",
        "1.2 km from you",
        "3.2 km from Jessica",
        "coffee shop",
    ]


def test_from_a_position_known_only_as_a_city_the_reasons_say_the_city_not_a_distance() -> None:
    near = venue(7, at=(43.6640, -79.3832))
    far = venue(8, at=(44.2312, -76.4860))  # Kingston, 160 km away
    both = rank_venues(
        [near, far],
        HOME,
        HOME,
        contact_name="伟",
        base_is_city=True,
        contact_is_city=True,
        same_city=True,
    )
    reasons = {r.id: r.reasons for r in both}
    assert "in the same city as you and 伟" in reasons[7]
    assert not any(r.endswith(" from you") or "km from 伟" in r for r in reasons[7])
    assert any(r.startswith("about ") and r.endswith(" km from your city") for r in reasons[8])
    mine_only = rank_venues(
        [near], HOME, (43.6532, -79.4200), contact_name="Jessica", base_is_city=True
    )
    assert "in your city" in mine_only[0].reasons
    assert "3.2 km from Jessica" in mine_only[0].reasons


def test_a_venue_is_in_the_nearer_of_two_cities_never_in_both() -> None:
    """Ravi is known only as Mississauga's centre, 22 km from a café downtown, near the user
    in Toronto: the café is not "in Ravi's city"; one in Mississauga is."""
    mississauga = (43.5890, -79.6441)
    downtown = venue(1, at=(43.6500, -79.3800))
    port_credit = venue(2, at=(43.5560, -79.5870))
    ranked = rank_venues(
        [downtown, port_credit],
        HOME,
        mississauga,
        contact_name="Ravi",
        contact_is_city=True,
        different_cities=True,
    )
    reasons = {r.id: r.reasons for r in ranked}
    assert "in Ravi's city" not in reasons[1]
    assert "about 22 km from Ravi's city" in reasons[1]
    assert "in Ravi's city" in reasons[2]
    # Without knowing the cities differ, 25 km of a centre is still that city.
    unknown = rank_venues([downtown], HOME, mississauga, contact_name="Ravi", contact_is_city=True)
    assert "in Ravi's city" in unknown[0].reasons


@pytest.mark.parametrize(
    ("visits", "phrase"), [(0, "not been here yet"), (1, "been here once"), (2, "been here twice")]
)
def test_visit_phrases(visits: int, phrase: str) -> None:
    assert rank_venues([venue(1, visits=visits)], HOME, None)[0].reasons[0] == phrase


def test_several_known_things_are_joined_in_one_reason() -> None:
    reasons = rank_venues([venue(1, commute=True, parking=True, menu=True)], None, None)[0].reasons
    assert "commute, parking and menu known" in reasons


def test_venue_without_coordinates_is_ranked_and_says_so() -> None:
    ranked = rank_venues([venue(1, at=None), venue(2, at=(43.66, -79.39))], HOME, None)
    assert ids(ranked) == [2, 1]
    assert ranked[1].distance_km is None
    assert "location not set" in ranked[1].reasons


def test_impossible_coordinates_count_as_unknown() -> None:
    ranked = rank_venues([venue(1, at=(123.0, 500.0))], HOME, None)
    assert ranked[0].distance_km is None
    assert "location not set" in ranked[0].reasons


def test_without_any_locations_ranking_still_works() -> None:
    ranked = rank_venues([venue(1, at=None), venue(2, at=None, visits=2)], None, None)
    assert ids(ranked) == [2, 1]
    assert all(r.distance_km is None and r.contact_distance_km is None for r in ranked)


def test_limit_returns_the_same_best_venues_as_a_full_ranking() -> None:
    venues = [venue(i, visits=i % 7, quietness=1 + i % 5) for i in range(500)]
    top = rank_venues(venues, HOME, None, limit=5)
    everything = rank_venues(venues, HOME, None, limit=None)
    assert len(top) == 5
    assert len(everything) == 500
    assert ids(top) == ids(everything)[:5]
    assert [r.score for r in everything] == sorted((r.score for r in everything), reverse=True)


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.integers(1, 5),
            st.booleans(),
            st.sampled_from(list(VenueKind)),
            st.none() | st.tuples(st.floats(43.5, 43.9), st.floats(-79.6, -79.2)),
        ),
        max_size=80,
    ),
    st.integers(1, 12),
    st.booleans(),
)
def test_the_best_few_are_the_head_of_the_whole_ranking_from_both_places(
    shapes: list[tuple[int, int, bool, VenueKind, tuple[float, float] | None]],
    limit: int,
    bars: bool,
) -> None:
    # Venues are tried from the best score they could reach and the rest skipped: the few
    # returned are exactly the head of a full ranking, ties in the caller's order, and a table
    # ranked for one contact ranks the next one as a new table would.
    venues = [
        venue(i, kind, at=at, visits=visits, quietness=quiet, menu=menu)
        for i, (visits, quiet, menu, kind, at) in enumerate(shapes)
    ]
    weights = RankingWeights(allow_bars=bars)
    table = VenueTable(venues)
    for contact in (JESSICA, HOME, None):
        everything = rank_venues(venues, HOME, contact, weights, limit=None)
        assert rank_venues(table, HOME, contact, weights, limit=limit) == everything[:limit]


def test_equal_scores_keep_the_callers_order() -> None:
    assert ids(rank_venues([venue(3), venue(1), venue(2)], HOME, None)) == [3, 1, 2]


def test_empty_input_and_zero_limit_give_nothing() -> None:
    assert rank_venues([], HOME, None) == []
    assert rank_venues([venue(1)], HOME, None, limit=0) == []


def test_weights_must_be_usable() -> None:
    with pytest.raises(ValueError):
        RankingWeights(familiarity=-1)
    with pytest.raises(ValueError):
        RankingWeights(0, 0, 0, 0)
    with pytest.raises(ValueError):
        RankingWeights(familiarity=math.nan)


def test_hostile_names_pass_through_untouched_and_contact_name_stays_one_line() -> None:
    name = "<script>alert(1)</script> مقهى ☕"
    ranked = rank_venues([venue(1, name=name)], HOME, JESSICA, contact_name="J\nX" + "y" * 999)
    assert ranked[0].name == name
    assert all("\n" not in reason and len(reason) < 100 for reason in ranked[0].reasons)


venue_strategy = st.builds(
    VenueFacts,
    id=st.integers(),
    name=st.text(max_size=30),
    kind=st.sampled_from(list(VenueKind)),
    latitude=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    longitude=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    quietness=st.integers(-10, 10),
    knows_commute=st.booleans(),
    knows_parking=st.booleans(),
    knows_menu=st.booleans(),
    visit_count=st.integers(-5, 10_000),
)


@settings(max_examples=150)
@given(
    st.lists(venue_strategy, max_size=30),
    st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    st.booleans(),
)
def test_any_venue_data_ranks_without_error(
    venues: list[VenueFacts], base: tuple[float, float] | None, bars: bool
) -> None:
    ranked = rank_venues(venues, base, None, RankingWeights(allow_bars=bars), limit=10)
    assert len(ranked) <= 10
    assert all(0.0 <= r.score <= 1.0 for r in ranked)
    assert bars or all(r.kind is not VenueKind.BAR for r in ranked)
