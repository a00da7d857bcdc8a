"""Reading a backup document from its file piece by piece, never holding it whole.

The standard library has no streaming JSON parser, and a backup has one shape: an object of a
few small fields and "tables", an object of lists of row objects. This reader walks that shape
by hand and hands each field's value, and each row, to `json.JSONDecoder.raw_decode` (the C
scanner) over a window of the file's text; the rows are checked one at a time
(backup_rows.TableCheck) and given to the caller in batches. The checks and the sentences are
those of `backup_json.parse_document`, which reads a document already in memory.

A restore reads the file twice, first to check it whole before anything is created, then to
insert its rows (`read_rows_again`): the second reading checks nothing again but trusts the file
only as the same bytes, by a digest of them taken on both readings.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from chatplanner.interop.backup_json import (
    ENVELOPE_KEYS,
    FORMAT_VERSION,
    check_envelope,
    from_another_build,
    json_decoder,
    not_json,
    not_valid_json,
)
from chatplanner.interop.backup_rows import (
    BackupFormatError,
    Row,
    TableCheck,
    clip,
    describe,
    not_a_list,
)
from chatplanner.interop.backup_schema import record_types, schema_history

_CHUNK = 1 << 20  # characters of text read at a time
_BATCH = 2000  # rows handed to the caller at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")

# (table name, its rows, checked and decoded): rows of one table, in the file's order.
RowSink = Callable[[str, list[Row]], None]


@dataclass(frozen=True)
class BackupHeader:
    """What a checked backup file holds: its envelope and how many rows of each table."""

    format_version: int
    schema_revision: str
    app_version: str
    row_counts: dict[str, int] = field(default_factory=dict)
    # A digest of the file's bytes as checked, and whether its schema is an older one (missing
    # fields filled): what a second reading needs to give the same rows without checking again.
    digest: bytes = field(default=b"", compare=False)
    older_schema: bool = False

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())


class _Text:
    """A window on the file's UTF-8 text, read a chunk at a time and consumed from the front."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.text = ""
        self.at = 0  # the reading position in `text`
        self.ended = False
        self._line = 1  # the line and column (from 0) where `text` starts
        self._column = 0
        self._digest = hashlib.blake2b(digest_size=32)  # of the bytes read so far
        while not self.text and self._fill(_CHUNK):
            pass
        self.text = self.text.removeprefix("\ufeff")  # editors on Windows like to add one

    def _fill(self, size: int) -> bool:
        """Read about `size` more characters; False at the end of the file."""
        if self.ended:
            return False
        data = self._stream.read(size)
        self._digest.update(data)
        try:
            more = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise _NotUtf8() from None
        dropped = self.text[: self.at]
        lines = dropped.count("\n")
        if lines:
            self._line += lines
            self._column = len(dropped) - dropped.rfind("\n") - 1
        else:
            self._column += len(dropped)
        self.text = self.text[self.at :] + more
        self.at = 0
        if not data:
            self.ended = True
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            spaces = _SPACE.match(self.text, self.at)  # always matches, if only nothing
            self.at = spaces.end() if spaces else self.at
            if self.at < len(self.text) or not self._fill(_CHUNK):
                return self.text[self.at : self.at + 1]

    def digest(self) -> bytes:
        """The digest of every byte read so far (of the whole file, once `ended`)."""
        return self._digest.digest()

    def digest_to_end(self) -> bytes:
        """The digest of the whole file: the bytes not read yet are read (not decoded)."""
        while data := self._stream.read(_CHUNK):
            self._digest.update(data)
        self.ended = True
        return self._digest.digest()

    def take(self, wanted: str, what: str) -> None:
        if self.peek() != wanted:
            raise self.error(what, self.at)
        self.at += 1

    def value(self, decoder: json.JSONDecoder) -> Any:
        """The JSON value that starts here (after white space), decoded whole."""
        self.peek()
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                # Perhaps only cut off by the window's end: read more (twice as much each
                # time, so a long value costs linear time) and try again.
                if self._fill(max(_CHUNK, len(self.text) - self.at)):
                    continue
                raise self.error(error.msg, error.pos) from None
            except RecursionError:
                raise BackupFormatError(not_json("it is nested far too deeply")) from None
            except ValueError as error:  # for instance an integer with thousands of digits
                raise BackupFormatError(not_json(str(error))) from None
            # A number or a word may go on past the window: a value ends before more text.
            if end == len(self.text) and self._fill(_CHUNK):
                continue
            self.at = end
            return value

    def error(self, message: str, position: int) -> BackupFormatError:
        """The JSON decoder's sentence for a problem at `position` of the window."""
        before = self.text[:position]
        lines = before.count("\n")
        line = self._line + lines
        column = position - before.rfind("\n") if lines else self._column + position + 1
        return BackupFormatError(not_valid_json(message, line, column))


