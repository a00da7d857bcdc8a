"""People: the whole network in one table, a detail editor beside it, bulk changes and undo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.contacts import ContactDraft, ContactSummary, GroupInfo
from chatplanner.domain.enums import ContactKind, Goal, Stage
from chatplanner.errors import ChatplannerError
from chatplanner.services.contacts import FieldChange, MembershipChange, checked_draft
from chatplanner.services.workspace import Workspace
from chatplanner.ui.icons import icon
from chatplanner.ui.people import confirm
from chatplanner.ui.people.bulk_menus import goal_menu, group_menu, kind_menu
from chatplanner.ui.people.commands import (
    AddContactCommand,
    BulkChangeCommand,
    DeleteContactsCommand,
    PeopleChanges,
    SaveContactCommand,
    SetStageCommand,
)
from chatplanner.ui.people.detail_panel import ContactDetailPanel
from chatplanner.ui.people.filter_bar import PeopleFilterBar
from chatplanner.ui.people.group_manager import GroupManagerDialog
from chatplanner.ui.people.loader import SummaryLoader
from chatplanner.ui.people.table_model import HEADERS, PeopleFilter, PeopleTableModel
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState

# Below this many contacts the list loads at once; above, in a worker thread, with the first
# screen's people read at once so the page opens with them.
BACKGROUND_LOAD_FROM = 3000
FIRST_SCREEN_ROWS = 60
_COLUMN_WIDTHS = (190, 160, 180, 110, 85, 130)
_LOADING, _EMPTY, _CONTENT = range(3)


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class PeoplePage(Page):
    key = "people"
    label = "People"
    icon_name = "people"

    import_requested = Signal(str)  # "linkedin", "vcard", "google", or "" to choose

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("People", "Your network: mentors, peers and recruiters", parent)
        self._contacts = workspace.contacts
        self._groups_service = workspace.groups
        self._undo = undo_stack
        self._groups: list[GroupInfo] = []
        self._fingerprint: object = None
        self._saving = False  # a save from the detail panel is running
        self._load_pending = False  # the whole list loads once the first screen is painted
        self._changes = PeopleChanges(self._rows_changed, self._rows_removed, self._report)
        self.model = PeopleTableModel()
        self.loader = SummaryLoader(self._contacts, self)
        self.loader.loaded.connect(self._rows_loaded)
        self.loader.failed.connect(self._report)

        self._build_header()
        self.stack = QStackedWidget()
        loading = QLabel("Loading your network…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading.setProperty("role", "muted")
        self.stack.addWidget(loading)
        self.empty = EmptyState(
            "people",
            "Bring your network in",
            "Import the connections you already have on LinkedIn (their data export holds "
            "them all), or add the people you want to meet one by one.",
            "Import your LinkedIn connections",
            lambda: self.import_requested.emit("linkedin"),
        )
        self.add_by_hand = QPushButton("Add a person by hand")
        self.add_by_hand.setProperty("role", "flat")
        self.add_by_hand.clicked.connect(self.new_contact)
        empty_layout = self.empty.layout()
        assert isinstance(empty_layout, QVBoxLayout)
        empty_layout.insertWidget(
            empty_layout.count() - 1, self.add_by_hand, 0, Qt.AlignmentFlag.AlignHCenter
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        self.body.addWidget(self.stack, 1)
        self._build_shortcuts()
        self._reload_groups()
        self.reload()

    # Building ---------------------------------------------------------------------------------
    def _build_header(self) -> None:
        bar = self.header.action_bar
        self.import_button = QPushButton(icon("import"), "Import")
        import_menu = QMenu(self.import_button)
        for label, kind in (
            ("LinkedIn connections (Connections.csv or the export ZIP)…", "linkedin"),
            ("vCard file (.vcf)…", "vcard"),
            ("Google Contacts CSV…", "google"),
        ):
            import_menu.addAction(label).triggered.connect(
                lambda _=False, k=kind: self.import_requested.emit(k)
            )
        self.import_button.setMenu(import_menu)
        bar.addWidget(self.import_button)
        self.export_button = QPushButton(icon("export"), "Export")
        export_menu = QMenu(self.export_button)
        self.export_selected_action = export_menu.addAction("Selected people as vCard…")
        self.export_selected_action.triggered.connect(lambda: self.export_vcard(selected=True))
        export_menu.addAction("Everyone as vCard…").triggered.connect(
            lambda: self.export_vcard(selected=False)
        )
        export_menu.aboutToShow.connect(
            lambda: self.export_selected_action.setEnabled(bool(self.selected_ids()))
        )
        self.export_button.setMenu(export_menu)
        bar.addWidget(self.export_button)
        self.groups_button = QPushButton(icon("group"), "Groups")
        self.groups_button.setToolTip("Create, rename, merge and delete groups")
        self.groups_button.clicked.connect(self.manage_groups)
        bar.addWidget(self.groups_button)
        self.new_button = QPushButton(icon("add", "#ffffff"), "New contact")
        self.new_button.setProperty("role", "primary")
        self.new_button.setToolTip("Add a person by hand (Ctrl+N)")
        self.new_button.clicked.connect(self.new_contact)
        bar.addWidget(self.new_button)

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.filters = PeopleFilterBar()
        self.filters.changed.connect(self._filter_changed)
        layout.addWidget(self.filters)

        self.selection_bar = QWidget()
        self.selection_bar.setMinimumHeight(36)
        bulk = QHBoxLayout(self.selection_bar)
        bulk.setContentsMargins(0, 0, 0, 0)
        bulk.setSpacing(6)
        self.selection_label = QLabel()
        self.selection_label.setProperty("role", "muted")
        bulk.addWidget(self.selection_label)
        self.add_group_button = QPushButton(icon("group"), "Add to group")
        self.kind_button = QPushButton("Set kind")
        self.goal_button = QPushButton("Set goal")
        self.archive_button = QPushButton(icon("archive"), "Archive")
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button = QPushButton(icon("trash"), "Delete")
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setToolTip("Delete the selected people (Del)")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (
            self.add_group_button,
            self.kind_button,
            self.goal_button,
            self.archive_button,
            self.delete_button,
        ):
            button.setProperty("role", button.property("role") or "flat")
            bulk.addWidget(button)
        self.kind_button.setMenu(kind_menu(self, self.set_kind))
        self.goal_button.setMenu(goal_menu(self, self.set_goal))
        bulk.addStretch(1)
        layout.addWidget(self.selection_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 30,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        for column, width in enumerate(_COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        selection.currentRowChanged.connect(self._current_changed)
        self.splitter.addWidget(self.table)

        self.detail_stack = QStackedWidget()
        hint = QLabel("Select a person to see their details and timeline.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.detail_stack.addWidget(hint)
        self.detail = ContactDetailPanel()
        self.detail.save_requested.connect(self._save_requested)
        self.detail.stage_requested.connect(self._stage_requested)
        self.detail.open_meeting.connect(self.open_meeting)
        self.detail_stack.addWidget(self.detail)
        self.splitter.addWidget(self.detail_stack)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([680, 420])
        layout.addWidget(self.splitter, 1)
        self._selection_changed()
        return content

    def _build_shortcuts(self) -> None:
        def action(
            text: str, keys: QKeySequence | str, slot: Callable[[], None], on: QWidget
        ) -> QAction:
            made = QAction(text, on)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(
                Qt.ShortcutContext.WidgetWithChildrenShortcut
                if on is self.table
                else Qt.ShortcutContext.WindowShortcut
            )
            made.triggered.connect(slot)
            on.addAction(made)
            return made

        self.new_action = action("New contact", QKeySequence("Ctrl+N"), self.new_contact, self)
        self.save_action = action(
            "Save", QKeySequence(QKeySequence.StandardKey.Save), self.detail.save, self
        )
        self.delete_action = action(
            "Delete",
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.delete_selected,
            self.table,
        )

    # Loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list again: at once when small, in the background when large."""
        try:
            count = self._contacts.count()
            if count < BACKGROUND_LOAD_FROM:
                fingerprint = self._contacts.list_fingerprint()
                self._rows_loaded(self._contacts.list_summaries(include_archived=True), fingerprint)
                return
        except ChatplannerError as error:
            self._report(str(error))
            return
        if self.model.total_count(include_archived=True) == 0 and self._show_first_screen(count):
            # Paint the first screen before the worker competes with it for the interpreter.
            self._load_pending = True
            QTimer.singleShot(0, self._start_pending_load)
            return
        self.loader.start()

    def _start_pending_load(self) -> None:
        self._load_pending = False
        self.loader.start()

    def _show_first_screen(self, count: int) -> bool:
        """Opening on a large network: show its first screen now, while the whole list loads.

        The first rows are exactly those the full list opens on (same order, no filter yet);
        the full list then replaces them, keeping the selection. Until then the subtitle says
        the rest is loading.
        """
        try:
            first = self._contacts.first_by_name(FIRST_SCREEN_ROWS)
        except ChatplannerError:
            first = []  # the full load reports the problem
        if not first:
            self.stack.setCurrentIndex(_LOADING)
            return False
        self._rows_loaded(first, None)
        self.header.set_subtitle(f"Loading all {_people(count)}…")
        return True

    def refresh(self) -> None:
        """Shown again: reload only if something changed (comparing a cheap fingerprint)."""
        self._reload_groups()
        if self.loader.busy or self._load_pending:
            return
        if self._contacts.list_fingerprint() != self._fingerprint:
            self.reload()

    def _rows_loaded(self, rows: Sequence[ContactSummary], fingerprint: object) -> None:
        selected = self.selected_ids()
        current = self.current_id()
        self.model.set_rows(rows)
        self._fingerprint = fingerprint
        self._restore_selection(selected, current)
        if current is None and self.model.rowCount() and self.detail_stack.currentIndex() == 0:
            # Open on someone: the detail panel shows what the page is for.
            self.table.selectRow(0)
        self._update_state()

    def _reload_groups(self) -> None:
        self._groups = self._groups_service.list()
        self.filters.set_groups(self._groups)
        self.detail.set_groups(self._groups)
        self.add_group_button.setMenu(
            group_menu(self, self._groups, self.add_to_group, self._new_group_for_selection)
        )

    def _update_state(self) -> None:
        total = self.model.total_count()
        everyone = self.model.total_count(include_archived=True)
        creating = self.detail.contact_id is None and self.detail_stack.currentIndex() == 1
        if everyone == 0 and not creating:
            self.stack.setCurrentIndex(_EMPTY)
            self.header.set_subtitle("Your network: mentors, peers and recruiters")
        else:
            self.stack.setCurrentIndex(_CONTENT)
            self.header.set_subtitle(f"{_people(total)} · {self.model.rowCount():,} shown")
        self.export_button.setEnabled(everyone > 0)

    # Selection ----------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.summary_at(row).id for row in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.summary_at(index.row()).id if index.isValid() else None

    def _restore_selection(self, ids: Sequence[int], current: int | None) -> None:
        selection_model = self.table.selectionModel()
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in self.model.visible_rows_of(ids):
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        current_row = None if current is None else self.model.visible_row_of(current)
        if current_row is not None:
            selection_model.setCurrentIndex(self.model.index(current_row, 0), flags.NoUpdate)
        selection_model.select(selection, flags.ClearAndSelect | flags.Rows)
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.selection_label.setText(
            f"{count:,} selected" if count else "Select people to change many at once"
        )
        for button in (
            self.add_group_button,
            self.kind_button,
            self.goal_button,
            self.archive_button,
            self.delete_button,
        ):
            button.setEnabled(count > 0)
        ids = self.selected_ids() if count else []
        archived = bool(ids) and all(
            (s := self.model.summary_of(i)) is not None and s.archived for i in ids
        )
        self.archive_button.setText("Unarchive" if archived else "Archive")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        contact_id = self.model.summary_at(current.row()).id
        if contact_id != self.detail.contact_id or self.detail_stack.currentIndex() == 0:
            self._leave_detail()
            self._show_detail(contact_id)

    def _leave_detail(self) -> None:
        """Moving to another person keeps what was typed: unsaved edits are saved first."""
        if self.detail.is_dirty and self.detail_stack.currentIndex() == 1 and not self._saving:
            self.detail.save()

    def _show_detail(self, contact_id: int) -> None:
        try:
            detail = self._contacts.get(contact_id)
            timeline = self._contacts.timeline(contact_id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self.detail.show_contact(detail, timeline)
        self.detail_stack.setCurrentIndex(1)

    # Page interface -----------------------------------------------------------------------------
    def show_contact(self, contact_id: int) -> None:
        if self._load_pending:
            self._start_pending_load()
        if self.loader.busy:
            self.loader.wait()
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.processEvents()
        summary = self.model.summary_of(contact_id)
        if summary is None:
            return
        if self.model.visible_row_of(contact_id) is None:
            self.filters.clear()
            if summary.archived:
                self.filters.show_archived()
        row = self.model.visible_row_of(contact_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_detail(contact_id)

    def focus_search(self) -> bool:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()
        return True

    # Filtering ----------------------------------------------------------------------------------
    def _filter_changed(self, people_filter: PeopleFilter) -> None:
        self.model.set_filter(people_filter)
        self.header.set_subtitle(
            f"{_people(self.model.total_count())} · {self.model.rowCount():,} shown"
        )
        self._selection_changed()

    # Editing -------------------------------------------------------------------------------------
    def new_contact(self) -> None:
        self._leave_detail()
        self.table.clearSelection()
        self.detail.start_new()
        self.detail_stack.setCurrentIndex(1)
        self.stack.setCurrentIndex(_CONTENT)

    def _save_requested(self, contact_id: int | None, draft: ContactDraft) -> None:
        try:
            checked_draft(draft)
        except ChatplannerError as error:
            self.detail.show_error(str(error))
            return
        name = " ".join(p for p in (draft.first_name, draft.last_name) if p) or "a contact"
        self._saving = True
        try:
            if contact_id is None:
                command = AddContactCommand(self._contacts, self._changes, draft, name)
                self._undo.push(command)
                created = command.contact_id
            else:
                before = self.detail._loaded
                self._undo.push(
                    SaveContactCommand(
                        self._contacts, self._changes, contact_id, before, draft, name
                    )
                )
                created = None
        finally:
            self._saving = False
        if created is not None:
            self.show_contact(created)
        self.status_message.emit(f"Saved {name}")

    def _stage_requested(self, contact_id: int, stage: Stage) -> None:
        detail = self._contacts.get(contact_id)
        self._undo.push(
            SetStageCommand(
                self._contacts, self._changes, contact_id, detail.stage, stage, detail.display_name
            )
        )

    def _bulk(
        self, text: str, apply: Callable[[list[int]], FieldChange | MembershipChange]
    ) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self._leave_detail()
        self._undo.push(
            BulkChangeCommand(
                self._contacts, self._changes, f"{text} ({_people(len(ids))})", lambda: apply(ids)
            )
        )

    def set_kind(self, kind: ContactKind) -> None:
        self._bulk(f"Set kind to {kind.label}", lambda ids: self._contacts.set_kind(ids, kind))

    def set_goal(self, goal: Goal | None) -> None:
        label = goal.label if goal else "none"
        self._bulk(f"Set goal to {label}", lambda ids: self._contacts.set_goal(ids, goal))

    def add_to_group(self, group_id: int) -> None:
        name = next((g.name for g in self._groups if g.id == group_id), "group")
        self._bulk(f"Add to {name}", lambda ids: self._contacts.add_to_group(ids, group_id))
        self._reload_groups()

    def toggle_archived(self) -> None:
        archive = self.archive_button.text() == "Archive"
        self._bulk(
            "Archive" if archive else "Unarchive",
            lambda ids: self._contacts.set_archived(ids, archive),
        )

    def _new_group_for_selection(self) -> None:
        name, ok = QInputDialog.getText(self, "New group", "Name of the group:")
        if not ok or not name.strip():
            return
        try:
            group = self._groups_service.create(name)
        except ChatplannerError as error:
            QMessageBox.warning(self, "New group", str(error))
            return
        self._reload_groups()
        self.add_to_group(group.id)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [s.display_name for i in ids[:3] if (s := self.model.summary_of(i)) is not None]
        impact = self._contacts.deletion_impact(ids)
        if not confirm.confirm_deletion(self, names, len(ids), impact.sentence()):
            return
        text = f"Delete {names[0]}" if len(ids) == 1 else f"Delete {_people(len(ids))}"
        self._undo.push(DeleteContactsCommand(self._contacts, self._changes, ids, text))
        self.status_message.emit(f"{text}. Undo with Ctrl+Z.")

    def manage_groups(self) -> None:
        dialog = GroupManagerDialog(self._groups_service, self)
        dialog.groups_changed.connect(self._groups_edited)
        dialog.exec()

    def _groups_edited(self) -> None:
        self._reload_groups()
        self.reload()
        self.data_changed.emit()

    def export_vcard(self, *, selected: bool) -> None:
        ids = self.selected_ids() if selected else None
        if selected and not ids:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export vCard", "contacts.vcf", "vCard (*.vcf)")
        if not path:
            return
        try:
            written = self._contacts.write_vcard(Path(path), ids)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Export failed", str(error))
            return
        self.status_message.emit(f"Exported {_people(written)} to {path}")

    # After a command ---------------------------------------------------------------------------
    def _rows_changed(self, ids: Sequence[int]) -> None:
        selected, current = self.selected_ids(), self.current_id()
        self.model.update_rows(self._contacts.summaries(ids))
        self._after_change(selected, current)
        if self.detail.contact_id in ids and (self._saving or not self.detail.is_dirty):
            self._show_detail(self.detail.contact_id)  # type: ignore[arg-type]

    def _rows_removed(self, ids: Sequence[int]) -> None:
        selected, current = self.selected_ids(), self.current_id()
        self.model.remove_ids(ids)
        if self.detail.contact_id in ids:
            self.detail.contact_id = None
            self.detail_stack.setCurrentIndex(0)
        self._after_change(selected, current)

    def _after_change(self, selected: Sequence[int], current: int | None) -> None:
        self._restore_selection(selected, current)
        self._fingerprint = self._contacts.list_fingerprint()
        self._update_state()
        self.data_changed.emit()

    def _report(self, message: str) -> None:
        self.status_message.emit(message)
        if self.detail_stack.currentIndex() == 1:
            self.detail.show_error(message)

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addMenu(
            group_menu(menu, self._groups, self.add_to_group, self._new_group_for_selection)
        )
        menu.addMenu(kind_menu(menu, self.set_kind))
        menu.addMenu(goal_menu(menu, self.set_goal))
        menu.addAction(self.archive_button.text()).triggered.connect(self.toggle_archived)
        menu.addSeparator()
        menu.addAction("Export as vCard…").triggered.connect(
            lambda: self.export_vcard(selected=True)
        )
        menu.addSeparator()
        menu.addAction(icon("trash"), "Delete…").triggered.connect(self.delete_selected)
        menu.popup(self.table.viewport().mapToGlobal(position))


__all__ = ["HEADERS", "PeoplePage"]
