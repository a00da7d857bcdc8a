"""Full-text search over every meeting's notes and follow-ups (FTS5), and over the names of the
people met.

What the user typed never reaches FTS5 as syntax: `quote_match_query` makes every word a quoted
prefix. Snippets come back as plain text plus the spans to highlight, so a view can escape the
text and add its own emphasis, and no markup in notes can ever be read as markup.

Plain SQL through `ServiceContext.reading`: a search reads the same way before SQLAlchemy is
loaded (the `search` command) and after (the window).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from chatplanner.db.fts_terms import FOLLOW_UP_FTS_TABLE, FTS_TABLE, quote_match_query
from chatplanner.db.stored_moments import stored_moment
from chatplanner.domain.clock import chat_zone
from chatplanner.domain.person_names import UNNAMED_CONTACT, display_name, shown_name
from chatplanner.domain.text import fold
from chatplanner.services.context import ServiceContext

# FTS5 marks matches with these; they cannot come from notes (saving drops control characters),
# and a stray one would only move the emphasis, never add markup.
_OPEN = "\x02"
_CLOSE = "\x03"
SNIPPET_WORDS = 14
MAX_QUERY_CHARS = 200


@dataclass(frozen=True, slots=True)
class SearchHit:
    meeting_id: int
    contact_id: int
    contact_name: str
    date: date  # the day of the chat, where it happened
    snippet: str  # plain text
    # (start, end) offsets in `snippet` of the words that matched.
    highlights: tuple[tuple[int, int], ...] = ()
    name_matched: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "meeting_id": self.meeting_id,
            "contact_id": self.contact_id,
            "contact_name": self.contact_name,
            "date": self.date.isoformat(),
            "snippet": self.snippet or None,
            "highlights": [list(span) for span in self.highlights],
        }


def split_marked(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and highlight spans from FTS5 text with open/close marks."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for ch in marked:
        if ch == _OPEN:
            start = length
        elif ch == _CLOSE:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(ch)
            length += 1
    return "".join(out), tuple(spans)


# Between the lines of a note shown on one line: advice written one per line stays apart.
LINE_SEPARATOR = " · "
_LIST_MARK = re.compile(r"^(?:[-*+•‣◦▪–—]+|\d{1,3}[.)])\s+")


def _flat(text_value: str) -> str:
    """A note's text on one line: each line's spacing collapsed, its list mark dropped, and the
    lines kept apart by LINE_SEPARATOR."""
    lines = (_LIST_MARK.sub("", " ".join(line.split())) for line in text_value.splitlines())
    return LINE_SEPARATOR.join(line for line in lines if line)


# Ranking by relevance scores every matching note; when a word is in most notes, relevance says
# little anyway, so beyond this many matches the latest notes come first (which streams).
RANKED_MATCHES_MAX = 1000


def _notes_statement(order: str) -> str:
    return f"""
        SELECT m.id, m.contact_id, c.first_name, c.last_name, m.starts_at, m.timezone,
               snippet({FTS_TABLE}, -1, :open, :close, '…', :words)
        FROM {FTS_TABLE}
        JOIN meeting_notes n ON n.id = {FTS_TABLE}.rowid
        JOIN meetings m ON m.id = n.meeting_id
        JOIN contacts c ON c.id = m.contact_id
        WHERE {FTS_TABLE} MATCH :query
        ORDER BY {order}
        LIMIT :limit
        """


_BY_RANK = _notes_statement(f"{FTS_TABLE}.rank")
_BY_RECENCY = _notes_statement(f"{FTS_TABLE}.rowid DESC")
_COUNT_MATCHES = (
    f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query LIMIT :cap)"
)
_FU = FOLLOW_UP_FTS_TABLE
# Follow-ups promised in a chat (one not tied to a chat has nowhere to open), best first.
_FOLLOW_UPS = f"""
    SELECT m.id, m.contact_id, c.first_name, c.last_name, m.starts_at, m.timezone,
           snippet({_FU}, 0, :open, :close, '…', :words)
    FROM {_FU}
    JOIN follow_ups f ON f.id = {_FU}.rowid
    JOIN meetings m ON m.id = f.meeting_id
    JOIN contacts c ON c.id = m.contact_id
    WHERE {_FU} MATCH :query
    ORDER BY {_FU}.rank
    """
FOLLOW_UP_PREFIX = "Follow-up: "


_PREVIEW_PARTS = ("their_present", "their_past", "their_goals", "advice", "resources", "free_notes")


def _meetings_of(count: int) -> str:
    """The latest chats of `count` people, ids :id0, :id1..., with the start of their notes:
    the first part written of their present, past, goals, advice, resources and free notes."""
    ids = ", ".join(f":id{index}" for index in range(count))
    parts = ", ".join(f"nullif(n.{part}, '')" for part in _PREVIEW_PARTS)
    return f"""
    SELECT m.id, m.contact_id, c.first_name, c.last_name, m.starts_at, m.timezone,
           substr(coalesce({parts}, ''), 1, 300)
    FROM meetings m
    JOIN contacts c ON c.id = m.contact_id
    LEFT JOIN meeting_notes n ON n.meeting_id = m.id
    WHERE m.contact_id IN ({ids})
    ORDER BY m.starts_at DESC
    LIMIT :limit
    """


# Who may match a name query, found by SQLite: a stored name key (the folded "first last",
# db/name_keys.py) holding every word, and anyone the key may not speak for: no key yet, or
# both parts possibly in an East Asian script, whose name reads family name first
# (person_names.display_name). A part fully in such a script starts, once trimmed as that does,
# with a character from U+1100 to U+D7AF (every range of person_names._EAST_ASIAN lies there);
# a part that starts with white space may be one too. Those candidates are checked by name.
_MAYBE_EAST_ASIAN = (
    "(unicode({part}) BETWEEN 4352 AND 55215 OR unicode({part}) <= 32 "
    "OR unicode({part}) IN (133, 160))"
)
_MAYBE_BOTH_EAST_ASIAN = (
    f"({_MAYBE_EAST_ASIAN.format(part='first_name')} "
    f"AND {_MAYBE_EAST_ASIAN.format(part='last_name')})"
)


def _name_candidates(words: list[str]) -> str:
    """Rows (id, first name, last name, sure): `sure` when the stored key proves the match."""
    # A word folding to white space at an end (a stray accent) may sit where the key was
    # trimmed: it is not looked for in the key, and the candidates are checked by name.
    in_key = [
        f"instr(name_key, :w{index}) > 0"
        for index, word in enumerate(words)
        if word.strip() == word
    ]
    contained = " AND ".join(in_key) or "1"
    proven = contained if len(in_key) == len(words) else "0"
    return f"""
        SELECT id, first_name, last_name,
               name_key IS NOT NULL AND {proven} AND NOT {_MAYBE_BOTH_EAST_ASIAN}
        FROM contacts
        WHERE name_key IS NULL OR ({contained}) OR {_MAYBE_BOTH_EAST_ASIAN}
        """


# A name query matching more people than this is too vague to list by name.
MAX_NAME_MATCHES = 500


class ArchiveSearch:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        query = query[:MAX_QUERY_CHARS]
        words = list(dict.fromkeys(fold(w) for w in query.replace('"', " ").split()))
        match = quote_match_query(query)
        if not words or not match or limit <= 0:
            return []
        with self._context.reading() as connection:
            hits = self._by_name(connection, words, limit)
            seen = {hit.meeting_id for hit in hits}
            try:
                rows = self._by_notes(connection, match, limit)
            except sqlite3.OperationalError:
                # Quoting leaves no FTS5 syntax, so this is a damaged index: search names only.
                rows = []
            for mid, cid, first, last, starts, zone, marked in rows:
                if mid in seen:
                    continue
                seen.add(mid)
                snippet, spans = split_marked(_flat(marked or ""))
                hits.append(self._hit(mid, cid, first, last, starts, zone, snippet, spans))
            if len(hits) < limit:
                hits.extend(self._by_follow_ups(connection, match, limit - len(hits), seen))
            return hits[:limit]

    def _by_follow_ups(
        self, connection: sqlite3.Connection, match: str, limit: int, seen: set[int]
    ) -> list[SearchHit]:
        """Chats whose follow-ups hold the words (those not found already), each once."""
        values = {"open": _OPEN, "close": _CLOSE, "words": SNIPPET_WORDS}
        hits: list[SearchHit] = []
        try:
            # Read row by row until `limit` chats: one chat may hold many matching promises.
            rows = connection.execute(_FOLLOW_UPS, {**values, "query": match})
            for mid, cid, first, last, starts, zone, marked in rows:
                if len(hits) >= limit:
                    break
                if mid in seen:
                    continue
                seen.add(mid)
                snippet, spans = split_marked(FOLLOW_UP_PREFIX + _flat(marked or ""))
                hits.append(self._hit(mid, cid, first, last, starts, zone, snippet, spans))
        except sqlite3.OperationalError:
            return []  # a profile opened read-only before it was given the index
        return hits

    @staticmethod
    def _by_notes(connection: sqlite3.Connection, match: str, limit: int) -> list[Any]:
        cap = RANKED_MATCHES_MAX + 1
        count = connection.execute(_COUNT_MATCHES, {"query": match, "cap": cap}).fetchone()[0]
        statement = _BY_RANK if count <= RANKED_MATCHES_MAX else _BY_RECENCY
        values = {"open": _OPEN, "close": _CLOSE, "words": SNIPPET_WORDS}
        return connection.execute(statement, {**values, "query": match, "limit": limit}).fetchall()

    def _by_name(
        self, connection: sqlite3.Connection, words: list[str], limit: int
    ) -> list[SearchHit]:
        """The chats of everyone whose name holds every word, unless more than
        MAX_NAME_MATCHES people's names do. SQLite finds who may match from the stored name
        keys, so a search folds a few names (those the keys cannot speak for), not a whole
        network's."""
        values = {f"w{index}": word for index, word in enumerate(words)}
        candidates = connection.execute(_name_candidates(words), values)
        matched = []
        for cid, first, last, sure in candidates:
            if sure or all(w in fold(display_name(first, last)) for w in words):
                matched.append(int(cid))
                if len(matched) > MAX_NAME_MATCHES:
                    return []
        if not matched:
            return []
        ids = {f"id{index}": contact_id for index, contact_id in enumerate(matched)}
        rows = connection.execute(_meetings_of(len(ids)), {**ids, "limit": limit}).fetchall()
        hits: list[SearchHit] = []
        for mid, cid, first, last, starts, zone, preview in rows:
            snippet = _flat(preview)
            hits.append(
                self._hit(mid, cid, first, last, starts, zone, snippet, (), name_matched=True)
            )
        return hits

    def _hit(  # noqa: PLR0913, PLR0917 - private; the columns of one search row, unpacked in order
        self,
        mid: int,
        cid: int,
        first: str | None,
        last: str | None,
        starts: Any,
        zone: str | None,
        snippet: str,
        spans: tuple[tuple[int, int], ...],
        *,
        name_matched: bool = False,
    ) -> SearchHit:
        moment = stored_moment(starts)
        return SearchHit(
            meeting_id=int(mid),
            contact_id=int(cid),
            contact_name=shown_name(first, last, UNNAMED_CONTACT),
            date=moment.astimezone(chat_zone(zone, self._context.zone())).date(),
            snippet=snippet,
            highlights=spans,
            name_matched=name_matched,
        )
