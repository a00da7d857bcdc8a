"""The one place where storage failures become sentences a person can act on.

SQLite reports a read-only file, a full disk or a damaged database as `OperationalError` or
`DatabaseError` with a terse text. `install_storage_error_translation` hooks the engine's
`handle_error` event, so every service (including those written later) raises a
`ChatplannerError` subclass instead, without wrapping each method. The unit of work that failed
is rolled back by its session: what was saved before stays as it was.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.db.database_file import damaged_words
from chatplanner.errors import ChatplannerError, ProfileDamagedError

# SQLAlchemy is loaded only by what opens the database: a page or command reading through the
# plain reader (`ServiceContext.reading`) has its errors translated here without it.
if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import ExceptionContext

RESTORE_HINT = (
    "Restore the latest automatic backup: File › Restore from Automatic Backup… in the app, "
    "or `chatplanner recover` on the command line."
)


class StorageReadOnlyError(ChatplannerError):
    """The database or its folder cannot be written; reading still works."""


class StorageFullError(ChatplannerError):
    """The disk (or the database's size limit) is full; the change was not saved."""


class StorageFailedError(ChatplannerError):
    """The disk failed to read or write; the change was not saved."""


def translate_storage_error(error: BaseException, db_path: Path) -> ChatplannerError | None:  # noqa: PLR0911 - one return per kind of storage failure the user is told about
    """The user-facing error for a storage failure, or None when `error` is not one."""
    if isinstance(error, ChatplannerError):
        return error
    detail = str(getattr(error, "orig", None) or error)
    lowered = detail.lower()
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(_full(db_path))
    if isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageReadOnlyError(_read_only(db_path))
    if not _is_sqlite_error(error):
        return None
    if "readonly" in lowered or "read-only" in lowered:
        return StorageReadOnlyError(_read_only(db_path))
    if "database or disk is full" in lowered or "disk is full" in lowered:
        return StorageFullError(_full(db_path))
    if any(w in lowered for w in ("malformed", "not a database", "corrupt")):
        return ProfileDamagedError(damaged_words(db_path, detail), str(db_path), RESTORE_HINT)
    if "disk i/o error" in lowered:
        return StorageFailedError(
            f"chatplanner could not read or write {db_path} (the disk reported an error). "
            "Your last change was not saved. Check the disk, then try again."
        )
    return None


def _is_sqlite_error(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return True
    # SQLAlchemy's own error can come only once it is loaded: a plain reader's failure is told
    # without loading it.
    loaded = sys.modules.get("sqlalchemy.exc")
    return loaded is not None and isinstance(error, loaded.DBAPIError)


def _read_only(db_path: Path) -> str:
    return (
        f"chatplanner cannot save to {db_path}: the file is read-only. Your last change was "
        "not saved; you can keep reading. Give yourself write permission on the file and its "
        "folder (or move the profile to a writable disk), then restart chatplanner."
    )


def _full(db_path: Path) -> str:
    return (
        f"chatplanner cannot save to {db_path}: the disk is full. Your last change was not "
        "saved; everything saved before is intact. Free some space, then try again."
    )


def install_storage_error_translation(engine: Engine, db_path: Path) -> None:
    """Every statement and commit on `engine` raises the translated error when there is one."""
    from sqlalchemy import event

    def on_error(context: ExceptionContext) -> BaseException | None:
        return translate_storage_error(context.original_exception, db_path)

    event.listen(engine, "handle_error", on_error)


@contextmanager
def storage_errors(db_path: Path) -> Iterator[None]:
    """For storage work outside the engine (file copies): raise the translated error."""
    try:
        yield
    except Exception as error:
        translated = translate_storage_error(error, db_path)
        if translated is None or translated is error:
            raise
        raise translated from error
