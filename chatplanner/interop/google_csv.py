"""Google Contacts CSV export (today's header and the older "Given Name" one) as ContactRecords."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from chatplanner.domain.text import normalize_linkedin_url
from chatplanner.interop.contact_record import (
    ContactRecord,
    ParsedImport,
    SkippedRow,
    clean_line,
    clean_text,
    one_line_address,
)
from chatplanner.interop.csv_rows import csv_rows, header_key
from chatplanner.interop.format_sniffing import (
    GOOGLE_DESCRIPTION,
    describe_text,
    is_google_header,
)
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.source_file import MEBIBYTE, decode_text_with_evidence, read_limited

SOURCE = "google"
MAX_GOOGLE_CSV_BYTES = 64 * MEBIBYTE
MULTI_VALUE_SEPARATOR = " ::: "
_HEADER_SEARCH_ROWS = 5
# "E-mail 2 - Value", "Phone 1 - Value", "Website 3 - Value", "Address 1 - City" (lower-cased).
_NUMBERED = re.compile(r"(e-mail|phone|website|address|organization) (\d+) - (.+)")

# Single columns by field, today's name first, then older Google and Outlook-style names.
_SINGLE = {
    "first_name": ("first name", "given name"),
    "last_name": ("last name", "family name"),
    "full_name": ("name", "file as"),
    "company": ("organization name", "company"),
    "title": ("organization title", "job title"),
    "notes": ("notes",),
    "groups": ("labels", "group membership", "categories"),
    "email": ("e-mail address",),
}


class _Columns:
    """Where each field lives in this file's header."""

    def __init__(self, keys: list[str]) -> None:
        self.single: dict[str, int] = {}
        for field_name, names in _SINGLE.items():
            for name in names:
                if name in keys:
                    self.single[field_name] = keys.index(name)
                    break
        # numbered[("e-mail", "value")] = positions of E-mail 1 - Value, E-mail 2 - Value, ...
        numbered: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for position, key in enumerate(keys):
            match = _NUMBERED.fullmatch(key)
            if match:
                kind, number, part = match.groups()
                numbered.setdefault((kind, part), []).append((int(number), position))
        self.numbered = {key: [p for _, p in sorted(v)] for key, v in numbered.items()}

    def numbered_values(self, row: list[str], kind: str, part: str) -> list[str]:
        """Each non-empty value of "<Kind> N - <Part>", in order, multi-values split."""
        found: list[str] = []
        for position in self.numbered.get((kind, part), []):
            if position < len(row) and row[position].strip():
                found.extend(row[position].split(MULTI_VALUE_SEPARATOR))
        return found


def parse_google_csv(path: Path, reading: str | None = None) -> ParsedImport:
    """Read a Google Contacts CSV export (either header)."""
    name = path.name or str(path)
    return parse_google_csv_bytes(read_limited(path, MAX_GOOGLE_CSV_BYTES), name, reading)


def parse_google_csv_bytes(
    data: bytes, name: str = "contacts.csv", reading: str | None = None
) -> ParsedImport:
    text, evidence = decode_text_with_evidence(data, name, GOOGLE_DESCRIPTION, reading)
    parsed = parse_google_csv_text(text, name)
    parsed.encoding = evidence
    return parsed


def parse_google_csv_text(text: str, name: str = "contacts.csv") -> ParsedImport:
    rows = csv_rows(text.lstrip("\ufeff"), name)
    columns = None
    for _ in range(_HEADER_SEARCH_ROWS):
        header = next(rows, None)
        if header is None:
            break
        keys = [header_key(cell) for cell in header[1]]
        if is_google_header(set(keys)):
            columns = _Columns(keys)
            break
    if columns is None:
        raise ImportFormatError.wrong_kind(name, GOOGLE_DESCRIPTION, describe_text(text))
    result = ParsedImport(source_label=f"Google contacts ({name})")
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        record = _record_from(row, columns)
        if record is None:
            reason = "No name, e-mail address, phone number or LinkedIn profile in this row."
            result.skipped.append(SkippedRow(line, reason))
        else:
            result.add(record, line)
    return result


def _first(values: list[str], accept: Callable[[str], str | None] = clean_line) -> str | None:
    for value in values:
        accepted = accept(value)
        if accepted:
            return accepted
    return None


def _groups(raw: str | None) -> tuple[str, ...]:
    """Labels as groups, without Google's own labels ("* myContacts", "* starred", ...)."""
    groups: list[str] = []
    for label in (raw or "").split(MULTI_VALUE_SEPARATOR):
        group = clean_line(label)
        if group and not group.startswith("*") and group not in groups:
            groups.append(group)
    return tuple(groups)


def _record_from(row: list[str], columns: _Columns) -> ContactRecord | None:
    def single(field_name: str) -> str:
        position = columns.single.get(field_name)
        return row[position] if position is not None and position < len(row) else ""

    # The middle name stays out: first_name is what messages greet people with.
    first = clean_line(single("first_name"))
    last = clean_line(single("last_name"))
    if not (first or last):
        first = clean_line(single("full_name"))
    emails = columns.numbered_values(row, "e-mail", "value") or single("email").split(
        MULTI_VALUE_SEPARATOR
    )
    email = _first(emails)
    phone = _first(columns.numbered_values(row, "phone", "value"))
    websites = columns.numbered_values(row, "website", "value")
    linkedin_url = _first(websites, normalize_linkedin_url)
    if not (first or last or email or phone or linkedin_url):
        return None
    company = clean_line(single("company")) or _first(
        columns.numbered_values(row, "organization", "name")
    )
    title = clean_line(single("title")) or _first(
        columns.numbered_values(row, "organization", "title")
    )
    return ContactRecord(
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        linkedin_url=linkedin_url,
        company=company,
        title=title,
        city=_first(columns.numbered_values(row, "address", "city")),
        country=_first(columns.numbered_values(row, "address", "country")),
        address=_first(columns.numbered_values(row, "address", "formatted"), one_line_address),
        notes=clean_text(single("notes")),
        groups=_groups(single("groups")),
        source=SOURCE,
    )
