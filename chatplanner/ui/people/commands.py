"""Undoable People actions: each does its work through ContactEditService and reports what changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import Stage
from chatplanner.services.contact_deletion import DeletedContacts
from chatplanner.services.contact_edits import ContactEditService, FieldChange, MembershipChange
from chatplanner.ui.undo import Change, ChangeKind, Operation


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

    def receive(self, change: Change) -> None:
        """Refresh from what an operation changed."""
        if change.kind is ChangeKind.CONTACTS_REMOVED:
            self.removed(change.ids)
        elif change.kind is ChangeKind.CONTACTS_RESTORED:
            self.restored(change.ids)
        else:
            self.changed(change.ids)


def _changed(ids: Sequence[int]) -> Change:
    return Change(ChangeKind.CONTACTS_CHANGED, tuple(ids))


def _removed(ids: Sequence[int]) -> Change:
    return Change(ChangeKind.CONTACTS_REMOVED, tuple(ids))


class _PeopleCommand(Operation):
    def __init__(self, text: str, service: ContactEditService, changes: PeopleChanges) -> None:
        super().__init__(text, changes.receive, changes.failed)
        self._service = service


class SaveContactCommand(_PeopleCommand):
    def __init__(
        self,
        service: ContactEditService,
        changes: PeopleChanges,
        contact_id: int,
        before: ContactDraft,
        after: ContactDraft,
        name: str,
    ) -> None:
        super().__init__(f"Edit {name}", service, changes)
        self._id, self._before, self._after = contact_id, before, after

    def apply(self) -> Change:
        self._service.update(self._id, self._after)
        return _changed([self._id])

    def revert(self) -> Change:
        self._service.update(self._id, self._before)
        return _changed([self._id])


class AddContactCommand(_PeopleCommand):
    """Creates a contact; undo deletes it, and redo brings it back with the same id."""

    def __init__(
        self, service: ContactEditService, changes: PeopleChanges, draft: ContactDraft, name: str
    ) -> None:
        super().__init__(f"Add {name}", service, changes)
        self._draft = draft
        self.contact_id: int | None = None
        self._snapshot: DeletedContacts | None = None

    def apply(self) -> Change:
        if self._snapshot is None:
            self.contact_id = self._service.create(self._draft).id
        else:
            self._service.restore_deleted(self._snapshot)
        assert self.contact_id is not None
        return _changed([self.contact_id])

    def revert(self) -> Change | None:
        if self.contact_id is None:
            return None
        self._snapshot = self._service.delete([self.contact_id])
        return _removed([self.contact_id])


class DeleteContactsCommand(_PeopleCommand):
    def __init__(
        self, service: ContactEditService, changes: PeopleChanges, ids: Sequence[int], text: str
    ) -> None:
        super().__init__(text, service, changes)
        self._ids = list(ids)
        self._snapshot: DeletedContacts | None = None

    def apply(self) -> Change:
        self._snapshot = self._service.delete(self._ids)
        return _removed(self._ids)

    def revert(self) -> Change | None:
        if self._snapshot is None:
            return None
        restored = self._service.restore_deleted(self._snapshot)
        return Change(ChangeKind.CONTACTS_RESTORED, tuple(restored))


class BulkChangeCommand(_PeopleCommand):
    """Set kind, goal, archived or a group on many contacts; undo puts back each one's value."""

    def __init__(
        self,
        service: ContactEditService,
        changes: PeopleChanges,
        text: str,
        apply: Callable[[], FieldChange | MembershipChange],
    ) -> None:
        super().__init__(text, service, changes)
        self._set = apply
        self._change: FieldChange | MembershipChange | None = None

    def apply(self) -> Change:
        self._change = self._set()
        return _changed(self._change.contact_ids)

    def revert(self) -> Change | None:
        if self._change is None:
            return None
        self._service.revert(self._change)
        return _changed(self._change.contact_ids)


class SetStageCommand(_PeopleCommand):
    """Moves a contact along the pipeline; undo moves them back (both steps stay in history)."""

    def __init__(
        self,
        service: ContactEditService,
        changes: PeopleChanges,
        contact_id: int,
        before: Stage,
        after: Stage,
        name: str,
    ) -> None:
        super().__init__(f"Set {name}'s stage to {after.label}", service, changes)
        self._id, self._before, self._after = contact_id, before, after

    def apply(self) -> Change:
        self._service.set_stage(self._id, self._after, "")
        return _changed([self._id])

    def revert(self) -> Change:
        self._service.set_stage(self._id, self._before, "Undone")
        return _changed([self._id])
