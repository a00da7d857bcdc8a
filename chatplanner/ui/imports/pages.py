"""The steps of the import dialog: choose a file, wait, look at the preview, read the summary."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.moments import plural
from chatplanner.domain.text import isolated
from chatplanner.services.context import backup_time_words
from chatplanner.services.import_preview import READINGS, Decision, ImportPreview, ImportSummary
from chatplanner.ui.imports.choice_delegate import ChoiceDelegate
from chatplanner.ui.imports.preview_model import ImportPreviewModel

KIND_CHOICES = (
    ("", "Find out from the file"),
    ("linkedin", "LinkedIn connections (Connections.csv or the export .zip)"),
    ("vcard", "vCard file (.vcf) from Apple, Google or Outlook"),
    ("google", "Google Contacts CSV"),
)
KIND_NAMES = {
    "linkedin": "a LinkedIn connections export",
    "vcard": "a vCard file",
    "google": "a Google Contacts CSV file",
}


def plain_label(text: str = "", role: str = "") -> QLabel:
    """A label that shows its text literally (file names and people's names are user data)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class ChoosePage(QWidget):
    browse_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(plain_label("Import contacts", "title"))
        layout.addWidget(
            plain_label(
                "Bring in the people you already know. You will see what changes before "
                "anything is saved, and people already here are updated, not added twice.",
                "subtitle",
            )
        )
        layout.addSpacing(8)
        layout.addWidget(plain_label("File", "heading"))
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Choose the file your contacts were exported to")
        self.path_edit.setClearButtonEnabled(True)
        row.addWidget(self.path_edit, 1)
        self.browse_button = QPushButton("Choose File…")
        self.browse_button.clicked.connect(self.browse_requested)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        self.detected_label = plain_label("", "muted")
        layout.addWidget(self.detected_label)
        layout.addWidget(plain_label("Kind of file", "heading"))
        self.kind_combo = QComboBox()
        for value, label in KIND_CHOICES:
            self.kind_combo.addItem(label, value)
        layout.addWidget(self.kind_combo)
        layout.addWidget(
            plain_label(
                "LinkedIn: Settings › Data privacy › Get a copy of your data › Connections. "
                "Google Contacts: Export › Google CSV or vCard. Apple Contacts: File › Export › "
                "Export vCard.",
                "muted",
            )
        )
        self.error_label = plain_label("", "error")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData() or "")

    def set_kind(self, kind: str) -> None:
        position = self.kind_combo.findData(kind)
        self.kind_combo.setCurrentIndex(max(position, 0))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))


class WorkingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title_label = plain_label("", "heading")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title_label)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.phase_label = plain_label("", "muted")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.phase_label)
        layout.addStretch(2)

    def begin(self, title: str) -> None:
        self.title_label.setText(title)
        self.phase_label.setText("")
        self.progress.setRange(0, 0)  # busy until the first measure arrives

    def show_progress(self, done: int, total: int, phase: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.phase_label.setText(f"{phase}  {done:,} of {total:,}")
        else:
            self.progress.setRange(0, 0)
            self.phase_label.setText(phase)


_FILTERS = (
    ("", "All rows"),
    ("new", "New"),
    ("update", "Updates"),
    ("likely", "Likely duplicates"),
    ("skipped", "Skipped"),
    ("unchanged", "Already up to date"),
)


# Names and companies keep room for this many letters; what happens, for this many.
PREVIEW_NAME_LETTERS, PREVIEW_DETAILS_LETTERS = 16, 30
# The rows measured for the widths (a file of thousands reads the same few widths), and a
# cell's room around its text: the style sheet's padding and the delegate's margins.
PREVIEW_ROWS_MEASURED, CELL_PADDING = 2000, 2 * 10 + 12


class PreviewPage(QWidget):
    decisions_changed = Signal()
    reading_chosen = Signal(str)  # read the file again this way (a key of READINGS)

    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - the preview page's form, built in one place
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.title_label = plain_label("", "title")
        layout.addWidget(self.title_label)
        self.counts_label = plain_label("", "subtitle")
        layout.addWidget(self.counts_label)
        self.likely_bar = QWidget()
        likely = QHBoxLayout(self.likely_bar)
        likely.setContentsMargins(0, 0, 0, 0)
        self.likely_label = plain_label("")
        likely.addWidget(self.likely_label, 1)
        for decision, text in (
            (Decision.MERGE, "Merge All"),
            (Decision.ADD, "Add All as New"),
            (Decision.SKIP, "Skip All"),
        ):
            button = QPushButton(text)
            button.setProperty("role", "flat")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, d=decision: self._set_all(d))
            likely.addWidget(button)
        layout.addWidget(self.likely_bar)
        # A file mixing UTF-8 and Latin-1 lines: said plainly, with the choice of reading.
        self.encoding_bar = QWidget()
        encoding = QHBoxLayout(self.encoding_bar)
        encoding.setContentsMargins(0, 0, 0, 0)
        self.encoding_label = plain_label("", "error")
        encoding.addWidget(self.encoding_label, 1)
        encoding.addWidget(plain_label("Read the file"))
        self.reading_combo = QComboBox()
        self.reading_combo.setAccessibleName("Read the file")
        for key, text in READINGS.items():
            self.reading_combo.addItem(text, key)
        self.reading_combo.activated.connect(self._reading_activated)
        encoding.addWidget(self.reading_combo)
        self.encoding_bar.setVisible(False)
        layout.addWidget(self.encoding_bar)
        filters = QHBoxLayout()
        filters.addWidget(plain_label("Show"))
        self.filter_combo = QComboBox()
        for status, label in _FILTERS:
            self.filter_combo.addItem(label, status)
        self.filter_combo.currentIndexChanged.connect(self._filter)
        filters.addWidget(self.filter_combo)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.model = ImportPreviewModel()
        self.model.dataChanged.connect(lambda *_: self.decisions_changed.emit())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ImportPreviewModel.CHOICE, ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ImportPreviewModel.DETAILS, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.installEventFilter(self)  # the columns are fitted again when it resizes
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        # The whole sentence for the current row: the column is often too narrow for it.
        self.row_label = plain_label("")
        layout.addWidget(self.row_label)
        self.note_label = plain_label("", "muted")
        layout.addWidget(self.note_label)

    def set_preview(self, preview: ImportPreview) -> None:
        self.model.set_preview(preview)
        self.title_label.setText(f"Preview: {preview.source_label}")
        counts = [
            plural(preview.count("new"), "new person", "new people"),
            plural(preview.count("update"), "update"),
            plural(preview.count("likely"), "likely duplicate"),
            plural(preview.count("skipped"), "skipped row"),
        ]
        if preview.count("unchanged"):
            counts.append(f"{preview.count('unchanged'):,} already up to date")
        if preview.blank_rows:
            counts.append(f"{plural(preview.blank_rows, 'blank row')} skipped")
        self.counts_label.setText(" · ".join(counts))
        evidence = preview.encoding
        mixed = evidence is not None and evidence.mixed
        self.encoding_bar.setVisible(mixed)
        if evidence is not None and mixed:
            self.encoding_label.setText(evidence.sentence())
            self.reading_combo.setCurrentIndex(
                max(0, self.reading_combo.findData(evidence.reading))
            )
        likely = preview.count("likely")
        self.likely_bar.setVisible(bool(likely))
        self.likely_label.setText(
            f"{plural(likely, 'row looks', 'rows look')} like someone already here. Nothing "
            "is merged unless you choose it: double-click “Your choice” on a row, or choose "
            "for all. Left alone, they are skipped."
        )
        notes = [f"Row {item.row_number} · {item.reason}" for item in preview.warnings[:3]]
        if len(preview.warnings) > 3:
            notes.append(f"And {plural(len(preview.warnings) - 3, 'more row')} like these.")
        if preview.new_groups:
            notes.append("New groups: " + ", ".join(preview.new_groups) + ".")
        kept = sum(1 for row in preview.rows if row.kept)
        if kept:
            notes.append(
                f"{plural(kept, 'person keeps', 'people keep')} what was changed here after this "
                "file was made (the file's older title or company is not taken)."
            )
        if not preview.has_work:
            notes.append("Nothing to import: everyone in this file is already in your contacts.")
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))
        # What needs a decision comes first.
        wanted = 3 if likely else 0
        if self.filter_combo.currentIndex() == wanted:
            self._filter()
        else:
            self.filter_combo.setCurrentIndex(wanted)
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Names and companies as wide as their texts, "Your choice" only when there is a
        choice to make, and what happens in the rest; when the table is too narrow for all of
        it, names and companies give way down to PREVIEW_NAME_LETTERS."""
        model, table = self.model, self.table
        header = table.horizontalHeader()
        likely = any(model.record_at(row).status == "likely" for row in range(model.rowCount()))
        table.setColumnHidden(ImportPreviewModel.CHOICE, not likely)
        letter = table.fontMetrics().averageCharWidth()
        fitted = [ImportPreviewModel.ROW, ImportPreviewModel.STATUS]
        giving = [ImportPreviewModel.NAME, ImportPreviewModel.COMPANY]
        if likely:
            fitted.append(ImportPreviewModel.CHOICE)
        metrics = table.fontMetrics()
        rows = range(min(model.rowCount(), PREVIEW_ROWS_MEASURED))
        wanted = {}
        for column in fitted + giving:
            texts = {str(model.index(row, column).data() or "") for row in rows}
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            wanted[column] = max(widest + CELL_PADDING, header.sectionSizeHint(column))
        least = {
            column: max(header.sectionSizeHint(column), letter * PREVIEW_NAME_LETTERS)
            for column in giving
        }
        # From the table's own width: its viewport is resized after the filter hears of it.
        inner = table.width() - 2 * table.frameWidth()
        if table.verticalScrollBar().isVisible():
            inner -= table.verticalScrollBar().width()
        room = inner - letter * PREVIEW_DETAILS_LETTERS
        over = sum(wanted.values()) - room
        give = sum(max(0, wanted[c] - least[c]) for c in giving)
        if over > 0 and give > 0:
            share = min(1.0, over / give)
            for column in giving:
                wanted[column] -= round(max(0, wanted[column] - least[column]) * share)
        for column, width in wanted.items():
            table.setColumnWidth(column, width)

    def _reading_activated(self, _index: int) -> None:
        self.reading_chosen.emit(str(self.reading_combo.currentData()))

    def _filter(self) -> None:
        self.model.set_status_filter(str(self.filter_combo.currentData() or ""))
        self.fit_columns()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.row_label.setText("")

    def _show_row(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.row_label.setText("")
            return
        row = self.model.record_at(current.row())
        # Isolated: a right-to-left name would otherwise swallow the colon after it.
        name = f" · {isolated(row.name)}" if row.name else ""
        self.row_label.setText(f"Row {row.row_number}{name}: {row.reason}")

    def _set_all(self, decision: Decision) -> None:
        self.model.set_all_decisions(decision)


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.title_label = plain_label("", "title")
        layout.addWidget(self.title_label)
        self.counts_label = plain_label("", "subtitle")
        layout.addWidget(self.counts_label)
        self.groups_label = plain_label("", "muted")
        layout.addWidget(self.groups_label)
        self.backup_label = plain_label("", "muted")
        self.backup_label.setWordWrap(True)
        layout.addWidget(self.backup_label)
        self.skipped_heading = plain_label("Skipped rows", "heading")
        layout.addWidget(self.skipped_heading)
        self.skipped_text = QPlainTextEdit()
        self.skipped_text.setReadOnly(True)
        layout.addWidget(self.skipped_text, 1)
        # With no rows skipped, the lines above stay together at the top instead of being
        # spread down the page with wide gaps between them.
        self._rest = QWidget()
        layout.addWidget(self._rest, 1)

    def set_summary(self, summary: ImportSummary, source_label: str) -> None:
        changed = summary.new + summary.updated + summary.merged
        self.title_label.setText("Import finished" if changed else "Nothing was changed")
        parts = [
            plural(summary.new, "new person", "new people"),
            f"{summary.updated:,} updated",
            f"{summary.merged:,} merged",
            plural(summary.skipped, "skipped row"),
        ]
        if summary.unchanged:
            parts.append(f"{summary.unchanged:,} already up to date")
        if summary.blank_rows:
            parts.append(f"{plural(summary.blank_rows, 'blank row')} skipped")
        self.counts_label.setText(f"{source_label}: " + " · ".join(parts))
        groups = summary.groups_created
        self.groups_label.setText("New groups: " + ", ".join(groups) + "." if groups else "")
        self.groups_label.setVisible(bool(groups))
        taken = summary.backup_taken_at
        self.backup_label.setText(
            "Your contacts as they were before this import are kept in the automatic backup "
            f"of {backup_time_words(taken)}: File › Restore from Automatic Backup… puts them back."
            if summary.backup_name and taken is not None
            else ""
        )
        self.backup_label.setVisible(bool(self.backup_label.text()))
        lines = [f"Row {item.row_number}: {item.reason}" for item in summary.skipped_reasons]
        self.skipped_text.setPlainText("\n".join(lines))
        self.skipped_heading.setVisible(bool(lines))
        self.skipped_text.setVisible(bool(lines))
        self._rest.setVisible(not lines)
