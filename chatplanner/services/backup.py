"""Whole-profile backup to one JSON document, and restore of one into an empty profile."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, cast

from sqlalchemy import Column, Connection, Dialect, exists, insert, select
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.fts import rebuild_fts
from chatplanner.errors import ChatplannerError
from chatplanner.interop.backup_json import BackupDocument, BackupFormatError, write_document
from chatplanner.interop.backup_rows import Row
from chatplanner.interop.backup_schema import FieldKind, RecordType, record_types
from chatplanner.interop.backup_stream import (
    BackupHeader,
    NotUtf8Error,
    RowSink,
    read_backup_stream,
    read_rows_again,
)
from chatplanner.interop.safe_files import private_file
from chatplanner.interop.source_file import NotARegularFileError, open_regular_file

# Far above any real profile (30,000 contacts with notes make a few tens of MB; 430,000 make
# about 360 MB), low enough that a wrong file chosen by mistake is refused at once rather than
# read through (a backup is read a piece at a time, never whole, whatever its size).
MAX_BACKUP_BYTES = 512 * 1024 * 1024
BACKUP_FILE_MODE = 0o600
_BATCH = 2000  # rows read from the database at a time


class BackupError(ChatplannerError):
    """A backup or restore could not be done; the message is a sentence to show the user."""


class BackupFailedError(BackupError):
    """No backup was made; any earlier file at the chosen path is untouched."""


class RestoreRefusedError(BackupError):
    """The restore was refused or failed; the profile was not changed."""


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore put into the profile."""

    rows_by_table: dict[str, int]
    schema_revision: str  # of the backup
    app_version: str  # of the chatplanner that wrote the backup

    @property
    def total_rows(self) -> int:
        return sum(self.rows_by_table.values())


