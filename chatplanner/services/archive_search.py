"""Full-text search over every meeting's notes (FTS5), and over the names of the people met.

What the user typed never reaches FTS5 as syntax: `quote_match_query` makes every word a quoted
prefix. Snippets come back as plain text plus the spans to highlight, so a view can escape the
text and add its own emphasis, and no markup in notes can ever be read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from chatplanner.db.fts import quote_match_query
from chatplanner.db.models import FTS_TABLE
from chatplanner.domain.clock import from_db
from chatplanner.domain.text import display_name, fold
from chatplanner.services.context import ServiceContext
from chatplanner.services.meeting_records import local_zone

# FTS5 marks matches with these; they cannot come from notes (saving drops control characters),
# and a stray one would only move the emphasis, never add markup.
_OPEN = "\x02"
_CLOSE = "\x03"
SNIPPET_WORDS = 14
MAX_QUERY_CHARS = 200
_FOLD_FUNCTION = "chatplanner_fold"


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


def _flat(text_value: str) -> str:
    return " ".join(text_value.split())


_SEARCH_NOTES = text(
    f"""
    SELECT m.id, m.contact_id, c.first_name, c.last_name, m.starts_at, m.timezone,
           snippet({FTS_TABLE}, -1, :open, :close, '…', :words)
    FROM {FTS_TABLE}
    JOIN meeting_notes n ON n.id = {FTS_TABLE}.rowid
    JOIN meetings m ON m.id = n.meeting_id
    JOIN contacts c ON c.id = m.contact_id
    WHERE {FTS_TABLE} MATCH :query
    ORDER BY {FTS_TABLE}.rank, m.starts_at DESC
    LIMIT :limit
    """
)

MAX_NAME_WORDS = 8


def _names_statement(word_count: int) -> Any:
    """Meetings with people whose folded name holds every word (a LIKE per word, any order)."""
    likes = " AND ".join(f"folded LIKE :w{i} ESCAPE '\\'" for i in range(word_count))
    return text(
        f"""
        SELECT m.id, m.contact_id, c.first_name, c.last_name, m.starts_at, m.timezone,
               substr(coalesce(n.their_present, ''), 1, 300),
               substr(coalesce(n.free_notes, ''), 1, 300)
        FROM contacts c
        JOIN meetings m ON m.contact_id = c.id
        LEFT JOIN meeting_notes n ON n.meeting_id = m.id
        WHERE c.id IN (
            SELECT id FROM (
                SELECT id, {_FOLD_FUNCTION}(first_name || ' ' || last_name) AS folded
                FROM contacts
            ) WHERE {likes}
        )
        ORDER BY m.starts_at DESC
        LIMIT :limit
        """
    )


def _like_word(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ArchiveSearch:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        query = query[:MAX_QUERY_CHARS]
        words = [fold(w) for w in query.replace('"', " ").split()]
        match = quote_match_query(query)
        if not words or not match or limit <= 0:
            return []
        with self._context.sessions() as session:
            hits = self._by_name(session, words, limit)
            seen = {hit.meeting_id for hit in hits}
            try:
                rows = session.execute(
                    _SEARCH_NOTES,
                    {
                        "open": _OPEN,
                        "close": _CLOSE,
                        "words": SNIPPET_WORDS,
                        "query": match,
                        "limit": limit,
                    },
                ).all()
            except OperationalError:
                # Quoting leaves no FTS5 syntax, so this is a damaged index: search names only.
                rows = []
            for mid, cid, first, last, starts, zone, marked in rows:
                if mid in seen:
                    continue
                snippet, spans = split_marked(_flat(marked or ""))
                hits.append(self._hit(mid, cid, first, last, starts, zone, snippet, spans))
            return hits[:limit]

    def _by_name(self, session: Session, words: list[str], limit: int) -> list[SearchHit]:
        connection = session.connection().connection.driver_connection
        # Accent-insensitive name matching runs fold() inside SQLite, on this connection only.
        connection.create_function(_FOLD_FUNCTION, 1, _fold_or_empty, deterministic=True)  # type: ignore[union-attr]
        words = list(dict.fromkeys(words))[:MAX_NAME_WORDS]
        values: dict[str, Any] = {f"w{i}": _like_word(w) for i, w in enumerate(words)}
        values["limit"] = limit
        rows = session.execute(_names_statement(len(words)), values).all()
        hits: list[SearchHit] = []
        for mid, cid, first, last, starts, zone, present, free in rows:
            snippet = _flat(present or free or "")
            hits.append(
                self._hit(mid, cid, first, last, starts, zone, snippet, (), name_matched=True)
            )
        return hits

    @staticmethod
    def _hit(
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
        moment = from_db(starts) if not isinstance(starts, str) else _parse(starts)
        return SearchHit(
            meeting_id=int(mid),
            contact_id=int(cid),
            contact_name=display_name(first, last) or "Unnamed contact",
            date=moment.astimezone(local_zone(zone)).date(),
            snippet=snippet,
            highlights=spans,
            name_matched=name_matched,
        )


def _parse(value: str) -> datetime:
    return from_db(datetime.fromisoformat(value))


def _fold_or_empty(value: object) -> str:
    return fold(value) if isinstance(value, str) else ""
