"""People: the whole network in one table, a detail editor beside it, bulk changes and undo.

The page puts the pieces of `chatplanner/ui/people/` together and keeps the table, the
selection and the detail panel in step; each piece does one job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.contacts import ContactSummary, GroupInfo
from chatplanner.domain.enums import ContactKind, Goal
from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people import list_read
from chatplanner.ui.people.bulk_actions import BulkActions, people_count
from chatplanner.ui.people.bulk_menus import goal_menu, group_menu, kind_menu
from chatplanner.ui.people.commands import PeopleChanges
from chatplanner.ui.people.context_menu import people_context_menu
from chatplanner.ui.people.detail_editing import DetailEditing
from chatplanner.ui.people.detail_panel import ContactDetailPanel
from chatplanner.ui.people.editor_pane import EDITOR, HINT, EditorPane
from chatplanner.ui.people.empty_state import people_empty_state
from chatplanner.ui.people.filter_bar import PeopleFilterBar
from chatplanner.ui.people.group_manager import GroupManagerDialog
from chatplanner.ui.people.header_buttons import add_header_buttons
from chatplanner.ui.people.prepared_rows import PreparedRows
from chatplanner.ui.people.selection_bar import SelectionBar
from chatplanner.ui.people.table_model import HEADERS, PeopleFilter, PeopleTableModel
from chatplanner.ui.people.table_selection import TableSelection
from chatplanner.ui.people.table_view import people_table_view
from chatplanner.ui.undo import Change
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.form_parts import muted_label
from chatplanner.ui.widgets.modal import run_modal
from chatplanner.ui.widgets.thin_splitter import ThinSplitter

# Below `list_read.BACKGROUND_LOAD_FROM` contacts the list loads at once; above, in a worker
# thread, with the first screen's people read at once so the page opens with them.
FIRST_SCREEN_ROWS = 60
SPLIT_KEY = "people/splitter"
EDITOR_WIDTH = 440
_LOADING, _EMPTY, _CONTENT = range(3)
_HINT, _DETAIL = HINT, EDITOR
# How long the editor keeps the person a search hides before it shows nobody: once the typing
# pauses, not at each key (the next key often lists them again, and each switch repainted the
# whole editor while the user typed).
UNLISTED_HIDDEN_AFTER_MS = 400


class PeoplePage(Page):
    key = "people"
    label = "People"
    icon_name = "people"

    import_requested = Signal(str)  # "linkedin", "vcard", "google", or "" to choose

    # Long: the page's parts and the signals between them, in one place so their order is seen.
    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("People", "Your network: mentors, peers and recruiters", parent)
        self._workspace = workspace
        self._contacts = workspace.people.contacts
        self._edits = workspace.people.contact_edits
        self._groups_service = workspace.people.groups
        self._undo = undo_stack
        self._groups: list[GroupInfo] = []
        self._groups_shown: list[GroupInfo] | None = None  # what the filters and menus offer
        self._fingerprint: object = None
        self._saving = False  # a save from the detail panel is running
        self._loading_all: int | None = None  # everyone, while only the first screen is in
        self._layout_state: QSettings | None = None  # where the divider is remembered
        # The selected people a search or filter hides, and the current one if hidden: they
        # are selected again when they are shown again (until the user selects others).
        self._hidden_selected: list[int] = []
        self._hidden_current: int | None = None
        self._restoring = False  # the page is putting a selection back, not the user
        self._touched_while_reading: set[int] = set()  # see `_note_touched`
        # Runs when a search has hidden the person edited: see `_hide_unlisted`.
        self._unlisted = QTimer(self)
        self._unlisted.setSingleShot(True)
        self._unlisted.setInterval(UNLISTED_HIDDEN_AFTER_MS)
        self._unlisted.timeout.connect(self._hide_unlisted)
        self._switching = False  # the user chose another person: the edited one is being left
        self._editing: DetailEditing | None = None  # made with the editor
        self._changes = PeopleChanges(
            self._rows_changed, self._rows_removed, self._report, self._rows_restored
        )
        self.model = PeopleTableModel()
        self.model.zone = workspace.context.zone()
        # A large network's list starts being read before the page is made (`list_read`): its
        # rows come into Python once `_read_go` is set, when the first screen is painted.
        read_ahead = list_read.read_ahead(workspace)
        self._reading_ahead = read_ahead is not None
        self._read_go = None if read_ahead is None else read_ahead.go
        self.loader = list_read.contact_list_loader() if read_ahead is None else read_ahead.loader
        self.loader.setParent(self)
        self.loader.succeeded.connect(lambda result: self._rows_loaded(*result))
        self.loader.failed.connect(self._load_failed)
        self.bulk = BulkActions(
            self,
            self._contacts,
            self._edits,
            self._groups_service,
            undo_stack,
            self._changes,
            selected_ids=self.selected_ids,
            name_of=lambda i: s.display_name if (s := self.model.summary_of(i)) else None,
            before_change=self._leave_detail,
            groups_changed=self._reload_groups,
            status=self.status_message.emit,
            settings=workspace.settings,
        )

        buttons = add_header_buttons(
            self.header.action_bar,
            import_file=self.import_requested.emit,
            export_vcard=lambda selected: self.export_vcard(selected=selected),
            has_selection=lambda: bool(self.selected_ids()),
            manage_groups=self.manage_groups,
            new_contact=self.new_contact,
        )
        self.import_button, self.export_button = buttons.import_button, buttons.export_button
        self.export_selected_action = buttons.export_selected_action
        self.groups_button, self.new_button = buttons.groups_button, buttons.new_button
        # Made in the widget that holds the page's body, as everything inside it is: moving a
        # built subtree into another parent styles all of it again (some 14 ms here).
        self.stack = QStackedWidget(self.body.parentWidget())
        self.stack.addWidget(_centred(muted_label("Loading your network…")))
        self.empty, self.add_by_hand = people_empty_state(
            lambda: self.import_requested.emit("linkedin"), self.new_contact
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        self.body.addWidget(self.stack, 1)
        self._build_shortcuts()
        self._reload_groups()
        # The groups just read: a refresh in the same turn of the event loop (the one that
        # follows the page's making) does not read them again; any later one does.
        self._groups_just_read = True
        QTimer.singleShot(0, self, self._forget_groups_just_read)
        self.reload()

    # Building ---------------------------------------------------------------------------------
    # Long: the list and the editor laid out in the order they appear, each made in its parent.
    def _build_content(self) -> QWidget:
        # Each widget is made inside its parent: with the app's style sheet, moving a built
        # subtree into a new parent styles all of it again (tens of milliseconds here).
        content = QWidget(self.stack)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        # The list with its search, filters and selection on the left, the editor beside them
        # from the top: the editor has the page's height, not what the filters leave it.
        self.splitter = ThinSplitter(Qt.Orientation.Horizontal, content)
        self.list_side = QWidget(self.splitter)
        list_layout = QVBoxLayout(self.list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(10)
        self.filters = PeopleFilterBar(self.list_side)
        self.filters.changed.connect(self._filter_changed)
        list_layout.addWidget(self.filters)

        self.selection_bar = SelectionBar(self.list_side)
        self.selection_bar.kind_button.setMenu(kind_menu(self, self.set_kind))
        self.selection_bar.goal_button.setMenu(goal_menu(self, self.set_goal))
        self.selection_bar.archive_button.clicked.connect(self.toggle_archived)
        self.selection_bar.delete_button.clicked.connect(self.delete_selected)
        list_layout.addWidget(self.selection_bar)

        self.table = people_table_view(self.model, self.list_side)
        self.table.setAccessibleName("People")
        self.selection = TableSelection(self.table, self.model)
        self.table.customContextMenuRequested.connect(self._context_menu)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        selection.currentRowChanged.connect(self._current_changed)
        list_layout.addWidget(self.table, 1)
        self.splitter.addWidget(self.list_side)

        self.detail_stack = EditorPane(self.splitter, self._make_editor)
        self.splitter.addWidget(self.detail_stack)
        # The editor as wide as its fields need, the list the rest: a wider window widens the
        # list (until the user drags the divider, remembered from then on).
        self.splitter.last_width = EDITOR_WIDTH
        self.splitter.setSizes([600, EDITOR_WIDTH])
        self.splitter.splitterMoved.connect(self._remember_split)
        layout.addWidget(self.splitter, 1)
        self._selection_changed()
        return content

    def _make_editor(self, pane: QWidget) -> ContactDetailPanel:
        """The person editor, made in its pane the first time someone is shown."""
        detail = ContactDetailPanel(pane)
        detail.user_zone = self._workspace.context.zone()
        detail.set_groups(self._groups)
        detail.open_meeting.connect(self.open_meeting)
        detail.write_message.connect(self._write_from_detail)
        detail.plan_chat.connect(self.plan_chat)
        self._editing = DetailEditing(
            detail,
            self._contacts,
            self._edits,
            self._undo,
            self._changes,
            created=self.show_contact,
            status=self.status_message.emit,
        )
        return detail

    @property
    def detail(self) -> ContactDetailPanel:
        """The person editor (made now if no one was shown yet)."""
        return self.detail_stack.editor

    @property
    def editing(self) -> DetailEditing:
        """Loading and saving the editor's person (made with the editor)."""
        _ = self.detail
        assert self._editing is not None
        return self._editing

    def _save_shown(self) -> None:
        if (detail := self.detail_stack.made_editor) is not None:
            detail.save()

    def remember_layout(self, state: QSettings) -> None:
        """Where the user left the divider between the list and the editor: put back now,
        stored in `state` whenever it is dragged."""
        self._layout_state = state
        saved = state.value(SPLIT_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.splitter.restoreState(saved)

    def _remember_split(self, *_args: object) -> None:
        if self._layout_state is not None:
            self._layout_state.setValue(SPLIT_KEY, self.splitter.saveState())

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
            "Save", QKeySequence(QKeySequence.StandardKey.Save), self._save_shown, self
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
        ahead, self._reading_ahead = self._reading_ahead, False
        try:
            count = self._contacts.count()
            if count < list_read.BACKGROUND_LOAD_FROM:
                if ahead:  # it shrank while the page was made
                    self.loader.discard()
                    self._let_read()
                fingerprint = self._contacts.list_fingerprint()
                self._rows_loaded(
                    self._contacts.list_summaries(include_archived=True, in_list_order=True),
                    fingerprint,
                )
                return
        except ChatplannerError as error:
            self._let_read()
            self._report(str(error))
            return
        if self.model.total_count(include_archived=True) == 0:
            if not ahead:
                self._read_after_first_screen()
            try:
                self._show_first_screen(count)
            finally:
                # Once the first screen is painted (posted events come before timers).
                QTimer.singleShot(0, self._let_read)
            return
        self.loader.call(lambda: list_read.read_everyone(self._contacts))

    def _read_after_first_screen(self) -> None:
        self._let_read()  # a read replaced goes on at once, to be dropped
        self._read_go = list_read.start_reading(self.loader, self._contacts)

    def _let_read(self) -> None:
        if self._read_go is not None:
            self._read_go.set()
            self._read_go = None

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
        self._loading_all = count
        self._rows_loaded(first, None, first_screen=True)
        return True

    def refresh(self) -> None:
        """Shown again: reload only if something changed (comparing a cheap fingerprint)."""
        self.detail_stack.forget_hidden()  # another page may have changed them meanwhile
        if not self._groups_just_read:
            self._reload_groups()
        self._groups_just_read = False
        if self.loader.running:
            return
        if self._contacts.list_fingerprint() != self._fingerprint:
            self.reload()
        self._reload_shown()

    def _reload_shown(self) -> None:
        """The person in the editor as stored now: another page may have logged a chat or a
        message for them. Unsaved edits in the form are kept, never overwritten."""
        if self.detail_stack.currentIndex() != _DETAIL:
            return
        shown = self.detail.contact_id
        if (
            shown is None
            or self.detail.is_dirty
            or self.editing.saving
            or self.model.summary_of(shown) is None
        ):
            return
        try:
            fresh = self._contacts.summaries([shown])
        except ChatplannerError as error:
            self._report(str(error))
            return
        if fresh and fresh[0] != self.model.summary_of(shown):  # their row's stage too
            selected, current = self.selected_ids(), self.current_id()
            self.model.update_rows(fresh)
            self._restore_selection(selected, current)
        self._show_detail(shown)

    def _rows_loaded(
        self,
        rows: Sequence[ContactSummary] | PreparedRows,
        fingerprint: object,
        *,
        first_screen: bool = False,
    ) -> None:
        selected = self.selected_ids()
        current = self.current_id()
        if not first_screen:
            self._loading_all = None
        self.model.set_rows(rows)
        if not first_screen and self._touched_while_reading:
            self._apply_touched()
        self._fingerprint = fingerprint
        self._restore_selection(selected, current)
        if (
            current is None
            and self._hidden_current is None  # else the user's search hid the one opened on
            and self.model.rowCount()
            and self.detail_stack.currentIndex() == _HINT
        ):
            # Open on someone: the detail panel shows what the page is for. A first screen's
            # editor is made once the whole list is in and painted, not while it is read.
            if first_screen:
                self.detail_stack.open_later(self._open_current)
            self._restoring = True  # the page chose this row, not the user
            try:
                self.table.selectRow(0)
            finally:
                self._restoring = False
        if not first_screen:
            self.detail_stack.open_after_paint(self.table)
            if isinstance(rows, PreparedRows):  # a large network's, read in a worker
                from chatplanner.memory import give_back_freed_memory

                give_back_freed_memory()
        self._update_state()

    def _apply_touched(self) -> None:
        """The people added, changed or deleted while the list was read, as stored now."""
        touched, self._touched_while_reading = self._touched_while_reading, set()
        try:
            fresh = self._contacts.summaries(sorted(touched))
        except ChatplannerError as error:
            self._report(str(error))
            return
        self.model.update_rows(fresh)
        self.model.remove_ids(touched - {summary.id for summary in fresh})

    def _load_failed(self, message: str) -> None:
        self._report(message)
        if self._loading_all is not None:
            everyone, self._loading_all = self._loading_all, None
            read = self.model.total_count(include_archived=True)
            self.header.set_subtitle(f"Only the first {read:,} of {people_count(everyone)} read")
        self.detail_stack.open_waiting_now()  # the first screen's person, after all

    def _open_current(self) -> None:
        contact_id = self.current_id()
        if contact_id is not None and self.detail_stack.currentIndex() == _HINT:
            self._show_detail(contact_id)

    def _forget_groups_just_read(self) -> None:
        self._groups_just_read = False

    def _reload_groups(self) -> None:
        self._groups = self._groups_service.list()
        if self._groups == self._groups_shown:
            return  # shown again with the same groups: the menus stay as they are
        self._groups_shown = self._groups
        self.bulk.group_list = self._groups
        self.filters.set_groups(self._groups)
        if (detail := self.detail_stack.made_editor) is not None:
            detail.set_groups(self._groups)
        self.selection_bar.add_group_button.setMenu(
            group_menu(self, self._groups, self.add_to_group, self.bulk.new_group_for_selection)
        )

    def _update_state(self) -> None:
        everyone = self.model.total_count(include_archived=True)
        creating = self.detail_stack.currentIndex() == _DETAIL and self.detail.contact_id is None
        if everyone == 0 and not creating:
            self.stack.setCurrentIndex(_EMPTY)
            self.header.set_subtitle("Your network: mentors, peers and recruiters")
        else:
            self.stack.setCurrentIndex(_CONTENT)
            self._show_counts()
        self.export_button.setEnabled(everyone > 0)

    def _show_counts(self) -> None:
        if self._loading_all is not None:
            # A search or sort meanwhile covers the first screen only: no count of it is said.
            self.header.set_subtitle(f"Loading all {people_count(self._loading_all)}…")
            self.table.nobody_text = ""
            return
        active = self.model.total_count()
        # Archived people are counted apart: listed only on asking, they are easily forgotten.
        archived = self.model.total_count(include_archived=True) - active
        counts = [people_count(active), f"{archived:,} archived" if archived else ""]
        counts.append(f"{self.model.rowCount():,} shown")
        self.header.set_subtitle(" · ".join(c for c in counts if c))
        self.table.nobody_text = self._nobody_text()
        self.table.viewport().update()

    def _nobody_text(self) -> str:
        """What the table says when it shows nobody. A search leaves out the archived unless
        asked: where they would match, it says so."""
        if self.model.rowCount():
            return ""
        if not self.model.archived_would_show():
            return "Nobody matches."
        if not self.model.filtering():
            return "Everyone here is archived: tick Archived to see them."
        return "Nobody matches.\nArchived people do: tick Archived to see them."

    # Selection ----------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return self.selection.ids()

    def current_id(self) -> int | None:
        return self.selection.current_id()

    def _restore_selection(self, ids: Sequence[int], current: int | None) -> None:
        self._restoring = True
        try:
            self.selection.restore(ids, current)
            self._selection_changed()
        finally:
            self._restoring = False

    def _selection_changed(self, *_args: object) -> None:
        if not self._restoring:
            # The user chose others: the people a filter hid are no longer theirs to bring back.
            self._hidden_selected, self._hidden_current = [], None
        ids = self.selected_ids()
        archived = bool(ids) and all(
            (s := self.model.summary_of(i)) is not None and s.archived for i in ids
        )
        self.selection_bar.show_selection(len(ids), all_archived=archived)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.detail_stack.waiting:
            if not self._restoring:
                self.detail_stack.open_waiting_now()  # the user picked someone: no more waiting
            return  # else the editor opens on the current person once the whole list is in
        if not current.isValid() or self.table.placing_cursor:
            return
        contact_id = self.model.record_at(current.row()).id
        if contact_id != self.detail.contact_id or self.detail_stack.currentIndex() == _HINT:
            if self.detail_stack.show_again(contact_id, self._fingerprint):
                return  # as the editor holds them: nothing changed since a search hid them
            # The click is still selecting its row: a save now leaves the selection to it.
            self._switching = True
            try:
                left = self._leave_detail()
            finally:
                self._switching = False
            if not left:
                # Once the click is done with the selection, and without scrolling the list
                # under the pointer.
                QTimer.singleShot(0, self, self._stay_on_edited)
                return
            self._show_detail(contact_id)

    def _leave_detail(self) -> bool:
        """Save the person being edited, if anything was typed; False when it could not be
        saved (the editor then says why, and what was typed is still there)."""
        if self.detail_stack.currentIndex() == _DETAIL:
            self.editing.save_if_dirty()
        return not (self.detail_stack.currentIndex() == _DETAIL and self.detail.is_dirty)

    def _stay_on_edited(self) -> None:
        """Back to the person whose edits could not be saved, so that the editor, the selected
        row and the error shown all speak of them: moving on had dropped what was typed."""
        shown = self.detail.contact_id
        self._restoring = True
        try:
            if shown is None or not self.selection.go_to(shown, centre=False):
                self.table.clearSelection()  # a person being added, or one a filter hides
        finally:
            self._restoring = False
        self.detail.setFocus()

    def flush(self) -> bool:
        """Save the person being edited, as moving to another person does (the window calls
        this before closing: Ctrl+Q had lost what was typed). False when it could not be saved
        (the editor then says why)."""
        return self._leave_detail()

    def _show_detail(self, contact_id: int) -> None:
        if self.editing.load(contact_id):
            self.detail_stack.setCurrentIndex(_DETAIL)

    # Page interface -----------------------------------------------------------------------------
    def show_contact(self, contact_id: int) -> None:
        self._let_read()
        if self.loader.running:
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
        if self.selection.go_to(contact_id):
            self._show_detail(contact_id)

    def focus_search(self) -> bool:
        if self.stack.currentIndex() != _CONTENT:
            return False  # nobody to search yet: the page says how to bring them in
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()
        return True

    def _filter_changed(self, people_filter: PeopleFilter) -> None:
        # The selection survives the new rows: those still shown stay selected, those hidden
        # come back selected when a later filter shows them again, the current one too.
        selected = [*self.selected_ids(), *self._hidden_selected]
        current = self._hidden_current or self.current_id()
        self._restoring = True
        try:
            self.model.set_filter(people_filter)
        finally:
            self._restoring = False
        self._restore_selection(selected, current)
        current_row = self._keep_hidden(selected, current)
        # The results open at the top, or where the current person is.
        self.table.scrollToTop()
        if current_row is not None:
            self.table.scrollTo(self.model.index(current_row, 0))
        self._show_counts()
        if self._editing_unlisted():
            self._unlisted.start()  # again: from the last key typed
        else:
            self._unlisted.stop()  # listed again before the typing paused

    def _editing_unlisted(self) -> bool:
        """Whether the editor shows someone the list does not (a search or filter hides them),
        with nothing typed in it."""
        return (
            self.detail_stack.currentIndex() == _DETAIL
            and (shown := self.detail.contact_id) is not None
            and self.model.visible_row_of(shown) is None
            and not self.detail.is_dirty
        )

    def _hide_unlisted(self) -> None:
        # The editor shows nobody rather than someone not listed. With unsaved edits the person
        # stays, so that nothing typed is lost; so too when the user has clicked into the
        # editor meanwhile (what they type next is for them).
        focus = QApplication.focusWidget()
        if focus is not None and self.detail_stack.isAncestorOf(focus):
            return
        if self._editing_unlisted():
            self.detail_stack.hide_person(self._fingerprint)

    def _keep_hidden(self, selected: Sequence[int], current: int | None) -> int | None:
        """Remember those of `selected` (and `current`) no longer shown, to select them again
        when they are; the current person's row, when shown."""
        self._hidden_selected = [i for i in selected if self.model.visible_row_of(i) is None]
        current_row = None if current is None else self.model.visible_row_of(current)
        self._hidden_current = current if current_row is None else None
        return current_row

    # Actions ------------------------------------------------------------------------------------
    def new_contact(self) -> None:
        if not self._leave_detail():
            self._stay_on_edited()
            return
        self.table.clearSelection()
        self.detail.start_new()
        self.detail_stack.setCurrentIndex(_DETAIL)
        self.stack.setCurrentIndex(_CONTENT)
        self.settle_layout()  # laid out at its size before it scrolls to the first field
        self.detail.show_form_top()

    def write_message(self, contact_ids: Sequence[int]) -> None:
        """Open the composer for these people; a message logged as sent moves their stage."""
        ids = list(contact_ids)
        if not ids:
            return
        self._leave_detail()
        from chatplanner.ui.dialogs import composer  # loaded when first needed, not to open People

        # The rows follow each step of the logging: the first, and an undo or redo later.
        composer.open_composer(
            self._workspace, ids, self, undo_stack=self._undo, changed=self._message_logged
        )

    def _message_logged(self, change: Change) -> None:
        try:
            self._rows_changed(list(change.ids))
        except ChatplannerError as error:
            self.status_message.emit(str(error))

    def _write_from_detail(self, contact_id: int) -> None:
        # With several people selected, the message goes to all of them (one each).
        selected = self.selected_ids()
        self.write_message(selected if contact_id in selected else [contact_id])

    def set_kind(self, kind: ContactKind) -> None:
        self.bulk.set_kind(kind)

    def set_goal(self, goal: Goal | None) -> None:
        self.bulk.set_goal(goal)

    def add_to_group(self, group_id: int) -> None:
        self.bulk.add_to_group(group_id)

    def toggle_archived(self) -> None:
        self.bulk.set_archived(self.selection_bar.archives)

    def delete_selected(self) -> None:
        self.bulk.delete_selected()

    def export_vcard(self, *, selected: bool) -> None:
        self.bulk.export_vcard(selected=selected)

    def manage_groups(self) -> None:
        dialog = GroupManagerDialog(self._groups_service, self)
        dialog.groups_changed.connect(self._groups_edited)
        run_modal(dialog)

    def _groups_edited(self) -> None:
        self._reload_groups()
        self.reload()
        self.data_changed.emit()

    def _context_menu(self, position: QPoint) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = people_context_menu(
            self,
            ids,
            self._groups,
            self.bulk,
            archives=self.selection_bar.archives,
            write_message=self.write_message,
            plan_chat=self.plan_chat.emit,
        )
        menu.popup(self.table.viewport().mapToGlobal(position))

    # After a command ---------------------------------------------------------------------------
    def _note_touched(self, ids: Sequence[int]) -> None:
        """People changed while the whole list is being read: the read may have missed them
        (read before the change), so they are read again once its rows are in."""
        if self.loader.running:
            self._touched_while_reading.update(ids)

    def _rows_changed(self, ids: Sequence[int]) -> None:
        self._note_touched(ids)
        # Those selected that the change hides (archived while archived people are not shown)
        # are selected again when it is undone, as those a search hides are when it is cleared.
        selected = [*self.selected_ids(), *self._hidden_selected]
        current = self._hidden_current or self.current_id()
        self.model.update_rows(self._contacts.summaries(ids))
        self._after_change(selected, current)
        self._keep_hidden(selected, current)
        detail = self.detail_stack.made_editor
        shown = None if detail is None else detail.contact_id
        if shown is not None and (self.editing.saving or not self.detail.is_dirty):
            if self.model.visible_row_of(shown) is None:
                self.detail_stack.hide_person(self._fingerprint)  # nobody, as nobody is listed
            elif shown in ids:
                self._show_detail(shown)

    def _rows_restored(self, ids: Sequence[int]) -> None:
        """An undone deletion: the people come back selected, the first of them in the editor,
        so that the editor and the selection bar speak of the same people."""
        self._note_touched(ids)
        self._leave_detail()
        self.model.update_rows(self._contacts.summaries(ids))
        shown = [i for i in ids if self.model.visible_row_of(i) is not None]
        self._after_change(shown, shown[0] if shown else None)
        if shown:
            self._show_detail(shown[0])
            self.table.scrollTo(self.model.index(self.model.visible_row_of(shown[0]) or 0, 0))

    def _rows_removed(self, ids: Sequence[int]) -> None:
        self._note_touched(ids)
        selected, current = self.selected_ids(), self.current_id()
        self.model.remove_ids(ids)
        detail = self.detail_stack.made_editor
        if detail is not None and detail.contact_id in ids:
            detail.contact_id = None
            self.detail_stack.setCurrentIndex(_HINT)
        self._after_change(selected, current)

    def _after_change(self, selected: Sequence[int], current: int | None) -> None:
        if not self._switching:  # else the click choosing another person selects its row
            self._restore_selection(selected, current)
        self._fingerprint = self._contacts.list_fingerprint()
        self._update_state()
        self.data_changed.emit()

    def _report(self, message: str) -> None:
        self.status_message.emit(message)
        if self.detail_stack.currentIndex() == _DETAIL:
            self.detail.show_error(message)


def _centred(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


__all__ = ["HEADERS", "PeoplePage"]
