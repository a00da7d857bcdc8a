"""Undo for pipeline actions (moved on, snoozed, logged as sent): one operation per click."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chatplanner.errors import ChatplannerError
from chatplanner.services.outreach import OutreachService, PipelineChange
from chatplanner.ui.undo import Change, ChangeKind, OnChange, OnFailure, Operation

Action = Callable[[], Sequence[PipelineChange]]


class PipelineCommand(Operation):
    """Runs `action` (again on redo); undo takes back exactly what it changed."""

    def __init__(
        self,
        outreach: OutreachService,
        text: str,
        action: Action,
        changed: OnChange,
        failed: OnFailure,
        kind: ChangeKind = ChangeKind.PIPELINE_STEP,
    ) -> None:
        super().__init__(text, changed, failed)
        self._outreach = outreach
        self._action = action
        self._kind = kind
        self._changes: list[PipelineChange] = []

    def apply(self) -> Change:
        self._changes = list(self._action())
        return Change(self._kind, tuple(c.contact_id for c in self._changes))

    def revert(self) -> Change:
        for change in reversed(self._changes):
            try:
                self._outreach.undo(change)
            except ChatplannerError:
                continue  # the contact is gone: nothing left to take back
        return Change(self._kind, tuple(c.contact_id for c in self._changes))
