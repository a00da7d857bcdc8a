"""The offline city list (GeoNames, CC BY 4.0): exact name look-ups without a network."""

from __future__ import annotations

import re
import threading
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from chatplanner.domain.places import City, fold_place_name
from chatplanner.resources_path import resources_dir

ATTRIBUTION = "City data: GeoNames (CC BY 4.0)"
CITIES_FILE = "cities15000.tsv.gz"
COUNTRIES_FILE = "countries.tsv"
REGIONS_FILE = "admin1.tsv"

# Longer inputs are not place names; cutting them keeps hostile paste from costing time.
_MAX_QUERY_CHARS = 300
_MAX_PARTS = 8


class GazetteerUnavailableError(RuntimeError):
    """The city list could not be read; the message is meant for the user."""


def default_directory() -> Path | None:
    try:
        directory = resources_dir() / "gazetteer"
    except FileNotFoundError:
        return None
    return directory if (directory / CITIES_FILE).is_file() else None


@dataclass(slots=True)
class _Tables:
    # The cities file as it is (UTF-8) and where each name's rows start in it; a row is made a
    # City when a look-up first finds it. A command that looks up one city does not make
    # 34,000, and the window keeps the list in 7 MiB, not the 33 MiB of 34,000 parsed rows.
    data: bytes = b""
    count: int = 0  # rows
    # Each name key's first row, and the rows after it of the few keys that have more.
    first_by_name: dict[str, int] = field(default_factory=dict)
    more_by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    regions: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    made: dict[int, City] = field(default_factory=dict)

    def add_name(self, key: str, start: int) -> None:
        first = self.first_by_name.setdefault(key, start)
        if first != start:
            self.more_by_name[key].append(start)

    def named(self, key: str) -> list[City]:
        first = self.first_by_name.get(key)
        if first is None:
            return []
        return [self.city(start) for start in (first, *self.more_by_name.get(key, ()))]

    def city(self, start: int) -> City:
        city = self.made.get(start)
        if city is None:
            city = self.made[start] = _city(self.row_at(start))
        return city

    def row_at(self, start: int) -> tuple[str, ...]:
        end = self.data.find(b"\n", start)
        row = _CITY_ROW_BYTES.fullmatch(self.data, start, len(self.data) if end < 0 else end)
        assert row is not None, "an indexed row matched the pattern when it was read"
        return tuple(part.decode("utf-8") for part in row.groups())

    def rows(self) -> Iterator[tuple[str, ...]]:
        """Every row, in the file's order."""
        for row in _CITY_ROW_BYTES.finditer(self.data):
            yield tuple(part.decode("utf-8") for part in row.groups())


@dataclass(frozen=True, slots=True)
class _Qualifier:
    """What one ", ..." part after a city name can mean: countries and/or regions."""

    countries: frozenset[str]
    regions: frozenset[tuple[str, str]]

    def accepts(self, city: City) -> bool:
        return city.country in self.countries or (city.country, city.admin1) in self.regions


def _data_lines(lines: Iterable[str]) -> Iterable[list[str]]:
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        yield line.rstrip("\r\n").split("\t")


# One row of the cities file: eight fields, the latitude, longitude and population numbers.
# Comments, blank lines and rows of another shape (damaged) do not match and are skipped.
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CITY_ROW = re.compile(
    r"^(?!#)([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t"
    rf"({_NUMBER})\t({_NUMBER})\t([-+]?\d+)\t([^\t\n]*?)\r?$",
    re.MULTILINE,
)
# The same rows in the file's bytes: a UTF-8 character never holds a tab's or a newline's byte.
_CITY_ROW_BYTES = re.compile(_CITY_ROW.pattern.encode(), re.MULTILINE)


def _uncompressed(path: Path) -> bytes:
    """The gzip file's content (every member's), each checksum checked as zlib inflates it
    (gzip.decompress checks it again in Python: a millisecond more for the first look-up)."""
    data, members = path.read_bytes(), []
    while data:
        inflater = zlib.decompressobj(wbits=_GZIP_WBITS)
        members.append(inflater.decompress(data))
        if not inflater.eof:
            raise EOFError(f"{path.name} ends before its compressed data does")
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(members)


_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflated data


