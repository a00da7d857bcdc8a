"""The offline city list: exact look-ups, qualifiers people write, and a damaged or missing file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.places import City
from chatplanner.interop.gazetteer import Gazetteer, GazetteerUnavailableError, default_directory


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def names(cities: list[City]) -> list[tuple[str, str]]:
    return [(city.name, city.country) for city in cities]


def test_bundled_file_is_found_next_to_the_package() -> None:
    directory = default_directory()
    assert directory is not None
    assert (directory / "cities15000.tsv.gz").stat().st_size < 1_500_000
    assert (directory / "README.md").read_text(encoding="utf-8").count("GeoNames") >= 1


def test_bundled_file_holds_every_city_of_15000_people(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 30_000


def test_berlin_finds_berlin_and_not_burlington(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Berlin")
    assert found
    assert all(city.name == "Berlin" for city in found)
    assert found[0].country == "DE"
    assert found[0].timezone == "Europe/Berlin"


def test_results_are_ordered_by_population(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Paris")
    assert found[0].country == "FR"
    populations = [city.population for city in found]
    assert populations == sorted(populations, reverse=True)


def test_case_and_accents_do_not_matter(gazetteer: Gazetteer) -> None:
    assert names(gazetteer.lookup("MONTREAL")) == [("Montréal", "CA")]
    assert gazetteer.lookup("lodz")[0].name == "Łódź"
    assert gazetteer.lookup("sao paulo")[0].country == "BR"


@pytest.mark.parametrize(
    ("typed", "country", "admin1"),
    [
        ("Toronto, ON", "CA", "08"),
        ("Toronto, Ontario", "CA", "08"),
        ("Paris, France", "FR", "11"),
        ("Paris, TX", "US", "TX"),
        ("Paris, Texas, USA", "US", "TX"),
        ("Vancouver, BC, Canada", "CA", "02"),
        ("Vancouver, WA", "US", "WA"),
        ("London, Ontario", "CA", "08"),
        ("London, UK", "GB", "ENG"),
        ("San Francisco, CA", "US", "CA"),
        ("Sydney, NSW", "AU", "02"),
        ("Toronto, ON M5H 2N2", "CA", "08"),
        ("100 Queen St W, Toronto, ON", "CA", "08"),
        ("Köln, Deutschland", "DE", "07"),
    ],
)
def test_qualifiers_people_write_pick_the_right_city(
    gazetteer: Gazetteer, typed: str, country: str, admin1: str
) -> None:
    best = gazetteer.best(typed)
    assert best is not None
    assert (best.country, best.admin1) == (country, admin1)


def test_country_argument_filters_by_code_or_name(gazetteer: Gazetteer) -> None:
    assert {c.country for c in gazetteer.lookup("Vancouver", country="US")} == {"US"}
    assert {c.country for c in gazetteer.lookup("Vancouver", country="Canada")} == {"CA"}
    assert gazetteer.lookup("Vancouver", country="Narnia") == []


def test_a_known_qualifier_that_matches_nothing_gives_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Paris, Germany") == []


def test_unknown_words_after_the_city_are_ignored(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Toronto, downtown near the lake") is not None


def test_non_cities_and_partial_names_find_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Toront") == []
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup(" , , ") == []
    assert gazetteer.lookup("<script>alert(1)</script>") == []


def test_load_is_cached_per_directory() -> None:
    assert Gazetteer.load() is Gazetteer.load(default_directory())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.none() | st.text(max_size=10))
def test_any_input_gives_a_list(gazetteer: Gazetteer, text: str, country: str | None) -> None:
    assert isinstance(gazetteer.lookup(text, country), list)


def write_cities(directory: Path, body: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with gzip.open(directory / "cities15000.tsv.gz", "wt", encoding="utf-8") as target:
        target.write(
            "#name\tascii_name\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\ttimezone\n"
        )
        target.write(body)


def test_damaged_rows_are_skipped(tmp_path: Path) -> None:
    write_cities(
        tmp_path / "g",
        "Springfield\t\tUS\tIL\t39.80\t-89.64\t114394\tAmerica/Chicago\n"
        "Broken\tonly three\n"
        "Badnumber\t\tUS\tIL\tnorth\t-89\t1\tAmerica/Chicago\n"
        "Springfield\t\tUS\tMO\t37.21\t-93.29\t170188\tAmerica/Chicago\n",
    )
    gazetteer = Gazetteer.load(tmp_path / "g")
    assert len(gazetteer) == 2
    assert [c.admin1 for c in gazetteer.lookup("springfield")] == ["MO", "IL"]
    # Without countries.tsv and admin1.tsv the qualifier is simply unknown.
    assert len(gazetteer.lookup("Springfield, IL")) == 2


def test_a_missing_file_gives_a_plain_error(tmp_path: Path) -> None:
    gazetteer = Gazetteer.load(tmp_path / "nothing-here")
    with pytest.raises(GazetteerUnavailableError, match="enter coordinates by hand"):
        gazetteer.lookup("Toronto")


def test_a_corrupt_file_gives_a_plain_error(tmp_path: Path) -> None:
    directory = tmp_path / "corrupt"
    directory.mkdir()
    (directory / "cities15000.tsv.gz").write_bytes(b"\x1f\x8bnot really gzip" * 10)
    with pytest.raises(GazetteerUnavailableError):
        Gazetteer.load(directory).lookup("Toronto")


def test_the_whole_list_read_keeps_the_file_and_makes_only_the_cities_found() -> None:
    directory = default_directory()
    assert directory is not None
    gazetteer = Gazetteer(directory)
    gazetteer.read_all()
    tables = gazetteer._loaded()
    assert len(gazetteer) > 30_000
    assert not tables.made
    assert isinstance(tables.data, bytes)
    found = gazetteer.lookup("Springfield")
    assert len(found) > 1
    assert len(tables.made) == len(found)
    assert gazetteer.lookup("Springfield") == found
    assert len(tables.made) == len(found)  # made once
