"""Whole-profile backup to one JSON document, and restore of one into an empty profile."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, exists, select
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.fts import rebuild_fts
from chatplanner.errors import ChatplannerError
from chatplanner.interop.backup_json import (
    BackupDocument,
    BackupFormatError,
    dump_document,
    parse_document,
)
from chatplanner.interop.backup_schema import record_types
from chatplanner.interop.safe_files import write_private_file
from chatplanner.interop.source_file import NotARegularFileError, open_regular_file

# Far above any real profile (30,000 contacts with notes make a few tens of MB), low enough
# that a wrong file chosen by mistake is refused before it is read into memory.
MAX_BACKUP_BYTES = 512 * 1024 * 1024
BACKUP_FILE_MODE = 0o600


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
        try:
            return self._export()[0]
        except BackupFormatError as error:
            raise BackupFailedError(str(error)) from error

    def write_backup(self, path: Path) -> int:
        """Write the backup to `path` atomically, private to the user; return the row count."""
        try:
            text, rows = self._export()
        except BackupFormatError as error:
            raise BackupFailedError(str(error)) from error
        try:
            _write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            raise BackupFailedError(
                f"Could not write the backup to {path}: {error.strerror or error}. "
                "Choose a folder you can write to, with enough free space."
            ) from error
        return rows

    def restore_from(self, path: Path) -> RestoreSummary:
        """Load a backup into this profile, which must be empty. All or nothing."""
        return self.restore_document(read_backup(path))

    def restore_document(self, document: BackupDocument) -> RestoreSummary:
        """Load a backup already read (`read_backup`) into this empty profile. All or nothing."""
        with self._sessions.begin() as session:
            connection = session.connection()
            filled = _first_filled_table(connection)
            if filled is not None:
                raise RestoreRefusedError(
                    f"Restore needs an empty profile, and this one already has data "
                    f"(in {filled}); nothing was changed. Choose a new --data-dir to restore into."
                )
            try:
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

    def _export(self) -> tuple[str, int]:
        tables: dict[str, list[dict[str, Any]]] = {}
        # One transaction: every table is read from the same snapshot of the file.
        with self._sessions.begin() as session:
            connection = session.connection()
            for name, rtype in record_types().items():
                table = rtype.table
                order = list(table.primary_key.columns) or list(table.columns)
                columns = [table.c[spec.name] for spec in rtype.fields]
                result = connection.execute(select(*columns).order_by(*order))
                tables[name] = [dict(row) for row in result.mappings()]
        rows = sum(len(table_rows) for table_rows in tables.values())
        return dump_document(tables), rows


def read_backup(path: Path) -> BackupDocument:
    """The checked backup document in `path`; RestoreRefusedError says what is wrong with it.

    Needs no profile: a restore reads and checks the file before it creates anything."""
    try:
        with open_regular_file(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BACKUP_BYTES:
                raise RestoreRefusedError(
                    f"{path} is {size // (1024 * 1024)} MB, far larger than any chatplanner "
                    "backup; check that you chose the right file."
                )
            data = stream.read(MAX_BACKUP_BYTES + 1)
    except NotARegularFileError as error:
        raise RestoreRefusedError(
            f"{path} is {error.what}, not a backup file; nothing was changed. "
            "Choose the .json file a backup wrote."
        ) from error
    except OSError as error:
        raise RestoreRefusedError(
            f"Could not read {path}: {error.strerror or error}. Check the file name."
        ) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RestoreRefusedError(
            f"{path} is not a chatplanner backup: it is not UTF-8 text. Check that you chose "
            "the right file."
        ) from None
    try:
        return parse_document(text)
    except BackupFormatError as error:
        raise RestoreRefusedError(f"{error} Nothing was changed.") from error


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


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside `path` and rename over it, so a crash never leaves half a backup there."""
    write_private_file(path, data, mode=BACKUP_FILE_MODE, tidy=True)
