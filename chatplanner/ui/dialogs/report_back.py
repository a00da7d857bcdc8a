"""The report-back message: read it, make it yours, copy it, and log it as sent."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import Channel, TemplateKind
from chatplanner.domain.template_names import REPORT_BACK_NAME
from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.meetings.template_dialog import TemplateDialog
from chatplanner.ui.widgets.form_parts import error_label, show_error
from chatplanner.ui.widgets.modal import run_modal


class ReportBackDialog(QDialog):
    def __init__(
        self, workspace: Workspace, action_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._action_id = action_id
        self.setWindowTitle(f"Report back to {name}")
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Tell them what came of their advice. Edit freely, copy it into your mail or "
            "LinkedIn, then log it as sent: it counts as a touch."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)
        self.subject = QLineEdit()
        self.subject.setAccessibleName("Subject")
        layout.addWidget(self.subject)
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Report-back text")
        layout.addWidget(self.body, 1)
        sent_by = QHBoxLayout()
        sent_by_label = QLabel("Sent by")
        sent_by.addWidget(sent_by_label)
        # Asked, as the composer asks: the timeline says where it went.
        self.channel = QComboBox()
        self.channel.setAccessibleName("Sent by")
        for channel in (Channel.EMAIL, Channel.LINKEDIN, Channel.PHONE, Channel.OTHER):
            self.channel.addItem(channel.label, channel.value)
        sent_by_label.setBuddy(self.channel)
        sent_by.addWidget(self.channel)
        sent_by.addStretch(1)
        layout.addLayout(sent_by)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.template_button = QPushButton("Edit template…")
        self.template_button.clicked.connect(self._edit_template)
        buttons.addButton(self.template_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.copy_button = QPushButton("Copy")
        self.copy_button.clicked.connect(self._copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button = QPushButton("Log as sent")
        self.send_button.setProperty("role", "primary")
        self.send_button.clicked.connect(self._send)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        try:
            draft = self._workspace.chats.advice.report_back_draft(self._action_id)
        except ChatplannerError as error:
            show_error(self.error, str(error))
            self.send_button.setEnabled(False)
            return
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)

    def _edit_template(self) -> None:
        dialog = TemplateDialog(
            self._workspace.chats.chat_templates, TemplateKind.THANK_YOU, REPORT_BACK_NAME, self
        )
        if run_modal(dialog) == QDialog.DialogCode.Accepted:
            self._fill()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.body.toPlainText())
        self.copy_button.setText("Copied")

    def _send(self) -> None:
        try:
            self._workspace.chats.advice.send_report_back(
                self._action_id,
                self.subject.text(),
                self.body.toPlainText(),
                Channel(self.channel.currentData()),
            )
        except ChatplannerError as error:
            show_error(self.error, str(error))
            return
        self.accept()
