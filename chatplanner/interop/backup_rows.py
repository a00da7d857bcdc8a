"""The checks a backup's tables pass before restore: types, required fields, keys, references."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from chatplanner.domain.limits import (
    EARLIEST_DAY,
    LATEST_DAY,
    day_in_range,
    describe_range,
    number_range,
)
from chatplanner.interop.backup_schema import (
    FieldKind,
    FieldSpec,
    ForeignKeySpec,
    RecordType,
    record_types,
)

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?")

Row = dict[str, Any]


class BackupFormatError(ValueError):
    """A backup document that cannot be restored; the message says why and what to do."""


def decode_tables(raw: Any, *, fill_missing: bool) -> dict[str, list[Row]]:
    """The rows of every table as Python values, parents first; BackupFormatError if any is wrong.

    With `fill_missing` (a backup from an older schema), missing tables are empty and missing
    fields take their default or null.
    """
    types = record_types()
    if not isinstance(raw, dict):
        raise BackupFormatError(f"This backup's 'tables' must be an object; it is {describe(raw)}.")
    unknown = sorted(set(raw) - set(types))
    if unknown:
        raise unknown_table(unknown[0])
    check = TableCheck(fill_missing=fill_missing)
    tables: dict[str, list[Row]] = {}
    for name in types:
        if name not in raw:
            if fill_missing:  # a table added since the backup was written
                continue
            raise BackupFormatError(f"This backup is incomplete: it has no '{name}' table.")
        rows = raw[name]
        if not isinstance(rows, list):
            raise not_a_list(name, rows)
        rtype = check.table(name)
        tables[name] = [check.row(rtype, row) for row in rows]
    check.finish()
    return {name: tables.get(name, []) for name in types}


def unknown_table(name: str) -> BackupFormatError:
    return BackupFormatError(
        "This backup holds records of a kind chatplanner does not know: "
        f"'{clip(name)}'. "
        "It may come from a newer chatplanner; update chatplanner to restore it."
    )


def not_a_list(name: str, rows: Any) -> BackupFormatError:
    return BackupFormatError(f"The '{name}' table must be a list of rows; it is {describe(rows)}.")


class FirstRows:
    """Keys as rows bring them, each with the row (counted from 1) that had it first: a
    dictionary's `setdefault`, `items` and `in`, lean on a big profile.

    A backup lists each table's rows in primary-key order, so whole-number keys mostly come
    in order (a row's id, a membership's contact): while they do, they are kept packed, 16
    bytes a key instead of about a hundred in a dictionary, and a key is compared with the
    last one only. The first key out of order moves them all into a dictionary.
    """

    def __init__(self) -> None:
        self._keys = array("q")  # whole-number keys in increasing order, while they come so
        self._rows = array("q")  # the first row of each
        self._other: dict[Any, int] | None = None  # once a key comes out of order, or is not
        # a whole number

    def setdefault(self, key: Any, index: int) -> int:
        """The first row that had `key`: `index` if none did before."""
        other = self._other
        if other is None:
            keys = self._keys
            if type(key) is int and (not keys or key >= keys[-1]):
                if keys and key == keys[-1]:
                    return self._rows[-1]
                keys.append(key)
                self._rows.append(index)
                return index
            other = self._other = dict(zip(self._keys, self._rows, strict=True))
            self._keys, self._rows = array("q"), array("q")
        return other.setdefault(key, index)

    def __contains__(self, key: Any) -> bool:
        if self._other is not None:
            return key in self._other
        try:
            at = bisect_left(self._keys, key)  # 1.0 and True are the key 1, as in a dictionary
        except TypeError:  # not a number: no whole-number key equals it
            return False
        return at < len(self._keys) and bool(self._keys[at] == key)

    def items(self) -> Iterator[tuple[Any, int]]:
        if self._other is not None:
            return iter(self._other.items())
        return zip(self._keys, self._rows, strict=True)


def _key(row: Row, fields: tuple[str, ...]) -> Any:
    """The values of `fields` in `row`: the value itself for one field (a tuple of one costs
    memory on a big profile), a tuple for several; None when any is null."""
    if len(fields) == 1:
        return row[fields[0]]
    values = tuple(row[field] for field in fields)
    return None if None in values else values


def _as_tuple(fields: tuple[str, ...], key: Any) -> tuple[Any, ...]:
    return (key,) if len(fields) == 1 else tuple(key)


class TableCheck:
    """The checks of a backup's tables, one row at a time: a document is checked as it is read
    or written, never held whole. Each row is checked on its own as it comes (`row`); what
    spans rows (unique keys, references between tables, which may come in any order) is kept
    as keys only and judged by `finish`, which reports problems in the same order as reading
    the whole document would: a missing table, then the first repeated key, then the first
    missing record, table by table, parents first.
    """

    def __init__(self, *, fill_missing: bool, in_place: bool = False) -> None:
        """`in_place`: each row given to `row` is decoded in place (the caller's to give),
        rather than copied."""
        self._types = record_types()
        self._fill_missing = fill_missing
        self._in_place = in_place
        self.row_counts: dict[str, int] = {}
        self._plans: dict[str, _Plan] = {}
        # Per table, per unique set: each key and the row that had it first.
        self._unique: dict[str, list[tuple[tuple[str, ...], FirstRows]]] = {
            name: [(fields, FirstRows()) for fields in rtype.unique_sets]
            for name, rtype in self._types.items()
        }
        self._repeated: dict[tuple[str, tuple[str, ...]], tuple[int, int, Any]] = {}
        # Per table, per reference: each value it refers to and the first row that does.
        self._refers: dict[str, list[tuple[ForeignKeySpec, FirstRows]]] = {
            name: [(fk, FirstRows()) for fk in rtype.foreign_keys]
            for name, rtype in self._types.items()
        }
        # Referred-to fields that no unique set keeps: their values, gathered as rows come.
        self._targets: dict[tuple[str, tuple[str, ...]], set[Any]] = {}
        for rtype in self._types.values():
            for fk in rtype.foreign_keys:
                target_sets = self._types[fk.target_table].unique_sets
                if fk.target_fields not in target_sets:
                    self._targets[(fk.target_table, fk.target_fields)] = set()

    def table(self, name: str) -> RecordType:
        """Start the rows of table `name` (each table once)."""
        rtype = self._types.get(name)
        if rtype is None:
            raise unknown_table(name)
        if name in self.row_counts:
            raise BackupFormatError(
                f"This backup is damaged: the field '{clip(name)}' appears twice in one record."
            )
        self.row_counts[name] = 0
        self._plans[name] = _plan(rtype)
        return rtype

    def row(self, rtype: RecordType, raw: Any) -> Row:
        """One row of the table last started, checked and decoded."""
        name = rtype.name
        index = self.row_counts[name] + 1
        self.row_counts[name] = index
        row = _decode_row(rtype, self._plans[name], raw, index, self._fill_missing, self._in_place)
        for fields, seen in self._unique[name]:
            key = _key(row, fields)
            if key is None:  # SQL treats nulls as distinct
                continue
            first = seen.setdefault(key, index)
            if first != index:
                self._repeated.setdefault((name, fields), (first, index, key))
        for fk, firsts in self._refers[name]:
            key = _key(row, fk.fields)
            if key is not None:
                firsts.setdefault(key, index)
        for (table, fields), values in self._targets.items():
            if table == name:
                key = _key(row, fields)
                if key is not None:
                    values.add(key)
        return row

    def finish(self) -> dict[str, int]:
        """Judge what spans rows; the number of rows of each table, parents first."""
        for name in self._types:
            if name not in self.row_counts:
                if not self._fill_missing:
                    raise BackupFormatError(f"This backup is incomplete: it has no '{name}' table.")
                self.row_counts[name] = 0
        for name, unique_sets in self._unique.items():
            for fields, _seen in unique_sets:
                repeated = self._repeated.get((name, fields))
                if repeated is not None:
                    first, index, key = repeated
                    raise BackupFormatError(
                        f"Rows {first} and {index} of {name} have the same "
                        f"{_fields_and_values(fields, _as_tuple(fields, key))}; "
                        "each row needs its own."
                    )
        for name, references in self._refers.items():
            for fk, firsts in references:
                present = self._present(fk)
                missing = [(index, key) for key, index in firsts.items() if key not in present]
                if missing:
                    index, key = min(missing, key=lambda item: item[0])
                    values = _as_tuple(fk.fields, key)
                    raise BackupFormatError(
                        f"Row {index} of {name} refers to a missing record: no row of "
                        f"{fk.target_table} has {_fields_and_values(fk.target_fields, values)}."
                    )
        return {name: self.row_counts[name] for name in self._types}

    def _present(self, fk: ForeignKeySpec) -> FirstRows | set[Any]:
        for fields, seen in self._unique[fk.target_table]:
            if fields == fk.target_fields:
                return seen
        return self._targets[(fk.target_table, fk.target_fields)]


# How a field's value is checked the quick way, when it has the usual form: what is left is
# checked by _decode_value, which also says what is wrong.
_PLAIN_TEXT, _CHOSEN_TEXT, _WHOLE_NUMBER, _TRUE_OR_FALSE, _DAY, _MOMENT, _OTHER = range(7)
_Plan = tuple[tuple[FieldSpec, str, int, frozenset[str]], ...]
_QUICK_KINDS = {
    FieldKind.BOOLEAN: _TRUE_OR_FALSE,
    FieldKind.DATE: _DAY,
    FieldKind.DATETIME: _MOMENT,
}


def _plan(rtype: RecordType) -> _Plan:
    """Each field of `rtype` with its quick check (and its choices, for an enumerated one)."""
    plan = []
    for spec in rtype.fields:
        quick = _QUICK_KINDS.get(spec.kind, _OTHER)
        if spec.kind is FieldKind.STRING:
            quick = _PLAIN_TEXT if spec.choices is None else _CHOSEN_TEXT
        elif spec.kind is FieldKind.INTEGER and number_range(spec.name) is None:
            quick = _WHOLE_NUMBER
        plan.append((spec, spec.name, quick, frozenset(spec.choices or ())))
    return tuple(plan)


def _decode_row(  # noqa: C901, PLR0912 - one quick check per field kind, in one flat loop
    rtype: RecordType, plan: _Plan, raw: Any, index: int, fill_missing: bool, in_place: bool
) -> Row:
    if not isinstance(raw, dict):
        raise BackupFormatError(
            f"Row {index} of {rtype.name} must be an object of fields; it is {describe(raw)}."
        )
    if raw.keys() != rtype.field_names:
        extra = raw.keys() - rtype.field_names
        if extra:
            raise BackupFormatError(
                f"{_row_label(rtype, index, raw)} has a field chatplanner does not know: "
                f"'{clip(min(extra))}'."
            )
    # The row is the object read, or a copy of it: only values that change when decoded
    # (days, moments, whole numbers as numbers, an older schema's missing fields) are set.
    row: Row = raw if in_place else dict(raw)
    for spec, name, quick, choices in plan:
        if name in raw:
            value = raw[name]
            kind = type(value)
            # The usual values, taken as they are: text (without a broken character, which
            # only text that is not ASCII may hold), a whole number of 64 bits, true or false.
            if value is None:
                if spec.nullable:
                    continue
            elif kind is str:
                if (quick == _PLAIN_TEXT or (quick == _CHOSEN_TEXT and value in choices)) and (
                    value.isascii()
                ):
                    continue
                if quick == _MOMENT and (moment := _quick_moment(value)) is not None:
                    row[name] = moment
                    continue
                if quick == _DAY and (day := _quick_day(value)) is not None:
                    row[name] = day
                    continue
            elif kind is int:
                if quick == _WHOLE_NUMBER and _INT64_MIN <= value <= _INT64_MAX:
                    continue
            elif kind is bool and quick == _TRUE_OR_FALSE:
                continue
            try:
                row[name] = _decode_value(spec, value)
            except _FieldProblem as problem:
                # The label is only built here: doing it for every row costs a third of a read.
                raise BackupFormatError(f"{_row_label(rtype, index, raw)}: {problem}") from None
        elif fill_missing and spec.fill[0]:
            row[name] = spec.fill[1]
        else:
            raise BackupFormatError(f"{_row_label(rtype, index, raw)} has no '{name}' field.")
    return row


def _quick_moment(value: str) -> datetime | None:
    """The moment `value` says, if it is one that needs no explanation; None otherwise."""
    if _DATETIME.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
        if day_in_range(moment):
            return moment.replace(tzinfo=UTC)
    return None


def _quick_day(value: str) -> date | None:
    """The day `value` says, if it is one that needs no explanation; None otherwise."""
    if _DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        if day_in_range(day):
            return day
    return None


class _FieldProblem(Exception):
    """A field's value breaks its rule; the row it belongs to is named by the caller."""


def _decode_value(spec: FieldSpec, value: Any) -> Any:  # noqa: C901, PLR0912 - one check per field kind of the backup format, in one flat list
    if value is None:
        if spec.nullable:
            return None
        raise _FieldProblem(f"'{spec.name}' is required and cannot be null.")
    kind = spec.kind
    if kind is FieldKind.STRING:
        if type(value) is not str:
            raise _wrong(spec, value, "must be a string")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _FieldProblem(
                f"'{spec.name}' holds a broken character (an unpaired surrogate)."
            ) from None
        if spec.choices is not None and value not in spec.choices:
            raise _wrong(spec, value, "must be one of " + ", ".join(spec.choices))
        return value
    if kind is FieldKind.INTEGER:
        if type(value) is not int:
            raise _wrong(spec, value, "must be a whole number")
        if not _INT64_MIN <= value <= _INT64_MAX:
            raise _wrong(spec, value, "is too large")
        return _in_range(spec, value)
    if kind is FieldKind.BOOLEAN:
        if type(value) is not bool:
            raise _wrong(spec, value, "must be true or false")
        return value
    if kind is FieldKind.NUMBER:
        if type(value) is int:
            try:
                return _in_range(spec, float(value))
            except OverflowError:
                raise _wrong(spec, value, "is too large") from None
        if type(value) is not float or not math.isfinite(value):
            raise _wrong(spec, value, "must be a finite number")
        return _in_range(spec, value)
    if kind is FieldKind.DATE:
        if type(value) is str and _DATE.fullmatch(value):
            try:
                return _day_in_range(spec, date.fromisoformat(value), value)
            except ValueError:
                pass
        raise _wrong(spec, value, "must be a date like 2025-06-01")
    if type(value) is str and _DATETIME.fullmatch(value):
        try:
            return _day_in_range(spec, datetime.fromisoformat(value).replace(tzinfo=UTC), value)
        except ValueError:
            pass
    raise _wrong(
        spec, value, "must be a UTC date and time like 2025-06-01T14:03:22, without a zone"
    )


def _in_range(spec: FieldSpec, value: Any) -> Any:
    bounds = number_range(spec.name)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        raise _wrong(spec, value, f"must be {describe_range(bounds)}")
    return value


def _day_in_range(spec: FieldSpec, value: date, written: str) -> date:
    if not day_in_range(value):
        raise _wrong(
            spec,
            written,
            f"must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}",
        )
    return value


def _row_label(rtype: RecordType, index: int, raw: dict[str, Any]) -> str:
    values = tuple(raw.get(field) for field in rtype.primary_key)
    if all(type(value) in (int, str) for value in values):
        return f"Row {index} of {rtype.name} ({_fields_and_values(rtype.primary_key, values)})"
    return f"Row {index} of {rtype.name}"


def _fields_and_values(fields: Sequence[str], values: Sequence[Any]) -> str:
    return ", ".join(
        f"{field} {describe(value)}" for field, value in zip(fields, values, strict=True)
    )


def _wrong(spec: FieldSpec, value: Any, rule: str) -> _FieldProblem:
    return _FieldProblem(f"'{spec.name}' {rule}; it is {describe(value)}.")


def describe(value: Any) -> str:
    """A short, safe picture of a JSON value for a message (never the whole of a huge value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + clip(value) + "'"
    if isinstance(value, int):
        return clip(str(value)) if value.bit_length() < 200 else "a very long number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def clip(text: str, limit: int = 40) -> str:
    """At most `limit` characters, control and broken characters shown as a replacement mark."""
    clipped = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(char if char.isprintable() else "\ufffd" for char in clipped)
