"""The right of People: a hint until someone is shown, then the person editor.

The editor (some forty widgets, styled and laid out when shown) is made the first time it is
needed rather than with the page. A large network's first screen puts it off (`open_later`)
until the whole list is in and painted (`open_after_paint`): making it would compete with the
list's read for the interpreter, and the list is searchable sooner; the person the list opens on
is in the editor a moment later (or after `OPEN_AT_LATEST_MS` when the list is not painted: a
window with no room for it, a page not shown). A person the user picks meanwhile opens at once
(`open_waiting_now`). A person a search hides (`hide_person`) comes back as the editor holds
them (`show_again`) while the list is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QStackedWidget, QWidget

from chatplanner.ui.people.detail_panel import ContactDetailPanel
from chatplanner.ui.widgets.form_parts import muted_label

HINT, EDITOR = range(2)
HINT_TEXT = "Select a person to see their details and timeline."
OPEN_AT_LATEST_MS = 300


class EditorPane(QStackedWidget):
    """The hint (page HINT) and, once made by `make_editor`, the editor (page EDITOR)."""

    def __init__(
        self, parent: QWidget, make_editor: Callable[[QWidget], ContactDetailPanel]
    ) -> None:
        super().__init__(parent)
        self._make_editor = make_editor
        self._editor: ContactDetailPanel | None = None
        self._waiting: Callable[[], None] | None = None
        self._watched: QWidget | None = None  # the list's viewport, until it is painted
        # The person `hide_person` hid, with what was said of the list then.
        self._hidden: tuple[int | None, object] | None = None
        self.hint = muted_label(HINT_TEXT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.hint)

    @property
    def editor(self) -> ContactDetailPanel:
        """The editor, made now if it was not yet."""
        if self._editor is None:
            self._editor = self._make_editor(self)
            self.addWidget(self._editor)
        return self._editor

    @property
    def made_editor(self) -> ContactDetailPanel | None:
        """The editor if it was made: None means no one was ever shown in it."""
        return self._editor

    @property
    def waiting(self) -> bool:
        """True while opening is put off (`open_later`)."""
        return self._waiting is not None

    def open_later(self, open_now: Callable[[], None]) -> None:
        """Put off opening: `open_now` is called after `open_after_paint` (or
        `open_waiting_now`); until then the pane is blank rather than asking the user to
        select someone (the list opens on someone)."""
        self._waiting = open_now
        self.hint.setText("")

    def open_after_paint(self, view: QAbstractItemView) -> None:
        """What `open_later` put off, just after `view` is next painted."""
        if self._waiting is None or self._watched is not None:
            return
        self._watched = view.viewport()
        self._watched.installEventFilter(self)
        QTimer.singleShot(OPEN_AT_LATEST_MS, self, self.open_waiting_now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._watched:
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self, self.open_waiting_now)
        return False

    def open_waiting_now(self) -> None:
        """What `open_later` put off, once: after the list's paint, at the latest after
        OPEN_AT_LATEST_MS, or at once when the user picks someone."""
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        open_now, self._waiting = self._waiting, None
        if open_now is not None:
            self.hint.setText(HINT_TEXT)
            open_now()

    def hide_person(self, listed: object) -> None:
        """The hint instead of the editor, which keeps its person: shown again by `show_again`
        while `listed` (the list's fingerprint as read) is the same."""
        self.setCurrentIndex(HINT)
        self._hidden = (None if self._editor is None else self._editor.contact_id, listed)

    def show_again(self, contact_id: int, listed: object) -> bool:
        """The editor back on the person `hide_person` hid, without reading them again (a key
        typed in the search box costs no read): True when it was them, the list was not read
        again or changed since (`listed` is the very same), and nothing was typed meanwhile."""
        hidden, self._hidden = self._hidden, None
        editor = self._editor
        if (
            hidden is None
            or editor is None
            or hidden[0] != contact_id
            or hidden[1] is not listed
            or editor.contact_id != contact_id
            or editor.is_dirty
        ):
            return False
        self.setCurrentIndex(EDITOR)
        return True

    def forget_hidden(self) -> None:
        """The person hidden may have changed (another page was shown): read them again."""
        self._hidden = None
