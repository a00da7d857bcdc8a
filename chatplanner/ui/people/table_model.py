"""The People table: every contact summary, sorted and filtered on the model side.

Built for 30,000 rows: sort keys are computed once per column, filtering is a substring scan
over a list of pre-folded strings, and typing more letters only rescans the rows still shown.
A row's cell texts are made the first time it is painted and kept until the rows change, so a
repaint (every key typed in the search box) reads prepared strings rather than formatting again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from chatplanner.domain.clock import UTC_ZONE
from chatplanner.domain.contacts import ContactSummary
from chatplanner.domain.enums import ContactKind, Goal, Stage
from chatplanner.domain.moments import medium_date
from chatplanner.domain.text import fold
from chatplanner.services.contact_search import search_words
from chatplanner.ui.people.prepared_rows import (
    PreparedRows,
    name_keys,
    order_by_name,
    prepare_rows,
)
from chatplanner.ui.widgets.record_table_model import Index, RecordTableModel

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

NAME, COMPANY, TITLE, CITY, KIND, STAGE, LAST_CONTACT = range(7)
HEADERS = ("Name", "Company", "Title", "City", "Kind", "Stage", "Last contact")
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

_KIND_ORDER = {kind: i for i, kind in enumerate(ContactKind)}
_DISPLAY = Qt.ItemDataRole.DisplayRole
# The roles `cell` answers; a view asks each cell for a dozen, most of them answered by nothing.
_ANSWERED = frozenset(
    {
        _DISPLAY,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        CONTACT_ID_ROLE,
        SUMMARY_ROLE,
    }
)
_FOUND_KEPT = 32  # searches whose results are kept (a few typed queries' prefixes)
_FEW_WANTED = 8  # rows looked for one at a time rather than in one pass over those shown
_STAGE_ORDER = {stage: i for i, stage in enumerate(Stage)}
NO_GOAL = "none"  # the goal filter's value for "no goal set"


@dataclass(frozen=True)
class PeopleFilter:
    """What the filter bar asks for. None means "any"."""

    text: str = ""
    kind: ContactKind | None = None
    group_id: int | None = None
    stage: Stage | None = None
    goal: Goal | str | None = None  # a Goal, NO_GOAL, or None for any
    show_archived: bool = False
    words: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", search_words(self.text))

    def same_rows_as(self, other: PeopleFilter) -> bool:
        """True when only the text differs."""
        return (self.kind, self.group_id, self.stage, self.goal, self.show_archived) == (
            other.kind,
            other.group_id,
            other.stage,
            other.goal,
            other.show_archived,
        )


def format_last_contact(moment: datetime | None, zone: ZoneInfo) -> str:
    """ "3 Mar 2026": the day in the user's zone."""
    if moment is None:
        return ""
    return medium_date(moment.astimezone(zone).date())


