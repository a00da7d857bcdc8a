"""CSV rows with the line each starts on, and header cells compared by name."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from chatplanner.interop.errors import ImportFormatError


def header_key(cell: str) -> str:
    """A header cell compared by name: trimmed, lower-cased, BOM and quotes removed."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each row; quoted commas and line breaks kept."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error:
        # Python's csv refuses a field above its size limit (128 KiB) or an odd quote layout.
        raise ImportFormatError.malformed(
            name, f"the text from line {start} on could not be split into columns"
        ) from None
