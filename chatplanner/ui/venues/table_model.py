"""The user's venues as a table: name, kind, how quiet, visits, what is known, distance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

from chatplanner.domain.moments import medium_date
from chatplanner.domain.places import format_distance
from chatplanner.domain.venue_ranking import CITY_RADIUS_KM
from chatplanner.domain.venues import QUIETNESS_WORDS, VenueRecord
from chatplanner.ui.widgets.record_table_model import Index, RecordTableModel

NAME, KIND, QUIET, VISITS, KNOWN, DISTANCE = range(6)
# Short titles leave the names their room in a 1024 px window; the tooltips say the rest.
HEADERS = ("Name", "Kind", "How quiet", "Visits", "You know", "Distance")
HEADER_TIPS = {5: "How far each venue is from your base"}
# Sorting uses these (numbers sort as numbers, unknown distances last).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
# A column fits the widest of these texts (a few, in case the view measures a hair apart).
WIDEST_CANDIDATES = 3


# A text's width is guessed from its letters' widths added up. Kerning and shaping narrow a
# text more often than widen it (on 5,000 names the guess was at most 0.4 px under): a text
# guessed more than this share and these pixels under the narrowest kept is not measured.
_GUESS_MARGIN = 0.01
_GUESS_PIXELS = 2


def widest_texts(texts: Iterable[str], font: QFont, count: int) -> list[str]:
    """The `count` widest of `texts` as drawn, widest first.

    Measuring a text as drawn costs some 10 µs: 50 ms for 5,000 venues' names when the page
    opens. Each letter is measured once instead, and only the texts whose letters add up to
    near the widest are measured whole."""
    texts = list(texts)
    metrics, letters = QFontMetrics(font), QFontMetricsF(font)
    width_of = {letter: letters.horizontalAdvance(letter) for letter in set("".join(texts))}
    guessed = sorted(((sum(map(width_of.__getitem__, text)), text) for text in texts), reverse=True)
    measured: list[tuple[int, str]] = []
    for guess, text in guessed:
        if len(measured) >= count and guess * (1 + _GUESS_MARGIN) + _GUESS_PIXELS < measured[-1][0]:
            break  # guessed well under the narrowest kept, as are all after it
        measured.append((metrics.horizontalAdvance(text), text))
        measured.sort(key=lambda pair: -pair[0])  # stable: the first of equals stays first
        del measured[count:]
    return [text for _width, text in measured]


def _quiet_text(level: int) -> str:
    return f"{level} · {QUIETNESS_WORDS.get(level, '')}".rstrip(" ·")


def _known_text(record: VenueRecord) -> str:
    known = record.known_things
    return ", ".join(word.capitalize() if i == 0 else word for i, word in enumerate(known)) or "—"


class VenueTableModel(RecordTableModel[VenueRecord]):
    """The venues, sorted here in Python rather than by a sorting proxy: a proxy asks for two
    cells per comparison, some 70,000 calls into Python for 5,000 venues."""

    HEADERS = HEADERS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return super().headerData(section, orientation, role)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._loaded: list[VenueRecord] = []  # as given: ties keep this order, as with Qt
        self._widest: dict[int, list[VenueRecord]] = {}
        self._positions: dict[int, int] | None = None

    def set_rows(self, rows: Iterable[VenueRecord]) -> None:
        self.beginResetModel()
        self._loaded = list(rows)
        self._rows = self._sorted(self._loaded)
        self._widest.clear()
        self._positions = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self._rows[index.row()] for index in before]
        self._rows = self._sorted(self._loaded)
        self._positions = None
        self.changePersistentIndexList(
            before,
            [
                self.index(self._position(record), index.column())
                for record, index in zip(moved, before, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[VenueRecord]) -> list[VenueRecord]:
        column = self._sort_column
        if not 0 <= column < len(HEADERS):
            return list(rows)
        descending = self._sort_order is Qt.SortOrder.DescendingOrder

        # Stable both ways, as Qt sorts: equal keys keep the order they came in. Each column's
        # keys are all of one comparable type (text, or numbers).
        def key(record: VenueRecord) -> Any:
            return self._sort_key(record, column)

        return sorted(rows, key=key, reverse=descending)

    def _position(self, record: VenueRecord) -> int:
        if self._positions is None:
            self._positions = {id(row): number for number, row in enumerate(self._rows)}
        return self._positions[id(record)]

    def row_of(self, venue_id: int) -> int | None:
        return self.first_row(lambda record: record.id == venue_id)

    def widest_indexes(self, column: int, font: QFont) -> list[QModelIndex]:
        """Cells of `column` with its widest texts: fitting a column to its contents measures
        these few rather than every row (thousands of calls into Python each time)."""
        widest = self._widest.get(column)
        if widest is None:
            first_with_text: dict[str, VenueRecord] = {}
            for record in self._rows:
                first_with_text.setdefault(self._display(record, column), record)
            texts = widest_texts(first_with_text, font, WIDEST_CANDIDATES)
            widest = [first_with_text[text] for text in texts]
            self._widest[column] = widest
        return [self.index(self._position(record), column) for record in widest]

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
    def _display(record: VenueRecord, column: int) -> str:  # noqa: PLR0911 - one return per column of the table
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
            if record.distance_km is not None and record.distance_from_city:
                # From a base known only as a city, a distance would be one from its centre.
                return "in your city" if record.distance_km <= CITY_RADIUS_KM else "elsewhere"
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
            return "\n".join(lines)  # shown literally: see RecordTableModel.data
        if column == VISITS and record.last_visit is not None:
            return f"Last visit: {medium_date(record.last_visit)}"
        if column == KNOWN and record.known_things:
            return f"You know: {_known_text(record)}"  # whole, where the column is narrow
        return None