class PeopleTableModel(RecordTableModel[ContactSummary]):
    HEADERS = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._texts: list[str] = []
        self._archived: list[bool] = []
        # Each row's cell texts, made when the row is first painted (None until then).
        self._cells: list[tuple[str, ...] | None] = []
        self._zone = UTC_ZONE
        self._row_of_id: dict[int, int] = {}
        self._sort_keys: dict[int, list[Any]] = {}
        self._sort_column = NAME
        self._descending = False
        self._order: list[int] = []  # row numbers in sort order
        self._base: list[int] = []  # _order with the non-text filters applied
        self._visible: list[int] = []  # what the view shows
        # Where rows asked about are in _visible (None: not shown), for the list they were
        # looked for in.
        self._positions_in: list[int] | None = None
        self._positions: dict[int, int | None] = {}
        self._filter = PeopleFilter()
        # What each recent search found in _base: typing back over a query (Backspace) finds
        # again what typing it found, without scanning everyone again.
        self._found: dict[tuple[str, ...], list[int]] = {}
        self._active_count = 0  # people not archived
        self._by_name: tuple[list[int], int] | None = None

    @property
    def zone(self) -> ZoneInfo:
        """The user's zone, set by the page: last contact days are theirs."""
        return self._zone

    @zone.setter
    def zone(self, zone: ZoneInfo) -> None:
        self._zone = zone
        self._cells = [None] * len(self._rows)

    # Qt model interface -----------------------------------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY) -> object:
        # A view asks for every painted cell's text and a dozen roles each time it paints.
        if role == _DISPLAY and index.isValid():
            return self.texts_at(index.row())[index.column()]
        if role not in _ANSWERED:
            return None
        return super().data(index, role)

    def texts_at(self, position: int) -> tuple[str, ...]:
        """The cell texts of the row shown at `position`, one per column."""
        row = self._visible[position]
        cells = self._cells[row]
        if cells is None:
            cells = self._cells[row] = self._cell_texts(self._rows[row])
        return cells

    def archived_at(self, position: int) -> bool:
        return self._archived[self._visible[position]]

    def shown_count(self) -> int:
        return len(self._visible)

    def record_at(self, row: int) -> ContactSummary:
        return self._rows[self._visible[row]]

    def cell(self, summary: ContactSummary, index: Index, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == KIND and summary.kind.is_business_only:
                return "Recruiter: a business relationship. Keep it professional."
            text = self._display(summary, index.column())
            return text if len(text) > 30 else None
        if role == CONTACT_ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.ForegroundRole and summary.archived:
            return archived_text_color()
        return None

    def _cell_texts(self, summary: ContactSummary) -> tuple[str, ...]:
        return tuple(self._display(summary, column) for column in range(len(HEADERS)))

    def _display(self, summary: ContactSummary, column: int) -> str:
        if column == NAME:
            name = summary.display_name
            return f"{name} (archived)" if summary.archived else name
        if column == COMPANY:
            return summary.company or ""
        if column == TITLE:
            return summary.title or ""
        if column == CITY:
            return summary.city or ""
        if column == KIND:
            return summary.kind.label
        if column == STAGE:
            return summary.stage.label
        return format_last_contact(summary.last_contact_at, self.zone)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()
        self._order = self._sorted()
        self._set_base(self._apply_row_filters(self._order))
        self._visible = self._scan(self._base, self._filter.words)
        self.endResetModel()

    # Data -----------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[ContactSummary] | PreparedRows) -> None:
        """Show these rows. Rows prepared by `prepare_rows` (in a worker thread) are shown
        without deriving their sort keys and search texts again here."""
        prepared = rows if isinstance(rows, PreparedRows) else prepare_rows(rows)
        self.beginResetModel()
        self._install(prepared)
        self._order = self._sorted()
        self._set_base(self._apply_row_filters(self._order))
        self._visible = self._scan(self._base, self._filter.words)
        self.endResetModel()

    def update_rows(self, summaries: Iterable[ContactSummary]) -> None:
        """Replace or add these contacts' rows (after an edit, an undo or a bulk change)."""
        changed = False
        for summary in summaries:
            row = self._row_of_id.get(summary.id)
            if row is None:
                self._rows.append(summary)
            else:
                self._rows[row] = summary
            changed = True
        if changed:
            self.set_rows(self._rows)

    def remove_ids(self, contact_ids: Iterable[int]) -> None:
        gone = set(contact_ids)
        if gone & self._row_of_id.keys():
            self.set_rows([s for s in self._rows if s.id not in gone])

    def set_filter(self, new: PeopleFilter) -> None:
        old = self._filter
        self._filter = new
        matched: tuple[str, ...] = ()  # words every candidate is known to hold
        if not new.same_rows_as(old):
            self._set_base(self._apply_row_filters(self._order))
            candidates = self._base
        elif new.words[: len(old.words)] == old.words or _narrows(old.words, new.words):
            # Typing on: the rows that matched before are the only ones that can match now.
            candidates, matched = self._visible, old.words
        else:
            candidates = self._base
        visible = self._found.get(new.words)
        if visible is None:
            # A word inside one the candidates hold needs no second look ("product ma" after
            # "product m" scans for "ma" alone).
            words = tuple(w for w in new.words if not any(w in m for m in matched))
            visible = self._scan(candidates, words)
            if len(self._found) >= _FOUND_KEPT:
                self._found.clear()
            self._found[new.words] = visible
        if visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()

    def total_count(self, include_archived: bool = False) -> int:
        if include_archived:
            return len(self._rows)
        return self._active_count

    def summary_of(self, contact_id: int) -> ContactSummary | None:
        row = self._row_of_id.get(contact_id)
        return None if row is None else self._rows[row]

    def visible_row_of(self, contact_id: int) -> int | None:
        row = self._row_of_id.get(contact_id)
        return None if row is None else self._position_of(row)

    def _position_of(self, row: int) -> int | None:
        """Where `row` is shown, or None: one search of the shown rows for each row asked
        about, kept until they change (a key typed asks about the same few people often)."""
        if self._positions_in is not self._visible:
            self._positions_in, self._positions = self._visible, {}
        if row in self._positions:
            return self._positions[row]
        try:
            position: int | None = self._visible.index(row)
        except ValueError:
            position = None
        self._positions[row] = position
        return position

    def visible_rows_of(self, contact_ids: Iterable[int]) -> list[int]:
        wanted = {self._row_of_id[i] for i in contact_ids if i in self._row_of_id}
        if not wanted:
            return []
        if len(wanted) <= _FEW_WANTED:
            # A few people (the selection kept through every key typed in the search box):
            # one quick search of the shown rows each, not a Python pass over all of them.
            found = [self._position_of(row) for row in wanted]
            return sorted(position for position in found if position is not None)
        return [position for position, row in enumerate(self._visible) if row in wanted]

    # Internals ----------------------------------------------------------------------------------
    def _set_base(self, base: list[int]) -> None:
        self._base = base
        self._found = {}  # found in the old base

    def _install(self, prepared: PreparedRows) -> None:
        self._rows = prepared.rows
        # The name keys only ordered the rows (by_name): made again if sorting asks for them.
        self._sort_keys = {}
        self._by_name = prepared.by_name
        self._texts = prepared.texts
        self._archived = prepared.archived
        self._cells = [None] * len(self._rows)
        self._active_count = self._archived.count(False)
        self._row_of_id = prepared.row_of_id

    def _keys(self, column: int) -> list[Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = self._compute_keys(column)
        return keys

    def _compute_keys(self, column: int) -> list[Any]:
        rows = self._rows
        if column == NAME:
            return name_keys(rows)
        if column in (COMPANY, TITLE, CITY):
            attribute = {COMPANY: "company", TITLE: "title", CITY: "city"}[column]
            memo: dict[str, str] = {}
            keys: list[Any] = []
            for s in rows:
                value = getattr(s, attribute)
                if value:
                    key = memo.get(value)
                    if key is None:
                        key = memo[value] = fold(value)
                    keys.append(key)
                else:
                    keys.append(None)
            return keys
        if column == KIND:
            return [_KIND_ORDER[s.kind] for s in rows]
        if column == STAGE:
            return [_STAGE_ORDER[s.stage] for s in rows]
        return [s.last_contact_at.timestamp() if s.last_contact_at else None for s in rows]

    def _name_order(self) -> tuple[list[int], int]:
        """Rows by name (nameless last), and how many have a name; kept until the rows change."""
        if self._by_name is None:
            self._by_name = order_by_name(self._keys(NAME))
        return self._by_name

    def _sorted(self) -> list[int]:
        # Name first, so people with the same company (or kind, ...) stay in name order.
        by_name, named_count = self._name_order()
        named = by_name[:named_count]
        if self._sort_column == NAME:
            present, missing = named, by_name[len(named) :]
        else:
            keys = self._keys(self._sort_column)
            present = [i for i in by_name if keys[i] is not None]
            missing = [i for i in by_name if keys[i] is None]
            present.sort(key=keys.__getitem__)
        if self._descending:
            present = _reversed_stable(present, self._keys(self._sort_column))
        # Empty values stay at the bottom whichever way the column is sorted.
        return present + missing

    def archived_would_show(self) -> bool:
        """Whether archived people, were they shown, would match the filter: what a table that
        shows nobody tells the user to tick Archived for."""
        if self._filter.show_archived:
            return False
        archived = self._archived
        hidden = [i for i in self._order if archived[i]]
        wider = replace(self._filter, show_archived=True)
        return bool(hidden) and bool(
            self._scan(self._apply_row_filters(hidden, wider), wider.words)
        )

    def filtering(self) -> bool:
        """Whether a search or a filter (other than Archived) narrows the list."""
        f = self._filter
        return bool(f.words) or any(
            value is not None for value in (f.kind, f.group_id, f.stage, f.goal)
        )

    def _apply_row_filters(self, order: list[int], f: PeopleFilter | None = None) -> list[int]:
        f = self._filter if f is None else f
        if not f.show_archived:
            # The filter every opening applies: one plain pass over a list of flags.
            archived = self._archived
            order = [i for i in order if not archived[i]]
        checks: list[Callable[[ContactSummary], bool]] = []
        if f.kind is not None:
            kind = f.kind
            checks.append(lambda s: s.kind is kind)
        if f.stage is not None:
            stage = f.stage
            checks.append(lambda s: s.stage is stage)
        if f.group_id is not None:
            group_id = f.group_id
            checks.append(lambda s: group_id in s.group_ids)
        if f.goal == NO_GOAL:
            checks.append(lambda s: s.goal is None)
        elif f.goal is not None:
            goal = f.goal
            checks.append(lambda s: s.goal is goal)
        if not checks:
            return order
        rows = self._rows
        return [i for i in order if all(check(rows[i]) for check in checks)]

    def _scan(self, candidates: list[int], words: tuple[str, ...]) -> list[int]:
        if not words:
            return candidates
        texts = self._texts
        # One plain comprehension per word: each pass scans only what the last one kept.
        for word in words:
            candidates = [i for i in candidates if word in texts[i]]
        return candidates


def archived_text_color() -> QColor:
    """The colour of an archived person's row: the theme's faint text."""
    from PySide6.QtGui import QColor

    from chatplanner.ui.theme import current_palette_colors

    return QColor(current_palette_colors().faint)


def _narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """True when whatever matches `new` also matches `old` (each old word inside a new word)."""
    return bool(old) and all(any(o in n for n in new) for o in old)


def _reversed_stable(order: list[int], keys: list[Any]) -> list[int]:
    """Descending by key, equal keys kept in their ascending (name) order."""
    groups: list[list[int]] = []
    previous: object = object()
    for i in order:
        key = keys[i]
        if not groups or key != previous:
            groups.append([])
            previous = key
        groups[-1].append(i)
    return [i for group in reversed(groups) for i in group]
