"""The reach-out buttons beside a person: write them a message, plan a chat with them."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QPushButton, QWidget

from chatplanner.ui.icons import icon
from chatplanner.ui.widgets.flow_layout import FlowLayout

WRITE_MESSAGE = "Write message…"
PLAN_CHAT = "Plan a chat…"


class ContactActions(QWidget):
    """Emits the shown person's id; disabled while nobody saved is shown (a new person)."""

    write_message = Signal(int)  # contact id
    plan_chat = Signal(int)  # contact id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contact_id: int | None = None
        layout = FlowLayout(self, spacing=4)  # wraps rather than cutting labels short
        self.write_button = QPushButton(icon("mail"), WRITE_MESSAGE)
        self.write_button.setToolTip("Write to this person from one of your templates")
        self.write_button.clicked.connect(lambda: self._emit(self.write_message))
        self.plan_button = QPushButton(icon("calendar"), PLAN_CHAT)
        self.plan_button.setToolTip("Choose a time and a place to meet this person")
        self.plan_button.clicked.connect(lambda: self._emit(self.plan_chat))
        for button in (self.write_button, self.plan_button):
            button.setProperty("role", "flat")
            layout.addWidget(button)
        self.set_contact(None)

    def set_contact(self, contact_id: int | None) -> None:
        self._contact_id = contact_id
        self.setEnabled(contact_id is not None)

    def _emit(self, signal: SignalInstance) -> None:
        if self._contact_id is not None:
            signal.emit(self._contact_id)
