"""CSV rows with the line each starts on, and header cells compared by name."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from chatplanner.interop.import_format_error import ImportFormatError

# Physical lines with their endings (\r\n, \n or a lone \r), as csv wants them. Unlike
# str.splitlines this does not break at \u2028, \x0c and the like, which may sit inside a field;
# unlike io.StringIO it does not hold a second, wider copy of a large file.
_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def header_key(cell: str) -> str:
    """A header cell compared by name: trimmed, lower-cased, BOM and quotes removed."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for each row; quoted commas and line breaks kept."""
    lines = (match.group() for match in _PHYSICAL_LINE.finditer(text))
    reader = csv.reader(lines, strict=False)
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
