"""Coordinates from pasted text and map links, and links to open a place."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.map_links import osm_url, parse_coordinates

TORONTO = (43.6532, -79.3832)


@pytest.mark.parametrize(
    "text",
    [
        "43.6532, -79.3832",
        "43.6532,-79.3832",
        "  (43.6532 -79.3832)\n",
        "43.6532;-79.3832",
        "https://www.openstreetmap.org/#map=17/43.6532/-79.3832",
        "https://www.openstreetmap.org/?mlat=43.6532&mlon=-79.3832#map=15/43.6000/-79.3000",
        "https://www.openstreetmap.org/?mlat=43.6532&amp;mlon=-79.3832",
        "https://www.google.com/maps/@43.6532,-79.3832,17z",
        "https://www.google.com/maps/@43.6532,-79.3832,3a,75y,90t/data=!3m6!1e1",
        "https://www.google.com/maps?q=43.6532,-79.3832",
        "https://maps.google.com/?q=43.6532+-79.3832&z=15",
        "https://www.google.com/maps/search/?api=1&query=43.6532%2C-79.3832",
        "https://www.google.com/maps/place/43.6532,-79.3832",
        "https://www.google.com/maps/place/Caf%C3%A9+Olé/@43.6400,-79.3900,17z/data=!3m1!4b1!4m6!3m5!1s0x882b34d6:0x1!8m2!3d43.6532!4d-79.3832!16s%2Fg%2F11",
        "https://maps.apple.com/?ll=43.6532,-79.3832&q=Coffee",
        "geo:43.6532,-79.3832?z=17",
        "43.6532° N, 79.3832° W",
        "43.6532N 79.3832W",
        "Let's meet here: 43.6532, -79.3832 (the patio)",
        '<a href="https://www.openstreetmap.org/?mlat=43.6532&amp;mlon=-79.3832">map</a>',
    ],
)
def test_coordinates_are_found_in_what_people_paste(text: str) -> None:
    assert parse_coordinates(text) == pytest.approx(TORONTO)


def test_degrees_minutes_seconds_as_map_apps_copy_them() -> None:
    found = parse_coordinates("43°39'11.5\"N 79°22'59.5\"W")
    assert found == pytest.approx((43.65319, -79.38319), abs=1e-4)


def test_southern_and_eastern_hemispheres() -> None:
    assert parse_coordinates("33.8688° S, 151.2093° E") == pytest.approx((-33.8688, 151.2093))


def test_google_place_pin_wins_over_the_map_view() -> None:
    link = "https://www.google.com/maps/place/X/@10.0,20.0,17z/data=!3d43.6532!4d-79.3832"
    assert parse_coordinates(link) == pytest.approx(TORONTO)


def test_osm_marker_wins_over_the_map_view() -> None:
    link = "https://www.openstreetmap.org/?mlat=43.6532&mlon=-79.3832#map=12/10.0000/20.0000"
    assert parse_coordinates(link) == pytest.approx(TORONTO)


def test_integers_count_only_when_the_text_is_just_a_pair() -> None:
    assert parse_coordinates("43 -79") == (43.0, -79.0)
    assert parse_coordinates("Room 12, 14th floor") is None


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "hello",
        "91, 10",
        "45, 181",
        "https://www.openstreetmap.org/node/123456",
        "https://www.google.com/maps/@91.0,-79.38,17z",
        "https://www.openstreetmap.org/?mlat=43.65",
        "43.65.12, 79.1.1",
        "1234.5, 12.3",
        "\x00\xff\ufffd" * 100,
        "NaN, NaN",
        "inf, -inf",
    ],
)
def test_junk_gives_none(junk: str) -> None:
    assert parse_coordinates(junk) is None


def test_huge_input_is_handled_quickly() -> None:
    assert parse_coordinates("9" * 100_000) is None
    assert parse_coordinates("43." * 50_000) is None


@given(st.text(max_size=300))
def test_any_text_gives_valid_coordinates_or_none(text: str) -> None:
    found = parse_coordinates(text)
    if found is not None:
        assert -90 <= found[0] <= 90
        assert -180 <= found[1] <= 180


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_osm_url_round_trips_through_the_parser(lat: float, lon: float) -> None:
    found = parse_coordinates(osm_url(lat, lon))
    assert found == pytest.approx((lat, lon), abs=1e-6)


def test_osm_url_has_a_marker_and_a_view() -> None:
    assert osm_url(43.6532, -79.3832) == (
        "https://www.openstreetmap.org/?mlat=43.6532&mlon=-79.3832#map=17/43.6532/-79.3832"
    )


def test_osm_url_refuses_impossible_coordinates() -> None:
    with pytest.raises(ValueError):
        osm_url(100.0, 0.0)