def _read_cities(path: Path, tables: _Tables) -> None:
    # The whole file at once, its rows found by one pattern: much quicker than line by line.
    data = _uncompressed(path)
    data.decode("utf-8")  # text that is not UTF-8 is a damaged file, said now, not at a look-up
    tables.data = data
    count = 0
    for row in _CITY_ROW_BYTES.finditer(data):
        start, count = row.start(), count + 1
        key = fold_place_name(row[1].decode("utf-8"))
        tables.add_name(key, start)
        if row[2]:  # empty when it equals the name
            other = fold_place_name(row[2].decode("utf-8"))
            if other != key:
                tables.add_name(other, start)
    tables.count = count


# Characters a place name's key drops or reads as a space (`fold_place_name`), around and
# between its letters: what an ASCII spelling of a key may hold besides the key's letters.
_DROPPED = r"[.'`]*"
_GAP = r"[.'`\-\s]*"


def _spellings(key: str) -> re.Pattern[str]:
    """Lines whose name or ASCII name may be an ASCII spelling of the ASCII `key`: the key's
    characters in any case, with what the key drops between them. Wider than the key (every
    line found is checked with `fold_place_name`), never narrower."""
    parts = [_GAP]
    for char in key:
        parts.append(_GAP if char == " " else re.escape(char) + _DROPPED)
    parts.append(_GAP)
    field = "".join(parts)
    return re.compile(
        rf"^(?:{field}\t[^\t\n]*|[^\t\n]*\t{field})\t[^\n]*$", re.MULTILINE | re.IGNORECASE
    )


@dataclass(slots=True)
class _Scan:
    """The cities file as text, searched for each name asked (a process that looks up a few
    cities, a command, need not key all 42,000 names): lines found by a pattern, each checked
    with `fold_place_name`, the one rule of what matches."""

    # The file's bytes (UTF-8): searched for a point as they are; decoded for the first name.
    data: bytes
    decoded: str | None = None
    # Keys of the names that are not plain ASCII (about 7,000), made on the first look-up.
    others: dict[str, list[int]] | None = None
    found: dict[str, list[City]] = field(default_factory=dict)
    # What `centre_near` found for each point and distance (the base's, at every ranking).
    centres: dict[tuple[float, float, float], bool] = field(default_factory=dict)

    @property
    def text(self) -> str:
        if self.decoded is None:
            with _unreadable_as_unavailable():
                self.decoded = self.data.decode("utf-8")
        return self.decoded

    def named(self, key: str) -> list[City]:
        cities = self.found.get(key)
        if cities is None:
            starts = set(self._other_keys().get(key, ()))
            if key.isascii():
                starts.update(m.start() for m in _spellings(key).finditer(self.text))
            cities = [c for c in map(self._city_at, sorted(starts)) if c is not None]
            # The same keys as the whole list's index: the name's and the ASCII name's.
            cities = [c for c in cities if key in map(fold_place_name, (c.name, c.ascii_name))]
            self.found[key] = cities
        return cities

    def _other_keys(self) -> dict[str, list[int]]:
        if self.others is None:
            others: dict[str, list[int]] = defaultdict(list)
            start = 0
            for line in self.text.split("\n"):
                if not line.isascii():
                    # The names outside ASCII; an ASCII one is found by `_spellings`, and a
                    # damaged row is left out when its city is made.
                    names = line.split("\t", 2)[:2]
                    keys = {fold_place_name(n) for n in names if n and not n.isascii()}
                    for key in keys:
                        others[key].append(start)
                start += len(line) + 1
            self.others = dict(others)
        return self.others

    def centre_near(self, latitude: float, longitude: float, degrees: float) -> bool:
        """Whether some row's centre is less than `degrees` (well under a hundredth) from the
        point in both latitude and longitude. Rows are found by their latitude's first two
        decimals as the list writes numbers (plain decimals), then compared as numbers."""
        asked = (latitude, longitude, degrees)
        found = self.centres.get(asked)
        if found is None:
            found = self.centres[asked] = self._centre_near(latitude, longitude, degrees)
        return found

    def _centre_near(self, latitude: float, longitude: float, degrees: float) -> bool:
        data = self.data
        # A little wider than asked: a bound computed at a hundredth's edge may round across.
        edges = (latitude - degrees - 1e-6, latitude + degrees + 1e-6)
        for pattern in {_hundredths_pattern(edge) for edge in edges}:
            for match in re.finditer(pattern, data):
                start = data.rfind(b"\n", 0, match.start()) + 1
                end = data.find(b"\n", start)
                line = data[start : len(data) if end < 0 else end].decode("utf-8", "replace")
                row = _CITY_ROW.fullmatch(line)
                if (
                    row is not None
                    and abs(float(row[5]) - latitude) < degrees
                    and abs(float(row[6]) - longitude) < degrees
                ):
                    return True
        return False

    def _city_at(self, start: int) -> City | None:
        end = self.text.find("\n", start)
        row = _CITY_ROW.fullmatch(self.text, start, len(self.text) if end < 0 else end)
        return None if row is None else _city(row.groups())


