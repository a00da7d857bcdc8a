"""The People table's selection in contact ids: read it, and put it back after the rows change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from chatplanner.ui.people.table_model import PeopleTableModel


class TableSelection:
    def __init__(self, table: QTableView, model: PeopleTableModel) -> None:
        self._table = table
        self._model = model

    def ids(self) -> list[int]:
        """The selected people, in the order the table shows them."""
        rows = sorted(index.row() for index in self._table.selectionModel().selectedRows())
        return [self._model.record_at(row).id for row in rows]

    def current_id(self) -> int | None:
        index = self._table.currentIndex()
        return self._model.record_at(index.row()).id if index.isValid() else None

    def restore(self, ids: Sequence[int], current: int | None) -> None:
        """Select these people again where they are still shown (after a reload or a filter)."""
        selection = QItemSelection()
        last = self._model.columnCount() - 1
        for row in self._model.visible_rows_of(ids):
            selection.select(self._model.index(row, 0), self._model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        selection_model = self._table.selectionModel()
        current_row = None if current is None else self._model.visible_row_of(current)
        if current_row is not None:
            selection_model.setCurrentIndex(self._model.index(current_row, 0), flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect | flags.Rows)

    def go_to(self, contact_id: int, *, centre: bool = True) -> bool:
        """Select only this person and scroll to them (to the middle, or `centre=False` only as
        far as they show); False when they are not shown."""
        row = self._model.visible_row_of(contact_id)
        if row is None:
            return False
        index = self._model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        self._table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        hint = QAbstractItemView.ScrollHint
        self._table.scrollTo(index, hint.PositionAtCenter if centre else hint.EnsureVisible)
        return True
