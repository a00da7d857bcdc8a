"""The Venues page: the places the user knows, their base, and suggestions for a chat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPaintEvent, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.clock import zone_named
from chatplanner.domain.moments import plural, zone_time_name
from chatplanner.domain.places import City
from chatplanner.domain.venues import VenueRecord
from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.icons import icon, icon_pixmap
from chatplanner.ui.literal_text import literal
from chatplanner.ui.theme import current_palette_colors
from chatplanner.ui.venues.commands import AddVenue, EditVenue, RecordVisit, RemoveVenue
from chatplanner.ui.venues.table_model import (
    NAME,
    SORT_ROLE,
    VenueTableModel,
)
from chatplanner.ui.venues.table_view import VenueFilterProxy, VenueTable
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState
from chatplanner.ui.widgets.modal import run_modal
from chatplanner.ui.widgets.tab_pages import tab_pages

if TYPE_CHECKING:
    from chatplanner.ui.venues.picker import VenuePicker

LIST_TAB, PICKER_TAB = 0, 1


class VenuesPage(Page):
    key = "venues"
    label = "Venues"
    icon_name = "venues"

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("Venues", "Places you know, for chats without surprises", parent)
        self._workspace = workspace
        self._undo = undo_stack
        self._records: list[VenueRecord] = []

        add = QPushButton(icon("add", current_palette_colors().on_accent), "Add Venue")
        add.setProperty("role", "primary")
        add.setToolTip("Add a place you know (Ctrl+N)")
        add.clicked.connect(self.add_venue)
        self.header.action_bar.addWidget(add)
        self.add_button = add

        self.body.addWidget(self._base_row())

        # Made in its parent (the body's widget, not the page), as are the tabs' pages below:
        # under the style sheet, moving a built subtree into a new parent styles it all again.
        self.tabs = QTabWidget(self.body.parentWidget())
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._list_tab(), "Your venues")
        # The suggestions are built when first needed (the tab chosen, or a contact shown):
        # the list of venues is what the page opens on.
        self._picker_tab = QWidget(tab_pages(self.tabs))
        QVBoxLayout(self._picker_tab).setContentsMargins(0, 0, 0, 0)
        self._picker: VenuePicker | None = None
        self.tabs.addTab(self._picker_tab, "Suggest a venue")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.body.addWidget(self.tabs, 1)

        for keys, action in (
            ("Ctrl+N", self.add_venue),
            ("Return", self.edit_selected),
            ("Delete", self.remove_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table if keys != "Ctrl+N" else self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

        self._places_warmed = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._places_warmed:
            # The offline city list takes ~300 ms to read: off the GUI thread, and once the
            # page is painted, so that the reading does not hold up its first paint.
            self._places_warmed = True
            QTimer.singleShot(0, self._warm_up_places)

    def _warm_up_places(self) -> None:
        self._warm_up = BackgroundTask(self, name="city-list")
        self._warm_up.call(self._workspace.planning.venues.places.warm_up)

    # Building -----------------------------------------------------------------------------------
    def _base_row(self) -> QFrame:
        row = QFrame(self)
        row.setProperty("role", "card")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(10)
        pin = QLabel()
        pin.setPixmap(icon_pixmap("map", 18, current_palette_colors().accent))
        layout.addWidget(pin)
        self.base_label = QLabel()
        self.base_label.setTextFormat(Qt.TextFormat.PlainText)
        self.base_label.setWordWrap(True)  # a large font: two lines, not a page scrolled sideways
        layout.addWidget(self.base_label, 1)
        change = QPushButton("Change…")
        change.setProperty("role", "flat")
        change.setToolTip("Set your home or work: distances are measured from here")
        change.clicked.connect(self.change_base)
        layout.addWidget(change)
        self.change_base_button = change
        return row

    # Long: the list tab's filters and table, built in one place.
    def _list_tab(self) -> QWidget:
        tab = QWidget(tab_pages(self.tabs))
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)

        self.tools = QWidget()
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setProperty("role", "search")
        self.search.setPlaceholderText("Filter venues")
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(280)
        tools.addWidget(self.search)
        tools.addStretch(1)
        self.visit_button = QPushButton(icon("check"), "I've Been Here")
        self.visit_button.setToolTip("Count a visit today: familiar places rank first")
        self.visit_button.clicked.connect(self.record_visit)
        self.edit_button = QPushButton(icon("edit"), "Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(icon("trash"), "Remove")
        self.remove_button.setProperty("role", "danger")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.visit_button, self.edit_button, self.remove_button):
            tools.addWidget(button)
        layout.addWidget(self.tools)

        self.model = VenueTableModel()
        self.proxy = VenueFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(NAME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = VenueTable(self.model)
        self.table.setAccessibleName("Your venues")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.empty = EmptyState(
            "venues",
            "No venues yet",
            "Add the coffee shops and restaurants you already know: the commute, the parking "
            "and the menu hold no surprises there, so a first meeting is calmer.",
            "Add Venue",
            self.add_venue,
        )
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        layout.addWidget(self.list_stack, 1)
        return tab

    # Showing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_venue()
        self._records = self._workspace.planning.venues.list_venues()
        self.model.set_rows(self._records)
        self.list_stack.setCurrentWidget(self.empty if not self._records else self.table)
        self.tools.setVisible(bool(self._records))
        self.tabs.setTabText(
            LIST_TAB, f"Your venues ({len(self._records):,})" if self._records else "Your venues"
        )
        count = len(self._records)
        self.header.set_subtitle(
            f"{plural(count, 'place')} you know, for chats without surprises"
            if count
            else "Places you know, for chats without surprises"
        )
        base = self._workspace.planning.venues.base(resolve=False)
        self.base_label.setText(
            f"Your base: {base.caption}"
            if base
            else "Your base is not set: set your home or work to see distances."
        )
        if selected is not None:
            self.select_venue(selected.id)
        self._update_buttons()
        if self.tabs.currentIndex() == PICKER_TAB:
            self.picker.refresh()

    @property
    def picker(self) -> VenuePicker:
        """The "Suggest a venue" tab's content, built on first use."""
        if self._picker is None:
            from chatplanner.ui.venues import picker as suggestions  # its code loads with it

            self._picker = suggestions.VenuePicker(self._workspace, self._picker_tab)
            self._picker.plan_chat.connect(self.plan_chat)
            layout = self._picker_tab.layout()
            assert layout is not None
            layout.addWidget(self._picker)
        return self._picker

    def _tab_changed(self, index: int) -> None:
        if index == PICKER_TAB:
            self.picker.refresh()

    def show_contact(self, contact_id: int) -> None:
        self.tabs.setCurrentIndex(PICKER_TAB)
        self.picker.choose_contact(contact_id)

    def focus_search(self) -> bool:
        self.tabs.setCurrentIndex(LIST_TAB)
        self.search.setFocus()
        self.search.selectAll()
        return True

    def selected_venue(self) -> VenueRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.record_or_none(self.proxy.mapToSource(rows[0]).row())

    def select_venue(self, venue_id: int) -> None:
        row = self.model.row_of(venue_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, NAME))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        has = self.selected_venue() is not None
        for button in (self.visit_button, self.edit_button, self.remove_button):
            button.setEnabled(has)

    def _changed(self, message: str) -> None:
        self.refresh()
        self.status_message.emit(message)
        self.data_changed.emit()

    # Actions ------------------------------------------------------------------------------------
    # The editor and the base dialog are imported when first used: with their address lookup
    # (geopy) they would add a third to the time the page takes to appear.
    def add_venue(self) -> None:
        from chatplanner.ui.venues.editor import VenueEditor

        editor = VenueEditor(self._workspace.planning.geocoding.find_address, None, self)
        if run_modal(editor) != VenueEditor.DialogCode.Accepted or editor.draft() is None:
            return
        draft = editor.draft()
        assert draft is not None
        command = AddVenue(self._workspace.planning.venues, draft, self._changed)
        self._undo.push(command)
        if command.venue_id is not None:
            self.tabs.setCurrentIndex(LIST_TAB)
            self.select_venue(command.venue_id)

    def edit_selected(self) -> None:
        record = self.selected_venue()
        if record is None:
            return
        before = record.draft()
        from chatplanner.ui.venues.editor import VenueEditor

        editor = VenueEditor(self._workspace.planning.geocoding.find_address, before, self)
        if run_modal(editor) != VenueEditor.DialogCode.Accepted:
            return
        after = editor.draft()
        if after is None or after == before:
            return
        self._undo.push(
            EditVenue(self._workspace.planning.venues, record.id, before, after, self._changed)
        )

    def remove_selected(self) -> None:
        record = self.selected_venue()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove Venue",
            literal(
                f"Remove “{record.name}” from your venues?\n\nPast chats there keep it. "
                "You can undo this with Ctrl+Z."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._undo.push(
            RemoveVenue(self._workspace.planning.venues, record.id, record.name, self._changed)
        )

    def record_visit(self) -> None:
        record = self.selected_venue()
        if record is None:
            return
        self._undo.push(
            RecordVisit(self._workspace.planning.venues, record.id, record.name, self._changed)
        )

    def change_base(self) -> None:
        from chatplanner.ui.venues.base_dialog import BaseDialog

        venues = self._workspace.planning.venues
        dialog = BaseDialog(
            self._find_cities, self._workspace.planning.geocoding.find_address, venues.base(), self
        )
        if run_modal(dialog) != BaseDialog.DialogCode.Accepted or dialog.base() is None:
            return
        base = dialog.base()
        try:
            venues.set_base(base)
            # A computer keeping another time (left in UTC) would show every time twice, with
            # the wrong one as "your time": the base's zone becomes the user's unless they
            # chose one in Preferences.
            adopted = self._workspace.settings.adopt_base_zone(base.timezone if base else None)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Your Base", literal(str(error)))
            return
        zone = zone_named(adopted)
        times = (
            f" Times now show in {zone_time_name(zone)} (Preferences › Your time zone)."
            if zone is not None
            else ""
        )
        self._changed(f"Saved your base.{times}")

    def _find_cities(self, name: str) -> list[City]:
        return self._workspace.planning.venues.places.cities(name)
