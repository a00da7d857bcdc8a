"""What the detail panel asks for, done as undoable commands: save a person, change a stage."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from chatplanner.domain.contacts import ContactDraft, edits_onto
from chatplanner.domain.enums import Stage
from chatplanner.domain.person_names import shown_name
from chatplanner.errors import ChatplannerError
from chatplanner.services.contact_edits import ContactEditService, checked_draft
from chatplanner.services.contacts import ContactService
from chatplanner.ui.people.commands import (
    AddContactCommand,
    PeopleChanges,
    SaveContactCommand,
    SetStageCommand,
)
from chatplanner.ui.people.detail_panel import ContactDetailPanel


class DetailEditing:
    """`saving` is True while a save from the panel runs (its own refresh must not reload it)."""

    def __init__(
        self,
        detail: ContactDetailPanel,
        contacts: ContactService,
        edits: ContactEditService,
        undo_stack: QUndoStack,
        changes: PeopleChanges,
        *,
        created: Callable[[int], None],
        status: Callable[[str], None],
    ) -> None:
        self._detail = detail
        self._contacts = contacts
        self._edits = edits
        self._undo = undo_stack
        self._changes = changes
        self._created = created
        self._status = status
        self.saving = False
        detail.save_requested.connect(self.save)
        detail.stage_requested.connect(self.set_stage)

    def load(self, contact_id: int) -> bool:
        """Show this person in the panel; False (and the reason reported) when that failed."""
        try:
            detail = self._contacts.get(contact_id)
            timeline = self._contacts.timeline(contact_id)
        except ChatplannerError as error:
            self._changes.failed(str(error))
            return False
        self._detail.show_contact(detail, timeline)
        return True

    def save_if_dirty(self) -> None:
        """Moving to another person keeps what was typed: unsaved edits are saved first."""
        if self._detail.is_dirty and not self.saving:
            self._detail.save()

    def save(self, contact_id: int | None, draft: ContactDraft) -> None:
        try:
            checked_draft(draft)
        except ChatplannerError as error:
            self._detail.show_error(str(error))
            return
        name = shown_name(draft.first_name, draft.last_name, "a contact")
        self.saving = True
        try:
            if contact_id is None:
                command = AddContactCommand(self._edits, self._changes, draft, name)
                self._undo.push(command)
                created = command.contact_id
            else:
                # Only what was edited: the stored person may have changed since the form was
                # filled (a sync), and those changes stay.
                before = self._contacts.get(contact_id).draft
                draft = edits_onto(before, self._detail.loaded_draft, draft)
                self._undo.push(
                    SaveContactCommand(self._edits, self._changes, contact_id, before, draft, name)
                )
                created = None
        finally:
            self.saving = False
        if created is not None:
            # The panel holds this person now, not a new one: showing them must not save the
            # form again as another new person.
            self._detail.saved_as(created, draft)
            self._created(created)
        self._status(f"Saved {name}")

    def set_stage(self, contact_id: int, stage: Stage) -> None:
        detail = self._contacts.get(contact_id)
        self._undo.push(
            SetStageCommand(
                self._edits, self._changes, contact_id, detail.stage, stage, detail.display_name
            )
        )
