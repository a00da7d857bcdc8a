"""Changed on Both Sides: each contact field changed here and on the server since the last sync,
with both values and a choice per field (keep mine, or take the server's), and each chat whose
event the user changed on the server while the chat changed here, with the app's version and the
server's and a choice (keep this computer's version, or take the server's time). The choices are
applied by the next sync; what is left unchosen stays as it is on both sides."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.field_merge import Side
from chatplanner.services.sync_conflicts import ContactConflict, EventConflict

NO_VALUE = "(empty)"


def _shown(value: str | None) -> str:
    return value if value else NO_VALUE


def _button_text(text: str) -> str:
    """A value on a button: an ampersand is shown, not taken as a keyboard mnemonic."""
    return text.replace("&", "&&")


class ConflictDialog(QDialog):
    def __init__(
        self,
        conflicts: list[ContactConflict],
        parent: QWidget | None = None,
        events: list[EventConflict] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed on Both Sides")
        self.setMinimumWidth(560)
        self._groups: dict[tuple[int, str], tuple[QButtonGroup, QRadioButton, QRadioButton]] = {}
        self._event_groups: dict[int, tuple[QRadioButton, QRadioButton | None]] = {}

        intro = QLabel(
            "These were changed both on this computer and on the server since the last sync. "
            "Nothing was overwritten. Choose a side for each; the next sync applies it. "
            "What you leave unchosen stays as it is on both sides."
        )
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        for event in events or []:
            column.addWidget(self._event_box(event))
        for conflict in conflicts:
            column.addWidget(self._contact_box(conflict))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(
            "Apply Choices", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Decide Later", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _contact_box(self, conflict: ContactConflict) -> QGroupBox:
        box = QGroupBox()
        box.setAccessibleName(conflict.name)
        grid = QGridLayout(box)
        name = QLabel(conflict.name)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setProperty("role", "heading")
        grid.addWidget(name, 0, 0, 1, 3)
        for column, heading in enumerate(("Field", "On this computer", "On the server")):
            label = QLabel(heading)
            label.setProperty("role", "muted")
            grid.addWidget(label, 1, column)
        for row, field in enumerate(conflict.fields, start=2):
            label = QLabel(field.label)
            label.setTextFormat(Qt.TextFormat.PlainText)
            mine = QRadioButton(_button_text(_shown(field.mine)))
            mine.setAccessibleName(f"Keep mine: {conflict.name}, {field.label}")
            theirs = QRadioButton(_button_text(_shown(field.server)))
            theirs.setAccessibleName(f"Take the server's: {conflict.name}, {field.label}")
            group = QButtonGroup(box)
            group.setExclusive(True)
            group.addButton(mine)
            group.addButton(theirs)
            if field.choice == "app":
                mine.setChecked(True)
            elif field.choice == "server":
                theirs.setChecked(True)
            grid.addWidget(label, row, 0)
            # As wide as their words, so that a click on the value is a click on the choice.
            grid.addWidget(mine, row, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(theirs, row, 2, Qt.AlignmentFlag.AlignLeft)
            self._groups[(conflict.link_id, field.field)] = (group, mine, theirs)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return box

    def _event_box(self, conflict: EventConflict) -> QGroupBox:
        box = QGroupBox()
        title = f"Chat with {conflict.name}" if conflict.name else "A chat"
        box.setAccessibleName(title)
        grid = QGridLayout(box)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setProperty("role", "heading")
        grid.addWidget(heading, 0, 0, 1, 3)
        if conflict.deleted:
            gone = QLabel("Its event was deleted on the server.")
            gone.setWordWrap(True)
            grid.addWidget(gone, 1, 0, 1, 3)
        else:
            for column, words in enumerate(("", "On this computer", "On the server")):
                label = QLabel(words)
                label.setProperty("role", "muted")
                grid.addWidget(label, 1, column)
        for row, field in enumerate(conflict.fields, start=2):
            for column, words in enumerate((field.label, field.mine, field.server)):
                label = QLabel(words)
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                grid.addWidget(label, row, column)
        last = 2 + len(conflict.fields)
        mine = QRadioButton(
            "Put It Back on the Server" if conflict.deleted else "Keep This Computer's Version"
        )
        mine.setAccessibleName(f"Keep mine: {title}")
        group = QButtonGroup(box)
        group.addButton(mine)
        grid.addWidget(mine, last, 1, Qt.AlignmentFlag.AlignLeft)
        theirs = None
        if not conflict.deleted:
            theirs = QRadioButton("Take the Server's Time")
            theirs.setAccessibleName(f"Take the server's: {title}")
            group.addButton(theirs)
            grid.addWidget(theirs, last, 2, Qt.AlignmentFlag.AlignLeft)
            theirs.setChecked(conflict.choice == "server")
        mine.setChecked(conflict.choice == "app")
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self._event_groups[conflict.link_id] = (mine, theirs)
        return box

    def event_choices(self) -> dict[int, Side]:
        """event link -> the side chosen, for the events the user chose."""
        chosen: dict[int, Side] = {}
        for link_id, (mine, theirs) in self._event_groups.items():
            if mine.isChecked():
                chosen[link_id] = "app"
            elif theirs is not None and theirs.isChecked():
                chosen[link_id] = "server"
        return chosen

    def choices(self) -> dict[tuple[int, str], Side]:
        """(link, field) -> the side chosen, for the fields the user chose."""
        chosen: dict[tuple[int, str], Side] = {}
        for key, (_group, mine, theirs) in self._groups.items():
            if mine.isChecked():
                chosen[key] = "app"
            elif theirs.isChecked():
                chosen[key] = "server"
        return chosen
