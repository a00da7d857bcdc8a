"""The People use cases that change contacts: create and edit one, move it to a stage, delete
some (with what undo needs to restore them), and bulk changes that return what they changed.
What only reads is in `contacts.py`. The GUI and the CLI both call these."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Group, StageEvent, contact_groups
from chatplanner.domain.contacts import ContactDetail, ContactDraft
from chatplanner.domain.enums import ContactKind, Goal, Stage
from chatplanner.domain.limits import EARLIEST_DAY, LATEST_DAY, day_in_range, number_range
from chatplanner.domain.text import normalize_email, normalize_linkedin_url
from chatplanner.errors import ChatplannerError
from chatplanner.services.contact_deletion import (
    DeletedContacts,
    DeletionImpact,
    delete_contacts,
    deletion_impact,
    restore_contacts,
)
from chatplanner.services.contact_mapping import apply_draft, detail_of
from chatplanner.services.contact_summaries import chunks
from chatplanner.services.contacts import ContactError, stored_contact
from chatplanner.services.context import ServiceContext
from chatplanner.services.groups import GroupError
from chatplanner.services.stages import record_stage

if TYPE_CHECKING:
    from chatplanner.services.archive import ArchiveService

_log = logging.getLogger(__name__)

# Fields a bulk action may set on many contacts at once.
_BULK_FIELDS = {"kind": Contact.kind, "goal": Contact.goal, "archived": Contact.archived}


@dataclass(frozen=True)
class FieldChange:
    """What a bulk action changed: the field, the new value and each contact's value before."""

    field: str
    value: Any
    previous: dict[int, Any]

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(self.previous)


@dataclass(frozen=True)
class MembershipChange:
    """The contacts a bulk "add to group" actually added (those already in it are left out)."""

    group_id: int
    added: tuple[int, ...]

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return self.added


class ContactEditService:
    """Every change to contacts; each call is one transaction."""

    def __init__(
        self, context: ServiceContext, archive: Callable[[], ArchiveService] | None = None
    ) -> None:
        self._context = context
        # Deleting a meeting's contact removes the meeting's archive file; undo writes it back.
        # Asked for only then: the People view opens without loading the archive's code.
        self._archive = archive

    # Writing one contact ----------------------------------------------------------------------
    def create(self, draft: ContactDraft, source: str = "manual") -> ContactDetail:
        clean = checked_draft(draft)
        now = self._context.now()
        with self._context.sessions.begin() as session:
            contact = Contact(source=source, stage=Stage.NOT_CONTACTED.value, archived=False)
            apply_draft(contact, clean, now)
            contact.groups = _groups(session, clean.group_ids)
            session.add(contact)
            contact.stage_changed_at = now
            session.flush()
            # The history starts where an import's does: with the contact arriving.
            session.add(
                StageEvent(
                    contact_id=contact.id,
                    stage=Stage.NOT_CONTACTED.value,
                    at=now,
                    note="Added by hand" if source == "manual" else "",
                )
            )
            return detail_of(contact)

    def update(self, contact_id: int, draft: ContactDraft) -> ContactDetail:
        clean = checked_draft(draft)
        with self._context.sessions.begin() as session:
            contact = stored_contact(session, contact_id)
            apply_draft(contact, clean, self._context.now())
            contact.groups = _groups(session, clean.group_ids)
            session.flush()
            return detail_of(contact)

    def set_stage(self, contact_id: int, stage: Stage, note: str = "") -> bool:
        """Move a contact to `stage` and record it; False when it was there already."""
        with self._context.sessions.begin() as session:
            contact = stored_contact(session, contact_id)
            return record_stage(session, contact, stage, self._context.now(), note)

    # Deleting, with undo ----------------------------------------------------------------------
    def deletion_impact(self, contact_ids: Sequence[int]) -> DeletionImpact:
        with self._context.sessions() as session:
            return deletion_impact(session, contact_ids)

    def delete(self, contact_ids: Sequence[int]) -> DeletedContacts:
        """Delete the contacts and all that goes with them; the result restores them exactly."""
        with self._context.sessions.begin() as session:
            snapshot = delete_contacts(session, contact_ids)
        if self._archive is not None:
            from chatplanner.services.archive import ArchivedFile

            files = [
                ArchivedFile(row["meeting_id"], row["relative_path"], row["content_sha256"])
                for row in snapshot.rows.get("archive_files", ())
            ]
            try:
                self._archive().forget_deleted(files)
            except ChatplannerError as error:  # the deletion stands; the next sync tidies up
                _log.warning("Archive files of deleted meetings were kept for now: %s", error)
        return snapshot

    def restore_deleted(self, snapshot: DeletedContacts) -> tuple[int, ...]:
        ids = snapshot.contact_ids
        with self._context.sessions.begin() as session:
            for chunk in chunks(list(ids)):
                if session.scalars(select(Contact.id).where(Contact.id.in_(chunk))).first():
                    raise ContactError(
                        "These people cannot be restored: their places were taken since."
                    )
            restore_contacts(session, snapshot)
        if self._archive is not None:
            for row in snapshot.rows.get("archive_files", ()):
                try:
                    self._archive().sync_meeting(row["meeting_id"])
                except ChatplannerError as error:  # the next sync writes it
                    _log.warning("An archive file was not written back yet: %s", error)
        return ids

    # Bulk changes, each returning what it changed for undo --------------------------------------
    def set_kind(self, contact_ids: Sequence[int], kind: ContactKind) -> FieldChange:
        return self._set_field(contact_ids, "kind", kind.value)

    def set_goal(self, contact_ids: Sequence[int], goal: Goal | None) -> FieldChange:
        return self._set_field(contact_ids, "goal", goal.value if goal else None)

    def set_archived(self, contact_ids: Sequence[int], archived: bool) -> FieldChange:
        return self._set_field(contact_ids, "archived", archived)

    def add_to_group(self, contact_ids: Sequence[int], group_id: int) -> MembershipChange:
        ids = sorted(set(contact_ids))
        with self._context.sessions.begin() as session:
            if session.get(Group, group_id) is None:
                raise GroupError("That group no longer exists. Choose another one.")
            already: set[int] = set()
            for chunk in chunks(ids):
                already.update(
                    session.scalars(
                        select(contact_groups.c.contact_id).where(
                            contact_groups.c.group_id == group_id,
                            contact_groups.c.contact_id.in_(chunk),
                        )
                    )
                )
            existing = _existing_ids(session, ids)
            added = tuple(i for i in ids if i not in already and i in existing)
            if added:
                session.execute(
                    sqlite_insert(contact_groups).on_conflict_do_nothing(),
                    [{"contact_id": i, "group_id": group_id} for i in added],
                )
                self._touch(session, added)
        return MembershipChange(group_id, added)

    def remove_from_group(self, contact_ids: Sequence[int], group_id: int) -> None:
        with self._context.sessions.begin() as session:
            self._touch(session, sorted(set(contact_ids)))
            for chunk in chunks(sorted(set(contact_ids))):
                session.execute(
                    contact_groups.delete().where(
                        contact_groups.c.group_id == group_id,
                        contact_groups.c.contact_id.in_(chunk),
                    )
                )

    def revert(self, change: FieldChange | MembershipChange) -> None:
        """Undo a bulk change."""
        if isinstance(change, MembershipChange):
            self.remove_from_group(change.added, change.group_id)
            return
        column = _BULK_FIELDS[change.field]
        by_value: defaultdict[Any, list[int]] = defaultdict(list)
        for contact_id, value in change.previous.items():
            by_value[value].append(contact_id)
        with self._context.sessions.begin() as session:
            for value, ids in by_value.items():
                for chunk in chunks(ids):
                    session.execute(
                        update(Contact)
                        .where(Contact.id.in_(chunk))
                        .values({column: value, Contact.updated_at: self._context.now()})
                    )

    def _set_field(self, contact_ids: Sequence[int], field: str, value: Any) -> FieldChange:
        column = _BULK_FIELDS[field]
        ids = sorted(set(contact_ids))
        previous: dict[int, Any] = {}
        with self._context.sessions.begin() as session:
            for chunk in chunks(ids):
                found = session.execute(
                    select(Contact.id, column).where(Contact.id.in_(chunk), column.is_not(value))
                )
                previous.update((contact_id, old) for contact_id, old in found)
            changed = sorted(previous)
            for chunk in chunks(changed):
                session.execute(
                    update(Contact)
                    .where(Contact.id.in_(chunk))
                    .values({column: value, Contact.updated_at: self._context.now()})
                )
        return FieldChange(field, value, previous)

    def _touch(self, session: Session, contact_ids: Sequence[int]) -> None:
        moment = self._context.now()
        for chunk in chunks(list(contact_ids)):
            session.execute(update(Contact).where(Contact.id.in_(chunk)).values(updated_at=moment))


