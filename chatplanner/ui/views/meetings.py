"""Meetings: every chat on the left (upcoming first), the chosen one on the right."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.moments import plural
from chatplanner.domain.template_names import RECRUITER_NAME, REPORT_BACK_NAME
from chatplanner.errors import ChatplannerError
from chatplanner.services.meeting_records import MeetingSummary
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.icons import icon
from chatplanner.ui.meetings.detail import MeetingDetailView
from chatplanner.ui.meetings.list_delegate import MeetingListDelegate
from chatplanner.ui.meetings.list_model import MEETING_ID_ROLE, MeetingListModel
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState
from chatplanner.ui.widgets.modal import run_modal

EMPTY, LIST = range(2)
PLAN_FIRST_CHAT = (
    "No chats yet",
    "Plan a coffee chat with someone from your network. Each chat gets a checklist, "
    "notes that save themselves, and a thank-you draft.",
    "Plan a chat",
)
IMPORT_FIRST = (
    "No chats yet",
    "A chat is planned with someone from your network, and there is nobody in it yet. Bring "
    "your network in first: import your LinkedIn connections, a vCard or a Google contacts file.",
    "Import your contacts",
)
# The list is as wide as a long name (Olúwadámilọ́lá Adébáyọ̀) and a day with its time zone
# need, when the chat beside it still has room for its six tabs; never narrower than the minimum.
LIST_WIDTH, LIST_MINIMUM = 300, 200
# Rows of each section read for the first screen of a long list (a screen shows about 12).
FIRST_SCREEN_ROWS = 40


class MeetingsPage(Page):
    import_requested = Signal(str)  # the window opens the import ("" to choose the kind)
    key = "meetings"
    label = "Meetings"
    icon_name = "meetings"

    # Long: the meetings page's list and detail, built in one place.
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
        templates_menu.addAction(
            "Report-back template…",
            lambda: self._edit_template(TemplateKind.THANK_YOU, REPORT_BACK_NAME),
        )
        templates.setMenu(templates_menu)
        self.header.action_bar.addWidget(templates)
        self.plan_button = QPushButton("Plan a chat…")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.clicked.connect(lambda: self.plan_chat.emit(0))
        self.header.action_bar.addWidget(self.plan_button)

        # Each widget is made inside its parent: with the app's style sheet, moving a built
        # widget into another styles all of it again (the body's widget, not the page).
        self.stack = QStackedWidget(self.body.parentWidget())
        self.empty = EmptyState(
            "meetings", *PLAN_FIRST_CHAT, on_action=lambda: self.plan_chat.emit(0)
        )
        self.stack.addWidget(self.empty)

        splitter = _ListAndChat(self.stack)
        splitter.setChildrenCollapsible(False)
        self.model = MeetingListModel(self)
        self.list = QListView(splitter)
        self.list.setObjectName("meetings-list")
        self.list.setAccessibleName("Meetings")
        self.list.setModel(self.model)
        self.list.setItemDelegate(MeetingListDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMinimumWidth(LIST_MINIMUM)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.detail = MeetingDetailView(workspace, undo_stack, splitter)
        self.detail.changed.connect(self._meeting_changed)
        self.detail.notes_saved.connect(self._update_archive)
        self.detail.status_message.connect(self.status_message)
        self.detail.open_contact.connect(self.open_contact)

        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LIST_WIDTH, 800])  # the chat and its six tabs get the room
        splitter.tabs = self.detail.tabs
        self.stack.addWidget(splitter)
        self.body.addWidget(self.stack, 1)

        self._fingerprint: object = None  # of the rows shown; None while only a part is
        self._load_pending = False  # the whole list loads once its first screen is painted
        self.loader = BackgroundTask(
            self,
            explain=lambda error: f"The list of chats could not be read: {error}",
            name="chat-list",
        )
        self.loader.succeeded.connect(lambda result: self._rows_loaded(*result))
        self.loader.failed.connect(self._load_failed)
        self.reload()

    # Page -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Shown again: read the chats again only if something changed (a cheap fingerprint)."""
        self.detail.flush()
        if self.loading:
            return  # the rows on their way are read after any change made before
        try:
            unchanged = self._workspace.chats.meetings.list_fingerprint() == self._fingerprint
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        if not unchanged:
            self.reload()

    @property
    def loading(self) -> bool:
        """The whole list is being read in the background (its first screen is shown)."""
        return self._load_pending or self.loader.running

    def reload(self) -> None:
        """Read the chats: the first screen now, and the rest in the background if there is more.

        With a long list already shown, it stays as it is until the new rows arrive."""
        self.detail.flush()
        meetings = self._workspace.chats.meetings
        fingerprint: object = None
        try:
            start = meetings.list_start(FIRST_SCREEN_ROWS)
            if start.complete:
                # Few chats: these are all of them. The fingerprint is taken before the rows
                # it stands for, so that a change in between is seen as one later.
                fingerprint = meetings.list_fingerprint()
                start = meetings.list_start(FIRST_SCREEN_ROWS)
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        if not start.complete and self.model.rowCount():
            self._start_load()
            return
        current = self.detail.meeting_id
        now = self._workspace.context.now()
        self.model.set_sections(
            start.upcoming,
            start.past,
            start.upcoming_count,
            start.past_count,
            now,
            self._workspace.context.zone(),
        )
        self._show_counts(start.upcoming_count, start.past_count)
        # The first chat sits under the first header, at the top: scrolling to it (in a view
        # not laid out yet) would hide the header.
        self._select_current_or_first(current, scroll=current is not None)
        self.detail.show_again_if_changed([*start.upcoming, *start.past])
        if start.complete:
            self.loader.discard()
            self._fingerprint = fingerprint
            return
        # Paint the first screen before the worker competes with it for the interpreter.
        self._fingerprint = None
        self._load_pending = True
        QTimer.singleShot(0, self._start_pending_load)

    def load_now(self) -> None:
        """Read the whole list at once (to open a chat that is not listed yet)."""
        self.detail.flush()
        self._load_pending = False
        self.loader.discard()
        try:
            meetings, fingerprint = self._read_everything()
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        self._show_rows(meetings, fingerprint)

    def _read_everything(self) -> tuple[list[MeetingSummary], object]:
        """The whole list (also read in the loader's worker thread: services open their own
        sessions). The fingerprint first: a change made while the rows are read shows as one."""
        fingerprint = self._workspace.chats.meetings.list_fingerprint()
        return self._workspace.chats.meetings.list_meetings(), fingerprint

    def _start_pending_load(self) -> None:
        if self._load_pending:
            self._start_load()

    def _start_load(self) -> None:
        self._load_pending = False
        self.loader.call(self._read_everything)

    def _rows_loaded(self, meetings: list[MeetingSummary], fingerprint: object) -> None:
        self._show_rows(meetings, fingerprint)

    def _load_failed(self, message: str) -> None:
        self.status_message.emit(message)

    def _show_rows(self, meetings: Sequence[MeetingSummary], fingerprint: object) -> None:
        """Swap in the whole list, keeping the chat open and the row at the top of the view."""
        current = self.detail.meeting_id
        top = self.list.indexAt(QPoint(0, 0))
        top_id = top.data(MEETING_ID_ROLE) if top.isValid() else None
        offset = self.list.visualRect(top).top() if top.isValid() else 0
        scrolled = self.list.verticalScrollBar().value()
        now = self._workspace.context.now()
        self.model.set_rows(meetings, now, self._workspace.context.zone())
        self._fingerprint = fingerprint
        upcoming = sum(1 for m in meetings if m.is_upcoming(now))
        self._show_counts(upcoming, len(meetings) - upcoming)
        self._select_current_or_first(current, scroll=False)
        self.detail.show_again_if_changed(meetings)
        row = self.model.row_of(top_id) if isinstance(top_id, int) else -1
        if row >= 0:
            self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)
            bar = self.list.verticalScrollBar()
            bar.setValue(bar.value() - offset)
        else:
            self.list.verticalScrollBar().setValue(scrolled)

    def _show_counts(self, upcoming: int, past: int) -> None:
        total = upcoming + past
        self.stack.setCurrentIndex(LIST if total else EMPTY)
        if not total:
            self._say_next_step()
        if total:
            self.header.set_subtitle(
                f"{plural(total, 'chat')}, {upcoming:,} coming up. Notes save themselves as you type."
            )

    def _say_next_step(self) -> None:
        """No chats yet: plan one, or first bring in the people to plan it with."""
        try:
            has_people = self._workspace.people.contacts.count() > 0
        except ChatplannerError:
            has_people = True
        if has_people:
            self.empty.show_step(*PLAN_FIRST_CHAT, lambda: self.plan_chat.emit(0))
        else:
            self.empty.show_step(*IMPORT_FIRST, lambda: self.import_requested.emit(""))

    def _select_current_or_first(self, current: int | None, *, scroll: bool = True) -> None:
        target = current if current is not None and self.model.row_of(current) >= 0 else None
        if target is None:
            target = self.model.first_meeting_id()
        if target is not None:
            self._select(target, scroll=scroll)

    def show_meeting(self, meeting_id: int) -> None:
        if self.model.row_of(meeting_id) < 0:
            self.load_now()
        self._select(meeting_id)

    def show_brief(self, meeting_id: int) -> None:
        self.show_meeting(meeting_id)
        if self.detail.meeting_id == meeting_id:
            self.detail.show_brief()

    def show_thank_you(self, meeting_id: int) -> None:
        self.show_meeting(meeting_id)
        if self.detail.meeting_id == meeting_id:
            self.detail.show_thank_you()

    def show_meeting_notes(self, meeting_id: int, words: str) -> None:
        """Show a chat on its Notes tab with `words` (a search hit) selected and in view."""
        self.show_meeting(meeting_id)
        if self.detail.meeting_id == meeting_id:
            self.detail.show_in_notes(words)

    def flush(self) -> bool:
        """Save what is being typed now (the window calls this before closing)."""
        return self.detail.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        # Switching to another page saves at once rather than after the pause.
        self.detail.flush()
        super().hideEvent(event)

    # List ---------------------------------------------------------------------------------------
    def _select(self, meeting_id: int, *, scroll: bool = True) -> None:
        row = self.model.row_of(meeting_id)
        if row < 0:
            return
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if scroll:
            self.list.scrollTo(index)
        if self.detail.meeting_id != meeting_id:
            self.detail.load(meeting_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        meeting_id = current.data(MEETING_ID_ROLE)
        if isinstance(meeting_id, int) and meeting_id != self.detail.meeting_id:
            self.detail.load(meeting_id)

    def _meeting_changed(self, meeting_id: int) -> None:
        try:
            summary = self._workspace.chats.meetings.summary(meeting_id)
        except ChatplannerError:
            self.refresh()
            return
        before = self.model.update_summary(summary)
        if before is not None and not _same_place(before, summary):
            # Marked done or cancelled, moved to another time: it belongs in another section
            # or place, and the heading counts change. Regroup now: a row left in place would
            # also make the next change of this chat look like one in place.
            self.reload()
        elif before is not None and self._fingerprint is not None:
            # The row changed in place and is where a full read would put it: the rows shown
            # are what a read would give, so the next showing need not read them again.
            with contextlib.suppress(ChatplannerError):
                self._fingerprint = self._workspace.chats.meetings.list_fingerprint()
        self._update_archive(meeting_id)
        self.data_changed.emit()

    def _update_archive(self, meeting_id: int) -> None:
        # The archive follows the notes; a failure here never gets in the way of typing.
        try:
            self._workspace.chats.archive.sync_meeting(meeting_id)
        except ChatplannerError as error:
            self.status_message.emit(f"The notes archive was not updated: {error}")

    def _edit_template(self, kind: TemplateKind, name: str = "default") -> None:
        from chatplanner.ui.meetings.template_dialog import TemplateDialog  # the drafting code

        dialog = TemplateDialog(self._workspace.chats.chat_templates, kind, name, self)
        if run_modal(dialog):
            self.status_message.emit("Template saved. New chats and drafts will use it.")


class _ListAndChat(QSplitter):
    """The list of chats and the chat: the list gives way to the chat's tabs in a narrow
    window, and takes up to LIST_WIDTH in a wide one, until the user drags the handle."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.tabs: QTabWidget | None = None
        self._dragged = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, *_args: object) -> None:
        self._dragged = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._dragged or self.tabs is None or self.count() != 2:
            return
        chat = self.widget(1)
        room = self.tabs.tabBar().sizeHint().width() + 8
        layout = chat.layout() if chat is not None else None
        if layout is not None:
            margins = layout.contentsMargins()
            room += margins.left() + margins.right()
        spare = self.width() - self.handleWidth() - room
        width = max(LIST_MINIMUM, min(LIST_WIDTH, spare))
        if self.sizes()[0] != width:
            with QSignalBlocker(self):
                self.setSizes([width, self.width() - self.handleWidth() - width])


def _same_place(before: MeetingSummary, after: MeetingSummary) -> bool:
    """Whether a changed chat stays where it was in the list (same time, same section)."""
    return (before.starts_at, before.duration_minutes, before.status) == (
        after.starts_at,
        after.duration_minutes,
        after.status,
    )
