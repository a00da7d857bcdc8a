"""The whole-profile JSON backup document: writing it, and reading it back with strict checks.

The shape is documented in docs/backup-format.md. Reading refuses anything that does not match
it, with a sentence a person can act on, before a single row reaches the database.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from chatplanner import version
from chatplanner.interop.backup_rows import (
    BackupFormatError,
    Row,
    TableCheck,
    clip,
    decode_tables,
    describe,
)
from chatplanner.interop.backup_schema import (
    FieldKind,
    FieldSpec,
    RecordType,
    record_types,
    schema_history,
)

__all__ = [
    "ENVELOPE_KEYS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "BackupDocument",
    "BackupFormatError",
    "dump_document",
    "parse_document",
    "write_document",
]

FORMAT_NAME = "chatplanner-backup"
FORMAT_VERSION = 1
ENVELOPE_KEYS = ("app_version", "format", "format_version", "schema_revision", "tables")

_NOT_A_BACKUP = "This file is not a chatplanner backup"


@dataclass(frozen=True)
class BackupDocument:
    """A validated backup. Rows hold Python values (date, datetime, bool ...) keyed by column."""

    format_version: int
    schema_revision: str
    app_version: str
    tables: dict[str, list[Row]]  # every table, parents before children

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}

    @property
    def total_rows(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def dump_document(
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    schema_revision: str | None = None,
    app_version: str | None = None,
) -> str:
    """The backup text of `tables` (rows of Python values keyed by column name).

    Rows are written in the order given (the caller orders them by primary key); keys are
    sorted and no time stamp is written, so the same profile always gives the same text.
    Raises BackupFormatError if the data holds something a restore would refuse: a backup
    that cannot be restored must not be written.
    """
    unknown = sorted(set(tables) - set(record_types()))
    if unknown:
        raise BackupFormatError(
            f"The profile has a table the backup format does not know: {unknown[0]}."
        )
    text = io.StringIO()
    write_document(
        text.write,
        lambda name: tables.get(name, ()),
        schema_revision=schema_revision,
        app_version=app_version,
    )
    return text.getvalue()


def write_document(
    write: Callable[[str], object],
    rows_of: Callable[[str], Iterable[Mapping[str, Any]]],
    *,
    schema_revision: str | None = None,
    app_version: str | None = None,
) -> int:
    """Write the backup document piece by piece through `write`; return the number of rows.

    `rows_of(name)` gives the rows of each table (Python values keyed by column name) when
    that table's turn comes, so a caller can read them from the database in batches: nothing
    is held whole. The text is that of `dump_document`, one row per line: readable, diffable,
    and fast (json.dumps with `indent` falls back to the pure-Python encoder, about four times
    slower; encoding each row on its own keeps the C encoder). Each row is checked as a
    restore checks it, and what spans rows at the end; BackupFormatError stops the writing
    (the caller discards what was written).
    """
    types = record_types()
    revision = schema_history()[0] if schema_revision is None else schema_revision
    envelope = {
        "app_version": app_version if app_version is not None else version(),
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision,
    }
    write("{\n")
    for key in sorted(envelope):  # every key sorts before "tables", the last one
        write(f" {_json(key)}: {_json(envelope[key])},\n")
    write(' "tables": {\n')
    check = TableCheck(fill_missing=False)
    names = sorted(types)
    try:
        for table_position, name in enumerate(names):
            rtype = check.table(name)
            temporal = [s for s in rtype.fields if s.kind in (FieldKind.DATE, FieldKind.DATETIME)]
            table_comma = "," if table_position < len(names) - 1 else ""
            write(f"  {_json(name)}: [")
            separator = "\n   "
            for row in rows_of(name):
                encoded = _encode_row(rtype, row, temporal)
                check.row(rtype, encoded)
                write(separator + _json(encoded))
                separator = ",\n   "
            write(f"]{table_comma}\n" if separator == "\n   " else f"\n  ]{table_comma}\n")
        counts = check.finish()
    except BackupFormatError as error:
        raise BackupFormatError(
            f"The profile holds data that a restore would refuse, so no backup was made. {error}"
        ) from error
    write(" }\n}\n")
    return sum(counts.values())


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)


def parse_document(
    text: str,
    *,
    current_revision: str | None = None,
    older_revisions: frozenset[str] | None = None,
) -> BackupDocument:
    """Read and check a backup document. Raises BackupFormatError, never anything else.

    `current_revision` and `older_revisions` default to this build's migration history.
    """
    if current_revision is None or older_revisions is None:
        head, older = schema_history()
        current_revision = head if current_revision is None else current_revision
        older_revisions = older if older_revisions is None else older_revisions
    data = _load_json(text)
    if not isinstance(data, dict):
        raise BackupFormatError(
            f"{_NOT_A_BACKUP}: it holds {describe(data)}, not a backup document."
        )
    revision = check_envelope(data, current_revision, older_revisions)
    try:
        tables = decode_tables(data["tables"], fill_missing=revision in older_revisions)
    except BackupFormatError as error:
        said = from_another_build(error, data, current_revision, older_revisions)
        if said is error:
            raise
        raise said from error
    return BackupDocument(FORMAT_VERSION, revision, data["app_version"], tables)


def check_envelope(
    data: dict[str, Any], current_revision: str, older_revisions: frozenset[str]
) -> str:
    """Check a document's fields other than the tables' rows; its schema revision."""
    _check_format(data)
    missing = [key for key in ENVELOPE_KEYS if key not in data]
    if missing:
        raise BackupFormatError(f"This backup is incomplete: it has no '{missing[0]}' field.")
    extra = sorted(set(data) - set(ENVELOPE_KEYS))
    if extra:
        raise BackupFormatError(
            f"This backup has a field chatplanner does not know: '{clip(extra[0])}'. "
            "It may come from a newer chatplanner; update chatplanner to restore it."
        )
    revision, app_version = data["schema_revision"], data["app_version"]
    if not isinstance(revision, str) or not revision:
        raise BackupFormatError("This backup's 'schema_revision' must be a non-empty string.")
    if not isinstance(app_version, str):
        raise BackupFormatError("This backup's 'app_version' must be a string.")
    return revision


def from_another_build(
    error: BackupFormatError,
    envelope: dict[str, Any],
    current_revision: str,
    older_revisions: frozenset[str],
) -> BackupFormatError:
    """`error` in the rows of a document: said as it is for a schema this build knows; for
    another, with the hint that another chatplanner may restore it."""
    revision, app_version = envelope["schema_revision"], envelope["app_version"]
    if revision == current_revision or revision in older_revisions:
        return error
    return BackupFormatError(
        f"{error} This backup comes from a different chatplanner (schema {clip(revision)}, "
        f"version {clip(app_version)}); updating chatplanner may let you restore it."
    )


def json_decoder() -> json.JSONDecoder:
    """The decoder of backup text: a field repeated in one object, NaN and Infinity refused."""
    return json.JSONDecoder(object_pairs_hook=_object_without_repeats, parse_constant=_no_constant)


def not_json(detail: str) -> str:
    """The sentence for a file that is not a backup at all, `detail` saying why."""
    return f"{_NOT_A_BACKUP}: {detail}."


# The JSON decoder's sentences are written to be followed by a position ("Unterminated string
# starting at"); in a backup's refusal they become phrases that the position ends.
_JSON_PROBLEMS = {
    "Unterminated string starting at": "an unterminated string starting",
    "Expecting value": "a value is missing",
    "Expecting property name enclosed in double quotes": "a field name in double quotes is missing",
    "Expecting ':' delimiter": "a ':' is missing",
    "Expecting ',' delimiter": "a ',' is missing",
    "Extra data": "more text follows the end of the document",
    "Invalid control character at": "a control character inside a string",
    "Invalid \\escape": "an invalid backslash escape",
    "Invalid \\uXXXX escape": "an invalid \\u escape",
}


def not_valid_json(problem: str, line: int, column: int) -> str:
    """The sentence for a file that is not JSON: the decoder's `problem` (its `msg`), at `line`
    and `column`, in words that read whole."""
    phrase = _JSON_PROBLEMS.get(problem)
    if phrase is None:  # a sentence this table does not know: its own words, the position last
        phrase = problem.removesuffix(" at").strip() or "a syntax error"
        phrase = phrase[:1].lower() + phrase[1:]
    return not_json(f"it is not valid JSON: {phrase} at line {line}, column {column}")


def _load_json(text: str) -> Any:
    text = text.removeprefix("\ufeff")  # editors on Windows like to add one
    try:
        return json_decoder().decode(text)
    except BackupFormatError:
        raise
    except RecursionError:
        raise BackupFormatError(not_json("it is nested far too deeply")) from None
    except json.JSONDecodeError as error:
        raise BackupFormatError(not_valid_json(error.msg, error.lineno, error.colno)) from None
    except ValueError as error:  # for instance an integer with thousands of digits
        raise BackupFormatError(not_json(str(error))) from None


def _object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise BackupFormatError(
                    f"This backup is damaged: the field '{clip(key)}' appears twice in one record."
                )
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise BackupFormatError(
        f"This backup is damaged: it holds {name}, which is not a number JSON allows."
    )


def _check_format(data: dict[str, Any]) -> None:
    if "format" not in data:
        raise BackupFormatError(f"{_NOT_A_BACKUP}: it has no 'format' field.")
    if data["format"] != FORMAT_NAME:
        raise BackupFormatError(
            f"{_NOT_A_BACKUP}: its format is {describe(data['format'])}, not '{FORMAT_NAME}'."
        )
    version = data.get("format_version")
    if type(version) is not int:
        raise BackupFormatError(
            f"This backup's 'format_version' must be a whole number; it is {describe(version)}."
        )
    if version > FORMAT_VERSION:
        raise BackupFormatError(
            f"This backup was written by a newer chatplanner (format {version}); "
            "update chatplanner to restore it."
        )
    if version != FORMAT_VERSION:
        raise BackupFormatError(
            f"This backup has format version {version}, which chatplanner does not know; "
            f"it can restore format {FORMAT_VERSION}."
        )


def _encode_row(rtype: RecordType, row: Mapping[str, Any], temporal: Sequence[FieldSpec]) -> Row:
    encoded = dict(row)
    if encoded.keys() != rtype.field_names:
        # A missing field is written as null (and refused if it may not be); an extra one is
        # kept, so that the check after encoding names it.
        for spec in rtype.fields:
            encoded.setdefault(spec.name, None)
    for spec in temporal:  # only dates and times need a JSON form of their own
        encoded[spec.name] = _encode_value(spec.kind, encoded[spec.name])
    return encoded


def _encode_value(kind: FieldKind, value: Any) -> Any:
    if kind is FieldKind.DATETIME and isinstance(value, datetime):
        # The format keeps UTC without a zone suffix (docs/backup-format.md); the database
        # hands out aware moments, and a naive one here is already UTC.
        utc = value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)
        return utc.isoformat()
    if kind is FieldKind.DATE and type(value) is date:
        return value.isoformat()
    return value
