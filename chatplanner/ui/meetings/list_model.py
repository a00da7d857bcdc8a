"""The meetings list: upcoming chats first (soonest first), then past ones (latest first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from chatplanner.domain.clock import UTC_ZONE
from chatplanner.services.meeting_records import MeetingSummary
from chatplanner.ui.literal_text import literal
from chatplanner.ui.meetings.formatting import STATUS_LABELS, progress_text, when_text

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def ordered_rows(
    meetings: Sequence[MeetingSummary], now: datetime
) -> list[tuple[str, list[MeetingSummary]]]:
    upcoming = sorted((m for m in meetings if m.is_upcoming(now)), key=lambda m: m.starts_at)
    past = sorted(
        (m for m in meetings if not m.is_upcoming(now)), key=lambda m: m.starts_at, reverse=True
    )
    return [(title, rows) for title, rows in (("Upcoming", upcoming), ("Past", past)) if rows]


class MeetingListModel(QAbstractListModel):
    """Section headers (plain strings) and meetings, in the order the list shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary | str] = []
        self._positions: dict[int, int] = {}
        self._now: datetime | None = None
        self._zone = UTC_ZONE

    def set_rows(
        self, meetings: Sequence[MeetingSummary], now: datetime, zone: ZoneInfo | None = None
    ) -> None:
        sections = dict(ordered_rows(meetings, now))
        upcoming, past = sections.get("Upcoming", []), sections.get("Past", [])
        self.set_sections(upcoming, past, len(upcoming), len(past), now, zone)

    def set_sections(
        self,
        upcoming: Sequence[MeetingSummary],
        past: Sequence[MeetingSummary],
        upcoming_count: int,
        past_count: int,
        now: datetime,
        zone: ZoneInfo | None = None,
    ) -> None:
        """Show the given rows under headers counting `upcoming_count` and `past_count` chats.

        The counts may be larger than the rows given: the first screen of a long list.
        `zone` is the user's: "Today" and "your time" are theirs."""
        rows: list[MeetingSummary | str] = []
        for title, group, count in (
            ("Upcoming", upcoming, upcoming_count),
            ("Past", past, past_count),
        ):
            if count:
                rows.append(f"{title} · {count:,}")
                rows.extend(group)
        self.beginResetModel()
        self._now = now
        if zone is not None:
            self._zone = zone
        self._rows = rows
        self._positions = {
            row.id: number for number, row in enumerate(rows) if not isinstance(row, str)
        }
        self.endResetModel()

    def update_summary(self, summary: MeetingSummary) -> MeetingSummary | None:
        """Refresh one row in place (progress, status) without losing the selection.

        Returns the summary it replaced, or None when the meeting is not listed."""
        number = self._positions.get(summary.id)
        if number is None:
            return None
        before = self._rows[number]
        self._rows[number] = summary
        index = self.index(number)
        self.dataChanged.emit(index, index)
        return before if isinstance(before, MeetingSummary) else None

    def row_of(self, meeting_id: int) -> int:
        return self._positions.get(meeting_id, -1)

    def meeting_ids(self) -> list[int]:
        return [row.id for row in self._rows if not isinstance(row, str)]

    def first_meeting_id(self) -> int | None:
        return next((row.id for row in self._rows if not isinstance(row, str)), None)

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], str)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: PLR0911 - one return per role the list delegate reads
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        if isinstance(summary, str):
            return summary if role in (HEADER_ROLE, Qt.ItemDataRole.DisplayRole) else None
        if role == HEADER_ROLE:
            return None
        if role == SUMMARY_ROLE:
            return summary
        if role == MEETING_ID_ROLE:
            return summary.id
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.contact_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(
                f"{summary.contact_name}\n{when_text(summary, self._zone, self._now)} · {summary.where}\n"
                f"{STATUS_LABELS[summary.status]} · checklist "
                f"{summary.checklist_done} of {summary.checklist_total} done"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{summary.contact_name}, {when_text(summary, self._zone, self._now)}, {summary.where}, "
                f"{STATUS_LABELS[summary.status]}, checklist "
                f"{progress_text(summary.checklist_done, summary.checklist_total)}"
            )
        return None

    def when(self, summary: MeetingSummary) -> str:
        return when_text(summary, self._zone, self._now)
