"""Inserting many rows in one `executemany`, given as columns, each distinct value converted once.

SQLAlchemy's own executemany converts every parameter of every row through its column's type
(the same import moment 90,000 times for 30,000 contacts). Here each column's converter runs
once per distinct value, and the columns are zipped into the tuples the driver takes: the
per-value work is done by C loops (`map`, `zip`), not by Python code per row. The columns' types
still decide what is stored: a naive datetime is refused as it is by an ordinary insert.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Connection, Table, insert

_Processor = Callable[[Any], Any]


def insert_columns(
    connection: Connection, table: Table, columns: Mapping[str, Sequence[Any]]
) -> None:
    """Insert the rows whose values `columns` holds (by column name, all of one length).

    A column left out takes its scalar default, as with `insert()`; one with a computed
    default (a Python function) must be given, or ValueError says which.
    """
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"insert_columns: columns of different lengths for {table.name}")
    count = lengths.pop() if lengths else 0
    if not count:
        return
    given: dict[str, Sequence[Any]] = dict(columns)
    for column in table.columns:
        if column.key in given or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"insert_columns: give {table.name}.{column.key} (computed default)")
        given[column.key] = (column.default.arg,) * count  # type: ignore[attr-defined]
    dialect = connection.dialect
    converted: dict[str, Sequence[Any]] = {}
    for name, values in given.items():
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        converted[name] = values if processor is None else _converted(processor, values)
    # A column NULL in every row, without a default, is left out of the statement: SQLite
    # makes it NULL itself, and binding a NULL costs as much as binding a value (a third of
    # a new contact's columns are NULL; leaving them out makes the insert a third faster).
    bound = [
        name
        for name, values in converted.items()
        if values.count(None) != count or _has_default(table.c[name])
    ] or list(converted)
    compiled = insert(table).compile(dialect=dialect, column_keys=bound)
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(bound):
        raise ValueError(f"insert_columns: cannot bind {table.name}'s columns by position")
    connection.exec_driver_sql(
        str(compiled), list(zip(*(converted[name] for name in order), strict=True))
    )


def _has_default(column: Column[Any]) -> bool:
    return column.default is not None or column.server_default is not None


def _converted(processor: _Processor, values: Sequence[Any]) -> Sequence[Any]:
    """`values` through `processor`, run once per distinct value (by type and value)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    try:
        # Mixed types (1 and True are equal keys) are told apart by type, value by value.
        distinct = set(values) if len(kinds) <= 1 else None
    except TypeError:  # unhashable: converted each time
        return list(map(processor, values))
    if distinct is None:
        done: dict[tuple[type, Any], Any] = {}
        return [_once(processor, done, value) for value in values]
    converted = {value: processor(value) for value in distinct}
    return list(map(converted.__getitem__, values))


def _once(processor: _Processor, done: dict[tuple[type, Any], Any], value: Any) -> Any:
    key = (type(value), value)
    try:
        found = key in done
    except TypeError:  # unhashable: converted each time
        return processor(value)
    if not found:
        done[key] = processor(value)
    return done[key]
