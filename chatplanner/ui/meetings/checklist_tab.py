"""The checklist of one chat: Before, During and After, with progress at a glance."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QProgressBar,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.checklist import PHASE_ORDER, PHASE_TITLES
from chatplanner.domain.enums import ChecklistPhase
from chatplanner.services.meeting_records import ChecklistEntry
from chatplanner.ui.literal_text import literal

_Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecklistPhaseModel(QAbstractListModel):
    """The items of one phase; checking one asks `toggle` (which records it for undo)."""

    def __init__(self, toggle: Callable[[ChecklistEntry], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._toggle = toggle
        self._items: list[ChecklistEntry] = []

    def set_rows(self, items: Sequence[ChecklistEntry]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[ChecklistEntry]:
        return list(self._items)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(item.text) if item.text else None
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
        if role == ENTRY_ROLE:
            return item
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        item = self._items[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked != item.done:
            self._toggle(item)
        return True


ROW_HEIGHT = 32


class _RoomyRows(QStyledItemDelegate):
    """Rows tall enough to hit comfortably and read calmly."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), ROW_HEIGHT))


class _PhaseSection(QWidget):
    def __init__(self, phase: ChecklistPhase, owner: ChecklistTab) -> None:
        super().__init__()
        self.phase = phase
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.title = QLabel(PHASE_TITLES[phase])
        self.title.setProperty("role", "heading")
        top.addWidget(self.title)
        top.addStretch(1)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        top.addWidget(self.count)
        layout.addLayout(top)

        self.model = ChecklistPhaseModel(owner.toggle_requested.emit, self)
        self.view = QListView()
        self.view.setObjectName(f"checklist-{phase.value}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(_RoomyRows(self.view))
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(lambda pos: owner.item_menu(self, pos))
        self.view.setAccessibleName(f"{PHASE_TITLES[phase]} checklist")
        for keys, handler in (
            (QKeySequence.StandardKey.Delete, lambda: owner.remove_selected(self)),
            (QKeySequence("Alt+Up"), lambda: owner.move_selected(self, -1)),
            (QKeySequence("Alt+Down"), lambda: owner.move_selected(self, 1)),
        ):
            action = QAction(self.view)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(handler)
            self.view.addAction(action)
        layout.addWidget(self.view)

        self.add_field = QLineEdit()
        self.add_field.setPlaceholderText(f"Add an item to {PHASE_TITLES[phase].lower()}…")
        self.add_field.setAccessibleName(f"New {PHASE_TITLES[phase]} item")
        self.add_field.returnPressed.connect(lambda: owner.add_from(self))
        layout.addWidget(self.add_field)

    def show_items(self, items: Sequence[ChecklistEntry]) -> None:
        selected = self.selected()
        self.model.set_rows(items)
        done = sum(1 for i in items if i.done)
        self.count.setText(f"{done} of {len(items)} done" if items else "No items")
        rows = max(1, len(items))
        self.view.setFixedHeight(rows * ROW_HEIGHT + 2 * self.view.frameWidth() + 8)
        if selected is not None:
            for row, item in enumerate(items):
                if item.id == selected.id:
                    self.view.setCurrentIndex(self.model.index(row))
                    break

    def selected(self) -> ChecklistEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        entry = index.data(ENTRY_ROLE)
        return entry if isinstance(entry, ChecklistEntry) else None


class ChecklistTab(QScrollArea):
    """Requests go out as signals; the meeting view turns them into undoable commands."""

    toggle_requested = Signal(object)  # ChecklistEntry
    add_requested = Signal(object, str)  # ChecklistPhase, text
    remove_requested = Signal(object)  # ChecklistEntry
    reorder_requested = Signal(object, list, list)  # phase, ids before, ids after

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 14, 12, 14)
        layout.setSpacing(18)

        summary = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Checklist progress")
        summary.addWidget(self.progress, 1)
        self.progress_label = QLabel()
        self.progress_label.setProperty("role", "muted")
        summary.addWidget(self.progress_label)
        layout.addLayout(summary)

        self.sections = {phase: _PhaseSection(phase, self) for phase in PHASE_ORDER}
        for section in self.sections.values():
            layout.addWidget(section)
        hint = QLabel(
            "Items added or removed here change this chat only. Select an item and press "
            "Delete to remove it, or Alt+Up / Alt+Down to move it."
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.setWidget(inner)

    def show_checklist(self, items: Sequence[ChecklistEntry]) -> None:
        for phase, section in self.sections.items():
            section.show_items([i for i in items if i.phase is phase])
        done = sum(1 for i in items if i.done)
        self.progress.setMaximum(max(1, len(items)))
        self.progress.setValue(done)
        self.progress_label.setText(
            f"{done} of {len(items)} done" if items else "No checklist items yet"
        )

    # Requests from the sections -----------------------------------------------------------------
    def add_from(self, section: _PhaseSection) -> None:
        text = section.add_field.text().strip()
        if text:
            section.add_field.clear()
            self.add_requested.emit(section.phase, text)

    def remove_selected(self, section: _PhaseSection) -> None:
        entry = section.selected()
        if entry is not None:
            self.remove_requested.emit(entry)

    def move_selected(self, section: _PhaseSection, step: int) -> None:
        entry = section.selected()
        if entry is None:
            return
        before = [i.id for i in section.model.items()]
        row = before.index(entry.id)
        target = row + step
        if not 0 <= target < len(before):
            return
        after = list(before)
        after[row], after[target] = after[target], after[row]
        self.reorder_requested.emit(section.phase, before, after)

    def item_menu(self, section: _PhaseSection, position: QPoint) -> None:
        if section.selected() is None:
            return
        menu = QMenu(self)
        menu.addAction("Move up", lambda: self.move_selected(section, -1))
        menu.addAction("Move down", lambda: self.move_selected(section, 1))
        menu.addSeparator()
        menu.addAction("Remove item", lambda: self.remove_selected(section))
        menu.exec(section.view.viewport().mapToGlobal(position))
