"""Writing an import in one transaction, with bulk statements (30,000 rows in well under a second).

New contacts, their first stage event, updates of known contacts, groups and memberships all go
in the same unit of work: an error or a cancellation rolls every one of them back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chatplanner.db.bulk import insert_columns
from chatplanner.db.stored_moments import stored_text
from chatplanner.domain.enums import GroupKind, Stage
from chatplanner.domain.text import fold_words, name_sort_key
from chatplanner.interop.contact_record import ContactRecord, SkippedRow
from chatplanner.services.import_fields import (
    COMPARED,
    SOURCE_NOTES,
    changes_for,
    column_values,
    new_contact_columns,
)
from chatplanner.services.import_preview import (
    ImportCancelledError,
    PreviewRow,
    ProgressCallback,
    StopCheck,
)
from chatplanner.services.stored_rows import STORED_AS, rows

# A sqlite3 connection in a transaction of its own: `ServiceContext.writing`.
Writing = Callable[[], AbstractContextManager[sqlite3.Connection]]

_INSERT_CHUNK = 2000
_ID_CHUNK = 900  # ids per IN (...): under the 999 variables of older SQLite builds


def existing_values(
    connection: sqlite3.Connection, ids: Iterable[int]
) -> dict[int, dict[str, Any]]:
    """The compared columns of the given contacts, by id, as the mapped class reads them."""
    wanted = sorted(set(ids))
    select = f"SELECT {', '.join(COMPARED)} FROM contacts WHERE id IN "
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = wanted[start : start + _ID_CHUNK]
        for row in rows(connection, select + _places(len(chunk)), chunk):
            found[row.id] = vars(row)
    return found


def _places(count: int) -> str:
    return f"({', '.join(['?'] * count)})"


def joins_new_group(record: ContactRecord, joined: set[str]) -> bool:
    return any(fold_words(group) not in joined for group in record.groups)


def groups_by_key(connection: sqlite3.Connection) -> dict[str, int]:
    """Existing groups by folded name, so "uoft alumni" joins "UofT Alumni"."""
    found: dict[str, int] = {}
    for group_id, name in connection.execute("SELECT id, name FROM groups ORDER BY id"):
        found.setdefault(fold_words(name), group_id)
    return found


def memberships_of(
    connection: sqlite3.Connection, contact_ids: Iterable[int]
) -> dict[int, set[str]]:
    """The folded names of the groups each given contact belongs to."""
    wanted = sorted(set(contact_ids))
    found: dict[int, set[str]] = {}
    query = (
        "SELECT contact_groups.contact_id, groups.name FROM contact_groups "
        "JOIN groups ON groups.id = contact_groups.group_id WHERE contact_groups.contact_id IN "
    )
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = wanted[start : start + _ID_CHUNK]
        for contact_id, name in connection.execute(query + _places(len(chunk)), chunk):
            found.setdefault(contact_id, set()).add(fold_words(name))
    return found


def _name_key_change(changes: dict[str, Any], contact: dict[str, Any]) -> dict[str, Any]:
    """The stored name key to write with `changes` to `contact` (its values after them)."""
    if "first_name" in changes or "last_name" in changes:
        return {"name_key": name_sort_key(contact.get("first_name"), contact.get("last_name"))}
    return {}


_BULK_CACHE_KIB = 32 * 1024


@contextmanager
def _page_cache_for_bulk(connection: sqlite3.Connection) -> Iterator[None]:
    """A larger SQLite page cache while an import writes: its rows go into five indexes of
    contacts, which SQLite's default 2 MB keeps spilling and reading again (a fifth of the
    insert's time at 30,000 rows). The connection's own size is put back after."""
    before = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before or -2000)}")


@dataclass(slots=True)
class WriteResult:
    new: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    groups_created: tuple[str, ...] = ()


class ImportWriter:
    def __init__(
        self,
        writing: Writing,
        now: datetime,
        report: ProgressCallback,
        should_stop: StopCheck,
        made_at: datetime | None = None,
    ) -> None:
        self._writing = writing
        self._now = now
        self._made_at = made_at  # when the file was made: newer changes in the app are kept
        self._moment = now
        self._report = report
        self._should_stop = should_stop
        self._done = 0
        self._total = 0

    def _step(self, count: int) -> None:
        if self._should_stop():
            raise ImportCancelledError()
        self._done += count
        self._report(self._done, self._total, "Saving contacts…")

    def write(
        self, new_rows: list[PreviewRow], updates: list[tuple[PreviewRow, int, bool]]
    ) -> WriteResult:
        result = WriteResult()
        self._total = len(new_rows) + len(updates)
        self._report(0, self._total, "Saving contacts…")
        with self._writing() as connection, _page_cache_for_bulk(connection):
            joins: list[tuple[int, ContactRecord]] = []
            self._update(connection, updates, result, joins)
            self._insert(connection, new_rows, result, joins)
            self._join_groups(connection, joins, result)
            # The last chance to cancel: past this point the transaction commits.
            self._step(0)
        return result

    def _update(
        self,
        connection: sqlite3.Connection,
        updates: list[tuple[PreviewRow, int, bool]],
        result: WriteResult,
        joins: list[tuple[int, ContactRecord]],
    ) -> None:
        if not updates:
            return
        current = existing_values(connection, (contact_id for _row, contact_id, _m in updates))
        joined = memberships_of(connection, (contact_id for _row, contact_id, _m in updates))
        params: list[dict[str, Any]] = []
        for row, contact_id, merged in updates:
            existing = current.get(contact_id)
            record = row.record
            if existing is None or record is None:
                reason = "The contact it matched was deleted before the import."
                result.skipped.append(SkippedRow(row.row_number, reason))
                continue
            changes = changes_for(column_values(record, self._now), existing, self._made_at)
            existing.update(changes)  # a later row for the same contact sees this one
            if changes:
                params.append({"id": contact_id, **changes, **_name_key_change(changes, existing)})
            joins_group = joins_new_group(record, joined.get(contact_id, set()))
            joins.append((contact_id, record))
            if merged:
                result.merged += 1
            elif changes or joins_group:
                result.updated += 1
            else:
                result.unchanged += 1
        # One executemany per set of changed columns (rows differ in what they change).
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for values in params:
            values["updated_at"] = self._moment
            by_columns.setdefault(tuple(sorted(values)), []).append(values)
        for names, batch in by_columns.items():
            changed = [name for name in names if name != "id"]
            assignments = ", ".join(f"{name} = ?" for name in changed)
            connection.executemany(
                f"UPDATE contacts SET {assignments} WHERE id = ?",
                [
                    [*(_stored(name, values[name]) for name in changed), values["id"]]
                    for values in batch
                ],
            )
        self._step(len(updates))

    def _insert(
        self,
        connection: sqlite3.Connection,
        new_rows: list[PreviewRow],
        result: WriteResult,
        joins: list[tuple[int, ContactRecord]],
    ) -> None:
        records = [row.record for row in new_rows if row.record is not None]
        if not records:
            return
        next_id = 0
        for start in range(0, len(records), _INSERT_CHUNK):
            chunk = records[start : start + _INSERT_CHUNK]
            columns = self._new_contacts(chunk)
            if start == 0:
                # The first row takes the next id; the rest follow it with ids given here
                # (the transaction holds the write lock), in one executemany.
                first_row = {name: values[:1] for name, values in columns.items()}
                insert_columns(connection, "contacts", first_row, STORED_AS)
                next_id = int(connection.execute("SELECT last_insert_rowid()").fetchone()[0])
                rest = {name: values[1:] for name, values in columns.items()}
                rest["id"] = range(next_id + 1, next_id + len(chunk))
                insert_columns(connection, "contacts", rest, STORED_AS)
            else:
                columns["id"] = range(next_id + start, next_id + start + len(chunk))
                insert_columns(connection, "contacts", columns, STORED_AS)
            ids = range(next_id + start, next_id + start + len(chunk))
            joins.extend(zip(ids, chunk, strict=True))
            result.new += len(chunk)
            self._step(len(chunk))
        self._first_stage_events(connection, next_id, next_id + len(records) - 1, records)

    def _first_stage_events(
        self,
        connection: sqlite3.Connection,
        first_id: int,
        last_id: int,
        records: list[ContactRecord],
    ) -> None:
        """Each new contact's first stage event, for the contacts `first_id` to `last_id` (made
        from `records`): copied by SQLite from the rows just inserted, not sent row by row."""
        for source in dict.fromkeys(record.source for record in records):
            connection.execute(
                "INSERT INTO stage_events (contact_id, stage, at, note) "
                "SELECT id, ?, ?, ? FROM contacts WHERE id BETWEEN ? AND ? AND source IS ?",
                (
                    Stage.NOT_CONTACTED.value,
                    stored_text(self._moment),
                    SOURCE_NOTES.get(source, "Imported"),
                    first_id,
                    last_id,
                    source or None,  # as _new_contacts stores it
                ),
            )

    def _new_contacts(self, records: list[ContactRecord]) -> dict[str, Sequence[Any]]:
        """The columns of the new contacts made from `records`, their ids aside."""
        columns = new_contact_columns(records, self._now)
        columns["source"] = [record.source or None for record in records]
        columns["stage_changed_at"] = (self._moment,) * len(records)
        columns["name_key"] = list(map(name_sort_key, columns["first_name"], columns["last_name"]))
        return columns

    def _join_groups(
        self,
        connection: sqlite3.Connection,
        joins: list[tuple[int, ContactRecord]],
        result: WriteResult,
    ) -> None:
        wanted = [(contact_id, record) for contact_id, record in joins if record.groups]
        if not wanted:
            return
        groups = groups_by_key(connection)
        already = memberships_of(connection, (contact_id for contact_id, _ in wanted))
        created: list[str] = []
        pairs: set[tuple[int, int]] = set()
        for contact_id, record in wanted:
            for name in record.groups:
                key = fold_words(name)
                if not key:
                    continue
                if key not in groups:
                    groups[key] = self._create_group(connection, name)
                    created.append(name)
                if key not in already.get(contact_id, set()):
                    pairs.add((contact_id, groups[key]))
        if pairs:
            connection.executemany(
                "INSERT INTO contact_groups (contact_id, group_id) VALUES (?, ?)", sorted(pairs)
            )
        result.groups_created = tuple(created)

    def _create_group(self, connection: sqlite3.Connection, name: str) -> int:
        cursor = connection.execute(
            "INSERT INTO groups (name, kind, description, created_at) VALUES (?, ?, ?, ?)",
            (name, GroupKind.OTHER.value, "", stored_text(self._moment)),
        )
        return int(cursor.lastrowid or 0)


def _stored(name: str, value: Any) -> Any:
    """A value of column `name` as the column stores it."""
    convert = STORED_AS.get(name)
    return value if convert is None or value is None else convert(value)
