"""The user's venues as a table: name, kind, how quiet, visits, what is known, distance."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt

from chatplanner.domain.places import format_distance
from chatplanner.domain.venues import QUIETNESS_WORDS, VenueRecord
from chatplanner.ui.widgets.record_table_model import Index, RecordTableModel

NAME, KIND, QUIET, VISITS, KNOWN, DISTANCE = range(6)
HEADERS = ("Name", "Kind", "How quiet", "Visits", "You know", "From your base")
# Sorting uses these (numbers sort as numbers, unknown distances last).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def _quiet_text(level: int) -> str:
    return f"{level} · {QUIETNESS_WORDS.get(level, '')}".rstrip(" ·")


def _known_text(record: VenueRecord) -> str:
    known = record.known_things
    return ", ".join(word.capitalize() if i == 0 else word for i, word in enumerate(known)) or "—"


class VenueTableModel(RecordTableModel[VenueRecord]):
    HEADERS = HEADERS

    def row_of(self, venue_id: int) -> int | None:
        return self.first_row(lambda record: record.id == venue_id)

    def cell(self, record: VenueRecord, index: Index, role: int) -> object:
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == SORT_ROLE:
            return self._sort_key(record, column)
        if role == ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VISITS, DISTANCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(record: VenueRecord, column: int) -> str:
        if column == NAME:
            return record.name
        if column == KIND:
            return record.kind.label
        if column == QUIET:
            return _quiet_text(record.quietness)
        if column == VISITS:
            return str(record.visit_count) if record.visit_count else "—"
        if column == KNOWN:
            return _known_text(record)
        if column == DISTANCE:
            if record.distance_km is not None:
                return format_distance(record.distance_km)
            return "no location" if record.point is None else "—"
        return ""

    @staticmethod
    def _sort_key(record: VenueRecord, column: int) -> object:
        if column == NAME:
            return record.name.casefold()
        if column == KIND:
            return record.kind.label
        if column == QUIET:
            return record.quietness
        if column == VISITS:
            return record.visit_count
        if column == KNOWN:
            return len(record.known_things)
        if column == DISTANCE:
            return record.distance_km if record.distance_km is not None else float("inf")
        return None

    @staticmethod
    def _tooltip(record: VenueRecord, column: int) -> str | None:
        if column == NAME:
            lines = [record.name]
            if record.address or record.city:
                lines.append(", ".join(p for p in (record.address, record.city) if p))
            if record.notes:
                lines.append(record.notes[:300])
            # Tool tips guess at rich text: user text is escaped and the whole marked as rich.
            return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
        if column == VISITS and record.last_visit is not None:
            return f"Last visit: {record.last_visit:%d %b %Y}"
        return None
