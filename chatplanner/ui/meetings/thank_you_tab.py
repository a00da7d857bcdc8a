"""The thank-you draft editor: generate, edit freely, export, copy, open in the mail app."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.services.meeting_records import ThankYouEntry
from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.flow_layout import FlowLayout


class ThankYouTab(QWidget):
    text_edited = Signal()
    generate_requested = Signal()
    export_requested = Signal()
    copy_requested = Signal()
    mail_app_requested = Signal()
    mark_sent_requested = Signal()

    # Long: the thank-you form, built in one place.
    def __init__(self, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - the form, built in one place
        super().__init__(parent)
        self._loading = False
        self._happened = True
        self._sent = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 14, 12, 14)
        layout.setSpacing(10)

        status = QFrame()
        status.setProperty("role", "card")
        status_layout = QHBoxLayout(status)
        status_layout.setContentsMargins(14, 10, 14, 10)
        self.due_label = QLabel()
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        self.due_label.setWordWrap(True)
        status_layout.addWidget(self.due_label, 1)
        self.mark_sent = QPushButton(icon("check"), "Mark as sent")
        self.mark_sent.setToolTip(
            "Record that the thank-you went out: the contact moves to Thanked"
        )
        self.mark_sent.clicked.connect(self.mark_sent_requested)
        status_layout.addWidget(self.mark_sent)
        layout.addWidget(status)

        subject_label = QLabel("Subject")
        subject_label.setProperty("role", "heading")
        layout.addWidget(subject_label)
        self.subject = QLineEdit()
        self.subject.setObjectName("thank-you-subject")
        self.subject.setAccessibleName("Subject")
        self.subject.textEdited.connect(self._edited)
        subject_label.setBuddy(self.subject)
        layout.addWidget(self.subject)

        body_label = QLabel("Email")
        body_label.setProperty("role", "heading")
        layout.addWidget(body_label)
        self.body = QPlainTextEdit()
        self.body.setObjectName("thank-you-body")
        self.body.setAccessibleName("Email text")
        self.body.setPlaceholderText(
            "Generate a draft from your notes, then make it yours. Your edits are kept."
        )
        self.body.textChanged.connect(self._edited)
        body_label.setBuddy(self.body)
        layout.addWidget(self.body, 1)
        # Notes taken (or changed) after the draft was generated are not in it: said, beside
        # the button that brings them in.
        self.behind_notes = QLabel(
            "Your notes have changed since this draft was made: Regenerate from notes to bring "
            "them in."
        )
        self.behind_notes.setProperty("role", "muted")
        self.behind_notes.setWordWrap(True)
        self.behind_notes.setAccessibleName("Draft older than the notes")
        self.behind_notes.hide()
        layout.addWidget(self.behind_notes)
        # What the notes hold that the fresh draft does not say: listed, never dropped unseen.
        self.left_out = QLabel()
        self.left_out.setProperty("role", "muted")
        self.left_out.setWordWrap(True)
        self.left_out.setTextFormat(Qt.TextFormat.PlainText)
        self.left_out.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.left_out.setAccessibleName("Left out of the draft")
        self.left_out.hide()
        layout.addWidget(self.left_out)

        # Wraps onto a second line in a narrow window rather than cutting the labels short.
        actions = FlowLayout()
        self.generate = QPushButton(icon("refresh"), "Generate from notes")
        self.generate.setToolTip(
            "Draft the email from the advice, resources and follow-ups in your notes"
        )
        self.generate.clicked.connect(self.generate_requested)
        actions.addWidget(self.generate)
        self.copy = QPushButton(icon("copy"), "Copy")
        self.copy.setToolTip("Copy the email text to the clipboard")
        self.copy.clicked.connect(self.copy_requested)
        actions.addWidget(self.copy)
        self.export = QPushButton(icon("export"), "Export .eml…")
        self.export.setToolTip("Save a draft file that mail apps such as Outlook open unsent")
        self.export.clicked.connect(self.export_requested)
        actions.addWidget(self.export)
        self.open_mail = QPushButton("Open in mail app")
        self.open_mail.setProperty("role", "primary")
        self.open_mail.clicked.connect(self.mail_app_requested)
        actions.addWidget(self.open_mail)
        layout.addLayout(actions)

    def show_left_out(self, items: tuple[str, ...]) -> None:
        """What of the notes the draft just generated leaves out, for the user to add."""
        lines = [f"• {item}" for item in items]
        self.left_out.setText(
            "\n".join(["From your notes, not in this draft (add what you want):", *lines])
            if lines
            else ""
        )
        self.left_out.setVisible(bool(lines))

    def show_behind_notes(self, behind: bool) -> None:
        self.behind_notes.setVisible(behind)

    def show_draft(
        self, entry: ThankYouEntry | None, due_text: str, *, happened: bool = True
    ) -> None:
        self.show_left_out(())
        self._loading = True
        try:
            subject = entry.subject if entry else ""
            body = entry.body if entry else ""
            if self.subject.text() != subject:
                self.subject.setText(subject)
            if self.body.toPlainText() != body:
                self.body.setPlainText(body)
        finally:
            self._loading = False
        self.show_state(entry, due_text, happened=happened)

    def replace_draft(self, entry: ThankYouEntry, due_text: str, *, happened: bool = True) -> None:
        """Show a fresh draft in place of the text in the boxes as one edit each, which the
        boxes' own undo (Ctrl+Z) takes back (setting the text would forget their history)."""
        self._loading = True
        try:
            if self.subject.text() != entry.subject:
                self.subject.selectAll()
                self.subject.insert(entry.subject)
            if self.body.toPlainText() != entry.body:
                cursor = self.body.textCursor()
                cursor.beginEditBlock()
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(entry.body)
                cursor.endEditBlock()
                cursor.movePosition(QTextCursor.MoveOperation.Start)
                self.body.setTextCursor(cursor)
        finally:
            self._loading = False
        self.show_state(entry, due_text, happened=happened)

    def show_state(
        self, entry: ThankYouEntry | None, due_text: str, *, happened: bool = True
    ) -> None:
        """`happened`: the chat took place (or its time has passed), so a thank-you can go."""
        self.due_label.setText(due_text)
        self._sent = entry is not None and entry.sent_at is not None
        self._happened = happened
        if self._sent:
            self.behind_notes.hide()  # gone out as it was: nothing to bring in now
        self.mark_sent.setText("Sent" if self._sent else "Mark as sent")
        self._show_mark_sent()
        has_draft = entry is not None and bool(entry.body.strip())
        self.generate.setText("Regenerate from notes" if has_draft else "Generate from notes")

    def _show_mark_sent(self) -> None:
        """Enabled only when a thank-you can go out; otherwise its tooltip says why not."""
        if self._sent:
            why = "The thank-you is marked as sent"
        elif not self._happened:
            why = "The chat has not happened yet: a thank-you is sent after you meet"
        elif not self.body.toPlainText().strip():
            why = "The email is empty: write it, or generate it from your notes, first"
        else:
            why = ""
        if why and self.mark_sent.hasFocus():
            # Disabled with the focus on it, it would hand the focus to the subject, all of it
            # selected for the next key to replace: Copy takes it, harmless to press.
            self.copy.setFocus(Qt.FocusReason.OtherFocusReason)
        self.mark_sent.setEnabled(not why)
        tip = why or "Record that the thank-you went out: the contact moves to Thanked"
        self.mark_sent.setToolTip(literal(tip))
        self.mark_sent.setAccessibleDescription(tip)

    def text(self) -> tuple[str, str]:
        return self.subject.text(), self.body.toPlainText()

    def _edited(self) -> None:
        self._show_mark_sent()
        if not self._loading:
            self.text_edited.emit()
