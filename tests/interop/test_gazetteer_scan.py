"""Before the whole city list is read, a look-up searches the file's text for the name: it finds
exactly what the read list finds."""

from __future__ import annotations

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
    rows = whole._loaded().rows
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
