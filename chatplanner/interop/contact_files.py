"""One entry point for contact files: tell LinkedIn, vCard and Google CSV apart, then read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from chatplanner.interop.contact_record import ParsedImport
from chatplanner.interop.format_sniffing import (
    GOOGLE_DESCRIPTION,
    LINKEDIN_DESCRIPTION,
    VCARD_DESCRIPTION,
    describe_text,
)
from chatplanner.interop.google_csv import parse_google_csv
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.linkedin import parse_linkedin
from chatplanner.interop.source_file import binary_kind, decode_text, open_regular_file

ContactFormat = Literal["linkedin", "vcard", "google"]
_SNIFF_BYTES = 64 * 1024
_FORMATS: dict[str, ContactFormat] = {
    LINKEDIN_DESCRIPTION: "linkedin",
    VCARD_DESCRIPTION: "vcard",
    GOOGLE_DESCRIPTION: "google",
}


def detect_contact_format(path: Path) -> ContactFormat | None:
    """Which contact format the file holds, judged by its content; None if none or unreadable."""
    try:
        with open_regular_file(path) as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return None
    if head.startswith(b"PK\x03\x04"):
        return "linkedin"  # the export ZIP; parse_linkedin says so if Connections.csv is missing
    if not head.strip() or binary_kind(head) is not None:
        return None
    try:
        text = decode_text(head, path.name, "a contact file")
    except ImportFormatError:
        return None
    description = describe_text(text)
    return _FORMATS.get(description) if description else None


def parse_contacts(
    path: Path, kind: ContactFormat | None = None, reading: str | None = None
) -> ParsedImport:
    """Read a contact file of the given kind, or of the kind its content shows; `reading` is
    how to decode its text (source_file.READINGS; None decides from the file)."""
    chosen = kind or detect_contact_format(path)
    if chosen == "linkedin":
        return parse_linkedin(path, reading)
    if chosen == "vcard":
        # Loaded for a vCard file only: the other imports do without vobject (and what it
        # loads), which is slow to load.
        from chatplanner.interop.vcard import parse_vcards

        return parse_vcards(path, reading)
    if chosen == "google":
        return parse_google_csv(path, reading)
    # Unrecognised: the most common import reads it if it can, or says what is wrong with it
    # (missing, empty, binary); "wrong kind" is reworded to list every format we read.
    try:
        return parse_linkedin(path, reading)
    except ImportFormatError as error:
        if error.problem != "wrong_kind":
            raise
        raise ImportFormatError(
            f"“{path.name}” is not a contact file chatplanner can read. Choose a LinkedIn "
            "Connections.csv (or the export ZIP), a vCard (.vcf) file or a Google Contacts CSV.",
            "wrong_kind",
        ) from None


def file_made_at(path: Path) -> datetime | None:
    """When a contact file was made: its modification time (a LinkedIn export carries no date of
    its own; the download keeps the export's time). None when the system cannot say."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None
