"""Regenerating the thank-you as an undoable step: Edit › Undo brings back the earlier draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from chatplanner.services.meeting_records import ThankYouEntry
from chatplanner.ui.undo import Change, ChangeKind, Operation

if TYPE_CHECKING:
    from chatplanner.services.thank_you import ThankYouService


class RegenerateDraftCommand(Operation):
    """Pushed after the fresh draft is stored, so its first apply stores nothing; undo puts back
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
        super().__init__("Regenerate the thank-you", lambda change: shown(meeting_id), report)
        self._service = service
        self._meeting_id = meeting_id
        self._before = before
        self._after = after
        self._stored = True  # the regenerate itself already happened

    def apply(self) -> Change | None:
        if self._stored:
            self._stored = False
            return None  # already on screen: nothing to read again
        return self._put(self._after)

    def revert(self) -> Change | None:
        return self._put(self._before)

    def _put(self, entry: ThankYouEntry | None) -> Change:
        kept = self._service.restore(self._meeting_id, entry)
        if kept is not None and kept.sent_at is not None:
            from chatplanner.services.thank_you import ThankYouDraftError  # loaded by now

            # Said, and the step dropped: "Undone" for a letter left as it went out misled.
            raise ThankYouDraftError(
                "The thank-you is marked as sent, so it stays as it went out: nothing to undo."
            )
        return Change(ChangeKind.MEETING_CHANGED, (self._meeting_id,))
