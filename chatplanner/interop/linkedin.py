"""LinkedIn's Connections.csv, on its own or inside the data-export ZIP, as ContactRecords."""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from chatplanner.domain.limits import day_in_range
from chatplanner.domain.moments import MONTHS, MONTHS_SHORT
from chatplanner.domain.text import normalize_linkedin_url
from chatplanner.interop.contact_record import (
    ContactRecord,
    ParsedImport,
    SkippedRow,
    clean_line,
)
from chatplanner.interop.csv_rows import csv_rows, header_key
from chatplanner.interop.format_sniffing import (
    LINKEDIN_DESCRIPTION,
    describe_text,
    is_linkedin_header,
)
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.source_file import (
    MEBIBYTE,
    decode_text_with_evidence,
    open_regular_file,
    read_bounded,
    read_limited,
)

SOURCE = "linkedin"
CONNECTIONS_FILE = "connections.csv"
# LinkedIn caps connections at 30,000: about 4 MB. Anything far above is not a Connections.csv,
# and a ZIP member that claims (or inflates to) more is refused before it fills memory.
MAX_CONNECTIONS_BYTES = 64 * MEBIBYTE
# The header follows a short preamble; a file without it in the first rows is something else.
_HEADER_SEARCH_ROWS = 50

# English month names from the app's one table (never the C locale's), and "Sept".
_MONTHS = {
    name.lower(): number
    for number, names in enumerate(zip(MONTHS, MONTHS_SHORT, strict=True), start=1)
    for name in names
} | {"sept": 9}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DATE_SEPARATORS = re.compile(r"[\s,.\-/]+")

# Column names as LinkedIn writes them (compared lower-cased), by the field they fill.
_COLUMNS = {
    "first_name": ("first name",),
    "last_name": ("last name",),
    "linkedin_url": ("url", "profile url"),
    "email": ("email address", "e-mail address", "email"),
    "company": ("company",),
    "title": ("position", "title"),
    "connected_on": ("connected on",),
}


@functools.lru_cache(maxsize=8192)  # a big export repeats the same few thousand days
def parse_connected_on(text: str | None) -> date | None:
    """ "08 Feb 2026", "8 February 2026", "Feb 8, 2026", "2026-02-08", "2/8/26" -> a date.

    Month names come from a fixed English table, so the result never depends on the locale.
    Returns None for anything else, and for a day outside the stored range (domain.limits).
    """
    day = _parse_day(text)
    return day if day is not None and day_in_range(day) else None


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    text = text.strip()
    try:
        iso = _ISO_DATE.fullmatch(text)
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        us = _US_DATE.fullmatch(text)
        if us:  # LinkedIn writes American month/day order in its other files.
            year = int(us.group(3))
            return date(year + 2000 if year < 100 else year, int(us.group(1)), int(us.group(2)))
        parts = _DATE_SEPARATORS.split(text)
        if len(parts) != 3:
            return None
        first, second, year_text = parts
        month = _MONTHS.get(second.lower())
        day_text = first
        if month is None:
            month = _MONTHS.get(first.lower())
            day_text = second
        if month is None or not day_text.isdigit() or not year_text.isdigit():
            return None
        if len(year_text) != 4:
            return None
        return date(int(year_text), month, int(day_text))
    except ValueError:  # 31 Feb, month 13, ...
        return None


def parse_linkedin(path: Path, reading: str | None = None) -> ParsedImport:
    """Read Connections.csv, or the LinkedIn data-export ZIP that holds it. `reading`: how to
    decode text without a byte-order mark (source_file.READINGS); None decides from the file."""
    name = path.name or str(path)
    if _is_zip_file(path):
        # Not read whole: a complete export with every message can be hundreds of megabytes.
        return _parse_zip(path, name, reading)
    return parse_linkedin_bytes(read_limited(path, MAX_CONNECTIONS_BYTES), name, reading)


def parse_linkedin_bytes(
    data: bytes, name: str = "Connections.csv", reading: str | None = None
) -> ParsedImport:
    """Like parse_linkedin, for a file already in memory (a CSV or the export ZIP)."""
    if data.startswith(b"PK\x03\x04"):
        return _parse_zip(io.BytesIO(data), name, reading)
    text, evidence = decode_text_with_evidence(data, name, LINKEDIN_DESCRIPTION, reading)
    del data  # parse_linkedin passes the only reference: let it go before parsing
    parsed = parse_linkedin_text(text, name)
    parsed.encoding = evidence
    return parsed


def parse_linkedin_text(text: str, name: str = "Connections.csv") -> ParsedImport:
    """Read the text of a Connections.csv (any export year: with or without preamble and URL)."""
    rows = csv_rows(text.lstrip("\ufeff"), name)
    columns, header_width = _find_header(rows, text, name)
    result = ParsedImport(source_label=f"LinkedIn connections ({name})")
    first, last, url, email, company, title, connected = columns
    width = header_width + 1  # one extra, always-empty cell stands for absent columns
    for line, row in rows:
        if not row:
            result.blank_rows += 1
            continue
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        first_name = clean_line(row[first])
        last_name = clean_line(row[last])
        raw_url = clean_line(row[url])
        email_address = clean_line(row[email])
        if not (first_name or last_name or raw_url or email_address):
            _skip_nameless(result, line, row, connected)
            continue
        if _is_header_again(first_name, last_name):
            result.skipped.append(SkippedRow(line, "A repeated header row, not a person."))
            continue
        record = ContactRecord(
            first_name=first_name,
            last_name=last_name,
            email=email_address,
            linkedin_url=(normalize_linkedin_url(raw_url) or raw_url) if raw_url else None,
            company=clean_line(row[company]),
            title=clean_line(row[title]),
            connected_on=parse_connected_on(row[connected]),
            source=SOURCE,
        )
        result.add(record, line)
        problem = connected_on_problem(row[connected]) if record.connected_on is None else ""
        if problem:
            result.warn(problem)
    return result


