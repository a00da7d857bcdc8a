"""Import Contacts: choose a file, preview what changes, import in one go, read the summary.

Reading, matching and saving run on a worker thread (a 30,000-row export takes a few
seconds); the window stays responsive and Cancel rolls everything back.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.moments import plural
from chatplanner.services.contact_import import ContactFormat
from chatplanner.services.import_preview import (
    ImportPreview,
    ImportSummary,
    ProgressCallback,
    StopCheck,
)
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.imports.pages import (
    KIND_NAMES,
    ChoosePage,
    PreviewPage,
    SummaryPage,
    WorkingPage,
)

FILE_FILTERS = {
    "linkedin": "LinkedIn export (*.csv *.zip)",
    "vcard": "vCard (*.vcf *.vcard)",
    "google": "Google Contacts CSV (*.csv)",
}
ALL_FILTER = "Contact files (*.csv *.zip *.vcf *.vcard)"


class ImportContactsDialog(QDialog):
    imported = Signal()  # something was written: pages showing contacts should refresh

    def __init__(self, workspace: Workspace, kind: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import Contacts")
        self.setMinimumSize(QSize(760, 520))
        self.resize(980, 640)
        self._service = workspace.people.contact_import
        self._preview: ImportPreview | None = None
        self._summary: ImportSummary | None = None
        self._task = BackgroundTask(self)
        self._task.progressed.connect(self._progressed)
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.cancelled.connect(self._cancelled)
        self._committing = False

        self.choose_page = ChoosePage()
        self.choose_page.set_kind(kind)
        self.choose_page.browse_requested.connect(self.browse)
        self.choose_page.path_edit.textChanged.connect(self._path_changed)
        self.working_page = WorkingPage()
        self.preview_page = PreviewPage()
        self.preview_page.decisions_changed.connect(self._update_buttons)
        self.preview_page.reading_chosen.connect(self._read_again)
        self._reading: str | None = None  # how to decode the file; None: decided from it
        self.summary_page = SummaryPage()
        self.stack = QStackedWidget()
        for page in (self.choose_page, self.working_page, self.preview_page, self.summary_page):
            self.stack.addWidget(page)

        self.back_button = QPushButton("Back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self._back)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.next_button = QPushButton("Preview")
        self.next_button.setProperty("role", "primary")
        self.next_button.setDefault(True)  # Enter moves on
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show(self.choose_page)

    # Steps -----------------------------------------------------------------------------------
    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    @property
    def summary(self) -> ImportSummary | None:
        return self._summary

    def browse(self) -> None:
        kind = self.choose_page.kind
        filters = ";;".join(
            [FILE_FILTERS[kind], ALL_FILTER] if kind else [ALL_FILTER, *FILE_FILTERS.values()]
        )
        start = self.choose_page.path_edit.text().strip() or str(Path.home())
        path, _chosen = QFileDialog.getOpenFileName(self, "Choose a Contact File", start, filters)
        if path:
            self.choose_page.path_edit.setText(path)
            self.next_button.setFocus()

    def start_preview(self) -> None:
        text = self.choose_page.path_edit.text().strip()
        if not text:
            self.browse()
            text = self.choose_page.path_edit.text().strip()
            if not text:
                return
        path = Path(text).expanduser()
        kind = cast(ContactFormat | None, self.choose_page.kind or None)
        service = self._service
        self.choose_page.show_error("")
        self._committing = False
        self.working_page.begin(f"Reading {path.name}…")
        self._show(self.working_page)

        reading = self._reading

        def work(progress: ProgressCallback, should_stop: StopCheck) -> object:
            return service.preview(
                path, kind, reading=reading, progress=progress, should_stop=should_stop
            )

        self._task.start(work)

    def _read_again(self, reading: str) -> None:
        """The user chose how a mixed-encoding file is read: preview it again that way."""
        self._reading = reading
        self.start_preview()

    def start_import(self) -> None:
        preview = self._preview
        if preview is None:
            return
        decisions = self.preview_page.model.decisions
        service = self._service
        self._committing = True
        self.working_page.begin("Saving your contacts…")
        self._show(self.working_page)

        def work(progress: ProgressCallback, should_stop: StopCheck) -> object:
            return service.commit(preview, decisions, progress=progress, should_stop=should_stop)

        self._task.start(work)

    # Worker results --------------------------------------------------------------------------
    def _progressed(self, done: int, total: int, phase: str) -> None:
        self.working_page.show_progress(done, total, phase)

    def _succeeded(self, result: object) -> None:
        if isinstance(result, ImportPreview):
            self._preview = result
            self.preview_page.set_preview(result)
            self._show(self.preview_page)
        elif isinstance(result, ImportSummary):
            self._summary = result
            label = self._preview.source_label if self._preview is not None else ""
            self.summary_page.set_summary(result, label)
            self._show(self.summary_page)
            if result.new or result.updated or result.merged:
                self.imported.emit()

    def _failed(self, message: str) -> None:
        if self._committing:
            message = f"The import did not go through, and nothing was changed. {message}"
        self.choose_page.show_error(message)
        self._show(self.choose_page)

    def _cancelled(self) -> None:
        if self._committing and self._preview is not None:
            self.preview_page.note_label.setText("Import cancelled. Nothing was changed.")
            self.preview_page.note_label.setVisible(True)
            self._show(self.preview_page)
        else:
            self._show(self.choose_page)

    # Buttons and keys ------------------------------------------------------------------------
    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._update_buttons()
        if page is self.choose_page:
            self.choose_page.path_edit.setFocus()

    def _update_buttons(self) -> None:
        page = self.stack.currentWidget()
        working = page is self.working_page
        self.back_button.setVisible(page is self.preview_page)
        self.cancel_button.setVisible(page is not self.summary_page)
        self.next_button.setVisible(not working)
        if page is self.choose_page:
            self.next_button.setText("Preview")
            self.next_button.setEnabled(True)
        elif page is self.preview_page:
            count = self._import_count()
            self.next_button.setText(
                f"Import {plural(count, 'Contact')}" if count else "Nothing to Import"
            )
            self.next_button.setEnabled(count > 0)
        elif page is self.summary_page:
            self.next_button.setText("Close")
            self.next_button.setEnabled(True)
        self.next_button.setDefault(True)

    def _import_count(self) -> int:
        preview = self._preview
        if preview is None:
            return 0
        chosen = sum(
            1 for decision in self.preview_page.model.decisions.values() if decision.value != "skip"
        )
        return preview.count("new") + preview.count("update") + chosen

    def _next(self) -> None:
        page = self.stack.currentWidget()
        if page is self.choose_page:
            self.start_preview()
        elif page is self.preview_page:
            self.start_import()
        elif page is self.summary_page:
            self.accept()

    def _back(self) -> None:
        self._show(self.choose_page)

    def _path_changed(self, text: str) -> None:
        self.choose_page.show_error("")
        self._reading = None  # another file: its own evidence decides
        path = Path(text.strip()).expanduser() if text.strip() else None
        if path is None or not path.is_file():
            self.choose_page.detected_label.setText("")
            return
        found = self._service.detect(path)
        if found is None:
            self.choose_page.detected_label.setText(
                "This file does not look like a contact export chatplanner reads."
            )
            return
        message = f"This looks like {KIND_NAMES[found]}."
        chosen = self.choose_page.kind
        if chosen and chosen != found:
            self.choose_page.set_kind(found)
            message += " The kind of file below was changed to match."
        self.choose_page.detected_label.setText(message)

    def reject(self) -> None:
        # Esc or Cancel while working stops the work (which rolls back) rather than leaving it.
        if self._task.running:
            self.working_page.phase_label.setText("Cancelling…")
            self._task.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._task.cancel_and_wait()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._task.cancel_and_wait()
        super().done(result)
