"""A chat's rows read in plain SQL are what the mapped classes give: every column, typed alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
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

_READERS: dict[type, Callable[[Any], Any]] = {
    UtcDateTime: stored_moment,
    Date: stored_day,
    Boolean: bool,
}
_WRITERS: dict[type, Callable[[Any], Any]] = {
    UtcDateTime: stored_text,
    Date: stored_day_text,
    Boolean: stored_flag,
}


@pytest.mark.parametrize(
    ("by_type", "by_name"),
    [(_READERS, CONVERTED), (_WRITERS, STORED_AS)],
    ids=["read back", "written"],
)
def test_every_moment_day_and_flag_column_is_converted_as_its_type_stores_it(
    by_type: dict[type, Callable[[Any], Any]], by_name: dict[str, Callable[[Any], Any]]
) -> None:
    for table in TABLES:
        for column in models.Base.metadata.tables[table].columns:
            expected = by_type.get(type(column.type))
            if expected is not None:
                assert by_name.get(column.name) is expected, f"{table}.{column.name}"
            else:
                assert column.name not in by_name, f"{table}.{column.name} is stored as it is"


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
