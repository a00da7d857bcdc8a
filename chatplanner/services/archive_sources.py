"""What the notes archive is made from: each chat's stored values, read with plain SQL through
`ServiceContext.reading` (the plain reader before SQLAlchemy is loaded, a session's connection
after), their source fingerprints, and the entries made of them (`ArchiveEntries`).

A chat's fingerprint is the sha256 of the version of what renders it (`version`: the code and
the user's zone) and of a text SQLite builds from every stored value its file shows, after
their lengths in bytes, so no two lists of values share a text. The query returns exactly the
bytes hashed: a sync with nothing changed reads one row per chat and hashes it in one call,
and makes no entry.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from chatplanner.db.stored_moments import stored_moment
from chatplanner.domain.enums import FollowUpOwner, MeetingMode, MeetingStatus
from chatplanner.domain.person_names import UNNAMED_CONTACT, shown_name
from chatplanner.services.context import ServiceContext
from chatplanner.services.stored_enums import UNKNOWN_MODE, UNKNOWN_OWNER, enum_or

# The entries' code (and the chats' time words) loads when an entry is made: a sync with
# nothing changed makes none.
if TYPE_CHECKING:
    from chatplanner.interop.archive_markdown import ArchivedFile, MeetingArchiveEntry
    from chatplanner.services.chat_times import ChatTimes

# The code that makes a chat's entry from its stored values (with RENDERER_MODULES, the code
# that renders it): part of every chat's source fingerprint, so a new version writes again.
_ENTRY_MODULES = (
    __name__,
    "chatplanner.db.stored_moments",
    "chatplanner.services.chat_times",
    "chatplanner.domain.moments",
    "chatplanner.domain.clock",
    "chatplanner.domain.person_names",
    "chatplanner.domain.enums",
)
_SOURCE_CODE: list[str] = []

NOTE_COLUMNS = ("their_past", "their_present", "their_goals", "advice", "resources", "free_notes")
# The stored values an archive entry shows, in the order of a row of `StoredChats.rows`.
_CHAT_COLUMNS = (
    "m.id",
    "m.starts_at",
    "m.timezone",
    "m.mode",
    "m.call_link",
    "m.tags",
    "c.first_name",
    "c.last_name",
    "v.name",
    "v.address",
)
_TEXT_COLUMNS = (*(f"n.{column}" for column in NOTE_COLUMNS), "t.subject", "t.body")
# A follow-up's values as its line shows them, with where it stands among the chat's others.
_FOLLOW_UP_VALUES = ("f.position", "f.id", "f.owner", "f.text", "f.due_on", "f.done_at IS NOT NULL")

_FROM = """
    FROM meetings m
    JOIN contacts c ON c.id = m.contact_id
    LEFT JOIN venues v ON v.id = m.venue_id
    LEFT JOIN meeting_notes n ON n.meeting_id = m.id
    LEFT JOIN thank_you_drafts t ON t.meeting_id = m.id"""
# A chat belongs in the archive once it is done or holds notes.
_BELONGS = " OR ".join(
    [f"m.status = '{MeetingStatus.DONE.value}'"]
    + [f"length(n.{column}) > 0" for column in NOTE_COLUMNS]
)


def _concatenated(parts: Sequence[str]) -> str:
    """SQL joining `parts` pairwise (`(a || b) || (c || d)`): SQLite copies each byte a few
    times, not once for every part after it."""
    while len(parts) > 1:
        parts = [f"({' || '.join(parts[i : i + 2])})" for i in range(0, len(parts), 2)]
    return parts[0]


def _record(values: Sequence[str]) -> str:
    """SQL for one text of `values`: their lengths in bytes ("-1" for none), then themselves."""
    lengths = ", ".join(f"ifnull(length(CAST({value} AS BLOB)), -1)" for value in values)
    head = f"printf('{','.join('%d' for _ in values)};', {lengths})"
    return _concatenated([head, *(f"ifnull({value}, '')" for value in values)])


# The bytes a fingerprint hashes: the version, then the chat's values, then its follow-ups'
# (their order does not matter: each carries its position and id, so another order only hashes
# again what renders the same).
_SOURCE = "CAST({} AS BLOB)".format(
    _concatenated(
        [
            "?",
            _record((*_CHAT_COLUMNS, *_TEXT_COLUMNS)),
            f"ifnull((SELECT group_concat({_record(_FOLLOW_UP_VALUES)}, '') "
            "FROM follow_ups f WHERE f.meeting_id = m.id), '')",
        ]
    )
)


@dataclass(frozen=True, slots=True)
class StoredChats:
    """The chats the archive shows, as stored, before any entry is made."""

    rows: list[tuple[Any, ...]]  # _CHAT_COLUMNS, then with_text _TEXT_COLUMNS, as stored
    follow_ups: dict[int, list[tuple[str, str, date | None, bool]]]  # (owner, text, due, done)
    fingerprints: dict[int, str]  # meeting id -> source fingerprint ("" when unknown)
    with_text: bool


def _chats_query(
    columns: Iterable[str], meeting_id: int | None, *, only_archived: bool
) -> tuple[str, list[object]]:
    """The query of `columns` of every chat the archive holds (`only_archived`) or should hold
    (one with `meeting_id`), ordered by id, with its parameters after the columns'."""
    query = f"SELECT {', '.join(columns)} {_FROM}"
    if only_archived:
        query += " JOIN archive_files a ON a.meeting_id = m.id WHERE 1"
    else:
        query += f" WHERE ({_BELONGS})"
    parameters: list[object] = []
    if meeting_id is not None:
        query += " AND m.id = ?"
        parameters.append(meeting_id)
    return query + " ORDER BY m.id", parameters


