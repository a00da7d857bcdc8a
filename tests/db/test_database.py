from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from chatplanner.db.database import open_database
from chatplanner.db.fts_terms import quote_match_query
from chatplanner.db.migrate import alembic_config, include_object
from chatplanner.db.revisions import head_revision
from chatplanner.errors import ProfileUnusableError


def _db(tmp_path: Path) -> tuple[Path, Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    return tmp_path / "chatplanner.sqlite3", tmp_path / "backups"


def test_new_database_is_created_at_the_newest_schema_with_private_mode(tmp_path: Path) -> None:
    db_path, backups = _db(tmp_path)
    database = open_database(db_path, backups)
    try:
        names = set(inspect(database.engine).get_table_names())
        assert {
            "contacts",
            "groups",
            "contact_groups",
            "outreach",
            "venues",
            "visits",
            "meetings",
            "checklist_items",
            "meeting_notes",
            "follow_ups",
            "thank_you_drafts",
            "templates",
            "settings",
            "stage_events",
            "geocode_cache",
            "archive_files",
        } <= names
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
        assert (db_path.stat().st_mode & 0o777) == 0o600
        assert database.pre_upgrade_copy is None  # a new profile has nothing to keep
    finally:
        database.close()


def test_schema_of_models_matches_the_migrations(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from chatplanner.db.models import Base

    db_path, backups = _db(tmp_path)
    database = open_database(db_path, backups)
    try:
        with database.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def test_opening_an_older_profile_upgrades_it_and_keeps_a_copy_first(tmp_path: Path) -> None:
    db_path, backups = _db(tmp_path)
    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO contacts (first_name, last_name, kind, online_activity, stage, notes, "
                "archived, created_at, updated_at) VALUES ('Zoë', 'Tremblay', 'mentor', 'unknown', "
                "'not_contacted', '', 0, '2026-01-01', '2026-01-01')"
            )
        )
    engine.dispose()

    database = open_database(db_path, backups)
    try:
        assert database.pre_upgrade_copy is not None
        copy = sqlite3.connect(database.pre_upgrade_copy)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT first_name FROM contacts").fetchone() == ("Zoë",)
        copy.close()
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT first_name FROM contacts")).scalar() == "Zoë"
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == head_revision()
            )
    finally:
        database.close()


def test_a_file_that_is_not_a_database_gets_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    db_path, backups = _db(tmp_path)
    db_path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ProfileUnusableError, match="damaged"):
        open_database(db_path, backups)
    assert db_path.read_bytes() == b"this is not sqlite" * 100


def test_notes_search_is_accent_insensitive_and_user_text_is_quoted(tmp_path: Path) -> None:
    db_path, backups = _db(tmp_path)
    database = open_database(db_path, backups)
    try:
        with database.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO contacts (id, first_name, last_name, kind, online_activity, stage, notes,"
                    " archived, created_at, updated_at) VALUES (1, 'A', 'B', 'peer', 'unknown',"
                    " 'met', '', 0, '2026-01-01', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO meetings (id, contact_id, mode, starts_at, duration_minutes, status, tags,"
                    " created_at, updated_at) VALUES (1, 1, 'online', '2026-01-02', 45, 'done', '',"
                    " '2026-01-01', '2026-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO meeting_notes (meeting_id, their_past, their_present, their_goals, advice,"
                    " resources, free_notes, updated_at) VALUES (1, 'Worked at Café Olé', '', '', '', '',"
                    " '', '2026-01-01')"
                )
            )
            hits = conn.execute(
                text("SELECT rowid FROM meeting_notes_fts WHERE meeting_notes_fts MATCH :q"),
                {"q": quote_match_query('cafe "OR NEAR(')},
            ).fetchall()
        # FTS5 syntax in what the user typed is searched as words, not parsed (no error).
        assert hits == []
        with database.engine.connect() as conn:
            hits = conn.execute(
                text("SELECT rowid FROM meeting_notes_fts WHERE meeting_notes_fts MATCH :q"),
                {"q": quote_match_query("cafe")},
            ).fetchall()
        assert hits == [(1,)]
    finally:
        database.close()


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