class BackupService:
    """Backs up and restores the whole profile behind `sessions`."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def export_document(self) -> str:
        """The backup document of the profile as it is now (one consistent read)."""
        text = io.StringIO()
        try:
            self._export(text.write)
        except BackupFormatError as error:
            raise BackupFailedError(str(error)) from error
        return text.getvalue()

    def write_backup(self, path: Path) -> int:
        """Write the backup to `path` atomically, private to the user; return the row count.

        Streamed: rows are read in batches and written as they come, so a profile of any size
        backs up in memory of its own (the file appears whole, by a rename, or not at all)."""
        try:
            with private_file(path, mode=BACKUP_FILE_MODE, tidy=True) as handle:
                text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
                try:
                    rows = self._export(text.write)
                    text.flush()
                finally:
                    text.detach()  # the file is private_file's to sync and close
        except BackupFormatError as error:
            raise BackupFailedError(str(error)) from error
        except OSError as error:
            raise BackupFailedError(
                f"Could not write the backup to {path}: {error.strerror or error}. "
                "Choose a folder you can write to, with enough free space."
            ) from error
        return rows

    def restore_from(self, path: Path) -> RestoreSummary:
        """Load a backup into this profile, which must be empty. All or nothing."""
        return self.restore_document(read_backup(path))

    def restore_document(self, document: BackupDocument | BackupFile) -> RestoreSummary:
        """Load a backup already read and checked (`read_backup`, or a document in memory)
        into this empty profile. All or nothing."""
        with self._sessions.begin() as session:
            connection = session.connection()
            filled = _first_filled_table(connection)
            if filled is not None:
                raise RestoreRefusedError(
                    f"Restore needs an empty profile, and this one already has data "
                    f"(in {filled}); nothing was changed. Choose a new --data-dir to restore into."
                )
            try:
                if isinstance(document, BackupFile):
                    _insert_streamed(connection, document)
                else:
                    _insert_all(connection, document)
                rebuild_fts(connection)
            except Exception as error:
                # The transaction rolls back as the exception leaves the `with` block.
                cause = getattr(error, "orig", None) or error  # the driver's words, not the SQL
                raise RestoreRefusedError(
                    f"The restore failed and nothing was changed: {cause}."
                ) from error
        return RestoreSummary(
            rows_by_table=document.row_counts,
            schema_revision=document.schema_revision,
            app_version=document.app_version,
        )

    def _export(self, write: Callable[[str], object]) -> int:
        types = record_types()
        # One transaction: every table is read from the same snapshot of the file.
        with self._sessions.begin() as session:
            connection = session.connection().execution_options(yield_per=_BATCH)

            def rows_of(name: str) -> Iterable[Mapping[str, Any]]:
                rtype = types[name]
                table = rtype.table
                order = list(table.primary_key.columns) or list(table.columns)
                columns = [table.c[spec.name] for spec in rtype.fields]
                result = connection.execute(select(*columns).order_by(*order)).mappings()
                return cast(Iterable[Mapping[str, Any]], result)

            return write_document(write, rows_of)


@dataclass(frozen=True)
class BackupFile:
    """A backup file read once and found good (`read_backup`): restoring it reads it again,
    a batch of rows at a time, and trusts it only as the same bytes (it may have changed)."""

    path: Path
    header: BackupHeader

    @property
    def schema_revision(self) -> str:
        return self.header.schema_revision

    @property
    def app_version(self) -> str:
        return self.header.app_version

    @property
    def row_counts(self) -> dict[str, int]:
        return self.header.row_counts

    @property
    def total_rows(self) -> int:
        return self.header.total_rows


def read_backup(path: Path, sink: RowSink | None = None) -> BackupFile:
    """The backup in `path`, read through and checked; RestoreRefusedError says what is wrong.

    Needs no profile: a restore reads and checks the file before it creates anything. Read
    a piece at a time, never whole; `sink` is given its rows (read_backup_stream)."""
    try:
        header = read_backup_stream(lambda: _open_backup(path), sink)
    except NotARegularFileError as error:
        raise RestoreRefusedError(
            f"{path} is {error.what}, not a backup file; nothing was changed. "
            "Choose the .json file a backup wrote."
        ) from error
    except OSError as error:
        raise RestoreRefusedError(
            f"Could not read {path}: {error.strerror or error}. Check the file name."
        ) from error
    except NotUtf8Error:
        raise RestoreRefusedError(
            f"{path} is not a chatplanner backup: it is not UTF-8 text. Check that you chose "
            "the right file."
        ) from None
    except BackupFormatError as error:
        raise RestoreRefusedError(f"{error} Nothing was changed.") from error
    return BackupFile(path, header)


def _open_backup(path: Path) -> BinaryIO:
    stream = open_regular_file(path)
    size = os.fstat(stream.fileno()).st_size
    if size > MAX_BACKUP_BYTES:
        stream.close()
        raise RestoreRefusedError(
            f"{path} is {size // (1024 * 1024)} MB, far larger than any chatplanner "
            "backup; check that you chose the right file."
        )
    return stream


def _first_filled_table(connection: Connection) -> str | None:
    for name, rtype in record_types().items():
        if connection.execute(select(exists().select_from(rtype.table))).scalar():
            return name
    return None


def _insert_all(connection: Connection, document: BackupDocument) -> None:
    types = record_types()
    for name, rows in document.tables.items():  # parents before children
        if rows:
            # Core executemany: one prepared statement per table, fast for tens of thousands.
            connection.execute(types[name].table.insert(), rows)


def _insert_streamed(connection: Connection, backup: BackupFile) -> None:
    """Insert the rows of a checked backup file as a second reading gives them, in batches.

    The second reading gives the rows without checking them again, and refuses the file if
    its bytes are not those the first reading checked (the transaction is then rolled back).
    The file lists its tables by name, so children may come before their parents: SQLite
    checks references at the commit instead of at each row (they were checked whole on the
    first reading)."""
    types = record_types()
    # The pragma holds for the transaction it is set in: pysqlite opens one before a write.
    connection.exec_driver_sql(f"DELETE FROM {next(iter(types))} WHERE 0")
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    writers = {name: _row_writer(connection, rtype) for name, rtype in types.items()}

    def insert(name: str, rows: list[Row]) -> None:
        writers[name](rows)

    try:
        read_rows_again(lambda: _open_backup(backup.path), backup.header, insert)
    except BackupFormatError:
        raise RestoreRefusedError("the backup file changed while it was being restored") from None


def _row_writer(connection: Connection, rtype: RecordType) -> Callable[[list[Row]], None]:
    """What inserts rows of `rtype` as a checked backup file holds them (JSON values): one
    executemany of tuples per batch, each column's conversion to what the database stores
    chosen once; the columns a backup leaves out computed by their defaults."""
    table = rtype.table
    dialect = connection.dialect
    derived = _derived_columns(rtype)
    names = [spec.name for spec in rtype.fields] + [name for name, _compute in derived]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(names):
        raise TypeError(f"Cannot bind the columns of {table.name} by position.")
    statement = str(compiled)
    take = itemgetter(*order)
    kinds = {spec.name: spec.kind for spec in rtype.fields}
    converters = [
        (position, convert)
        for position, name in enumerate(order)
        if (convert := _stored_form(table.c[name], kinds.get(name), dialect)) is not None
    ]

    def write(rows: list[Row]) -> None:
        parameters = []
        for row in rows:
            for name, compute in derived:
                row[name] = compute(_Inserting(row))
            values = list(take(row)) if len(order) > 1 else [row[order[0]]]
            for position, convert in converters:
                values[position] = convert(values[position])
            parameters.append(tuple(values))
        connection.exec_driver_sql(statement, parameters)

    return write


def _stored_form(
    column: Column[Any], kind: FieldKind | None, dialect: Dialect
) -> Callable[[Any], Any] | None:
    """How a column's JSON value becomes what the database stores (None: as it is): the
    value the backup format means, through the column's type. Days and moments are text
    of one fixed form (the first reading checked it): when the column's type stores them
    as that text rearranged (tried on a few values here), they are rearranged without
    making a date or datetime."""
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    meaning: Callable[[Any], Any] | None = None
    quick: Callable[[str], str] | None = None
    if kind is FieldKind.DATETIME:
        meaning = _moment
        if processor is not None and all(
            processor(_moment(text)) == _stored_moment_text(text) for text in _MOMENT_PROBES
        ):
            quick = _stored_moment_text
    elif kind is FieldKind.DATE:
        meaning = date.fromisoformat
        if processor is not None and processor(date(2001, 2, 3)) == "2001-02-03":
            quick = str  # already the stored text
    elif kind is FieldKind.NUMBER:
        meaning = float  # a whole number in JSON is a number all the same
    if meaning is None:
        return processor
    return _converter(meaning, processor, quick)


_MOMENT_PROBES = ("2001-02-03T04:05:06", "2001-02-03T04:05:06.000007", "1999-12-31T23:59:59.999999")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _stored_moment_text(text: str) -> str:
    """2025-06-01T14:03:22 or 2025-06-01T14:03:22.123456 as SQLite's DateTime stores it."""
    return f"{text[:10]} {text[11:19]}.{text[20:26] or '000000'}"


def _converter(
    meaning: Callable[[Any], Any],
    processor: Callable[[Any], Any] | None,
    quick: Callable[[str], str] | None,
) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if value is None:
            return None
        if quick is not None and type(value) is str:
            return quick(value)
        if type(value) is str or type(value) is int:
            value = meaning(value)
        return value if processor is None else processor(value)

    return convert


def _derived_columns(rtype: RecordType) -> list[tuple[str, Callable[[Any], Any]]]:
    """The columns a backup leaves out (computed from the others), with what computes them:
    the column's default, as an insert through SQLAlchemy would run it (given the row's
    values as the file holds them: the name key is made of names)."""
    derived: list[tuple[str, Callable[[Any], Any]]] = []
    for column in rtype.table.columns:
        if column.name in rtype.field_names or column.default is None:
            continue
        default = column.default.arg  # type: ignore[attr-defined]
        if column.default.is_scalar:
            derived.append((column.name, _always(default)))
        else:
            derived.append((column.name, default))
    return derived


def _always(value: Any) -> Callable[[Any], Any]:
    return lambda _context: value


@dataclass(frozen=True)
class _Inserting:
    """What a column's computed default is given: the row being inserted."""

    row: Row

    def get_current_parameters(self) -> Row:
        return self.row