def connected_on_problem(text: str | None) -> str:
    """What is wrong with a Connected On cell that gives no date, and what the import does
    about it, in a sentence; "" for an empty cell or a good date."""
    shown = clean_line(text)
    if shown is None or parse_connected_on(shown) is not None:
        return ""
    if _parse_day(shown) is not None:
        why = "is outside the dates chatplanner keeps"
    elif _looks_like_a_day(shown):
        why = "is not a real date"
    else:
        why = "is not a date chatplanner can read"
    return f"Connected On “{shown[:40]}” {why}: the day you connected is left out."


def _looks_like_a_day(text: str) -> bool:
    """A day written in one of the shapes `parse_connected_on` reads ("31 Feb 2026")."""
    if _ISO_DATE.fullmatch(text) or _US_DATE.fullmatch(text):
        return True
    parts = _DATE_SEPARATORS.split(text.strip())
    return len(parts) == 3 and any(part.lower() in _MONTHS for part in parts[:2])


def _is_header_again(first_name: str | None, last_name: str | None) -> bool:
    """Two exports pasted into one file repeat the header in the middle."""
    return (
        first_name is not None
        and len(first_name) == 10
        and first_name.lower() == "first name"
        and (last_name or "").lower() == "last name"
    )


def _skip_nameless(result: ParsedImport, line: int, row: list[str], connected: int) -> None:
    if not any(cell.strip() for cell in row):
        result.blank_rows += 1  # a row of bare commas: counted, with no reason to give
        return
    when = clean_line(row[connected])
    if when and not any(cell.strip() for i, cell in enumerate(row) if i != connected):
        reason = (
            f"Hidden profile: LinkedIn exported only the date you connected ({when}), "
            "no name or link."
        )
    else:
        reason = "No name, e-mail address or profile link in this row."
    result.skipped.append(SkippedRow(line, reason))


def _find_header(
    rows: Iterator[tuple[int, list[str]]], text: str, name: str
) -> tuple[tuple[int, int, int, int, int, int, int], int]:
    """Column positions in field order (absent ones point past the header) and header width."""
    for _ in range(_HEADER_SEARCH_ROWS):
        try:
            _line, row = next(rows)
        except StopIteration:
            break
        keys = [header_key(cell) for cell in row]
        if not is_linkedin_header(set(keys)):
            continue
        width = len(keys)
        positions = []
        for names in _COLUMNS.values():
            found = next((keys.index(n) for n in names if n in keys), width)
            positions.append(found)
        p = positions
        return (p[0], p[1], p[2], p[3], p[4], p[5], p[6]), width
    if not text.strip():
        raise ImportFormatError.empty(name)
    raise ImportFormatError.wrong_kind(name, LINKEDIN_DESCRIPTION, describe_text(text))


def _is_zip_file(path: Path) -> bool:
    try:
        with open_regular_file(path) as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False  # read_limited reports why the file cannot be read


def _parse_zip(source: Path | io.BytesIO, name: str, reading: str | None = None) -> ParsedImport:
    not_export = (
        f"“{name}” has no Connections.csv inside. Choose the ZIP file LinkedIn sent you "
        "(Basic_LinkedInDataExport_….zip) or the Connections.csv inside it."
    )
    try:
        with zipfile.ZipFile(source) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and PurePosixPath(info.filename.replace("\\", "/")).name.lower() == CONNECTIONS_FILE
            ]
            if not members:
                raise ImportFormatError(not_export, "wrong_kind")
            # The shallowest one if an export was zipped together with a copy of itself.
            member = min(members, key=lambda info: (info.filename.count("/"), info.filename))
            if member.file_size > MAX_CONNECTIONS_BYTES:
                raise ImportFormatError.too_large(member.filename, MAX_CONNECTIONS_BYTES)
            with archive.open(member) as stream:
                data = read_bounded(stream, MAX_CONNECTIONS_BYTES, member.filename)
    except ImportFormatError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        # zipfile's own words ("File is not a zip file") mean nothing to a person: a ZIP this
        # broken is nearly always a download that stopped early.
        detail = "the ZIP archive is incomplete or broken (a download that stopped early?)"
        raise ImportFormatError.malformed(name, detail) from None
    except NotImplementedError:
        detail = "the ZIP archive uses an unknown compression"
        raise ImportFormatError.malformed(name, detail) from None
    except RuntimeError:  # zipfile raises it for encrypted members
        raise ImportFormatError(
            f"“{name}” is protected by a password. Unzip it yourself and import the "
            "Connections.csv inside.",
            "unreadable",
        ) from None
    except OSError as error:
        raise ImportFormatError.unreadable(name, error.strerror or "a system error") from None
    inner = f"{name}: {member.filename}"
    text, evidence = decode_text_with_evidence(data, inner, LINKEDIN_DESCRIPTION, reading)
    parsed = parse_linkedin_text(text, PurePosixPath(member.filename).name)
    parsed.encoding = evidence
    parsed.source_label = f"LinkedIn connections ({inner})"
    return parsed
