"""Undo for pipeline actions (moved on, snoozed, logged as sent, a report-back put aside): one
operation per click."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chatplanner.errors import ChatplannerError
from chatplanner.services.advice import AdviceService
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


class PutAsideReportBackCommand(Operation):
    """ "Not now" on a report-back Today suggests; undo suggests it again."""

    def __init__(
        self,
        advice: AdviceService,
        action_id: int,
        contact_id: int,
        text: str,
        changed: OnChange,
        failed: OnFailure,
    ) -> None:
        super().__init__(text, changed, failed)
        self._advice = advice
        self._action_id = action_id
        self._contact_id = contact_id

    def apply(self) -> Change | None:
        return self._set(dismissed=True)

    def revert(self) -> Change | None:
        return self._set(dismissed=False)

    def _set(self, *, dismissed: bool) -> Change:
        self._advice.dismiss_report_back(self._action_id, dismissed=dismissed)
        return Change(ChangeKind.PIPELINE_STEP, (self._contact_id,))