def checked_draft(draft: ContactDraft) -> ContactDraft:
    """The draft as it will be stored, or a ContactError that says what to fix."""
    if not (
        draft.first_name.strip() or draft.last_name.strip() or draft.email or draft.linkedin_url
    ):
        raise ContactError("A contact needs at least a name, an email address or a LinkedIn link.")
    changes: dict[str, Any] = {}
    if draft.email and draft.email.strip():
        if normalize_email(draft.email) is None:
            raise ContactError(
                f"“{draft.email.strip()}” is not an email address. Check it, or leave it empty."
            )
        changes["email"] = draft.email.strip()
    if draft.linkedin_url and draft.linkedin_url.strip():
        url = normalize_linkedin_url(draft.linkedin_url)
        if url is None:
            raise ContactError(
                "The LinkedIn link should be a profile address like "
                "https://www.linkedin.com/in/their-name. Check it, or leave it empty."
            )
        changes["linkedin_url"] = url
    for name in (
        "years_in_role",
        "keep_in_touch_days",
        "follow_up_after_days",
        "move_on_after_days",
    ):
        value = getattr(draft, name)
        if value is not None and value < 0:
            raise ContactError("Numbers of years and days cannot be negative.")
        bounds = number_range(name)
        if value is not None and bounds is not None and value > bounds[1]:
            raise ContactError(f"That is too many years or days (at most {int(bounds[1])}).")
    if draft.connected_on is not None and not day_in_range(draft.connected_on):
        raise ContactError(
            f"The date you connected must be between {EARLIEST_DAY.year} and {LATEST_DAY.year}."
        )
    return replace(draft, **changes) if changes else draft


def _groups(session: Session, group_ids: Sequence[int]) -> list[Group]:
    wanted = list(dict.fromkeys(group_ids))
    if not wanted:
        return []
    found = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_(wanted)))}
    return [found[i] for i in wanted if i in found]


def _existing_ids(session: Session, ids: Sequence[int]) -> set[int]:
    existing: set[int] = set()
    for chunk in chunks(list(ids)):
        existing.update(session.scalars(select(Contact.id).where(Contact.id.in_(chunk))))
    return existing
