"""Changing many people at once: kind, goal, group, archive, delete, export. Each is undoable."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from chatplanner.domain.contacts import GroupInfo
from chatplanner.domain.enums import ContactKind, Goal
from chatplanner.errors import ChatplannerError
from chatplanner.services.contact_edits import ContactEditService, FieldChange, MembershipChange
from chatplanner.services.contacts import ContactService
from chatplanner.services.groups import GroupService
from chatplanner.ui.export_folder import SettingsStore, ask_export_path
from chatplanner.ui.literal_text import literal
from chatplanner.ui.people import confirm
from chatplanner.ui.people.commands import BulkChangeCommand, DeleteContactsCommand, PeopleChanges
from chatplanner.ui.people.name_prompt import ask_for_name


def people_count(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class BulkActions:
    """Acts on whoever `selected_ids()` names; `before_change()` runs first (it saves edits)."""

    def __init__(  # noqa: PLR0913 - keyword-only callbacks into the page; the widget has no other owner
        self,
        parent: QWidget,
        contacts: ContactService,
        edits: ContactEditService,
        groups: GroupService,
        undo_stack: QUndoStack,
        changes: PeopleChanges,
        *,
        selected_ids: Callable[[], list[int]],
        name_of: Callable[[int], str | None],
        before_change: Callable[[], object],
        groups_changed: Callable[[], None],
        status: Callable[[str], None],
        settings: SettingsStore | None = None,
    ) -> None:
        self._parent = parent
        self._contacts = contacts
        self._edits = edits
        self._groups = groups
        self._undo = undo_stack
        self._changes = changes
        self._selected_ids = selected_ids
        self._name_of = name_of
        self._before_change = before_change
        self._groups_changed = groups_changed
        self._status = status
        self._settings = settings  # where the last export went
        self.group_list: Sequence[GroupInfo] = ()

    def _bulk(
        self,
        text: str,
        apply: Callable[[list[int]], FieldChange | MembershipChange],
        done: Callable[[str], str],
    ) -> None:
        """Push the change as one undoable step; `done` words it for the status bar, given
        how many people it was for."""
        ids = self._selected_ids()
        if not ids:
            return
        self._before_change()
        self._undo.push(
            BulkChangeCommand(
                self._edits,
                self._changes,
                f"{text} ({people_count(len(ids))})",
                lambda: apply(ids),
            )
        )
        self._status(f"{done(people_count(len(ids)))}. Undo with Ctrl+Z.")

    def set_kind(self, kind: ContactKind) -> None:
        self._bulk(
            f"Set kind to {kind.label}",
            lambda ids: self._edits.set_kind(ids, kind),
            lambda people: f"Kind set for {people}: {kind.label}",
        )

    def set_goal(self, goal: Goal | None) -> None:
        label = goal.label if goal else "none"
        self._bulk(
            f"Set goal to {label}",
            lambda ids: self._edits.set_goal(ids, goal),
            lambda people: (
                f"Goal set for {people}: {goal.label}" if goal else f"Goal cleared for {people}"
            ),
        )

    def add_to_group(self, group_id: int) -> None:
        name = next((g.name for g in self.group_list if g.id == group_id), "group")
        self._bulk(
            f"Add to {name}",
            lambda ids: self._edits.add_to_group(ids, group_id),
            lambda people: f"Added {people} to {name}",
        )
        self._groups_changed()

    def set_archived(self, archive: bool) -> None:
        self._bulk(
            "Archive" if archive else "Unarchive",
            lambda ids: self._edits.set_archived(ids, archive),
            lambda people: f"{'Archived' if archive else 'Unarchived'} {people}",
        )

    def new_group_for_selection(self) -> None:
        name, ok = ask_for_name(self._parent, "New group", "Name of the new group:")
        if not ok or not name.strip():
            return
        try:
            group = self._groups.create(name)
        except ChatplannerError as error:
            QMessageBox.warning(self._parent, "New group", literal(str(error)))
            return
        self._groups_changed()
        self.add_to_group(group.id)

    def delete_selected(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        names = [name for i in ids[:3] if (name := self._name_of(i)) is not None]
        impact = self._edits.deletion_impact(ids)
        if not confirm.confirm_deletion(self._parent, names, len(ids), impact.sentence()):
            return
        text = f"Delete {names[0]}" if len(ids) == 1 else f"Delete {people_count(len(ids))}"
        self._undo.push(DeleteContactsCommand(self._edits, self._changes, ids, text))
        self._status(f"{text}. Undo with Ctrl+Z.")

    def export_vcard(self, *, selected: bool) -> None:
        ids = self._selected_ids() if selected else None
        if selected and not ids:
            return
        path = ask_export_path(
            self._parent, self._settings, "Export vCard", "contacts.vcf", "vCard (*.vcf)"
        )
        if path is None:
            return
        try:
            written = self._contacts.write_vcard(path, ids)
        except ChatplannerError as error:
            QMessageBox.warning(self._parent, "Export failed", literal(str(error)))
            return
        self._status(f"Exported {people_count(written)} to {path}")
