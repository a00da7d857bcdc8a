"""A Qt model over a list of domain records: the rows, the reset, the headers, the cell lookup.

Each list in the app specialises one of these with what its cells show (`cell`) and, for a
table, its column titles (`HEADERS`); the row bookkeeping Qt asks for lives here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from chatplanner.ui.literal_text import literal

Index = QModelIndex | QPersistentModelIndex
RecordT = TypeVar("RecordT")

# The mixin sits before the Qt class so its methods are the ones Qt calls; type checkers are
# told what it is mixed into.
if TYPE_CHECKING:
    _Model = QAbstractItemModel
else:

    class _Model:
        pass


class _RecordRows(_Model, Generic[RecordT]):
    _rows: list[RecordT]

    def _start_rows(self) -> None:
        self._rows = []

    def set_rows(self, rows: Iterable[RecordT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def shown_count(self) -> int:
        """How many rows the view shows (a model that filters says fewer)."""
        return len(self._rows)

    def record_at(self, row: int) -> RecordT:
        """The record the view shows at this row."""
        return self._rows[row]

    def record_or_none(self, row: int) -> RecordT | None:
        return self.record_at(row) if 0 <= row < self.shown_count() else None

    def first_row(self, matches: Callable[[RecordT], bool]) -> int | None:
        for position in range(self.shown_count()):
            if matches(self.record_at(position)):
                return position
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.shown_count()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        value = self.cell(self.record_at(index.row()), index, role)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and value:
            # Qt guesses at rich text in tooltips; `cell` gives plain text, shown as written.
            return literal(value)
        return value

    def cell(self, record: RecordT, index: Index, role: int) -> object:
        """What the cell at `index` (showing `record`) holds for `role`; None for nothing."""
        return None


class RecordListModel(_RecordRows[RecordT], QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start_rows()


class RecordTableModel(_RecordRows[RecordT], QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start_rows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
