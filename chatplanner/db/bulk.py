"""Inserting many rows in one `executemany`, given as columns, each distinct value converted once,
with the sqlite3 module alone.

Each column's values go through the converter of its column (the value as the schema's type
stores it: `stored_moments`), once per distinct value, and the columns are zipped into the
tuples the driver takes: the per-value work is done by C loops (`map`, `zip`), not by Python
code per row. A naive datetime is refused as the mapped column refuses it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Converter = Callable[[Any], Any]


def insert_columns(
    connection: sqlite3.Connection,
    table: str,
    columns: Mapping[str, Sequence[Any]],
    stored_as: Mapping[str, Converter],
) -> None:
    """Insert into `table` the rows whose values `columns` holds (by column name, all of one
    length). `stored_as`: the converter of each column not stored as it is, by name.

    Only the columns given are written: one left out takes the schema's default, or NULL.
    """
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"insert_columns: columns of different lengths for {table}")
    count = lengths.pop() if lengths else 0
    if not count:
        return
    with_defaults = _columns_with_defaults(connection, table)
    # A column NULL in every row, without a default, is left out of the statement: SQLite
    # makes it NULL itself, and binding a NULL costs as much as binding a value (a third of
    # a new contact's columns are NULL; leaving them out makes the insert a third faster).
    bound = {
        name: values
        for name, values in columns.items()
        if values.count(None) != count or name in with_defaults
    } or dict(columns)
    converted = [
        values if name not in stored_as else _converted(stored_as[name], values)
        for name, values in bound.items()
    ]
    names = ", ".join(_quoted(name) for name in bound)
    places = ", ".join(["?"] * len(bound))
    connection.executemany(
        f"INSERT INTO {_quoted(table)} ({names}) VALUES ({places})",
        zip(*converted, strict=True),
    )


def _columns_with_defaults(connection: sqlite3.Connection, table: str) -> set[str]:
    rows = connection.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
    if not rows:
        raise ValueError(f"insert_columns: no table {table}")
    return {row[1] for row in rows if row[4] is not None}  # (cid, name, type, notnull, dflt, pk)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _converted(converter: Converter, values: Sequence[Any]) -> Sequence[Any]:
    """`values` through `converter` (None kept as None), run once per distinct value (by type
    and value)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    try:
        # Mixed types (1 and True are equal keys) are told apart by type, value by value.
        distinct = set(values) if len(kinds) <= 1 else None
    except TypeError:  # unhashable: converted each time
        return [None if value is None else converter(value) for value in values]
    if distinct is None:
        done: dict[tuple[type, Any], Any] = {}
        return [_once(converter, done, value) for value in values]
    found = {value: None if value is None else converter(value) for value in distinct}
    return list(map(found.__getitem__, values))


def _once(converter: Converter, done: dict[tuple[type, Any], Any], value: Any) -> Any:
    if value is None:
        return None
    key = (type(value), value)
    try:
        found = key in done
    except TypeError:  # unhashable: converted each time
        return converter(value)
    if not found:
        done[key] = converter(value)
    return done[key]
