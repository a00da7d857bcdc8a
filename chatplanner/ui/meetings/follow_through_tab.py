"""What came of the chat: each piece of advice and each promise, acted on or not.

Marking one "acted on" keeps a line on what happened; for advice, Today then suggests a short
report-back to the person who gave it. What they promised (a follow-up the notes give to them)
is listed under its own heading, to mark as kept when it comes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.advice import AdviceRecord
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.domain.moments import short_date
from chatplanner.services.meeting_records import FollowUpEntry
from chatplanner.ui.icons import icon

ADVICE_ROLE = Qt.ItemDataRole.UserRole + 1
PROMISE_ROLE = Qt.ItemDataRole.UserRole + 2
OFFER_ROLE = Qt.ItemDataRole.UserRole + 3  # an offer written in the free notes


class FollowThroughTab(QWidget):
    advice_acted_on = Signal(str, str)  # the advice, what happened
    advice_cleared = Signal(int)  # the action id
    promise_acted_on = Signal(int, str)  # the follow-up id, what happened
    offer_kept = Signal(str, str)  # an offer from the free notes, what came of it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 14, 12, 14)
        layout.setSpacing(8)
        intro = QLabel(
            "Acting on advice is the best thank-you. Mark what you did, with a line on what "
            "happened: Today will suggest a short note to tell them."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Advice and promises")
        # Inner padding: the text keeps off the list's border, and lines have room between them.
        self.list.setViewportMargins(8, 6, 8, 6)
        self.list.setSpacing(1)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._selected)
        layout.addWidget(self.list, 1)
        self.outcome = QLineEdit()
        self.outcome.setAccessibleName("What happened")
        self.outcome.setPlaceholderText("What happened? For example: passed the CAPM in March")
        self.outcome.returnPressed.connect(self._act)
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        self.act_button = QPushButton(icon("check"), "Mark as acted on")
        self.act_button.clicked.connect(self._act)
        self.clear_button = QPushButton("Not acted on")
        self.clear_button.setProperty("role", "flat")
        self.clear_button.clicked.connect(self._clear)
        row.addWidget(self.act_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._selected(None, None)

    def show_items(
        self,
        advice: list[AdviceRecord],
        promises: tuple[FollowUpEntry, ...] | list[FollowUpEntry],
        offers: Sequence[str] = (),
    ) -> None:
        """`offers`: what they offered in the free notes and is not yet one of their
        follow-ups ("Review my LinkedIn profile"), listed with what they promised."""
        current = self._key(self.list.currentItem())
        self.list.clear()
        self._heading("Advice they gave" if advice else "No advice in the notes yet")
        for record in advice:
            item = QListWidgetItem(self._advice_text(record))
            item.setData(ADVICE_ROLE, record)
            self.list.addItem(item)
        for owner, heading in (
            (FollowUpOwner.ME, "What you promised"),
            (FollowUpOwner.THEM, "What they promised"),
        ):
            owned = [p for p in promises if p.owner is owner]
            noted = offers if owner is FollowUpOwner.THEM else ()
            if owned or noted:
                self._heading(heading)
            for promise in owned:
                item = QListWidgetItem(self._promise_text(promise))
                item.setData(PROMISE_ROLE, promise)
                self.list.addItem(item)
            for offer in noted:
                item = QListWidgetItem(f"○ {offer}")
                item.setToolTip("From your free notes")
                item.setData(OFFER_ROLE, offer)
                self.list.addItem(item)
        for row in range(self.list.count()):
            if current is not None and self._key(self.list.item(row)) == current:
                self.list.setCurrentRow(row)

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.list.addItem(item)

    @staticmethod
    def _advice_text(record: AdviceRecord) -> str:
        if record.acted_on is None:
            return f"○ {record.advice}"
        done = f"✓ {record.advice}\n    Acted on {short_date(record.acted_on)}"
        if record.outcome:
            done += f": {record.outcome}"
        if record.reported_back:
            done += " · told them"
        return done

    @staticmethod
    def _promise_text(promise: FollowUpEntry) -> str:
        if not promise.done:
            return f"○ {promise.text}"
        return f"✓ {promise.text}" + (f"\n    {promise.outcome}" if promise.outcome else "")

    @staticmethod
    def _key(item: QListWidgetItem | None) -> tuple[str, object] | None:
        if item is None:
            return None
        record = item.data(ADVICE_ROLE)
        if isinstance(record, AdviceRecord):
            return ("advice", record.advice)
        promise = item.data(PROMISE_ROLE)
        if isinstance(promise, FollowUpEntry):
            return ("promise", promise.id)
        offer = item.data(OFFER_ROLE)
        if isinstance(offer, str):
            return ("offer", offer)
        return None

    def _selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        record = item.data(ADVICE_ROLE) if item is not None else None
        promise = item.data(PROMISE_ROLE) if item is not None else None
        offer = item.data(OFFER_ROLE) if item is not None else None
        chosen = (
            isinstance(record, AdviceRecord)
            or isinstance(promise, FollowUpEntry)
            or isinstance(offer, str)
        )
        self.act_button.setEnabled(chosen)
        self.outcome.setEnabled(chosen)
        acted = isinstance(record, AdviceRecord) and record.is_acted_on
        self.clear_button.setEnabled(acted)
        # Their promise is kept by them: the user marks it as kept, not as acted on.
        theirs = isinstance(offer, str) or (
            isinstance(promise, FollowUpEntry) and promise.owner is FollowUpOwner.THEM
        )
        self.act_button.setText("Mark as kept" if theirs else "Mark as acted on")
        self.outcome.setPlaceholderText(
            "What came of it? For example: the introduction arrived on Monday"
            if theirs
            else "What happened? For example: passed the CAPM in March"
        )
        if isinstance(record, AdviceRecord):
            self.outcome.setText(record.outcome)
        elif isinstance(promise, FollowUpEntry):
            self.outcome.setText(promise.outcome)
        else:
            self.outcome.clear()

    def _act(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        record = item.data(ADVICE_ROLE)
        promise = item.data(PROMISE_ROLE)
        offer = item.data(OFFER_ROLE)
        if isinstance(record, AdviceRecord):
            self.advice_acted_on.emit(record.advice, self.outcome.text())
        elif isinstance(promise, FollowUpEntry):
            self.promise_acted_on.emit(promise.id, self.outcome.text())
        elif isinstance(offer, str):
            self.offer_kept.emit(offer, self.outcome.text())

    def _clear(self) -> None:
        item = self.list.currentItem()
        record = item.data(ADVICE_ROLE) if item is not None else None
        if isinstance(record, AdviceRecord) and record.action_id is not None:
            self.advice_cleared.emit(record.action_id)
