"""Distances, place-name folding and the in-person-or-online decision."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain import places as places_module
from chatplanner.domain.enums import MeetingMode
from chatplanner.domain.places import (
    City,
    Location,
    ascii_fold,
    fold_place_name,
    format_distance,
    haversine_km,
    one_line_name,
    same_city_decision,
)

TORONTO = Location(43.6532, -79.3832, label="Toronto", country="CA")
TORONTO_NORTH = Location(43.7615, -79.4111, label="Toronto", country="CA")
MISSISSAUGA = Location(43.5890, -79.6441, label="Mississauga", country="CA")
MONTREAL = Location(45.5019, -73.5674, label="Montréal", country="CA")


def test_haversine_toronto_to_montreal_is_about_504_km() -> None:
    assert haversine_km(43.6532, -79.3832, 45.5019, -73.5674) == pytest.approx(504, abs=3)


def test_haversine_of_a_point_to_itself_is_zero() -> None:
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_haversine_between_antipodes_is_half_the_circumference() -> None:
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-9)


@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180))
def test_haversine_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    there = haversine_km(a, b, c, d)
    assert there == pytest.approx(haversine_km(c, d, a, b), abs=1e-6)
    assert 0 <= there <= math.pi * 6371.0089


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("montreal", "Montréal"),
        ("LODZ", "Łódź"),
        ("Sao Paulo", "São Paulo"),
        ("St Johns", "St. John's"),
        ("winston salem", "Winston-Salem"),
        ("  new   york ", "New York"),
        ("Dusseldorf", "Düsseldorf"),
    ],
)
def test_place_names_fold_to_the_same_key(typed: str, stored: str) -> None:
    assert fold_place_name(typed) == fold_place_name(stored)


def test_folding_keeps_other_scripts() -> None:
    assert fold_place_name("東京") == "東京"
    assert ascii_fold("Zürich") == "Zurich"


@pytest.mark.parametrize(
    ("km", "words"),
    [
        (0.0, "50 m"),
        (0.34, "350 m"),
        (0.999, "1 km"),
        (1.24, "1.2 km"),
        (3.0, "3 km"),
        (12.4, "12 km"),
        (1340.2, "1,340 km"),
        (float("nan"), "an unknown distance"),
    ],
)
def test_distances_read_the_way_people_say_them(km: float, words: str) -> None:
    assert format_distance(km) == words


def test_display_name_is_one_line_and_bounded() -> None:
    assert one_line_name("  Jessica\n\tAlba ") == "Jessica Alba"
    assert one_line_name("") == "They"
    assert len(one_line_name("x" * 10_000)) == 60


def test_location_refuses_impossible_coordinates() -> None:
    with pytest.raises(ValueError):
        Location(91.0, 0.0)
    with pytest.raises(ValueError):
        Location(0.0, float("nan"))


def test_city_gives_its_point() -> None:
    city = City("Toronto", "CA", "08", 43.7, -79.4, 2_794_356, "America/Toronto")
    assert city.point == Location(43.7, -79.4, label="Toronto", country="CA", city_centre=True)


def test_contact_in_the_same_city_means_meet_in_person_with_a_reason() -> None:
    suggestion = same_city_decision(TORONTO, TORONTO_NORTH, contact_name="Jessica")
    assert suggestion.mode is MeetingMode.IN_PERSON
    assert suggestion.known
    assert suggestion.reason == "Jessica is in Toronto too, 12 km from you: meet in person."
    assert suggestion.distance_km == pytest.approx(12.2, abs=0.3)


def test_a_city_centre_gives_the_same_city_not_a_distance_it_cannot_know() -> None:
    centre = replace(TORONTO, city_centre=True)
    near_centre = Location(43.6535, -79.3840, label="Toronto", country="CA")
    for base, contact in ((TORONTO, centre), (centre, near_centre)):
        suggestion = same_city_decision(base, contact, contact_name="Jessica")
        assert suggestion.mode is MeetingMode.IN_PERSON
        assert (
            suggestion.reason == "Jessica is in Toronto too, the same city as you: meet in person."
        )
    nearby = same_city_decision(centre, replace(MISSISSAUGA, city_centre=True))
    # From a base known only as a city, the distance is the two cities' (never "from you").
    assert "in Mississauga, about 22 km from Toronto" in nearby.reason
    assert "from you" not in nearby.reason
    seen_from_an_address = same_city_decision(TORONTO, replace(MISSISSAUGA, city_centre=True))
    assert "about 22 km from you" in seen_from_an_address.reason


def test_contact_in_a_nearby_city_within_the_threshold_means_in_person() -> None:
    suggestion = same_city_decision(TORONTO, MISSISSAUGA, contact_name="Raj")
    assert suggestion.mode is MeetingMode.IN_PERSON
    assert suggestion.reason.startswith("Raj is in Mississauga, 22 km from you")


def test_contact_far_away_means_online() -> None:
    suggestion = same_city_decision(TORONTO, MONTREAL, contact_name="Zoë")
    assert suggestion.mode is MeetingMode.ONLINE
    assert suggestion.reason == "Zoë is in Montréal, 504 km from you: an online call is easier."


def test_threshold_is_the_users_choice() -> None:
    assert same_city_decision(TORONTO, MISSISSAUGA, threshold_km=10).mode is MeetingMode.ONLINE
    assert same_city_decision(TORONTO, MONTREAL, threshold_km=600).mode is MeetingMode.IN_PERSON


def test_unknown_contact_location_suggests_online_and_says_it_does_not_know() -> None:
    suggestion = same_city_decision(TORONTO, None, contact_name="Jessica")
    assert suggestion.mode is MeetingMode.ONLINE
    assert not suggestion.known
    assert suggestion.distance_km is None
    assert "We don't know where Jessica is" in suggestion.reason
    assert "Add their city" in suggestion.reason


def test_unknown_own_location_asks_the_user_to_set_it() -> None:
    suggestion = same_city_decision(None, TORONTO)
    assert not suggestion.known
    assert "Set your city" in suggestion.reason


def test_nameless_contact_still_gets_a_sentence() -> None:
    assert same_city_decision(TORONTO, None).reason.startswith("We don't know where they are")
    assert same_city_decision(TORONTO, MONTREAL, contact_name="  ").reason.startswith(
        "They are in Montréal, 504 km from you"
    )


def test_hostile_contact_name_stays_on_one_line() -> None:
    name = "<b>Evil</b>\n\nInjected line" + "x" * 5000
    reason = same_city_decision(TORONTO, MONTREAL, contact_name=name).reason
    assert "\n" not in reason
    assert len(reason) < 200


def _whole_string_ascii_fold(text: str) -> str:
    """ascii_fold as the whole string was once folded: the reference for the per-character table."""
    decomposed = unicodedata.normalize("NFKD", text.translate(places_module._LATIN_EXTRAS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@pytest.mark.parametrize(
    "text",
    [
        "Łódź",
        "São Paulo",
        "Ærøskøbing",
        "Straße",
        "İzmir",
        "Đà Nẵng",
        "Hà Nội",
        "Ḩalab",
        "ﬁle",
        "서울특별시",
        "東京",
        "Москва",
        "Ａ１",
        "e\u0301\u0327",  # a base and two marks in either order
        "c\u0327\u0301",
    ],
)
def test_ascii_fold_by_character_is_the_whole_strings_fold(text: str) -> None:
    assert ascii_fold(text) == _whole_string_ascii_fold(text)


@given(st.text())
def test_ascii_fold_by_character_is_the_whole_strings_fold_for_any_text(text: str) -> None:
    assert ascii_fold(text) == _whole_string_ascii_fold(text)