class _NotUtf8(Exception):
    """The file's bytes are not UTF-8 text."""


class NotUtf8Error(BackupFormatError):
    """The file is not UTF-8 text (the caller names the file in its sentence)."""


def read_backup_stream(
    open_stream: Callable[[], BinaryIO],
    sink: RowSink | None = None,
    *,
    current_revision: str | None = None,
    older_revisions: frozenset[str] | None = None,
) -> BackupHeader:
    """Check the backup document that `open_stream()` reads; `sink` gets its rows, in batches.

    Raises BackupFormatError (NotUtf8Error for bytes that are not UTF-8), never anything else
    for a bad document; nothing is given to `sink` for a document whose envelope is wrong,
    but rows before a problem further on may have been (the caller undoes them). A document
    whose "tables" comes before the other fields (written by hand) is read twice.
    """
    if current_revision is None or older_revisions is None:
        head, older = schema_history()
        current_revision = head if current_revision is None else current_revision
        older_revisions = older if older_revisions is None else older_revisions
    versions = (current_revision, older_revisions)
    try:
        with open_stream() as stream:
            text = _Text(stream)
            envelope, counts = _read(text, sink, None, versions)
        if counts is None:  # the tables came first: read again, now that their schema is known
            with open_stream() as stream:
                text = _Text(stream)
                envelope, counts = _read(text, sink, envelope, versions)
    except _NotUtf8:
        raise NotUtf8Error("The file is not UTF-8 text.") from None
    if counts is None:  # the file changed between the two readings
        raise BackupFormatError(_CHANGED)
    revision = envelope["schema_revision"]
    return BackupHeader(
        FORMAT_VERSION,
        revision,
        envelope["app_version"],
        counts,
        digest=text.digest(),
        older_schema=revision in versions[1],
    )


_CHANGED = "This backup changed while it was being read."


def read_rows_again(
    open_stream: Callable[[], BinaryIO], header: BackupHeader, sink: RowSink
) -> None:
    """Give `sink` the rows of a file that read_backup_stream read and found good (`header`),
    in the same batches, without checking them again: as the file holds them (JSON values:
    days and moments as text), an older schema's missing fields filled.

    The file is trusted only as the same bytes: their digest is compared with the first
    reading's at the end, and BackupFormatError says the file changed if it differs, or if
    reading fails anywhere (the same bytes read the same way cannot fail), or if `sink`
    fails on a file whose bytes differ; the caller undoes what `sink` was given. An
    exception `sink` raises on the same bytes goes through as it is.
    """
    with open_stream() as stream:
        text = _open_text(stream)
        batches = _batches_again(text, header.older_schema)
        while True:
            try:
                name, rows = next(batches)
            except StopIteration:
                break
            except Exception as error:
                raise BackupFormatError(_CHANGED) from error
            try:
                sink(name, rows)
            except Exception as error:
                # Rows of another file may be what the database refused: say so if it is.
                if text.digest_to_end() != header.digest:
                    raise BackupFormatError(_CHANGED) from error
                raise
    if text.digest() != header.digest:
        raise BackupFormatError(_CHANGED)


def _open_text(stream: BinaryIO) -> _Text:
    try:
        return _Text(stream)
    except Exception as error:
        raise BackupFormatError(_CHANGED) from error


def _batches_again(text: _Text, older_schema: bool) -> Iterator[tuple[str, list[Row]]]:
    """The rows of a document found good before, as JSON values, in batches."""
    decoder = json.JSONDecoder()  # repeated fields and NaN were refused on the first reading
    types = record_types()
    for key in _members(text, decoder, "{", "}"):
        if key != "tables":
            text.value(decoder)
            continue
        for name in _members(text, decoder, "{", "}"):
            fills = [(spec.name, spec.fill[1]) for spec in types[name].fields if spec.fill[0]]
            batch: list[Row] = []
            for row in _items(text, decoder):
                if older_schema:
                    for field_name, value in fills:
                        row.setdefault(field_name, value)
                batch.append(row)
                if len(batch) >= _BATCH:
                    yield name, batch
                    batch = []
            if batch:
                yield name, batch
    _expect_end(text)  # reads to the end of the file, so that its digest is of all of it