def _hashed(version: str, rows: Iterable[tuple[int, bytes]]) -> dict[int, str]:
    if not version:
        return {meeting_id: "" for meeting_id, _source in rows}
    return {meeting_id: hashlib.sha256(source).hexdigest() for meeting_id, source in rows}


def chat_fingerprints(connection: sqlite3.Connection, version: str) -> dict[int, str]:
    """Meeting id -> source fingerprint of every chat the archive should hold, and nothing else:
    what a sync compares before making any entry."""
    query, parameters = _chats_query(("m.id", _SOURCE), None, only_archived=False)
    return _hashed(version, connection.execute(query, [f"{version}\n", *parameters]))


def read_chats(
    connection: sqlite3.Connection,
    version: str,
    meeting_id: int | None = None,
    *,
    with_text: bool = True,
    only_archived: bool = False,
) -> StoredChats:
    """The chats the archive should hold (or, `only_archived`, the ones it holds), with
    `with_text` their notes, thank-you drafts, follow-ups and fingerprints."""
    columns = (*_CHAT_COLUMNS, *_TEXT_COLUMNS, _SOURCE) if with_text else _CHAT_COLUMNS
    query, parameters = _chats_query(columns, meeting_id, only_archived=only_archived)
    if not with_text:
        rows = connection.execute(query, parameters).fetchall()
        return StoredChats(rows, {}, {}, with_text=False)
    read = connection.execute(query, [f"{version}\n", *parameters]).fetchall()
    fingerprints = _hashed(version, ((row[0], row[-1]) for row in read))
    rows = [row[:-1] for row in read]
    return StoredChats(rows, _follow_ups(connection, meeting_id), fingerprints, with_text=True)


def _follow_ups(
    connection: sqlite3.Connection, meeting_id: int | None
) -> dict[int, list[tuple[str, str, date | None, bool]]]:
    """Each chat's follow-ups as its file lists them: (owner, text, due, done)."""
    query = "SELECT meeting_id, owner, text, due_on, done_at IS NOT NULL FROM follow_ups"
    parameters: list[object] = []
    if meeting_id is None:
        query += " WHERE meeting_id IS NOT NULL"
    else:
        query += " WHERE meeting_id = ?"
        parameters.append(meeting_id)
    grouped: dict[int, list[tuple[str, str, date | None, bool]]] = {}
    for mid, owner, text, due, done in connection.execute(
        query + " ORDER BY meeting_id, position, id", parameters
    ):
        due_on = date.fromisoformat(due) if due else None
        grouped.setdefault(mid, []).append((owner, text, due_on, bool(done)))
    return grouped


