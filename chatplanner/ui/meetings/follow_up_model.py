"""The follow-ups of one chat as an editable table: who, what, by when, done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from chatplanner.domain.enums import FollowUpOwner
from chatplanner.services.meeting_records import FollowUpEntry
from chatplanner.ui.meetings.formatting import day_text
from chatplanner.ui.widgets.record_table_model import Index, RecordTableModel

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

WHO, WHAT, DUE, DONE = range(4)
HEADERS = ("Who", "What", "By when", "Done")
OWNER_LABELS = {FollowUpOwner.ME: "Me", FollowUpOwner.THEM: "Them"}


class FollowUpModel(RecordTableModel[FollowUpEntry]):
    """Edits go to `edited(before, after)`, which records them for undo and saves them."""

    HEADERS = HEADERS

    def __init__(
        self,
        edited: Callable[[FollowUpEntry, FollowUpEntry], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._edited = edited
        self.today: date | None = None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def cell(self, entry: FollowUpEntry, index: Index, role: int) -> object:  # noqa: PLR0911 - one return per column and role of the table
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHO:
                return OWNER_LABELS[entry.owner]
            if column == WHAT:
                return entry.text
            if column == DUE:
                return day_text(entry.due_on, self.today) if entry.due_on else "No date"
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column == WHO:
                return OWNER_LABELS[entry.owner]
            if column == WHAT:
                return entry.text
            if column == DUE:
                day = entry.due_on or self.today
                return None if day is None else QDate(day.year, day.month, day.day)
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE:
            return Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == WHAT:
            return entry.text
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        before = self.record_at(index.row())
        column = index.column()
        after = before
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE:
            done = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            after = replace(before, done=done)
        elif role == Qt.ItemDataRole.EditRole and column == WHO:
            owner = FollowUpOwner.THEM if str(value) == "Them" else FollowUpOwner.ME
            after = replace(before, owner=owner)
        elif role == Qt.ItemDataRole.EditRole and column == WHAT:
            text = " ".join(str(value).split())
            if not text:
                return False
            after = replace(before, text=text)
        elif role == Qt.ItemDataRole.EditRole and column == DUE and isinstance(value, QDate):
            after = replace(before, due_on=date(value.year(), value.month(), value.day()))
        if after == before:
            return False
        self._edited(before, after)
        return True


class OwnerDelegate(QStyledItemDelegate):
    """A Me / Them choice for the "Who" column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(list(OWNER_LABELS.values()))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
