"""A chat's rows read in plain SQL are what the mapped classes give: every column, typed alike."""

from __future__ import annotations

from sqlalchemy import Boolean, Date, select

from chatplanner.db import models
from chatplanner.db.stored_moments import (
    stored_day,
    stored_day_text,
    stored_flag,
    stored_moment,
    stored_text,
)
from chatplanner.db.types import UtcDateTime
from chatplanner.services.stored_rows import CONVERTED, STORED_AS, TABLES, rows
from chatplanner.services.workspace import Workspace

_READERS = {UtcDateTime: stored_moment, Date: stored_day, Boolean: bool}
_WRITERS = {UtcDateTime: stored_text, Date: stored_day_text, Boolean: stored_flag}


def test_every_moment_day_and_flag_column_is_converted() -> None:
    for table in TABLES:
        for column in models.Base.metadata.tables[table].columns:
            reader = _READERS.get(type(column.type))
            if reader is not None:
                assert CONVERTED.get(column.name) is reader, f"{table}.{column.name}"
            else:
                assert column.name not in CONVERTED, f"{table}.{column.name} is stored as it is"


def test_every_moment_day_and_flag_column_is_written_as_its_type_stores_it() -> None:
    for table in TABLES:
        for column in models.Base.metadata.tables[table].columns:
            writer = _WRITERS.get(type(column.type))
            if writer is not None:
                assert STORED_AS.get(column.name) is writer, f"{table}.{column.name}"
            else:
                assert column.name not in STORED_AS, f"{table}.{column.name} is stored as it is"


def test_rows_read_plainly_equal_the_mapped_rows(demo: Workspace) -> None:
    mapped_classes = {
        mapper.class_.__tablename__: mapper.class_ for mapper in models.Base.registry.mappers
    }
    with demo.context.sessions() as session, demo.context.reading() as connection:
        for table in TABLES:
            mapped = mapped_classes[table]
            names = [column.key for column in models.Base.metadata.tables[table].columns]
            expected = [
                {name: getattr(row, name) for name in names}
                for row in session.scalars(select(mapped).order_by(mapped.id))
            ]
            plain = [vars(row) for row in rows(connection, f"SELECT * FROM {table} ORDER BY id")]
            assert expected, table  # the demo has rows of every kind read here
            assert plain == expected, table
