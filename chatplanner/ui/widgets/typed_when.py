"""Day and time fields that read what is typed into them, as any date or time field should.

QDateEdit and QTimeEdit edit one section at a time: text typed over a selection is mostly
refused, and a space or colon jumps to the next section, so "14:00" typed over "10:00" left
10:00 and "Sun 14 Mar 2027" became a mix of old and new. These fields take the text as a
whole, read it with `domain.typed_moments` (the English names the field shows), and keep
Up/Down stepping the section under the cursor. Text that cannot be read is reported through
`unreadable` instead of being replaced silently.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QTimeEdit, QWidget

from chatplanner.domain.typed_moments import (
    could_become_date,
    could_become_time,
    parse_typed_date,
    parse_typed_time,
)

_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _TypedMixin:
    """What both fields share: free typing, commit before stepping, and unreadable text."""

    def _readable(self, text: str) -> bool:
        raise NotImplementedError

    def unreadable_text(self) -> str | None:
        """The text in the field when it cannot be read as a value, else None."""
        text: str = self.lineEdit().text()  # type: ignore[attr-defined]
        return None if self._readable(text) else text


class TypedTimeEdit(QTimeEdit, _TypedMixin):
    unreadable = Signal(str)  # a sentence saying what could not be read

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setKeyboardTracking(False)  # "1" on the way to "14:00" is not a value yet
        _stop_reading_sections_while_typing(self)

    def _readable(self, text: str) -> bool:
        return parse_typed_time(text) is not None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if parse_typed_time(text) is not None:
            return QValidator.State.Acceptable, text, pos
        state = (
            QValidator.State.Intermediate if could_become_time(text) else QValidator.State.Invalid
        )
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = parse_typed_time(text)
        if typed is None:
            return self.dateTime()
        # Keep the field's own time spec: a QDateTime made here would be in the computer's zone,
        # and the field would convert it.
        moment = self.dateTime()
        moment.setTime(QTime(typed.hour, typed.minute))
        return moment

    def fixup(self, text: str) -> str:
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _key_press(self, event, "a time", "14:00")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        _focus_out(self, "a time", "14:00")
        super().focusOutEvent(event)

    def stepBy(self, steps: int) -> None:
        _step(self, steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        both = QAbstractSpinBox.StepEnabledFlag
        return both.StepUpEnabled | both.StepDownEnabled  # `_step` stops at the limits


class TypedDateEdit(QDateEdit, _TypedMixin):
    unreadable = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setKeyboardTracking(False)
        _stop_reading_sections_while_typing(self)

    def _readable(self, text: str) -> bool:
        return parse_typed_date(text) is not None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        typed = parse_typed_date(text)
        if (
            typed is not None
            and self.minimumDate()
            <= QDate(typed.year, typed.month, typed.day)
            <= self.maximumDate()
        ):
            return QValidator.State.Acceptable, text, pos
        state = (
            QValidator.State.Intermediate if could_become_date(text) else QValidator.State.Invalid
        )
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = parse_typed_date(text)
        if typed is None:
            return self.dateTime()
        moment = self.dateTime()  # the field's own time spec, as above
        moment.setDate(QDate(typed.year, typed.month, typed.day))
        return moment

    def fixup(self, text: str) -> str:
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        _key_press(self, event, "a day", "Sun 14 Mar 2027")

    def focusOutEvent(self, event: QFocusEvent) -> None:
        _focus_out(self, "a day", "Sun 14 Mar 2027")
        super().focusOutEvent(event)

    def stepBy(self, steps: int) -> None:
        _step(self, steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        both = QAbstractSpinBox.StepEnabledFlag
        return both.StepUpEnabled | both.StepDownEnabled  # `_step` stops at the limits


_Field = TypedTimeEdit | TypedDateEdit


def _stop_reading_sections_while_typing(field: _Field) -> None:
    # QDateTimeEdit re-reads the text section by section whenever the cursor moves, which
    # turns "1" (on the way to "14:00") into 01:00 at once; `_step` finds the part to step.
    field.lineEdit().cursorPositionChanged.disconnect()


def _commit(field: _Field) -> None:
    """Take the typed text as the value now (it is shown again in the field's own format)."""
    text = field.lineEdit().text()
    if field.unreadable_text() is None and text != field.textFromDateTime(field.dateTime()):
        field.setDateTime(field.dateTimeFromText(text))


def _step(field: _Field, steps: int) -> None:
    """Up/Down step the part under the cursor: hours or minutes; day, month or year.

    Done here, not by QDateTimeEdit, whose idea of the current section follows the cursor
    through the section re-reading that these fields switch off."""
    edit = field.lineEdit()
    text, cursor = edit.text(), edit.cursorPosition()
    separator = ":" if isinstance(field, TypedTimeEdit) else " "
    part = text[:cursor].count(separator)
    _commit(field)
    now = field.dateTime()
    if isinstance(field, TypedTimeEdit):
        stepped = now.addSecs(steps * (3600 if part == 0 else 60))
        if stepped.date() != now.date():
            return  # no wrapping past midnight, as QTimeEdit
    elif part <= 1:  # the weekday name or the day
        stepped = now.addDays(steps)
    elif part == 2:
        stepped = now.addMonths(steps)
    else:
        stepped = now.addYears(steps)
    if not field.minimumDateTime() <= stepped <= field.maximumDateTime():
        return
    field.setDateTime(stepped)
    # Keep the stepped part selected, so the next Up/Down steps it again.
    shown = edit.text()
    parts = shown.split(separator)
    part = min(part, len(parts) - 1)
    start = sum(len(p) + 1 for p in parts[:part])
    edit.setSelection(start, len(parts[part]))


def _key_press(field: _Field, event: QKeyEvent, what: str, example: str) -> None:
    if event.key() in _COMMIT_KEYS and (text := field.unreadable_text()) is not None:
        # Enter must not act (plan the chat) on a value the field could not read.
        field.unreadable.emit(f"“{text}” is not {what}: type it like {example}.")
        event.accept()
        return
    if event.key() in _COMMIT_KEYS:
        _commit(field)
    # Past QDateTimeEdit's section handling: the line edit takes what is typed as it is.
    QAbstractSpinBox.keyPressEvent(field, event)


def _focus_out(field: _Field, what: str, example: str) -> None:
    text = field.unreadable_text()
    if text is not None:
        field.unreadable.emit(
            f"“{text}” is not {what}: type it like {example}. It is left as it was."
        )
    else:
        _commit(field)
