"""Reading an import file safely: size limits, text encodings, and telling binary files apart."""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from chatplanner.interop.import_format_error import ImportFormatError

MEBIBYTE = 1024 * 1024
_CHUNK_BYTES = MEBIBYTE

# What real files start with, so a wrong choice gets a sentence that names what was chosen.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an Excel or Word document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word document"),
    (b"SQLite format 3\x00", "a database file"),
    (b"\x1f\x8b", "a compressed (gzip) file"),
)


class NotARegularFileError(OSError):
    """A pipe, a device, a socket or a folder where a file was expected."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a file")
        self.what = what


def open_regular_file(path: Path) -> BinaryIO:
    """`path` opened for reading, refusing anything but a regular file before reading a byte.

    Opening a FIFO for reading waits for a writer, and a device can be read forever: the file
    is opened without blocking and checked (on the descriptor, so it cannot be swapped after
    the check), and only a regular file is handed back, in ordinary blocking mode.
    """
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind):
        raise NotARegularFileError(path, _kind_of(kind))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFileError(path, _kind_of(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_limited(path: Path, limit_bytes: int) -> bytes:
    """The file's bytes, or ImportFormatError if it is missing, unreadable or above the limit."""
    name = path.name or str(path)
    try:
        with open_regular_file(path) as stream:
            if os.fstat(stream.fileno()).st_size > limit_bytes:
                raise ImportFormatError.too_large(name, limit_bytes)
            return read_bounded(stream, limit_bytes, name)
    except FileNotFoundError:
        raise ImportFormatError.unreadable(name, "the file was not found") from None
    except NotARegularFileError as error:
        raise ImportFormatError.unreadable(name, f"it is {error.what}, not a file") from None
    except IsADirectoryError:
        raise ImportFormatError.unreadable(name, "it is a folder, not a file") from None
    except PermissionError:
        raise ImportFormatError.unreadable(name, "permission was denied") from None
    except OSError as error:
        raise ImportFormatError.unreadable(name, error.strerror or "a system error") from None


def read_bounded(stream: IO[bytes], limit_bytes: int, name: str) -> bytes:
    """All of a stream, in chunks, refusing it as soon as it passes the limit.

    Never trusts a size announced in advance (a ZIP member can claim anything), and never asks
    for limit-sized reads, which would allocate the whole limit up front.
    """
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK_BYTES):
        total += len(chunk)
        if total > limit_bytes:
            raise ImportFormatError.too_large(name, limit_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def binary_kind(data: bytes) -> str | None:
    """A description such as "a PDF document" if the bytes are not a text file, else None."""
    for signature, description in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return description
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:8192]
    if b"\x00" in head:
        return "a binary file"
    # Text has few control bytes besides tab and line breaks; binary data has many.
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if head and controls * 20 > len(head):
        return "a binary file"
    return None


# How a text file without a byte-order mark may be read; the user chooses when it is mixed.
READINGS: dict[str, str] = {
    "mixed": "each line in the encoding it is valid in",
    "utf-8": "all as UTF-8",
    "cp1252": "all as Windows-1252 (Western European, Latin-1)",
}


@dataclass(frozen=True)
class EncodingEvidence:
    """How a file's text was decoded, and what its lines showed.

    `utf8_lines` and `other_lines` count the lines holding non-ASCII bytes that are, and are
    not, valid UTF-8. When both occur the file mixes encodings: no single reading is right.
    """

    reading: str  # "utf-8", "utf-16", "cp1252" or "mixed"
    utf8_lines: int = 0
    other_lines: int = 0

    @property
    def mixed(self) -> bool:
        return bool(self.utf8_lines and self.other_lines)

    def sentence(self) -> str:
        """What the preview says about a mixed file."""
        return (
            f"This file mixes two text encodings: {self.utf8_lines} line"
            f"{'' if self.utf8_lines == 1 else 's'} in UTF-8 and {self.other_lines} in "
            f"Windows-1252 (Latin-1). Now read: {READINGS.get(self.reading, self.reading)}. "
            "Check the names below, and choose another reading if they look wrong."
        )


def decode_text(data: bytes, name: str, expected: str, reading: str | None = None) -> str:
    """Text from bytes (see decode_text_with_evidence)."""
    return decode_text_with_evidence(data, name, expected, reading)[0]


def decode_text_with_evidence(
    data: bytes, name: str, expected: str, reading: str | None = None
) -> tuple[str, EncodingEvidence]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1,
    decided for the whole file from the evidence of its lines; a file whose lines are partly
    UTF-8 and partly not is read line by line unless `reading` (one of READINGS) says otherwise.

    Raises ImportFormatError for an empty or binary file; `expected` names the format wanted,
    as in "a LinkedIn Connections.csv file".
    """
    if not data.strip():
        raise ImportFormatError.empty(name)
    kind = binary_kind(data)
    if kind is not None:
        raise ImportFormatError.wrong_kind(name, expected, kind)
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
        evidence = EncodingEvidence("utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        evidence = EncodingEvidence("utf-16")
    else:
        text, evidence = _decode_without_mark(data, reading)
    text = text.replace("\x00", "")
    if not text.strip():
        raise ImportFormatError.empty(name)
    return text, evidence


def _decode_without_mark(data: bytes, reading: str | None) -> tuple[str, EncodingEvidence]:
    if reading is None:
        try:
            return data.decode("utf-8"), EncodingEvidence("utf-8")
        except UnicodeDecodeError:
            pass
    utf8_lines, other_lines = _line_evidence(data)
    if reading is None:
        # One line of Latin-1 must not turn every UTF-8 line into mojibake ("ZoÃ«"), nor
        # the reverse: a file with both is read line by line, and the preview says so.
        reading = "mixed" if utf8_lines else "cp1252"
    if reading == "utf-8":
        text = data.decode("utf-8", errors="replace")
    elif reading == "mixed":
        text = "\n".join(_decode_line(line) for line in data.split(b"\n"))
    else:
        text = _western(data)
    return text, EncodingEvidence(reading, utf8_lines, other_lines)


def _line_evidence(data: bytes) -> tuple[int, int]:
    """(lines with non-ASCII bytes valid as UTF-8, lines with non-ASCII bytes that are not)."""
    utf8 = other = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            other += 1
    return utf8, other


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return _western(line)


def _western(data: bytes) -> str:
    # Older Excel and Outlook save in the Windows code page; Latin-1 reads every byte.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
