"""A guess at what a text file holds, so a wrong choice of import gets a helpful sentence."""

from __future__ import annotations

from chatplanner.interop.csv_rows import header_key

LINKEDIN_DESCRIPTION = "a LinkedIn Connections.csv file"
VCARD_DESCRIPTION = "a vCard (.vcf) file"
GOOGLE_DESCRIPTION = "a Google Contacts CSV file"

_GOOGLE_MARKERS = frozenset(
    {
        "e-mail 1 - value",
        "phone 1 - value",
        "labels",
        "group membership",
        "given name",
        "family name",
        "organization name",
        "organization 1 - name",
        "e-mail address",  # Google's "Outlook CSV" export
    }
)


def looks_like_vcard(text: str) -> bool:
    return "BEGIN:VCARD" in text[:65536].upper()


def header_cells(line: str) -> set[str]:
    return {header_key(cell) for cell in line.split(",")}


def is_linkedin_header(cells: set[str]) -> bool:
    return {"first name", "last name", "connected on"} <= cells


def is_google_header(cells: set[str]) -> bool:
    return bool(cells & _GOOGLE_MARKERS) and "connected on" not in cells


def describe_text(text: str) -> str | None:
    """ "a vCard (.vcf) file", "a LinkedIn Connections.csv file", ... or None if unrecognised."""
    if looks_like_vcard(text):
        return VCARD_DESCRIPTION
    for line in text[:65536].splitlines()[:30]:
        cells = header_cells(line)
        if is_linkedin_header(cells):
            return LINKEDIN_DESCRIPTION
        if is_google_header(cells):
            return GOOGLE_DESCRIPTION
        # Other files of the LinkedIn export, picked by mistake from the same folder.
        if "conversation id" in cells:
            return "the LinkedIn messages.csv file"
        if {"sent at", "direction"} <= cells:
            return "the LinkedIn Invitations.csv file"
    return None