def _hundredths_pattern(value: float) -> bytes:
    """A field holding a number written with the same sign, whole part and first two decimals
    as `value` (fewer decimals written are zeros): "43.65" finds 43.6532 and 43.65."""
    hundredths = int(abs(value) * 100)
    whole, tenth, hundredth = hundredths // 100, hundredths // 10 % 10, hundredths % 10
    sign = "-" if value < 0 else ""
    return rf"\t{sign}{whole}(?:\.(?:{tenth}(?:{hundredth}\d*)?)?)?\t".encode()


def _city(row: tuple[str, ...]) -> City:
    name, ascii_name, country, admin1, lat, lon, population, timezone = row
    return City(
        name=name,
        country=country,
        admin1=admin1,
        latitude=float(lat),
        longitude=float(lon),
        population=int(population),
        timezone=timezone,
        ascii_name=ascii_name or name,
    )


def _read_countries(path: Path, tables: _Tables) -> None:
    if not path.is_file():
        return
    for cells in _data_lines(path.read_text(encoding="utf-8").splitlines()):
        if len(cells) < 3:
            continue
        iso2, iso3, name = cells[:3]
        aliases = cells[3].split("|") if len(cells) > 3 and cells[3] else []
        for spelling in (iso2, iso3, name, *aliases):
            tables.countries[fold_place_name(spelling)].add(iso2)


def _read_regions(path: Path, tables: _Tables) -> None:
    if not path.is_file():
        return
    for cells in _data_lines(path.read_text(encoding="utf-8").splitlines()):
        if len(cells) < 3:
            continue
        country, code, name = cells[:3]
        abbreviation = cells[3] if len(cells) > 3 else ""
        for spelling in (name, abbreviation):
            if spelling:
                tables.regions[fold_place_name(spelling)].add((country, code))


# Names searched in the file's text before the whole list is read and keyed (each search
# costs about a tenth of that).
_SCANS_BEFORE_READING = 8


@contextmanager
def _unreadable_as_unavailable() -> Iterator[None]:
    try:
        yield
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as error:
        raise GazetteerUnavailableError(
            "The offline city list could not be read. Reinstall chatplanner, or enter "
            "coordinates by hand or paste a map link."
        ) from error


