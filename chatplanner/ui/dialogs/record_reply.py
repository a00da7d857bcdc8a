"""They replied: on which day. Today unless the user says otherwise, as Plan a Chat asks a day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from chatplanner.domain.moments import day_phrase
from chatplanner.domain.pipeline import reply_day_problem
from chatplanner.domain.text import isolated
from chatplanner.domain.typed_moments import parse_typed_date
from chatplanner.ui.widgets.form_parts import (
    dialog_layout,
    error_label,
    keep_tall_enough,
    muted_label,
    show_error,
)
from chatplanner.ui.widgets.typed_when import TypedDateEdit


class RecordReplyDialog(QDialog):
    """Asks the day a reply came: not before the message it answers, not a day still ahead."""

    def __init__(
        self, name: str, sent_on: date | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._sent_on = sent_on
        self._today = today
        self.setWindowTitle(f"Reply from {name}")
        outer, form = dialog_layout(self)
        wrote = f" You wrote {day_phrase(sent_on, today)}." if sent_on is not None else ""
        intro = QLabel(f"When did {isolated(name)} reply?{wrote}")
        intro.setWordWrap(True)
        outer.insertWidget(0, intro)
        # A field that reads a typed day ("Mon 30 Nov 2026", "30 Nov"), with a calendar too.
        # No minimum or maximum: a day out of range is said, not silently replaced by one.
        self.day = TypedDateEdit()
        self.day.setAccessibleName("Replied on")
        self.day.setCalendarPopup(True)
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.unreadable.connect(self._show_error)
        form.addRow("Replied &on", self.day)
        form.addRow("", muted_label("Insights counts the days from your message to this one."))
        self.error = error_label()
        outer.addWidget(self.error)
        buttons = QDialogButtonBox()
        record = QPushButton("Record Reply")
        record.setProperty("role", "primary")
        record.setDefault(True)
        record.clicked.connect(self._record)
        buttons.addButton(record, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        keep_tall_enough(self)  # the hint and an error wrap onto more lines
        self.day.setFocus()

    def replied_on(self) -> date:
        """The day shown in the field (what is typed, once it reads as a day)."""
        typed = parse_typed_date(self.day.lineEdit().text())
        if typed is not None:
            return typed
        shown = self.day.date()
        return date(shown.year(), shown.month(), shown.day())

    def _record(self) -> None:
        unreadable = self.day.unreadable_text()
        if unreadable is not None:
            self._show_error(f"“{unreadable}” is not a day: type it like Sun 14 Mar 2027.")
            self.day.setFocus()
            return
        problem = reply_day_problem(self.replied_on(), self._sent_on, self._today)
        if problem:
            self._show_error(problem)
            self.day.setFocus()
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        show_error(self.error, text)
