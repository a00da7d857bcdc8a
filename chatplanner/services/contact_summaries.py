"""The People list in a few set-based queries: one for the contacts, one for memberships, and
aggregates for the last contact. Never a query per row: a profile may hold 30,000 people."""

from __future__ import annotations

import gc
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Group, Meeting, Outreach, contact_groups
from chatplanner.db.stored_moments import stored_moment
from chatplanner.domain.contacts import ContactSummary
from chatplanner.domain.enums import MeetingStatus
from chatplanner.domain.text import fold, name_sort_key
from chatplanner.services.contact_enum_code import enum_code_column, members_of
from chatplanner.services.contact_search import FIELD_SEPARATOR

# SQLite accepts at most 32,766 bound parameters; stay far below for IN lists.
ID_CHUNK = 500
_BATCH_ROWS = 500  # rows read from the driver at a time


def chunks(ids: Sequence[int], size: int = ID_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def load_summaries(
    session: Session,
    now: datetime,
    *,
    include_archived: bool = False,
    ids: Sequence[int] | None = None,
    in_list_order: bool = False,
) -> list[ContactSummary]:
    """Summaries of every contact (or of `ids`), ordered by last name then first name.

    The People table sorts them itself, but keeps this order among equal names. With
    `in_list_order`, they come in the People list's opening order instead (by name key, people
    without a name last, equal keys still by last name, first name, id; see
    `ids_in_list_order`), unless a stored key is missing: then in the order above. The table
    then searches their texts as they are, laid out in memory in the order a search reads them,
    rather than a copy of each made in that order.
    """
    query = _summary_query()
    active = () if include_archived else (Contact.archived.is_(False),)
    if in_list_order and not _some_key_missing(session, active):
        query = query.order_by(Contact.name_key == "", Contact.name_key)
    query = query.order_by(Contact.last_name, Contact.first_name, Contact.id).where(*active)
    with _collector_paused():
        return _build(session, now, query, ids)


def _some_key_missing(session: Session, where: tuple[Any, ...]) -> bool:
    missing = select(Contact.id).where(*where, Contact.name_key.is_(None)).limit(1)
    return session.execute(missing).first() is not None


def _summary_query() -> Any:
    return select(
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        Contact.company,
        Contact.title,
        Contact.city,
        enum_code_column(),  # kind, stage, goal and online activity
        Contact.last_touch_at,
        Contact.archived,
        Contact.notes,
        Contact.name_key,
    )


# Long: the People list's hot loop for thousands of rows: locals bound once, on purpose (see the benchmarks).
def _build(
    session: Session, now: datetime, query: Any, ids: Sequence[int] | None
) -> list[ContactSummary]:
    group_names = dict(session.execute(select(Group.id, Group.name)).all())
    memberships = _memberships(session, ids)
    last_contact = _last_contact_texts(session, now, ids)
    # Read a batch at a time: each batch's rows (notes and all) are gone before the next's are
    # read, rather than every row held until the last summary is made.
    rows = chain.from_iterable(_driver_batches(session, query, Contact.id, ids))

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


def first_by_name(session: Session, now: datetime, limit: int) -> list[ContactSummary]:
    """The first `limit` people not archived, in the People table's opening order: what its
    first screen shows. That order is by name key, equal keys in the order `load_summaries`
    gives them (last name, first name, id), people without a name last.

    SQLite reads them off the name-order index; the few rows whose stored key is missing
    (written by another tool) are keyed here and merged in.
    """
    active = (Contact.archived.is_(False),)
    order = (Contact.name_key, Contact.last_name, Contact.first_name, Contact.id)
    keyed = select(Contact.id, Contact.name_key, Contact.last_name, Contact.first_name)
    named = _driver_rows(
        session,
        keyed.where(*active, Contact.name_key > "").order_by(*order).limit(limit),
        Contact.id,
        None,
    )
    nameless = _driver_rows(
        session,
        keyed.where(*active, Contact.name_key == "").order_by(*order).limit(limit),
        Contact.id,
        None,
    )
    unkeyed = _driver_rows(
        session,
        select(Contact.id, Contact.first_name, Contact.last_name).where(
            *active, Contact.name_key.is_(None)
        ),
        Contact.id,
        None,
    )
    for contact_id, first, last in unkeyed:
        key = name_sort_key(first, last)
        (named if key else nameless).append((contact_id, key, last, first))

    def opening_order(row: tuple[int, str, str, str]) -> tuple[str, str, str, int]:
        contact_id, key, last, first = row
        return (key, last, first, contact_id)

    chosen = [row[0] for row in heapq.nsmallest(limit, named, key=opening_order)]
    chosen += [row[0] for row in heapq.nsmallest(limit - len(chosen), nameless, key=opening_order)]
    with _collector_paused():
        found = {s.id: s for s in _build(session, now, _summary_query(), chosen)}
    return [found[contact_id] for contact_id in chosen if contact_id in found]


def ids_in_list_order(
    session: Session, *, include_archived: bool, archived_only: bool = False
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
        where.append(Contact.archived.is_(True))
    elif not include_archived:
        where.append(Contact.archived.is_(False))
    odd = select(Contact.id).where(
        *where,
        (Contact.name_key.is_(None)) | (func.instr(Contact.name_key, FIELD_SEPARATOR) > 0),
    )
    if session.execute(odd.limit(1)).first() is not None:
        return None
    query = (
        select(Contact.id)
        .where(*where)
        .order_by(
            Contact.name_key == "",
            Contact.name_key,
            Contact.last_name,
            Contact.first_name,
            Contact.id,
        )
    )
    return [row[0] for row in _driver_rows(session, query, Contact.id, None)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building tens of thousands of records would set off many full garbage collections that
    find nothing to free (none of these objects form cycles); pause the collector meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _driver_rows(
    session: Session, query: Any, id_column: Any, ids: Sequence[int] | None
) -> list[Any]:
    """The query's rows as the SQLite driver returns them: plain tuples, no per-value processing.

    For 30,000 contacts this is about twice as fast as ORM result rows. Only ids and constants
    are inlined as literals, never text from the user.
    """
    rows: list[Any] = []
    for batch in _driver_batches(session, query, id_column, ids):
        rows.extend(batch)
    return rows


def _driver_batches(
    session: Session, query: Any, id_column: Any, ids: Sequence[int] | None
) -> Iterator[Sequence[Any]]:
    """`_driver_rows`, a batch of rows at a time."""
    statements = (
        [query]
        if ids is None
        else [query.where(id_column.in_(list(chunk))) for chunk in chunks(ids)]
    )
    cursor = session.connection().connection.cursor()
    try:
        for statement in statements:
            compiled = statement.compile(
                dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
            )
            cursor.execute(str(compiled))
            while batch := cursor.fetchmany(_BATCH_ROWS):
                yield batch
    finally:
        cursor.close()


def _rows_for(
    session: Session, query: Any, id_column: Any, ids: Sequence[int] | None
) -> Iterable[Any]:
    if ids is None:
        yield from session.execute(query)
        return
    for chunk in chunks(ids):
        yield from session.execute(query.where(id_column.in_(chunk)))


def _memberships(session: Session, ids: Sequence[int] | None) -> dict[int, tuple[int, ...]]:
    query = select(contact_groups.c.contact_id, contact_groups.c.group_id).order_by(
        contact_groups.c.contact_id, contact_groups.c.group_id
    )
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for contact_id, group_id in _driver_rows(session, query, contact_groups.c.contact_id, ids):
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
    session: Session, now: datetime, ids: Sequence[int] | None
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

    messages = select(
        Outreach.contact_id,
        type_coerce(func.max(Outreach.sent_at), String),
        type_coerce(func.max(Outreach.replied_at), String),
    ).group_by(Outreach.contact_id)
    for contact_id, sent, replied in _rows_for(session, messages, Outreach.contact_id, ids):
        keep(contact_id, sent)
        keep(contact_id, replied)
    chats = (
        select(Meeting.contact_id, type_coerce(func.max(Meeting.starts_at), String))
        .where(Meeting.starts_at <= now, Meeting.status != MeetingStatus.CANCELLED.value)
        .group_by(Meeting.contact_id)
    )
    for contact_id, held in _rows_for(session, chats, Meeting.contact_id, ids):
        keep(contact_id, held)
    return latest


def list_fingerprint(session: Session) -> tuple[object, ...]:
    """A cheap value that changes whenever the People list would: compare it to skip a reload."""
    contacts = session.execute(
        select(func.count(), func.max(Contact.id), func.max(Contact.updated_at))
    ).one()
    memberships = session.scalar(select(func.count()).select_from(contact_groups))
    groups = tuple(session.execute(select(Group.id, Group.name).order_by(Group.id)).all())
    messages = session.execute(
        select(func.count(), func.max(Outreach.sent_at), func.max(Outreach.replied_at))
    ).one()
    chats = session.execute(
        select(func.count(), func.max(Meeting.starts_at), func.max(Meeting.updated_at))
    ).one()
    return (tuple(contacts), memberships, groups, tuple(messages), tuple(chats))
