"""Writing an import in one transaction, with bulk statements (30,000 rows in well under a second).

New contacts, their first stage event, updates of known contacts, groups and memberships all go
in the same unit of work: an error or a cancellation rolls every one of them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, literal, select, update
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.bulk import insert_columns
from chatplanner.db.models import Contact, Group, StageEvent, contact_groups
from chatplanner.db.types import UtcDateTime
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

_INSERT_CHUNK = 2000
_ID_CHUNK = 900  # ids per IN (...): under the 999 variables of older SQLite builds


def existing_values(session: Session, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The compared columns of the given contacts, by id."""
    wanted = sorted(set(ids))
    columns = [getattr(Contact, name) for name in COMPARED]
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = wanted[start : start + _ID_CHUNK]
        for row in session.execute(select(*columns).where(Contact.id.in_(chunk))):
            found[row[0]] = dict(zip(COMPARED, row, strict=True))
    return found


def joins_new_group(record: ContactRecord, joined: set[str]) -> bool:
    return any(fold_words(group) not in joined for group in record.groups)


def groups_by_key(session: Session) -> dict[str, int]:
    """Existing groups by folded name, so "uoft alumni" joins "UofT Alumni"."""
    found: dict[str, int] = {}
    for group_id, name in session.execute(select(Group.id, Group.name)):
        found.setdefault(fold_words(name), group_id)
    return found


def memberships_of(session: Session, contact_ids: Iterable[int]) -> dict[int, set[str]]:
    """The folded names of the groups each given contact belongs to."""
    wanted = sorted(set(contact_ids))
    found: dict[int, set[str]] = {}
    for start in range(0, len(wanted), _ID_CHUNK):
        chunk = wanted[start : start + _ID_CHUNK]
        query = (
            select(contact_groups.c.contact_id, Group.name)
            .join(Group, Group.id == contact_groups.c.group_id)
            .where(contact_groups.c.contact_id.in_(chunk))
        )
        for contact_id, name in session.execute(query):
            found.setdefault(contact_id, set()).add(fold_words(name))
    return found


def _name_key_change(changes: dict[str, Any], contact: dict[str, Any]) -> dict[str, Any]:
    """The stored name key to write with `changes` to `contact` (its values after them)."""
    if "first_name" in changes or "last_name" in changes:
        return {"name_key": name_sort_key(contact.get("first_name"), contact.get("last_name"))}
    return {}


_BULK_CACHE_KIB = 32 * 1024


