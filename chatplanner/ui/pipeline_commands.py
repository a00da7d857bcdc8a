"""Undo for pipeline actions (moved on, snoozed, logged as sent): one QUndoCommand per click."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from chatplanner.errors import ChatplannerError
from chatplanner.services.outreach import OutreachService, PipelineChange

Action = Callable[[], Sequence[PipelineChange]]


class PipelineCommand(QUndoCommand):
    """Wraps an action already done once (its changes given), so pushing does not repeat it."""

    def __init__(
        self,
        outreach: OutreachService,
        text: str,
        changes: Sequence[PipelineChange],
        again: Action,
        on_change: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._outreach = outreach
        self._changes = list(changes)
        self._again = again
        self._on_change = on_change
        self._done = True

    def redo(self) -> None:
        if self._done:
            return  # the first push: the action ran before the command was made
        try:
            self._changes = list(self._again())
        except ChatplannerError:
            self._changes = []  # the contact is gone: nothing to redo
        self._done = True
        self._on_change()

    def undo(self) -> None:
        for change in reversed(self._changes):
            try:
                self._outreach.undo(change)
            except ChatplannerError:
                continue
        self._done = False
        self._on_change()


def run_undoable(
    stack: QUndoStack | None,
    outreach: OutreachService,
    text: str,
    action: Action,
    on_change: Callable[[], None],
) -> list[PipelineChange]:
    """Do `action` now (errors propagate to the caller), then offer it on the Undo menu."""
    changes = list(action())
    if stack is not None:
        stack.push(PipelineCommand(outreach, text, changes, action, on_change))
    return changes
