"""Archive: search every chat's notes, and keep the Markdown archive folder up to date."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from chatplanner.errors import ChatplannerError
from chatplanner.services.archive import SyncResult
from chatplanner.services.workspace import Workspace
from chatplanner.ui.archive.results import (
    MEETING_ID_ROLE,
    SearchResultDelegate,
    SearchResultsModel,
)
from chatplanner.ui.background import BackgroundTask, ProgressCallback, StopCheck
from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.empty_state import EmptyState

SEARCH_DELAY_MS = 200
RESULT_LIMIT = 100
PROMPT, NOTHING_FOUND, RESULTS = range(3)
SEARCH_PROMPT = (
    "Type a word from any chat: advice, a book, a company, a name. Accents do not matter: "
    "\u201ccafe\u201d finds \u201cCaf\u00e9\u201d. Press Enter to open the first result."
)


def summary_text(result: SyncResult) -> str:
    """ "Archive up to date: 2 written, 1 updated, 40 unchanged." in words."""
    parts = [
        f"{len(result.written)} written",
        f"{len(result.updated)} updated",
        f"{len(result.unchanged)} unchanged",
    ]
    if result.removed:
        parts.append(f"{len(result.removed)} removed")
    if result.kept:
        # Files of chats this profile does not hold (say, after a restore), or edited since.
        parts.append(f"{len(result.kept)} left in place as yours")
    head = "Archive up to date" if result.completed else "Stopped part-way (run it again to finish)"
    return f"{head}: {', '.join(parts)}."


def _write_failure(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"The archive could not be written: {error}. Try another folder."
    return (
        f"The archive could not be written ({type(error).__name__}: {error}). "
        "The details are in the log; files already written are complete."
    )


class ArchivePage(Page):
    open_meeting_notes = Signal(int, str)  # meeting id, the words found in its notes
    key = "archive"
    label = "Archive"
    icon_name = "archive"

    # Long: the archive page's controls, built in one place.
    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("Archive", "Search everything you wrote down, in every chat.", parent)
        self._workspace = workspace
        self._writing = BackgroundTask(self, explain=_write_failure, name="archive-writer")
        self._writing.progressed.connect(self._progress)
        self._writing.succeeded.connect(self._finished)
        self._writing.failed.connect(self._failed)

        choose = QPushButton(icon("settings"), "Choose folder…")
        choose.clicked.connect(self._choose_folder)
        self.header.action_bar.addWidget(choose)
        open_folder = QPushButton(icon("archive"), "Open archive folder")
        open_folder.clicked.connect(self._open_folder)
        self.header.action_bar.addWidget(open_folder)
        self.write_button = QPushButton("Write archive")
        self.write_button.setProperty("role", "primary")
        self.write_button.setToolTip(
            "Write one Markdown file per chat, and an index, to the archive folder"
        )
        self.write_button.clicked.connect(self.write_archive)
        self.header.action_bar.addWidget(self.write_button)

        self.search = QLineEdit()
        self.search.setProperty("role", "search")
        self.search.setObjectName("archive-search")
        self.search.setPlaceholderText(
            "Search notes, follow-ups and names, e.g. “charter” or “cafe”"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search the notes")
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._open_first_or_current)
        self.body.addWidget(self.search)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

        self.stack = QStackedWidget()
        self.prompt = EmptyState("search", "Search your notes", SEARCH_PROMPT)
        self.stack.addWidget(self.prompt)
        self.nothing = EmptyState(
            "search",
            "Nothing found",
            "No notes, follow-ups or names hold every word you typed. Try fewer or shorter words.",
        )
        self.stack.addWidget(self.nothing)
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("archive-results")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setMouseTracking(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.activated.connect(self._open_index)
        self.results.doubleClicked.connect(self._open_index)
        self.stack.addWidget(self.results)
        self.body.addWidget(self.stack, 1)

        self.body.addWidget(self._folder_card())
        self.refresh()

    def _folder_card(self) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QHBoxLayout(card)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(12)
        self.folder_label = QLabel()
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        self.folder_label.setProperty("role", "muted")
        layout.addWidget(self.folder_label, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(200)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.cancel_button = QPushButton("Stop")
        self.cancel_button.clicked.connect(self.cancel_write)
        self.cancel_button.hide()
        layout.addWidget(self.cancel_button)
        self._show_folder()
        return card

    # Page -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._show_folder()
        if self._workspace.overview.overview().notes == 0:
            self.prompt.title_label.setText("No notes yet")
            self.prompt.body_label.setText(
                "Notes you take in a chat's Notes tab show up here, ready to search. "
                "Accents do not matter: \u201ccafe\u201d finds \u201cCaf\u00e9\u201d."
            )
        else:
            self.prompt.title_label.setText("Search your notes")
            self.prompt.body_label.setText(SEARCH_PROMPT)
        if self.search.text().strip():
            self.run_search()

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # Search ---------------------------------------------------------------------------------------
    def _schedule_search(self) -> None:
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search.text()
        if not query.strip():
            self.model.set_rows([])
            self.stack.setCurrentIndex(PROMPT)
            return
        hits = self._workspace.chats.archive.search(query, RESULT_LIMIT)
        self.model.set_rows(hits)
        self.stack.setCurrentIndex(RESULTS if hits else NOTHING_FOUND)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))

    def _open_first_or_current(self) -> None:
        self.run_search()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        meeting_id = index.data(MEETING_ID_ROLE)
        if not isinstance(meeting_id, int):
            return
        hit = self.model.record_or_none(index.row())
        if hit is not None and hit.highlights and not hit.name_matched:
            start, end = hit.highlights[0]
            # The chat opens on its notes, at the words that were found.
            self.open_meeting_notes.emit(meeting_id, hit.snippet[start:end])
        else:
            self.open_meeting.emit(meeting_id)

    # The archive folder -------------------------------------------------------------------------
    def _show_folder(self, extra: str = "") -> None:
        directory = self._workspace.chats.archive.directory()
        where = " in your profile" if self._workspace.chats.archive.is_default_directory() else ""
        text = f"Archive folder{where}: {directory}"
        self.folder_label.setText(f"{text}\n{extra}" if extra else text)

    def write_archive(self) -> None:
        if self._writing.running:
            return
        self.write_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._show_folder("Writing the archive…")
        archive = self._workspace.chats.archive

        def work(progress: ProgressCallback, should_stop: StopCheck) -> object:
            return archive.sync(
                progress=lambda done, total: progress(done, total, ""), should_stop=should_stop
            )

        self._writing.start(work)

    def cancel_write(self) -> None:
        if self._writing.running:
            self._writing.cancel()  # the files written so far are kept and summed up
            self._show_folder("Stopping…")

    def _progress(self, done: int, total: int, _phase: str = "") -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self._show_folder(f"Writing the archive: {done:,} of {total:,} chats…")

    def _finished(self, result: SyncResult) -> None:
        self._done()
        text = summary_text(result)
        self._show_folder(text)
        self.status_message.emit(text)

    def _failed(self, message: str) -> None:
        self._done()
        self._show_folder("The archive was not written.")
        QMessageBox.warning(self, "Archive not written", literal(message))

    def _done(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.write_button.setEnabled(True)

    def wait_for_write(self, seconds: float | None = None) -> None:
        """Stop a running write after the file in hand and wait for it, a bounded time (the
        window calls this before closing; files are written whole, so none is left half)."""
        self._writing.cancel()
        self._writing.wait(seconds)

    def flush(self) -> bool:
        self.wait_for_write()
        return True

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose the archive folder", str(self._workspace.chats.archive.directory())
        )
        if not chosen:
            return
        try:
            self._workspace.chats.archive.set_directory(Path(chosen))
        except ChatplannerError as error:
            QMessageBox.warning(self, "Folder not changed", literal(str(error)))
            return
        self._show_folder("New folder chosen. Write the archive to fill it.")

    def _open_folder(self) -> None:
        try:
            directory = self._workspace.chats.archive.ensure_directory()
        except ChatplannerError as error:
            QMessageBox.warning(self, "Folder not available", literal(str(error)))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(directory)))