class Gazetteer:
    """Cities by exact (case- and accent-insensitive) name; the file is read on first use."""

    _instances: dict[Path, Gazetteer] = {}
    _instances_lock = threading.Lock()

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._tables: _Tables | None = None
        # Before the whole list is read: the file as text, searched name by name, and the
        # countries and regions (small files) for the qualifiers.
        self._scan: _Scan | None = None
        self._places: _Tables | None = None
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """The gazetteer in `path` (its directory or its cities file), or the bundled one.

        Cheap: the file is read at the first look-up, and one instance is kept per directory.
        """
        if path is None:
            directory = default_directory()
            if directory is None:
                raise GazetteerUnavailableError(
                    "The offline city list is missing from this installation. Reinstall "
                    "chatplanner, or enter coordinates by hand or paste a map link."
                )
        else:
            directory = Path(path)
            if directory.suffix == ".gz" or directory.is_file():
                directory = directory.parent
        directory = directory.resolve()
        with cls._instances_lock:
            if directory not in cls._instances:
                cls._instances[directory] = cls(directory)
            return cls._instances[directory]

    def _loaded(self) -> _Tables:
        tables = self._tables
        if tables is not None:
            return tables
        with self._lock:
            if self._tables is None:
                self._tables = self._read()
            return self._tables

    def _read(self) -> _Tables:
        tables = _Tables()
        with _unreadable_as_unavailable():
            _read_cities(self._directory / CITIES_FILE, tables)
            _read_countries(self._directory / COUNTRIES_FILE, tables)
            _read_regions(self._directory / REGIONS_FILE, tables)
        # Plain dicts from here on: a miss must not add keys (and the tables are shared).
        tables.more_by_name = dict(tables.more_by_name)
        tables.countries = dict(tables.countries)
        tables.regions = dict(tables.regions)
        self._scan = None
        return tables

    def check(self) -> None:
        """Read the file (not yet its 42,000 names): GazetteerUnavailableError when it cannot
        be (or, for text that is not UTF-8, at the first name looked up). Look-ups then search
        it name by name, until `read_all` or the eighth name."""
        with self._lock:
            if self._tables is None:
                self._scanned()

    def read_all(self) -> None:
        """Read and key every name now (about 0.1 s): look-ups are then a dictionary's."""
        self._loaded()

    def _scanned(self) -> _Scan:
        """The file, uncompressed (the lock held)."""
        if self._scan is None:
            with _unreadable_as_unavailable():
                self._scan = _Scan(_uncompressed(self._directory / CITIES_FILE))
        return self._scan

    def _place_tables(self) -> _Tables:
        tables = self._tables or self._places
        if tables is not None:
            return tables
        with self._lock:
            if self._places is None:
                places = _Tables()
                with _unreadable_as_unavailable():
                    _read_countries(self._directory / COUNTRIES_FILE, places)
                    _read_regions(self._directory / REGIONS_FILE, places)
                places.countries = dict(places.countries)
                places.regions = dict(places.regions)
                self._places = places
            return self._places

    def _named(self, key: str) -> list[City]:
        """The cities whose name or ASCII name has the key `key`."""
        tables = self._tables
        if tables is None:
            with self._lock:
                if self._tables is None and (
                    self._scan is None or len(self._scan.found) < _SCANS_BEFORE_READING
                ):
                    return self._scanned().named(key)
            tables = self._loaded()
        return tables.named(key)

    def may_have_centre_near(self, latitude: float, longitude: float, degrees: float) -> bool:
        """False when no city of the list has its centre less than `degrees` from the point
        (in both latitude and longitude), found by searching the file's text for the point;
        True when one has, or once the whole list is keyed (a look-up by name is as quick)."""
        if self._tables is not None:
            return True
        with self._lock:
            if self._tables is not None:
                return True
            return self._scanned().centre_near(latitude, longitude, degrees)

    def is_read(self) -> bool:
        """True once the file has been read (look-ups are then quick)."""
        return self._tables is not None

    def __len__(self) -> int:
        return self._loaded().count

    def _qualifier(self, text: str) -> _Qualifier | None:
        tables = self._place_tables()
        for candidate in (text, *text.split()[:1]):
            # "ON M5H 2N2" (a province and a postcode) is known by its first word.
            key = fold_place_name(candidate)
            countries = tables.countries.get(key, set())
            regions = tables.regions.get(key, set())
            if countries or regions:
                return _Qualifier(frozenset(countries), frozenset(regions))
        return None

    def _country_codes(self, country: str) -> frozenset[str]:
        return frozenset(self._place_tables().countries.get(fold_place_name(country), set()))

    def lookup(self, name: str, country: str | None = None) -> list[City]:
        """Cities named exactly `name`, most populous first.

        `name` may carry qualifiers the way people write them: "Toronto, ON",
        "Paris, France", "Vancouver, BC, Canada", even "100 Queen St W, Toronto, ON".
        Words that are neither a country nor a region are ignored; a known qualifier or
        `country` (ISO code or name) that no city matches gives an empty list.
        """
        parts = [part.strip() for part in name[:_MAX_QUERY_CHARS].split(",")]
        parts = [part for part in parts if part][-_MAX_PARTS:]
        wanted_countries = self._country_codes(country) if country else None
        if wanted_countries is not None and not wanted_countries:
            return []
        # The leftmost part that is a city name is the city; what follows qualifies it.
        for position, part in enumerate(parts):
            named = self._named(fold_place_name(part))
            if not named:
                continue
            qualifiers = [q for q in map(self._qualifier, parts[position + 1 :]) if q]
            found = [
                city
                for city in named
                if (wanted_countries is None or city.country in wanted_countries)
                and all(q.accepts(city) for q in qualifiers)
            ]
            if found:
                return sorted(found, key=lambda city: (-city.population, city.name))
        return []

    def best(self, name: str, country: str | None = None) -> City | None:
        """The most populous city of that name, or None."""
        found = self.lookup(name, country)
        return found[0] if found else None
