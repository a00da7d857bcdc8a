"""Meetings: every chat on the left (upcoming first), the chosen one on the right."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from chatplanner.domain.enums import TemplateKind
from chatplanner.errors import ChatplannerError
from chatplanner.services.chat_templates import RECRUITER_NAME
from chatplanner.services.workspace import Workspace
from chatplanner.ui.icons import icon
from chatplanner.ui.meetings.detail import MeetingDetailView
from chatplanner.ui.meetings.list_model import (
    MEETING_ID_ROLE,
    MeetingListDelegate,
    MeetingListModel,
)
from chatplanner.ui.meetings.template_dialog import TemplateDialog
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState

EMPTY, LIST = range(2)


class MeetingsPage(Page):
    key = "meetings"
    label = "Meetings"
    icon_name = "meetings"

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("Meetings", "Plan, checklist, notes and thank-you for each chat.", parent)
        self._workspace = workspace

        templates = QPushButton(icon("edit"), "Templates")
        templates_menu = QMenu(templates)
        templates_menu.addAction(
            "Checklist template…", lambda: self._edit_template(TemplateKind.CHECKLIST)
        )
        templates_menu.addAction(
            "Thank-you template…", lambda: self._edit_template(TemplateKind.THANK_YOU)
        )
        templates_menu.addAction(
            "Thank-you template for recruiters…",
            lambda: self._edit_template(TemplateKind.THANK_YOU, RECRUITER_NAME),
        )
        templates.setMenu(templates_menu)
        self.header.action_bar.addWidget(templates)
        self.plan_button = QPushButton("Plan a chat…")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.clicked.connect(lambda: self.plan_chat.emit(0))
        self.header.action_bar.addWidget(self.plan_button)

        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "meetings",
            "No chats yet",
            "Plan a coffee chat with someone from your network. Each chat gets a checklist, "
            "notes that save themselves, and a thank-you draft.",
            "Plan a chat",
            lambda: self.plan_chat.emit(0),
        )
        self.stack.addWidget(self.empty)

        self.model = MeetingListModel(self)
        self.list = QListView()
        self.list.setObjectName("meetings-list")
        self.list.setAccessibleName("Meetings")
        self.list.setModel(self.model)
        self.list.setItemDelegate(MeetingListDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumWidth(300)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.detail = MeetingDetailView(workspace, undo_stack)
        self.detail.changed.connect(self._meeting_changed)
        self.detail.notes_saved.connect(self._update_archive)
        self.detail.status_message.connect(self.status_message)
        self.detail.open_contact.connect(self.open_contact)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 700])
        self.stack.addWidget(splitter)
        self.body.addWidget(self.stack, 1)
        if parent is None:
            # On its own, the page reads its chats now. Built inside the window, it does not:
            # the window calls `refresh` as it shows the page, and reading 10,000 chats twice
            # would double the wait.
            self.refresh()

    # Page -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.detail.meeting_id
        self.detail.flush()
        meetings = self._workspace.meetings.list_meetings()
        self.model.set_rows(meetings, self._workspace.context.now())
        self.stack.setCurrentIndex(LIST if meetings else EMPTY)
        upcoming = sum(1 for m in meetings if m.is_upcoming(self._workspace.context.now()))
        if meetings:
            self.header.set_subtitle(
                f"{len(meetings)} chats, {upcoming} coming up. Notes save themselves as you type."
            )
        target = current if current in self.model.meeting_ids() else None
        if target is None and meetings:
            ids = self.model.meeting_ids()
            target = ids[0]
        if target is not None:
            self._select(target)

    def show_meeting(self, meeting_id: int) -> None:
        if meeting_id not in self.model.meeting_ids():
            self.refresh()
        self._select(meeting_id)

    def flush(self) -> bool:
        """Save what is being typed now (the window calls this before closing)."""
        return self.detail.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        # Switching to another page saves at once rather than after the pause.
        self.detail.flush()
        super().hideEvent(event)

    # List ---------------------------------------------------------------------------------------
    def _select(self, meeting_id: int) -> None:
        row = self.model.row_of(meeting_id)
        if row < 0:
            return
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        if self.detail.meeting_id != meeting_id:
            self.detail.load(meeting_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        meeting_id = current.data(MEETING_ID_ROLE)
        if isinstance(meeting_id, int) and meeting_id != self.detail.meeting_id:
            self.detail.load(meeting_id)

    def _meeting_changed(self, meeting_id: int) -> None:
        try:
            summary = self._workspace.meetings.summary(meeting_id)
        except ChatplannerError:
            self.refresh()
            return
        self.model.update_summary(summary)
        self._update_archive(meeting_id)
        self.data_changed.emit()

    def _update_archive(self, meeting_id: int) -> None:
        # The archive follows the notes; a failure here never gets in the way of typing.
        try:
            self._workspace.archive.sync_meeting(meeting_id)
        except ChatplannerError as error:
            self.status_message.emit(f"The notes archive was not updated: {error}")

    def _edit_template(self, kind: TemplateKind, name: str = "default") -> None:
        dialog = TemplateDialog(self._workspace.chat_templates, kind, name, self)
        if dialog.exec():
            self.status_message.emit("Template saved. New chats and drafts will use it.")