def _items(text: _Text, decoder: json.JSONDecoder) -> Iterator[Any]:
    """The values of the list that starts here, decoded. A value followed by a comma within
    the window is taken in one step (the C scanner, then a pattern); anything else (the list's
    end, the window's end, a problem) goes the careful way of `_members` and `_Text.value`."""
    scan = decoder.scan_once  # type: ignore[attr-defined] # the C scanner raw_decode calls
    comma = _COMMA.match
    for _item in _members(text, decoder, "[", "]"):
        text.peek()  # past white space
        while True:
            window, at = text.text, text.at
            try:
                value, end = scan(window, at)
            except (StopIteration, ValueError, RecursionError):
                break
            following = comma(window, end)
            if type(value) is not dict or following is None or following.end() >= len(window):
                break  # an object ends with "}": only another value may go on past the window
            text.at = following.end()
            yield value
        yield text.value(decoder)


def _members(text: _Text, decoder: json.JSONDecoder, opening: str, closing: str) -> Iterator[Any]:
    """Walk an object's members (or a list's items): yields each member's key (None in a
    list), the reader left at its value; the caller reads the value before the next one."""
    text.take(opening, "Expecting value")
    if text.peek() == closing:
        text.at += 1
        return
    while True:
        if closing == "}":
            if text.peek() != '"':
                raise text.error("Expecting property name enclosed in double quotes", text.at)
            key = text.value(decoder)
            text.take(":", "Expecting ':' delimiter")
            yield key
        else:
            yield None
        following = text.peek()
        if following == closing:
            text.at += 1
            return
        text.take(",", "Expecting ',' delimiter")


def _read(
    text: _Text,
    sink: RowSink | None,
    known: dict[str, Any] | None,
    versions: tuple[str, frozenset[str]],
) -> tuple[dict[str, Any], dict[str, int] | None]:
    """One reading of the document: its envelope, and the row counts of its tables (None
    when they came before the other fields and were only skimmed). `known`: the envelope
    of a first reading, on the second."""
    decoder = json_decoder()
    if text.peek() != "{":
        data = text.value(decoder)
        _expect_end(text)
        raise BackupFormatError(
            f"This file is not a chatplanner backup: it holds {describe(data)}, "
            "not a backup document."
        )
    envelope: dict[str, Any] = {}
    counts: dict[str, int] | None = None
    for key in _members(text, decoder, "{", "}"):
        if key in envelope:
            raise BackupFormatError(
                f"This backup is damaged: the field '{clip(key)}' appears twice in one record."
            )
        if key != "tables":
            envelope[key] = text.value(decoder)
            continue
        envelope["tables"] = None  # present; its rows are read below
        if known is None and not set(ENVELOPE_KEYS) <= set(envelope):
            _skim(text, decoder)  # judged on the second reading, once the rest is known
            continue
        # Every field before the tables is judged first, as reading the whole document would.
        fields = known or envelope
        revision = check_envelope(fields, versions[0], versions[1])
        try:
            counts = _read_tables(text, decoder, sink, fill_missing=revision in versions[1])
        except BackupFormatError as error:
            said = from_another_build(error, fields, versions[0], versions[1])
            if said is error:
                raise
            raise said from error
    _expect_end(text)
    check_envelope(envelope, versions[0], versions[1])  # those after the tables too
    return envelope, counts


def _expect_end(text: _Text) -> None:
    if text.peek() != "":
        raise text.error("Extra data", text.at)


def _skim(text: _Text, decoder: json.JSONDecoder) -> None:
    """Pass over the tables (each row decoded, nothing checked) to reach the fields after."""
    if text.peek() != "{":
        text.value(decoder)
        return
    for _name in _members(text, decoder, "{", "}"):
        if text.peek() != "[":
            text.value(decoder)
            continue
        for _item in _members(text, decoder, "[", "]"):
            text.value(decoder)


def _read_tables(
    text: _Text, decoder: json.JSONDecoder, sink: RowSink | None, *, fill_missing: bool
) -> dict[str, int]:
    """The "tables" object: each table's rows checked, and given to `sink` in batches."""
    if text.peek() != "{":
        raw = text.value(decoder)
        raise BackupFormatError(f"This backup's 'tables' must be an object; it is {describe(raw)}.")
    check = TableCheck(fill_missing=fill_missing, in_place=True)  # the rows are read here
    for name in _members(text, decoder, "{", "}"):
        rtype = check.table(name)
        if text.peek() != "[":
            raise not_a_list(name, text.value(decoder))
        batch: list[Row] = []
        for raw in _items(text, decoder):
            batch.append(check.row(rtype, raw))
            if len(batch) >= _BATCH:
                if sink is not None:
                    sink(name, batch)
                batch = []
        if batch and sink is not None:
            sink(name, batch)
    return check.finish()
