"""The People list in a few set-based queries: one for the contacts, one for memberships, and
aggregates for the last contact. Never a query per row: a profile may hold 30,000 people.

Plain SQL through a sqlite3 connection (`ServiceContext.reading`): the list is read the same way
before SQLAlchemy is loaded (a command that only lists, the first page) and after.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from itertools import chain
from typing import Any

from chatplanner.collection import collection_paused
from chatplanner.db.stored_moments import stored_moment, stored_text
from chatplanner.domain.contacts import ContactSummary
from chatplanner.domain.enums import MeetingStatus
from chatplanner.domain.text import fold, name_sort_key
from chatplanner.services.contact_enum_code import ENUM_CODE_SQL, members_of
from chatplanner.services.contact_search import FIELD_SEPARATOR

# A statement and its parameters.
Statement = tuple[str, Sequence[object]]

# SQLite accepts at most 32,766 bound parameters; stay far below for IN lists.
ID_CHUNK = 500
_BATCH_ROWS = 500  # rows read from the driver at a time


def chunks(ids: Sequence[int], size: int = ID_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def load_summaries(
    connection: sqlite3.Connection,
    now: datetime,
    *,
    include_archived: bool = False,
    ids: Sequence[int] | None = None,
    in_list_order: bool = False,
    rows_ready: Callable[[], object] | None = None,
    between_batches: Callable[[], object] | None = None,
) -> list[ContactSummary]:
    """Summaries of every contact (or of `ids`), ordered by last name then first name.

    The People table sorts them itself, but keeps this order among equal names. With
    `in_list_order`, they come in the People list's opening order instead (by name key, people
    without a name last, equal keys still by last name, first name, id; see
    `ids_in_list_order`), unless a stored key is missing: then in the order above. The table
    then searches their texts as they are, laid out in memory in the order a search reads them,
    rather than a copy of each made in that order.

    `rows_ready` is called once SQLite has begun reading (and sorted the rows, which needs no
    interpreter), before any row comes into Python; everything is then read as the database
    stood at that moment. The People page waits there for its first screen to be painted.
    `between_batches` is called before each batch of rows is read (a worker gives way to the
    window there).
    """
    active = () if include_archived else (_NOT_ARCHIVED,)
    order = "last_name, first_name, id"
    if in_list_order and not _some_key_missing(connection, active):
        order = f"name_key = '', name_key, {order}"
    statements = statements_for(_SUMMARY_QUERY, active, (), ids, "id", f"ORDER BY {order}")
    with collection_paused():
        return _build(connection, now, statements, ids, rows_ready, between_batches)


_NOT_ARCHIVED = "archived = 0"

# The columns of a summary, in the order `_build` reads them.
_SUMMARY_QUERY = (
    f"SELECT id, first_name, last_name, company, title, city, {ENUM_CODE_SQL},"
    " last_touch_at, archived, notes, name_key FROM contacts"
)


def _some_key_missing(connection: sqlite3.Connection, where: Sequence[str]) -> bool:
    conditions = " AND ".join([*where, "name_key IS NULL"])
    missing = f"SELECT id FROM contacts WHERE {conditions} LIMIT 1"
    return connection.execute(missing).fetchone() is not None


def statements_for(
    query: str,
    conditions: Sequence[str],
    parameters: Sequence[object],
    ids: Sequence[int] | None,
    id_column: str,
    tail: str = "",
) -> list[Statement]:
    """`query` where every condition holds (their `parameters` in order), then `tail` (GROUP BY,
    ORDER BY): one statement for all rows, or one per chunk of `ids`."""

    def statement(extra: Sequence[str]) -> str:
        where = [*conditions, *extra]
        return " ".join(
            part for part in (query, "WHERE " + " AND ".join(where) if where else "", tail) if part
        )

    if ids is None:
        return [(statement(()), parameters)]
    return [
        (statement((f"{id_column} IN ({', '.join('?' * len(chunk))})",)), [*parameters, *chunk])
        for chunk in chunks(ids)
    ]


# Long: the People list's hot loop for thousands of rows: locals bound once, on purpose (see the benchmarks).
def _build(
    connection: sqlite3.Connection,
    now: datetime,
    statements: Sequence[Statement],
    ids: Sequence[int] | None,
    rows_ready: Callable[[], object] | None = None,
    between_batches: Callable[[], object] | None = None,
) -> list[ContactSummary]:
    # Read a batch at a time: each batch's rows (notes and all) are gone before the next's are
    # read, rather than every row held until the last summary is made.
    rows = rows_of(connection, statements, between_batches)
    # Read while the rows' statement is begun (so as the database stood then), and before
    # waiting: mostly SQLite's own work, which leaves the interpreter to the page meanwhile.
    group_names = read_group_names(connection)
    memberships = _memberships(connection, ids)
    last_contact = _last_contact_texts(connection, now, ids)
    if rows_ready is not None:
        rows_ready()

    # Company, title, city and group names repeat across thousands of people: fold each
    # distinct value once, and keep one copy of it rather than one per person. Each entry is
    # the first copy read and its folded form as it joins the search text: after a separator,
    # or "" when it folds to nothing (and so adds no field).
    known: dict[str | None, tuple[str | None, str]] = {None: (None, ""), "": ("", "")}

    def kept(value: str) -> tuple[str | None, str]:
        folded = fold(" ".join(value.split()))
        entry = known[value] = (value, FIELD_SEPARATOR + folded if folded else "")
        return entry

    # First names repeat too: one copy of each. (Last names mostly differ: a table of them
    # would cost more than it saves.)
    share_first = {"": ""}.setdefault

    folded_groups = {group_id: kept(name)[1] for group_id, name in group_names.items() if name}
    # Many people are in the same groups (memberships shares one tuple for each set of them):
    # the groups' part of the search text once for each set.
    groups_text: dict[tuple[int, ...], str] = {(): ""}
    for ids_of_groups in memberships.values():
        if ids_of_groups not in groups_text:
            groups_text[ids_of_groups] = "".join(folded_groups.get(g, "") for g in ids_of_groups)
    summaries: list[ContactSummary] = []
    append = summaries.append
    no_groups: tuple[int, ...] = ()
    known_value = known.get
    text_of = "".join
    make = tuple.__new__  # a ContactSummary from a plain tuple, without a Python-level call
    for (
        contact_id,
        first,
        last,
        company,
        title,
        city,
        enum_code,
        touched_text,
        archived,
        notes,
        name_key,
    ) in rows:
        group_ids = memberships.get(contact_id, no_groups)
        latest_text = last_contact.get(contact_id)
        if touched_text is not None and (latest_text is None or touched_text > latest_text):
            latest_text = touched_text
        latest = None if latest_text is None else stored_moment(latest_text)
        kind, stage, goal, activity = members_of(enum_code)
        if name_key is None:
            name_key = name_sort_key(first, last)
        company, company_text = known_value(company) or kept(company)
        title, title_text = known_value(title) or kept(title)
        city, city_text = known_value(city) or kept(city)
        folded_notes = fold(notes) if notes else ""
        # The name key always comes first, even when empty: the table sorts by it. Then each
        # field that folds to something, after a separator.
        search_text = text_of(
            (
                name_key,
                company_text,
                title_text,
                city_text,
                groups_text[group_ids],
                FIELD_SEPARATOR + folded_notes if folded_notes else "",
            )
        )
        # The fields in ContactSummary's order.
        append(
            make(
                ContactSummary,
                (
                    contact_id,
                    share_first(first, first) if first else "",
                    last or "",
                    company,
                    title,
                    city,
                    kind,
                    stage,
                    goal,
                    activity,
                    latest,
                    group_ids,
                    bool(archived),
                    search_text,
                ),
            )
        )
    return summaries


def first_by_name(
    connection: sqlite3.Connection, now: datetime, limit: int
) -> list[ContactSummary]:
    """The first `limit` people not archived, in the People table's opening order: what its
    first screen shows. That order is by name key, equal keys in the order `load_summaries`
    gives them (last name, first name, id), people without a name last.

    SQLite reads them off the name-order index; the few rows whose stored key is missing
    (written by another tool) are keyed here and merged in.
    """
    keyed = "SELECT id, name_key, last_name, first_name FROM contacts WHERE archived = 0"
    order = "ORDER BY name_key, last_name, first_name, id LIMIT ?"
    named = connection.execute(f"{keyed} AND name_key > '' {order}", (limit,)).fetchall()
    nameless = connection.execute(f"{keyed} AND name_key = '' {order}", (limit,)).fetchall()
    unkeyed = connection.execute(
        "SELECT id, first_name, last_name FROM contacts WHERE archived = 0 AND name_key IS NULL"
    )
    for contact_id, first, last in unkeyed:
        key = name_sort_key(first, last)
        (named if key else nameless).append((contact_id, key, last, first))

    def opening_order(row: tuple[int, str, str, str]) -> tuple[str, str, str, int]:
        contact_id, key, last, first = row
        return (key, last, first, contact_id)

    chosen = [row[0] for row in heapq.nsmallest(limit, named, key=opening_order)]
    chosen += [row[0] for row in heapq.nsmallest(limit - len(chosen), nameless, key=opening_order)]
    statements = statements_for(_SUMMARY_QUERY, (), (), chosen, "id")
    with collection_paused():
        found = {s.id: s for s in _build(connection, now, statements, chosen)}
    return [found[contact_id] for contact_id in chosen if contact_id in found]


def ids_in_list_order(
    connection: sqlite3.Connection, *, include_archived: bool, archived_only: bool = False
) -> list[int] | None:
    """The ids of every contact (not archived, all, or `archived_only`) in the People list's
    order, read off SQLite without a summary each: what listing a network of any size needs.

    That order is by name key, people without a name last, equal keys in `load_summaries`'s
    order (last name, first name, id); SQLite compares text as Python does (code point order),
    so it sorts them itself. None when a stored key is missing (written by another tool) or
    holds the separator of the list's search text: the caller sorts summaries instead.
    """
    where = []
    if archived_only:
        where.append("archived = 1")
    elif not include_archived:
        where.append(_NOT_ARCHIVED)
    odd = " AND ".join([*where, "(name_key IS NULL OR instr(name_key, ?) > 0)"])
    if connection.execute(
        f"SELECT id FROM contacts WHERE {odd} LIMIT 1", (FIELD_SEPARATOR,)
    ).fetchone():
        return None
    statements = statements_for(
        "SELECT id FROM contacts",
        where,
        (),
        None,
        "id",
        "ORDER BY name_key = '', name_key, last_name, first_name, id",
    )
    return [row[0] for row in rows_of(connection, statements)]


def _batches(
    connection: sqlite3.Connection,
    statements: Sequence[Statement],
    between: Callable[[], object] | None = None,
) -> Iterator[list[Any]]:
    """The statements' rows as the driver returns them (plain tuples), a batch at a time, with
    `between` called before each. The first statement is run at once: SQLite sorts its rows
    (if it must) before this returns."""
    cursor = connection.cursor()
    if statements:
        cursor.execute(*statements[0])

    def batches() -> Iterator[list[Any]]:
        try:
            for number, (sql, parameters) in enumerate(statements):
                if number:
                    cursor.execute(sql, parameters)
                while True:
                    if between is not None:
                        between()
                    batch = cursor.fetchmany(_BATCH_ROWS)
                    if not batch:
                        break
                    yield batch
        finally:
            cursor.close()

    return batches()


def read_group_names(connection: sqlite3.Connection) -> dict[int, str]:
    """Every group's name by its id."""
    return dict(connection.execute("SELECT id, name FROM groups").fetchall())