@contextmanager
def _page_cache_for_bulk(connection: Connection) -> Iterator[None]:
    """A larger SQLite page cache while an import writes: its rows go into five indexes of
    contacts, which SQLite's default 2 MB keeps spilling and reading again (a fifth of the
    insert's time at 30,000 rows). The connection's own size is put back after."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


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
        sessions: sessionmaker[Session],
        now: datetime,
        report: ProgressCallback,
        should_stop: StopCheck,
        made_at: datetime | None = None,
    ) -> None:
        self._sessions = sessions
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
        with self._sessions.begin() as session, _page_cache_for_bulk(session.connection()):
            joins: list[tuple[int, ContactRecord]] = []
            self._update(session, updates, result, joins)
            self._insert(session, new_rows, result, joins)
            self._join_groups(session, joins, result)
            # The last chance to cancel: past this point the transaction commits.
            self._step(0)
        return result

    def _update(
        self,
        session: Session,
        updates: list[tuple[PreviewRow, int, bool]],
        result: WriteResult,
        joins: list[tuple[int, ContactRecord]],
    ) -> None:
        if not updates:
            return
        current = existing_values(session, (contact_id for _row, contact_id, _m in updates))
        joined = memberships_of(session, (contact_id for _row, contact_id, _m in updates))
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
        for batch in by_columns.values():
            session.execute(update(Contact), batch)
        self._step(len(updates))

    def _insert(
        self,
        session: Session,
        new_rows: list[PreviewRow],
        result: WriteResult,
        joins: list[tuple[int, ContactRecord]],
    ) -> None:
        records = [row.record for row in new_rows if row.record is not None]
        if not records:
            return
        contacts = cast(Table, Contact.__table__)
        next_id = 0
        for start in range(0, len(records), _INSERT_CHUNK):
            chunk = records[start : start + _INSERT_CHUNK]
            columns = self._new_contacts(chunk)
            if start == 0:
                # The first row takes the next id and, with it, the database's write lock; the
                # rest follow it with ids given here, so that one executemany inserts them
                # (RETURNING many rows in order costs a statement per row on SQLite).
                first_row = {name: values[0] for name, values in columns.items()}
                first = session.execute(insert(contacts).returning(contacts.c.id), first_row)
                next_id = int(first.scalar_one())
                rest = {name: values[1:] for name, values in columns.items()}
                rest["id"] = range(next_id + 1, next_id + len(chunk))
                insert_columns(session.connection(), contacts, rest)
            else:
                columns["id"] = range(next_id + start, next_id + start + len(chunk))
                insert_columns(session.connection(), contacts, columns)
            ids = range(next_id + start, next_id + start + len(chunk))
            joins.extend(zip(ids, chunk, strict=True))
            result.new += len(chunk)
            self._step(len(chunk))
        self._first_stage_events(session, next_id, next_id + len(records) - 1, records)

    def _first_stage_events(
        self, session: Session, first_id: int, last_id: int, records: list[ContactRecord]
    ) -> None:
        """Each new contact's first stage event, for the contacts `first_id` to `last_id` (made
        from `records`): copied by SQLite from the rows just inserted, not sent row by row."""
        contacts = cast(Table, Contact.__table__)
        for source in dict.fromkeys(record.source for record in records):
            made = select(
                contacts.c.id,
                literal(Stage.NOT_CONTACTED.value),
                literal(self._moment, UtcDateTime()),
                literal(SOURCE_NOTES.get(source, "Imported")),
            ).where(
                contacts.c.id.between(first_id, last_id),
                contacts.c.source.is_(source or None),  # as _new_contacts stores it
            )
            session.execute(
                insert(StageEvent).from_select(["contact_id", "stage", "at", "note"], made)
            )

    def _new_contacts(self, records: list[ContactRecord]) -> dict[str, Sequence[Any]]:
        """The columns of the new contacts made from `records`, their ids aside."""
        columns = new_contact_columns(records, self._now)
        columns["source"] = [record.source or None for record in records]
        columns["stage_changed_at"] = (self._moment,) * len(records)
        columns["name_key"] = list(map(name_sort_key, columns["first_name"], columns["last_name"]))
        return columns

    def _join_groups(
        self, session: Session, joins: list[tuple[int, ContactRecord]], result: WriteResult
    ) -> None:
        wanted = [(contact_id, record) for contact_id, record in joins if record.groups]
        if not wanted:
            return
        groups = groups_by_key(session)
        already = memberships_of(session, (contact_id for contact_id, _ in wanted))
        created: list[str] = []
        pairs: set[tuple[int, int]] = set()
        for contact_id, record in wanted:
            for name in record.groups:
                key = fold_words(name)
                if not key:
                    continue
                if key not in groups:
                    groups[key] = self._create_group(session, name)
                    created.append(name)
                if key not in already.get(contact_id, set()):
                    pairs.add((contact_id, groups[key]))
        if pairs:
            session.execute(
                insert(contact_groups),
                [{"contact_id": c, "group_id": g} for c, g in sorted(pairs)],
            )
        result.groups_created = tuple(created)

    def _create_group(self, session: Session, name: str) -> int:
        statement = insert(Group).returning(Group.id)
        values = {
            "name": name,
            "kind": GroupKind.OTHER.value,
            "description": "",
            "created_at": self._moment,
        }
        return int(session.scalars(statement, [values]).one())
