"""Regenerating the thank-you as an undoable step: Edit › Undo brings back the earlier draft."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from chatplanner.errors import ChatplannerError
from chatplanner.services.meeting_records import ThankYouEntry
from chatplanner.services.thank_you import ThankYouService


class RegenerateDraftCommand(QUndoCommand):
    """Pushed after the fresh draft is stored: the first redo does nothing; undo puts back
    `before`, redo puts back `after`; `shown(meeting_id)` reloads the draft on screen."""

    def __init__(
        self,
        service: ThankYouService,
        meeting_id: int,
        before: ThankYouEntry | None,
        after: ThankYouEntry,
        shown: Callable[[int], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__("Regenerate the thank-you")
        self._service = service
        self._meeting_id = meeting_id
        self._before = before
        self._after = after
        self._shown = shown
        self._report = report
        self._done = True  # the regenerate itself already happened

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._put(self._after)

    def undo(self) -> None:
        self._put(self._before)

    def _put(self, entry: ThankYouEntry | None) -> None:
        try:
            self._service.restore(self._meeting_id, entry)
        except ChatplannerError as error:
            self._report(str(error))
            self.setObsolete(True)
        self._shown(self._meeting_id)