def rows_of(
    connection: sqlite3.Connection,
    statements: Sequence[Statement],
    between_batches: Callable[[], object] | None = None,
) -> Iterator[Any]:
    """Their rows one after another, read a batch at a time."""
    return chain.from_iterable(_batches(connection, statements, between_batches))


def _memberships(
    connection: sqlite3.Connection, ids: Sequence[int] | None
) -> dict[int, tuple[int, ...]]:
    statements = statements_for(
        "SELECT contact_id, group_id FROM contact_groups",
        (),
        (),
        ids,
        "contact_id",
        "ORDER BY contact_id, group_id",
    )
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for contact_id, group_id in rows_of(connection, statements):
        grouped[contact_id].append(group_id)
    # Many people are in the same groups: one tuple for each set of them.
    sets_of_groups: dict[tuple[int, ...], tuple[int, ...]] = {}
    share = sets_of_groups.setdefault
    memberships: dict[int, tuple[int, ...]] = {}
    for contact_id, groups in grouped.items():
        ids_of_groups = tuple(groups)
        memberships[contact_id] = share(ids_of_groups, ids_of_groups)
    return memberships


def _last_contact_texts(
    connection: sqlite3.Connection, now: datetime, ids: Sequence[int] | None
) -> dict[int, str]:
    """The latest message sent, reply received or chat held, per contact, as its stored text.

    Stored moments all have one fixed-width form (see `stored_moment`), so the greatest text is
    the latest moment, as SQLite's max() already takes it: the caller makes a datetime of each
    contact's latest alone, rather than of every aggregate.
    """
    latest: dict[int, str] = {}

    def keep(contact_id: int, moment: str | None) -> None:
        if moment is not None:
            current = latest.get(contact_id)
            if current is None or moment > current:
                latest[contact_id] = moment

    messages = statements_for(
        "SELECT contact_id, max(sent_at), max(replied_at) FROM outreach",
        (),
        (),
        ids,
        "contact_id",
        "GROUP BY contact_id",
    )
    for contact_id, sent, replied in rows_of(connection, messages):
        keep(contact_id, sent)
        keep(contact_id, replied)
    chats = statements_for(
        "SELECT contact_id, max(starts_at) FROM meetings",
        ("starts_at <= ?", "status != ?"),
        (stored_text(now), MeetingStatus.CANCELLED.value),
        ids,
        "contact_id",
        "GROUP BY contact_id",
    )
    for contact_id, held in rows_of(connection, chats):
        keep(contact_id, held)
    return latest


def list_fingerprint(connection: sqlite3.Connection) -> tuple[object, ...]:
    """A cheap value that changes whenever the People list would: compare it to skip a reload."""

    def one(sql: str) -> tuple[object, ...]:
        return tuple(connection.execute(sql).fetchone())

    return (
        one("SELECT count(*), max(id), max(updated_at) FROM contacts"),
        one("SELECT count(*) FROM contact_groups")[0],
        tuple(connection.execute("SELECT id, name FROM groups ORDER BY id").fetchall()),
        one("SELECT count(*), max(sent_at), max(replied_at) FROM outreach"),
        one("SELECT count(*), max(starts_at), max(updated_at) FROM meetings"),
    )