def archived_files(
    connection: sqlite3.Connection, meeting_id: int | None = None
) -> dict[int, ArchivedFile]:
    """What the archive holds for each chat (or the one with `meeting_id`), as last written."""
    from chatplanner.interop.archive_markdown import ArchivedFile

    query = "SELECT meeting_id, relative_path, content_sha256 FROM archive_files"
    parameters: list[object] = []
    if meeting_id is not None:
        query += " WHERE meeting_id = ?"
        parameters.append(meeting_id)
    return {row[0]: ArchivedFile(*row) for row in connection.execute(query, parameters)}


def meeting_ids(connection: sqlite3.Connection) -> set[int]:
    """Every meeting that exists: the files of any other are removed by a sync."""
    return {meeting_id for (meeting_id,) in connection.execute("SELECT id FROM meetings")}


class ArchiveEntries:
    """The archive's entries of the chats as read, and the version of what makes them."""

    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        self._chat_times: ChatTimes | None = None

    @property
    def _times(self) -> ChatTimes:
        if self._chat_times is None:
            from chatplanner.services.chat_times import ChatTimes

            self._chat_times = ChatTimes(self._context)
        return self._chat_times

    def version(self) -> str:
        """What turns a chat's stored values into its file besides the values: the code (the
        reading, the time words, the names, the renderer) and the user's time zone."""
        from chatplanner.interop.archive_markdown import RENDERER_MODULES, code_version

        if not _SOURCE_CODE:
            _SOURCE_CODE.append(code_version((*_ENTRY_MODULES, *RENDERER_MODULES)))
        if not _SOURCE_CODE[0]:
            return ""
        return f"{_SOURCE_CODE[0]} {self._context.zone().key}"

    def made(self, chats: StoredChats) -> list[MeetingArchiveEntry]:
        """The entries of the chats `read_chats` read."""
        from chatplanner.interop.archive_markdown import ArchiveFollowUp, MeetingArchiveEntry

        entries: list[MeetingArchiveEntry] = []
        for row in chats.rows:
            mid, stored_start, zone, mode, link, tags, first, last, venue, address = row[:10]
            starts = stored_moment(stored_start)
            kind = enum_or(MeetingMode, mode, UNKNOWN_MODE)
            if kind is MeetingMode.ONLINE:
                where = link or ""
            else:
                where = ", ".join(p for p in (venue, address) if p)
            texts: dict[str, str] = {}
            if chats.with_text:
                notes: tuple[Any, ...] = tuple(row[10:16])
                texts = {name: value or "" for name, value in zip(NOTE_COLUMNS, notes, strict=True)}
                texts["thank_you_subject"] = row[16] or ""
                texts["thank_you_body"] = row[17] or ""
            follow_ups = tuple(
                ArchiveFollowUp(enum_or(FollowUpOwner, owner, UNKNOWN_OWNER), text, due, done)
                for owner, text, due, done in chats.follow_ups.get(mid, ())
            )
            entries.append(
                MeetingArchiveEntry(
                    meeting_id=mid,
                    contact_name=shown_name(first, last, UNNAMED_CONTACT),
                    met_on=self._met_on(starts, zone),
                    when=self._times.words(starts, zone),
                    mode=kind,
                    venue=where,
                    tags=tuple(t.strip() for t in (tags or "").split(",") if t.strip()),
                    follow_ups=follow_ups,
                    source=chats.fingerprints.get(mid, ""),
                    **texts,
                )
            )
        return entries

    def _met_on(self, starts_at: datetime, zone_name: str | None) -> date:
        return starts_at.astimezone(self._times.place_zone(zone_name)).date()
