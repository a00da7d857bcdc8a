"""Edit the checklist or thank-you template every new chat starts from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.report_back import REPORT_BACK_PLACEHOLDERS
from chatplanner.domain.template_names import RECRUITER_NAME, REPORT_BACK_NAME
from chatplanner.domain.thank_you import THANK_YOU_PLACEHOLDERS
from chatplanner.errors import ChatplannerError
from chatplanner.services.templates import ChatTemplateService
from chatplanner.ui.widgets.form_parts import error_label, show_error

_TITLES = {
    (TemplateKind.CHECKLIST, "default"): "Checklist template",
    (TemplateKind.THANK_YOU, "default"): "Thank-you template",
    (TemplateKind.THANK_YOU, RECRUITER_NAME): "Thank-you template for recruiters",
    (TemplateKind.THANK_YOU, REPORT_BACK_NAME): "Report-back template",
}


def _explanation(kind: TemplateKind, name: str = "default") -> str:
    if kind is TemplateKind.CHECKLIST:
        return (
            "Every new chat starts with this checklist. Put one item per line under Before:, "
            "During: and After:. End an item with [in person] or [online] to use it only for "
            "that kind of chat. Chats already planned keep their own list."
        )
    if name == REPORT_BACK_NAME:
        names = ", ".join("{" + each + "}" for each in sorted(REPORT_BACK_PLACEHOLDERS))
        return (
            "The note that tells someone what came of their advice. The first line is the "
            f"subject (Subject: …), then the message. Placeholders: {names}."
        )
    names = ", ".join("{" + each + "}" for each in sorted(THANK_YOU_PLACEHOLDERS))
    return (
        "The first line is the subject (Subject: …), then the email. Placeholders are filled "
        f"from your notes: {names}. A line whose placeholders are all empty is left out."
    )


class TemplateDialog(QDialog):
    def __init__(
        self,
        templates: ChatTemplateService,
        kind: TemplateKind,
        name: str = "default",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._templates, self._kind, self._name = templates, kind, name
        self.setWindowTitle(_TITLES.get((kind, name), "Template"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(_explanation(kind, name))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Template text")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlainText(templates.text(kind, name))
        layout.addWidget(self.editor, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        restore = QPushButton("Restore default")
        restore.clicked.connect(self._restore_default)
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _restore_default(self) -> None:
        self.editor.setPlainText(self._templates.default_text(self._kind, self._name))

    def _save(self) -> None:
        text = self.editor.toPlainText()
        try:
            if text == self._templates.default_text(self._kind, self._name):
                self._templates.reset(self._kind, self._name)
            else:
                self._templates.save(self._kind, text, self._name)
        except ChatplannerError as error:
            show_error(self.error, str(error))
            return
        self.accept()
