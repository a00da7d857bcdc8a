"""One person as read from (or written to) a contact file, and the result of reading a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from chatplanner.interop.source_file import EncodingEvidence

# C0 and C1 control characters. Format characters (zero-width joiners in emoji, bidi marks in
# right-to-left names) are not controls and are kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ContactRecord(NamedTuple):
    """A contact as a file describes it. Missing values are None, never "".

    Immutable like the app's other records, but a named tuple: an import makes one per row
    while the user waits, and a tuple is made several times faster than a frozen dataclass.
    """

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin_url: str | None = None
    company: str | None = None
    title: str | None = None
    city: str | None = None
    country: str | None = None
    address: str | None = None
    notes: str | None = None
    connected_on: date | None = None
    groups: tuple[str, ...] = ()
    source: str = ""  # "linkedin", "vcard" or "google"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row or card that gave no contact, with the reason in a sentence.

    row_number is the line of the file where the row (or card) starts, counting from 1.
    """

    row_number: int
    reason: str


@dataclass(slots=True)
class ParsedImport:
    """Everything read from one file: the contacts, the rows left out, and where they came from."""

    records: list[ContactRecord] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    source_label: str = ""
    # The line where each record's row (or card) starts, counting from 1; parallel to records.
    row_numbers: list[int] = field(default_factory=list)
    # How the file's text was decoded (source_file.EncodingEvidence); None for in-memory text.
    encoding: EncodingEvidence | None = None
    # What a record lost on the way, in a sentence (a date that is no real day), by position.
    record_warnings: dict[int, str] = field(default_factory=dict)
    # Rows with nothing in them (not even a comma's worth), left out without a reason each.
    blank_rows: int = 0

    def warn(self, sentence: str) -> None:
        """A warning about the record added last."""
        self.record_warnings[len(self.records) - 1] = sentence

    def add(self, record: ContactRecord, row_number: int) -> None:
        self.records.append(record)
        self.row_numbers.append(row_number)

    def row_number_of(self, position: int) -> int:
        """The file line of records[position] (its position from 1 if the reader gave none)."""
        if len(self.row_numbers) == len(self.records):
            return self.row_numbers[position]
        return position + 1


def clean_line(value: str | None) -> str | None:
    """A one-line field: controls and line breaks become spaces, spaces collapse; "" -> None."""
    if not value:
        return None
    if value.isprintable() and "  " not in value:
        return value.strip() or None
    return " ".join(_LINE_CONTROLS.sub(" ", value).split()) or None


def clean_text(value: str | None) -> str | None:
    """A multi-line field (notes): line breaks kept as "\\n", controls dropped; "" -> None."""
    if not value:
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return text.strip() or None


def one_line_address(value: str | None) -> str | None:
    """A postal address on one line: its lines joined with ", " (also written "\\n" or "^n")."""
    if not value:
        return None
    text = value.replace("\\n", "\n").replace("^n", "\n")
    return clean_line(", ".join(part.strip() for part in text.splitlines() if part.strip()))
