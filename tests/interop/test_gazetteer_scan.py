"""Before the whole city list is read, a look-up searches the file's text for the name (and a
base's point, for a city centred there): it finds exactly what the read list finds."""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatplanner.domain.places import City
from chatplanner.interop import gazetteer as gazetteer_module
from chatplanner.interop.gazetteer import Gazetteer, default_directory
from tests.interop.test_gazetteer import write_cities

TRICKY = (
    "Toronto",
    "toronto, on",
    "St. John's",
    "st johns",
    "ST-JOHNS",
    "Montréal",
    "montreal, canada",
    "Köln",
    "Koeln",
    "koln",
    "São Paulo",
    "sao paulo",
    "Winston-Salem",
    "winston salem",
    "Xi'an",
    "xian",
    "N'Djamena",
    "Москва",
    "Ho Chi Minh City",
    "  new   york  city ",
    "Springfield, IL",
    "Springfield, Missouri, US",
    "Łódź",
    "lodz",
    "Zürich",
    "nowhere at all",
    "",
)


def _found(gazetteer: Gazetteer, name: str) -> list[City]:
    return gazetteer.lookup(name)


@pytest.fixture
def unlimited_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gazetteer_module, "_SCANS_BEFORE_READING", 10**9)


@pytest.mark.usefixtures("unlimited_scans")
def test_searching_the_text_finds_what_the_read_list_finds() -> None:
    directory = default_directory()
    assert directory is not None
    whole = Gazetteer(directory)
    whole.read_all()
    searched = Gazetteer(directory)
    searched.check()
    rows = list(whole._loaded().rows())
    sample = [name for row in rows[::400] for name in row[:2] if name]
    for name in (*TRICKY, *sample):
        assert _found(searched, name) == _found(whole, name), name
    assert not searched.is_read()


def test_after_a_few_names_the_whole_list_is_read() -> None:
    directory = default_directory()
    assert directory is not None
    gazetteer = Gazetteer(directory)
    for name in ("Paris", "Berlin", "Madrid", "Rome", "Lima", "Quito", "Oslo", "Bern", "Vienna"):
        assert gazetteer.lookup(name)
    assert gazetteer.is_read()


_NAMES = st.text(alphabet="aAbB -.'`\u00e9\u00c9\u0142\u2019\u2013", min_size=1, max_size=8)


@pytest.mark.usefixtures("unlimited_scans")
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_NAMES, _NAMES), min_size=1, max_size=6), _NAMES)
def test_spellings_with_punctuation_and_accents_agree(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]], query: str
) -> None:
    directory = tmp_path_factory.mktemp("g")
    body = "".join(
        f"{name.strip() or 'x'}\t{ascii_name.strip()}\tUS\tIL\t39.8\t-89.6\t{n + 1}\tAmerica/Chicago\n"
        for n, (name, ascii_name) in enumerate(rows)
    )
    write_cities(directory, body)
    whole = Gazetteer(Path(directory))
    whole.read_all()
    searched = Gazetteer(Path(directory))
    for name in (query, *(name for row in rows for name in row)):
        assert _found(searched, name) == _found(whole, name), name


def _centred_near(rows: list[tuple[str, ...]], point: tuple[float, float], degrees: float) -> bool:
    return any(
        abs(float(row[4]) - point[0]) < degrees and abs(float(row[5]) - point[1]) < degrees
        for row in rows
    )


def test_a_point_is_found_at_a_centre_exactly_when_the_read_list_has_one_there() -> None:
    directory = default_directory()
    assert directory is not None
    whole = Gazetteer(directory)
    whole.read_all()
    rows = list(whole._loaded().rows())
    by_latitude = sorted(rows, key=lambda row: float(row[4]))
    latitudes = [float(row[4]) for row in by_latitude]
    searched = Gazetteer(directory)
    offsets = ((0, 0), (0.00009, -0.00009), (0.00011, 0), (0, -0.0001), (-0.00005, 0.00012))
    for row in rows[::300]:
        for up, right in offsets:
            point = (float(row[4]) + up, float(row[5]) + right)
            # The rows within a degree of latitude, for the answer worked out the long way.
            low = bisect.bisect_left(latitudes, point[0] - 1)
            high = bisect.bisect_right(latitudes, point[0] + 1)
            expected = _centred_near(by_latitude[low:high], point, 1e-4)
            assert searched.may_have_centre_near(*point, 1e-4) is expected, (row, point)
    assert not searched.is_read()


_COORDINATES = st.floats(min_value=-0.03, max_value=0.03) | st.sampled_from(
    [0.0, -0.0, 0.01, -0.01, 0.0001, -0.0001, 43.65, 43.6532, -79.3832]
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(_COORDINATES, _COORDINATES, st.integers(0, 5)), min_size=1, max_size=5),
    _COORDINATES,
    _COORDINATES,
)
def test_points_near_the_equator_and_numbers_with_fewer_decimals_are_found(
    tmp_path_factory: pytest.TempPathFactory,
    centres: list[tuple[float, float, int]],
    latitude: float,
    longitude: float,
) -> None:
    directory = tmp_path_factory.mktemp("g")
    # Numbers as a list may write them: with 0 to 5 decimals.
    body = "".join(
        f"Place\t\tXX\t01\t{lat:.{places}f}\t{lon:.{places}f}\t1\tUTC\n"
        for lat, lon, places in centres
    )
    write_cities(directory, body)
    rows = [tuple(line.split("\t")) for line in body.splitlines()]
    expected = _centred_near(rows, (latitude, longitude), 1e-4)
    assert Gazetteer(Path(directory)).may_have_centre_near(latitude, longitude, 1e-4) is expected
