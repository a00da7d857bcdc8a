"""The one way to make an action undoable.

An `Operation` is one entry on the window's undo stack. Its `apply` and `revert` call a service
and return a `Change`: which kind of thing changed and the ids of the records. The base runs
them (on the first push too), hands the `Change` to the page, which refreshes from it, and turns
a `ChatplannerError` into a sentence for the page (the entry is then dropped from the stack).
Pages ask the stack what an entry did through `Operation.done`, never through its label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QUndoCommand, QUndoStack

from chatplanner.errors import ChatplannerError


class ChangeKind(StrEnum):
    CONTACTS_CHANGED = "contacts changed"  # ids: contacts whose rows need reading again
    CONTACTS_REMOVED = "contacts removed"  # ids: contacts that are gone
    CONTACTS_RESTORED = "contacts restored"  # ids: deleted contacts brought back by an undo
    PIPELINE_STEP = "pipeline step"  # a message logged, a reply, a snooze, a touch (contacts)
    MOVED_ON = "moved on"  # ids: contacts moved on from
    MEETING_CHANGED = "meeting changed"  # ids: the chat whose checklist or follow-ups changed
    VENUES_CHANGED = "venues changed"  # ids: venues added, edited, removed or visited


@dataclass(frozen=True, slots=True)
class Change:
    """What one step of an operation changed; `message` is a status-bar sentence, if any."""

    kind: ChangeKind
    ids: tuple[int, ...] = ()
    message: str = ""


OnChange = Callable[[Change], None]
OnFailure = Callable[[str], None]


class Operation(QUndoCommand):
    """Subclasses say what `apply` and `revert` do; both return the `Change` they made, or
    None when there was nothing to do."""

    def __init__(self, text: str, changed: OnChange, failed: OnFailure) -> None:
        super().__init__(text)
        self._changed = changed
        self._failed = failed
        self._standing: Change | None = None

    @property
    def done(self) -> Change | None:
        """What the operation changed while it stands (None once undone, or when it failed)."""
        return self._standing

    def apply(self) -> Change | None:
        raise NotImplementedError

    def revert(self) -> Change | None:
        raise NotImplementedError

    def after_failure(self) -> Change | None:
        """What the page should read again when a step failed (by default nothing)."""
        return None

    def redo(self) -> None:
        self._standing = self._attempt(self.apply)

    def undo(self) -> None:
        self._attempt(self.revert)
        self._standing = None

    def _attempt(self, step: Callable[[], Change | None]) -> Change | None:
        # An exception must not escape into Qt: say what happened and drop the entry.
        try:
            change = step()
        except ChatplannerError as error:
            self.setObsolete(True)
            self._failed(str(error))
            change = self.after_failure()
            if change is not None:
                self._changed(change)
            return None
        if change is not None:
            self._changed(change)
        return change


def perform(stack: QUndoStack | None, operation: Operation) -> Change | None:
    """Do `operation` now and offer it on the Undo menu (without a stack: just do it)."""
    if stack is None:
        operation.redo()
    else:
        stack.push(operation)  # a failed first step leaves it obsolete: Qt drops it
    return operation.done


def top_operation(stack: QUndoStack) -> Operation | None:
    """The entry Undo would take back, when it is an `Operation`."""
    if not stack.canUndo():
        return None
    command = stack.command(stack.index() - 1)
    return command if isinstance(command, Operation) else None
