"""Manage groups: create, rename, merge and delete clubs, associations and online groups."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.contacts import GroupInfo
from chatplanner.errors import ChatplannerError
from chatplanner.services.groups import GroupService
from chatplanner.ui.literal_text import literal
from chatplanner.ui.people.name_prompt import ask_for_name

Index = QModelIndex | QPersistentModelIndex


class GroupListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._groups: list[GroupInfo] = []

    def set_groups(self, groups: Sequence[GroupInfo]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group(self, row: int) -> GroupInfo:
        return self._groups[row]

    def row_of(self, group_id: int) -> int | None:
        for row, group in enumerate(self._groups):
            if group.id == group_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            people = "person" if group.member_count == 1 else "people"
            return f"{group.name}  ·  {group.member_count} {people}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal(group.kind.label)
        return None


class GroupManagerDialog(QDialog):
    groups_changed = Signal()

    def __init__(self, groups: GroupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Groups")
        self.resize(640, 420)
        self._service = groups
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Clubs, associations, licence chapters and online groups where you meet people. "
            "A person can belong to many."
        )
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        lists = QHBoxLayout()
        self.model = GroupListModel()
        self.view = QListView()
        self.view.setAccessibleName("Groups")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.selectionModel().currentChanged.connect(self._show_members)
        lists.addWidget(self.view, 3)
        members_box = QVBoxLayout()
        self.members_title = QLabel("Members")
        self.members_title.setProperty("role", "heading")
        self.members_title.setTextFormat(Qt.TextFormat.PlainText)
        members_box.addWidget(self.members_title)
        self.members_model = QStringListModel()
        self.members_view = QListView()
        self.members_view.setAccessibleName("Members of the group")
        self.members_view.setModel(self.members_model)
        self.members_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        members_box.addWidget(self.members_view, 1)
        lists.addLayout(members_box, 2)
        layout.addLayout(lists, 1)

        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        actions = QHBoxLayout()
        self.new_button = QPushButton("New group…")
        self.rename_button = QPushButton("Rename…")
        self.merge_button = QPushButton("Merge into…")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setProperty("role", "danger")
        for button, slot in (
            (self.new_button, self.create_group),
            (self.rename_button, self.rename_group),
            (self.merge_button, self.merge_group),
            (self.delete_button, self.delete_group),
        ):
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions.addWidget(close)
        layout.addLayout(actions)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_list()  # measured in the font the window is shown in
        super().showEvent(event)

    def _fit_list(self) -> None:
        """The list of groups as wide as its longest line ("Newcomer Engineers Network · 0
        people" was cut, a scroll bar under it): the members beside it give up the room."""
        view = self.view
        widest = view.sizeHintForColumn(0) if self.model.rowCount() else 0
        extra = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 8
        most = 60 * view.fontMetrics().averageCharWidth()  # a name of a whole sentence is cut
        view.setMinimumWidth(min(widest + extra, most))

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_group()
        self.model.set_groups(self._service.list())
        self._fit_list()
        wanted = select_id if select_id is not None else (current.id if current else None)
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row))
        else:
            self._show_members(QModelIndex())
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        # Rename, merge and delete act on the chosen group: greyed out while none is chosen.
        chosen = self.current_group() is not None and self.view.selectionModel().hasSelection()
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.model.rowCount() > 1)

    def current_group(self) -> GroupInfo | None:
        index = self.view.currentIndex()
        return self.model.group(index.row()) if index.isValid() else None

    def _show_members(self, index: Index, _previous: Index | None = None) -> None:
        if not index.isValid():
            self.members_title.setText("Members")
            self.members_model.setStringList([])
            return
        group = self.model.group(index.row())
        self.members_title.setText(f"Members of {group.name}")
        try:
            members = self._service.members(group.id)
        except ChatplannerError:
            members = []
        self.members_model.setStringList(
            [f"{m.display_name} · {m.company}" if m.company else m.display_name for m in members]
        )

    def _run(self, work: object) -> bool:
        try:
            work()  # type: ignore[operator]
        except ChatplannerError as error:
            QMessageBox.warning(self, "Groups", literal(str(error)))
            return False
        self.groups_changed.emit()
        return True

    def create_group(self) -> None:
        name, ok = ask_for_name(self, "New group", "Name of the new group:")
        if ok and name.strip():
            created: list[int] = []
            if self._run(lambda: created.append(self._service.create(name).id)):
                self.reload(created[0])

    def rename_group(self) -> None:
        group = self.current_group()
        if group is None:
            return
        name, ok = ask_for_name(self, "Rename group", "New name:", text=group.name)
        if (
            ok
            and name.strip()
            and name != group.name
            and self._run(lambda: self._service.rename(group.id, name))
        ):
            self.reload(group.id)

    def merge_group(self) -> None:
        group = self.current_group()
        if group is None:
            return
        others = [g for g in self._service.list() if g.id != group.id]
        if not others:
            return
        names = [g.name for g in others]
        chosen, ok = QInputDialog.getItem(
            self,
            "Merge groups",
            literal(f"Move the {group.member_count} members of “{group.name}” into:"),
            names,
            0,
            False,
        )
        if not ok or chosen not in names:
            return
        target = others[names.index(chosen)]
        if self._run(lambda: self._service.merge(group.id, target.id)):
            self.reload(target.id)

    def delete_group(self) -> None:
        group = self.current_group()
        if group is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete group",
            literal(
                f"Delete the group “{group.name}”? Its {group.member_count} members stay in your "
                "contacts; only the group goes."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and self._run(
            lambda: self._service.delete(group.id)
        ):
            self.reload()
