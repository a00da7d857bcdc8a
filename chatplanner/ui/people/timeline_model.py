"""The timeline of one contact as a list model: newest first, one entry per line pair."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from chatplanner.domain.clock import UTC_ZONE
from chatplanner.domain.contacts import TimelineEntry
from chatplanner.domain.moments import medium_date
from chatplanner.ui.icons import icon

MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_ICONS = {
    "message": "mail",
    "reply": "mail",
    "stage": "chevron-right",
    "meeting": "meetings",
    "note": "note",
    "follow_up": "check",  # done
    "follow_up_due": "clock",  # still to do
    "thank_you": "star",
}

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[TimelineEntry] = []
        self.zone = UTC_ZONE  # the user's, set by the page

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = medium_date(entry.at.astimezone(self.zone).date())
            text = f"{entry.title}  ·  {when}"
            return f"{text}\n{entry.detail}" if entry.detail else text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(_ICONS.get(entry.kind, "info"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Double-click to open the chat" if entry.meeting_id else None
        if role == MEETING_ID_ROLE:
            return entry.meeting_id
        return None
