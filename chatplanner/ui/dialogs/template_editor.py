"""Edit the outreach templates in the app: the placeholders listed (click to insert), errors
marked where they stand, and a way back to the shipped text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.templates import (
    OUTREACH_TEMPLATE_KINDS,
    PLACEHOLDERS,
    TEMPLATE_LABELS,
    word_count,
)
from chatplanner.errors import ChatplannerError
from chatplanner.services.templates import StoredTemplate
from chatplanner.services.workspace import Workspace
from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.placeholder_highlighter import PlaceholderHighlighter

_HINTS = {
    TemplateKind.FIRST_MESSAGE: "To a mentor or peer: specific, genuine, under about 100 words.",
    TemplateKind.FOLLOW_UP: "One short, friendly nudge after about a week of silence.",
    TemplateKind.RECRUITER: "Strictly professional: who you are, what you are looking for.",
    TemplateKind.JOB_LEAD: "For the goal Job lead: ask about working where they work.",
    TemplateKind.INTRODUCTION: "When their record lacks their path: name, title and company do.",
}


class TemplateEditorDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        kind: TemplateKind | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._stored: dict[TemplateKind, StoredTemplate] = {
            t.kind: t for t in workspace.pipeline.templates.all()
        }
        self._kind = kind or TemplateKind.FIRST_MESSAGE
        self._loading = False
        self._last_field: QLineEdit | QPlainTextEdit | None = None
        self.setWindowTitle("Message Templates")
        self.resize(1000, 640)
        self._build()
        self.kind_list.setCurrentRow(OUTREACH_TEMPLATE_KINDS.index(self._kind))

    def _build(self) -> None:  # noqa: PLR0915 - the editor's form, built in one place
        outer = QHBoxLayout(self)
        outer.setContentsMargins(20, 20, 20, 16)
        outer.setSpacing(16)
        self.kind_list = QListWidget()
        self.kind_list.setAccessibleName("Templates")
        self.kind_list.setFixedWidth(190)
        self.kind_list.setSpacing(4)
        for kind in OUTREACH_TEMPLATE_KINDS:
            self.kind_list.addItem(QListWidgetItem(TEMPLATE_LABELS[kind]))
        self.kind_list.currentRowChanged.connect(self._kind_chosen)
        outer.addWidget(self.kind_list)

        middle = QVBoxLayout()
        middle.setSpacing(8)
        self.hint_label = QLabel()
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setWordWrap(True)
        middle.addWidget(self.hint_label)
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText("Subject")
        self.subject_edit.textChanged.connect(self._changed)
        middle.addWidget(self.subject_edit)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName("Template text")
        self._highlighter = PlaceholderHighlighter(self.body_edit.document())
        self.body_edit.textChanged.connect(self._changed)
        middle.addWidget(self.body_edit, 1)
        self.status_label = QLabel()
        self.status_label.setProperty("role", "muted")
        middle.addWidget(self.status_label)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        middle.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.reset_button = QPushButton("Reset to default")
        self.reset_button.clicked.connect(self.reset_to_default)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        middle.addLayout(buttons)
        outer.addLayout(middle, 1)

        side = QVBoxLayout()
        heading = QLabel("Placeholders")
        heading.setProperty("role", "heading")
        side.addWidget(heading)
        note = QLabel("Click one to insert it where you are typing.")
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        side.addWidget(note)
        self.placeholder_list = QListWidget()
        self.placeholder_list.setAccessibleName("Placeholders")
        self.placeholder_list.setFixedWidth(280)
        self.placeholder_list.setSpacing(5)
        self.placeholder_list.setWordWrap(True)
        for name, meaning in PLACEHOLDERS.items():
            item = QListWidgetItem(f"{{{name}}}\n{meaning}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(literal(meaning))
            self.placeholder_list.addItem(item)
        self.placeholder_list.itemClicked.connect(self._insert_placeholder)
        side.addWidget(self.placeholder_list, 1)
        outer.addLayout(side)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.subject_edit.installEventFilter(self)
        self.body_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Remember where the user was typing, for the placeholder list to insert there.
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.subject_edit:
                self._last_field = self.subject_edit
            elif watched is self.body_edit:
                self._last_field = self.body_edit
        return False

    # State ----------------------------------------------------------------------------------
    @property
    def kind(self) -> TemplateKind:
        return self._kind

    def is_modified(self) -> bool:
        template = self._stored[self._kind].template
        return (self.subject_edit.text().strip(), self.body_edit.toPlainText().rstrip()) != (
            template.subject,
            template.body.rstrip(),
        )

    def _kind_chosen(self, row: int) -> None:
        if not 0 <= row < len(OUTREACH_TEMPLATE_KINDS):
            return
        new_kind = OUTREACH_TEMPLATE_KINDS[row]
        if new_kind is not self._kind and self.is_modified() and not self._confirm_leave():
            self.kind_list.blockSignals(True)
            self.kind_list.setCurrentRow(OUTREACH_TEMPLATE_KINDS.index(self._kind))
            self.kind_list.blockSignals(False)
            return
        self._kind = new_kind
        self._load(self._stored[new_kind])

    def _load(self, stored: StoredTemplate) -> None:
        self._loading = True
        self.subject_edit.setText(stored.template.subject)
        self.body_edit.setPlainText(stored.template.body)
        self._loading = False
        self.hint_label.setText(_HINTS.get(stored.kind, ""))
        self._changed()

    def _changed(self) -> None:
        stored = self._stored.get(self._kind)
        problems = self._workspace.pipeline.templates.problems(
            self.subject_edit.text()
        ) + self._workspace.pipeline.templates.problems(self.body_edit.toPlainText())
        self.error_label.setText("\n".join(dict.fromkeys(p.message for p in problems)))
        self.error_label.setVisible(bool(problems))
        modified = self.is_modified() if stored else False
        self.save_button.setEnabled(modified and not problems)
        words = word_count(self.body_edit.toPlainText())
        state = (
            "unsaved changes"
            if modified
            else ("your own text" if stored and stored.customised else "the default text")
        )
        self.status_label.setText(f"{words} words · {state}")
        self.reset_button.setEnabled(bool(stored and (stored.customised or modified)))

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        token = "{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}"
        if self._last_field is self.subject_edit:
            self.subject_edit.insert(token)
            self.subject_edit.setFocus()
        else:
            self.body_edit.insertPlainText(token)
            self.body_edit.setFocus()

    # Actions --------------------------------------------------------------------------------
    def save(self) -> bool:
        try:
            stored = self._workspace.pipeline.templates.save(
                self._kind, self.subject_edit.text(), self.body_edit.toPlainText()
            )
        except ChatplannerError as error:
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
            return False
        self._stored[self._kind] = stored
        self._changed()
        return True

    def reset_to_default(self) -> None:
        answer = QMessageBox.question(
            self,
            "Reset to default?",
            literal(
                f"The {TEMPLATE_LABELS[self._kind].lower()} goes back to the text chatplanner "
                "ships. Your version will be replaced."
            ),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Reset:
            return
        try:
            self._stored[self._kind] = self._workspace.pipeline.templates.reset(self._kind)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Could not reset", literal(str(error)))
            return
        self._load(self._stored[self._kind])

    def _confirm_leave(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Save your changes?",
            literal(f"The {TEMPLATE_LABELS[self._kind].lower()} has changes that are not saved."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        # Escape goes through the same question as closing the window.
        if self.is_modified() and not self._confirm_leave():
            return
        self.done(QDialog.DialogCode.Rejected)
