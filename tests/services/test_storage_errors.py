"""Storage failures become one clear sentence, and what was saved before stays intact."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import sessionmaker

from chatplanner.errors import ProfileDamagedError
from chatplanner.services.context import ServiceContext
from chatplanner.services.errors import (
    StorageFullError,
    StorageReadOnlyError,
    install_storage_error_translation,
    storage_errors,
    translate_storage_error,
)
from chatplanner.services.settings import SettingsService
from chatplanner.services.workspace import Workspace


def _engine_of(workspace: Workspace) -> Engine:
    bind = workspace.context.sessions.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def test_a_full_disk_fails_the_action_clearly_and_keeps_earlier_data(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.settings.set("user.name", "Saved before")
        engine = _engine_of(workspace)
        with engine.connect() as connection:
            pages = connection.execute(text("PRAGMA page_count")).scalar_one()

        # SQLite's own "database or disk is full", from a size limit a few pages above today's.
        def limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages + 4}")

        engine.dispose()
        event.listen(engine, "connect", limit)
        with pytest.raises(StorageFullError) as failure:
            workspace.settings.set("user.signature", "x" * 2_000_000)
        message = str(failure.value)
        assert "disk is full" in message
        assert str(workspace.profile.database_path) in message
        assert "Free some space" in message
        # The failed unit of work was rolled back; the earlier value is there.
        assert workspace.settings.get("user.name") == "Saved before"
        assert workspace.settings.get("user.signature") != "x" * 2_000_000
        workspace.settings.set("user.email", "small@example.com")  # small changes still fit
    database = sqlite3.connect(tmp_path / "p" / "chatplanner.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    database.close()


def test_a_read_only_database_fails_writes_clearly_and_keeps_reading(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.settings.set("user.name", "Readable")
        db_path = workspace.profile.database_path
    # Root ignores file permissions, so the read-only file is SQLite's own read-only mode.
    engine = create_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    install_storage_error_translation(engine, db_path)
    settings = SettingsService(ServiceContext(workspace.profile, lambda: sessionmaker(engine)))
    assert settings.get("user.name") == "Readable"
    with pytest.raises(StorageReadOnlyError) as failure:
        settings.set("user.name", "Changed")
    assert str(failure.value).startswith(
        f"chatplanner cannot save to {db_path}: the file is read-only"
    )
    assert settings.get("user.name") == "Readable"
    engine.dispose()


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), StorageReadOnlyError),
        (sqlite3.OperationalError("database or disk is full"), StorageFullError),
        (sqlite3.DatabaseError("database disk image is malformed"), ProfileDamagedError),
        (OSError(errno.ENOSPC, "No space left on device"), StorageFullError),
        (OSError(errno.EROFS, "Read-only file system"), StorageReadOnlyError),
    ],
)
def test_storage_failures_are_translated_in_one_place(error: Exception, kind: type) -> None:
    translated = translate_storage_error(error, Path("/profile/chatplanner.sqlite3"))
    assert isinstance(translated, kind)
    assert "/profile/chatplanner.sqlite3" in str(translated)


def test_other_errors_are_left_alone() -> None:
    assert translate_storage_error(ValueError("x"), Path("db")) is None
    assert translate_storage_error(sqlite3.IntegrityError("UNIQUE"), Path("db")) is None
    with pytest.raises(KeyError), storage_errors(Path("db")):
        raise KeyError("not storage")


def test_a_file_copy_on_a_full_disk_raises_the_clear_error() -> None:
    with pytest.raises(StorageFullError), storage_errors(Path("db")):
        raise OSError(errno.ENOSPC, "No space left on device")
