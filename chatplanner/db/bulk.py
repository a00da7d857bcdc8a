"""Inserting many rows in one `executemany`, converting each distinct value once.

SQLAlchemy's own executemany converts every parameter of every row through its column's type
(the same import moment 90,000 times for 30,000 contacts). Here each column's converter runs
once per distinct value, and the rows reach the driver as tuples. The columns' types still
decide what is stored: a naive datetime is refused as it is by an ordinary insert.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert

_Processor = Callable[[Any], Any]


def insert_many(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (each with the same keys, all column names) into `table`.

    A column left out takes its scalar default, as with `insert()`; one with a computed
    default (a Python function) must be given, or ValueError says which.
    """
    if not rows:
        return
    keys = tuple(rows[0])
    filled: dict[str, Any] = {}
    for column in table.columns:
        if column.key in keys or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"insert_many: give {table.name}.{column.key} (computed default)")
        filled[column.key] = column.default.arg  # type: ignore[attr-defined]
    names = (*keys, *filled)
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(names):
        raise ValueError(f"insert_many: cannot bind {table.name}'s columns by position")
    # Each row's values are taken in the statement's order in one step (itemgetter, in C);
    # only the columns whose type converts a value (moments, days, booleans) are visited.
    take = itemgetter(*order)
    converters = [
        (position, convert)
        for position, name in enumerate(order)
        if (convert := _memoised(table.c[name].type.dialect_impl(dialect).bind_processor(dialect)))
        is not None
    ]
    parameters: list[tuple[Any, ...]] = []
    for row in rows:
        if len(row) != len(keys):
            raise ValueError(f"insert_many: every row needs the keys {keys}")
        taken = take({**filled, **row} if filled else row)
        values = list(taken) if len(order) > 1 else [taken]
        for position, convert in converters:
            values[position] = convert(values[position])
        parameters.append(tuple(values))
    connection.exec_driver_sql(str(compiled), parameters)


def _memoised(processor: _Processor | None) -> _Processor | None:
    """`processor`, run once per distinct value (by type and value) of its column."""
    if processor is None:
        return None
    done: dict[tuple[type, Any], Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return processor(value)
        try:
            key = (type(value), value)
            return done[key]
        except KeyError:
            converted = done[key] = processor(value)
            return converted
        except TypeError:  # unhashable: converted each time
            return processor(value)

    return convert
