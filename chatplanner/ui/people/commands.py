"""Undoable People actions: each does its work through ContactService and reports what changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import Stage
from chatplanner.errors import ChatplannerError
from chatplanner.services.contact_deletion import DeletedContacts
from chatplanner.services.contacts import ContactService, FieldChange, MembershipChange


class PeopleChanges:
    """What the page does after a command ran: refresh some rows, drop others, report errors."""

    def __init__(
        self,
        changed: Callable[[Sequence[int]], None],
        removed: Callable[[Sequence[int]], None],
        failed: Callable[[str], None],
        restored: Callable[[Sequence[int]], None] | None = None,
    ) -> None:
        self.changed = changed
        self.removed = removed
        self.failed = failed
        # People brought back by an undo: shown and selected again, as before the deletion.
        self.restored = restored or changed


class _PeopleCommand(QUndoCommand):
    def __init__(self, text: str, service: ContactService, changes: PeopleChanges) -> None:
        super().__init__(text)
        self._service = service
        self._changes = changes

    def _guard(self, work: Callable[[], None]) -> None:
        # An exception must not escape into Qt: say what happened and drop the command.
        try:
            work()
        except ChatplannerError as error:
            self.setObsolete(True)
            self._changes.failed(str(error))


class SaveContactCommand(_PeopleCommand):
    def __init__(
        self,
        service: ContactService,
        changes: PeopleChanges,
        contact_id: int,
        before: ContactDraft,
        after: ContactDraft,
        name: str,
    ) -> None:
        super().__init__(f"Edit {name}", service, changes)
        self._id, self._before, self._after = contact_id, before, after

    def redo(self) -> None:
        self._guard(lambda: self._apply(self._after))

    def undo(self) -> None:
        self._guard(lambda: self._apply(self._before))

    def _apply(self, draft: ContactDraft) -> None:
        self._service.update(self._id, draft)
        self._changes.changed([self._id])


class AddContactCommand(_PeopleCommand):
    """Creates a contact; undo deletes it, and redo brings it back with the same id."""

    def __init__(
        self, service: ContactService, changes: PeopleChanges, draft: ContactDraft, name: str
    ) -> None:
        super().__init__(f"Add {name}", service, changes)
        self._draft = draft
        self.contact_id: int | None = None
        self._snapshot: DeletedContacts | None = None

    def redo(self) -> None:
        def work() -> None:
            if self._snapshot is None:
                self.contact_id = self._service.create(self._draft).id
            else:
                self._service.restore_deleted(self._snapshot)
            assert self.contact_id is not None
            self._changes.changed([self.contact_id])

        self._guard(work)

    def undo(self) -> None:
        def work() -> None:
            if self.contact_id is not None:
                self._snapshot = self._service.delete([self.contact_id])
                self._changes.removed([self.contact_id])

        self._guard(work)


class DeleteContactsCommand(_PeopleCommand):
    def __init__(
        self, service: ContactService, changes: PeopleChanges, ids: Sequence[int], text: str
    ) -> None:
        super().__init__(text, service, changes)
        self._ids = list(ids)
        self._snapshot: DeletedContacts | None = None

    def redo(self) -> None:
        def work() -> None:
            self._snapshot = self._service.delete(self._ids)
            self._changes.removed(self._ids)

        self._guard(work)

    def undo(self) -> None:
        def work() -> None:
            if self._snapshot is not None:
                self._changes.restored(self._service.restore_deleted(self._snapshot))

        self._guard(work)


class BulkChangeCommand(_PeopleCommand):
    """Set kind, goal, archived or a group on many contacts; undo puts back each one's value."""

    def __init__(
        self,
        service: ContactService,
        changes: PeopleChanges,
        text: str,
        apply: Callable[[], FieldChange | MembershipChange],
    ) -> None:
        super().__init__(text, service, changes)
        self._apply = apply
        self._change: FieldChange | MembershipChange | None = None

    def redo(self) -> None:
        def work() -> None:
            self._change = self._apply()
            self._changes.changed(self._change.contact_ids)

        self._guard(work)

    def undo(self) -> None:
        def work() -> None:
            if self._change is not None:
                self._service.revert(self._change)
                self._changes.changed(self._change.contact_ids)

        self._guard(work)


class SetStageCommand(_PeopleCommand):
    """Moves a contact along the pipeline; undo moves them back (both steps stay in history)."""

    def __init__(
        self,
        service: ContactService,
        changes: PeopleChanges,
        contact_id: int,
        before: Stage,
        after: Stage,
        name: str,
    ) -> None:
        super().__init__(f"Set {name}'s stage to {after.label}", service, changes)
        self._id, self._before, self._after = contact_id, before, after

    def redo(self) -> None:
        self._guard(lambda: self._set(self._after, ""))

    def undo(self) -> None:
        self._guard(lambda: self._set(self._before, "Undone"))

    def _set(self, stage: Stage, note: str) -> None:
        self._service.set_stage(self._id, stage, note)
        self._changes.changed([self._id])
