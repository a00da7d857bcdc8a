from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, insert, select, text, update
from sqlalchemy.orm import Session

from chatplanner.db.database import Database, open_database
from chatplanner.db.migrate import alembic_config
from chatplanner.db.models import Contact
from chatplanner.db.name_keys import fill_missing_name_keys

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "chatplanner.sqlite3", tmp_path / "backups")
    try:
        yield opened
    finally:
        opened.close()


def _keys(engine: Engine) -> dict[int, str | None]:
    with engine.connect() as connection:
        return dict(connection.execute(text("SELECT id, name_key FROM contacts")).all())


def _contact(first: str, last: str) -> Contact:
    return Contact(first_name=first, last_name=last, created_at=NOW, updated_at=NOW)


def test_the_orm_writes_the_name_key_on_insert_and_when_names_change(database: Database) -> None:
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        zoe = _contact("Zoë", "Lefèvre")
        session.add(zoe)
    assert _keys(database.engine) == {zoe.id: "zoe lefevre"}
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        row = session.get(Contact, zoe.id)
        assert row is not None
        row.last_name = "Ng"
    assert _keys(database.engine) == {zoe.id: "zoe ng"}


def test_a_rename_that_keeps_the_key_keeps_it_stored(database: Database) -> None:
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        anna = _contact("anna", "ng")
        session.add(anna)
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        row = session.get(Contact, anna.id)
        assert row is not None
        row.first_name, row.last_name = "Anna", "Ng"  # the same key: no key in the update
    assert _keys(database.engine) == {anna.id: "anna ng"}


def test_bulk_inserts_without_a_key_get_one_computed(database: Database) -> None:
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        session.execute(
            insert(Contact),
            [
                {"first_name": "Émile", "last_name": "Zola", "created_at": NOW, "updated_at": NOW},
                {"first_name": "", "last_name": "", "created_at": NOW, "updated_at": NOW},
                {"last_name": "Łukasiewicz", "created_at": NOW, "updated_at": NOW},
            ],
        )
    assert sorted(_keys(database.engine).values(), key=str) == ["", "emile zola", "lukasiewicz"]


def test_a_name_changed_by_another_writer_leaves_no_stale_key(database: Database) -> None:
    ann, bo = _contact("Ann", "Lee"), _contact("Bo", "Chen")
    with Session(database.engine, expire_on_commit=False) as session, session.begin():
        session.add_all([ann, bo])
    with database.engine.begin() as connection:
        # As another tool would: a name changed, the key left alone.
        connection.execute(update(Contact).where(Contact.id == ann.id).values(first_name="Zed"))
        # Other columns changed: the key stays.
        connection.execute(update(Contact).values(company="Acme"))
    assert _keys(database.engine) == {ann.id: None, bo.id: "bo chen"}
    with database.engine.begin() as connection:
        assert fill_missing_name_keys(connection) == 1
    assert _keys(database.engine) == {ann.id: "zed lee", bo.id: "bo chen"}


def test_upgrading_an_older_profile_keys_every_contact(tmp_path: Path) -> None:
    db_path = tmp_path / "chatplanner.sqlite3"
    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for first, last in [("Zoë", "Tremblay"), ("", ""), ("  Jean-Luc ", "Picard")]:
            connection.execute(
                text(
                    "INSERT INTO contacts (first_name, last_name, kind, online_activity, stage, "
                    "notes, archived, created_at, updated_at) VALUES (:first, :last, 'other', "
                    "'unknown', 'not_contacted', '', 0, '2026-01-01', '2026-01-01')"
                ),
                {"first": first, "last": last},
            )
    engine.dispose()
    database = open_database(db_path, tmp_path / "backups")
    try:
        assert sorted(_keys(database.engine).values(), key=str) == [
            "",
            "jean-luc picard",
            "zoe tremblay",
        ]
        with Session(database.engine) as session:
            # The first screen is read through the index, without sorting the table.
            plan = session.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM contacts WHERE archived IS 0 "
                    "AND name_key > '' ORDER BY name_key, last_name, first_name, id LIMIT 60"
                )
            ).all()
            details = " ".join(str(row[-1]) for row in plan)
            assert "ix_contacts_name_order" in details
            assert "TEMP B-TREE" not in details
            assert session.scalar(select(Contact.name_key).where(Contact.last_name == "Picard"))
    finally:
        database.close()
    # Plain SQLite (no application code) can still write the table.
    with sqlite3.connect(db_path) as plain:
        plain.execute("UPDATE contacts SET last_name = 'Riker' WHERE last_name = 'Picard'")
        assert plain.execute(
            "SELECT name_key FROM contacts WHERE last_name = 'Riker'"
        ).fetchone() == (None,)
    plain.close()
