"""The People use cases: list, search, read, create, edit, delete (with undo), bulk changes,
stages and the timeline. The GUI and the CLI both call these."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from chatplanner.db.models import Contact, Group, StageEvent, contact_groups
from chatplanner.domain.contacts import (
    ContactDetail,
    ContactDraft,
    ContactSummary,
    TimelineEntry,
)
from chatplanner.domain.enums import ContactKind, Goal, Stage
from chatplanner.domain.limits import EARLIEST_DAY, LATEST_DAY, day_in_range, number_range
from chatplanner.domain.text import normalize_email, normalize_linkedin_url
from chatplanner.errors import ChatplannerError
from chatplanner.interop.contact_record import ContactRecord
from chatplanner.services.contact_deletion import (
    DeletedContacts,
    DeletionImpact,
    delete_contacts,
    deletion_impact,
    restore_contacts,
)
from chatplanner.services.contact_mapping import apply_draft, detail_of
from chatplanner.services.contact_search import matches, name_order, search_words
from chatplanner.services.contact_summaries import (
    chunks,
    first_by_name,
    ids_in_list_order,
    list_fingerprint,
    load_summaries,
)
from chatplanner.services.context import ServiceContext
from chatplanner.services.groups import GroupError
from chatplanner.services.stages import record_stage
from chatplanner.services.timeline import build_timeline

if TYPE_CHECKING:
    from chatplanner.services.archive import ArchiveService

_log = logging.getLogger(__name__)

# Fields a bulk action may set on many contacts at once.
_BULK_FIELDS = {"kind": Contact.kind, "goal": Contact.goal, "archived": Contact.archived}


class ContactError(ChatplannerError):
    """A contact could not be saved or found; the message says what to do."""


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


class ContactService:
    def __init__(
        self, context: ServiceContext, archive: Callable[[], ArchiveService] | None = None
    ) -> None:
        self._context = context
        # Deleting a meeting's contact removes the meeting's archive file; undo writes it back.
        # Asked for only then: the People view opens without loading the archive's code.
        self._archive = archive

    # Reading --------------------------------------------------------------------------------
    def list_summaries(self, include_archived: bool = False) -> list[ContactSummary]:
        with self._context.sessions() as session:
            return load_summaries(session, self._context.now(), include_archived=include_archived)

    def count(self) -> int:
        """How many contacts there are, archived ones included."""
        with self._context.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Contact)) or 0)

    def first_by_name(self, limit: int) -> list[ContactSummary]:
        """The first `limit` people (not archived) in the People table's opening order, read
        without building the whole list: what a large network's first screen shows."""
        with self._context.sessions() as session:
            return first_by_name(session, self._context.now(), limit)

    def list_fingerprint(self) -> tuple[object, ...]:
        """Changes whenever the list would; a view compares it to skip reloading 30,000 rows."""
        with self._context.sessions() as session:
            return list_fingerprint(session)

    def summaries(self, contact_ids: Sequence[int]) -> list[ContactSummary]:
        """Fresh summaries of a few contacts (archived ones included), to update rows in place."""
        with self._context.sessions() as session:
            return load_summaries(
                session, self._context.now(), include_archived=True, ids=list(contact_ids)
            )

    def search(self, text: str, include_archived: bool = False) -> list[ContactSummary]:
        """Contacts whose name, company, title, city, groups or notes hold every word typed,
        accent- and case-insensitively ("Zoe" finds "Zoë"), in the People list's order."""
        words = search_words(text)
        found = [
            summary
            for summary in self.list_summaries(include_archived)
            if matches(summary.search_text, words)
        ]
        return sorted(found, key=name_order)

    def ids_in_list_order(
        self, *, include_archived: bool, archived_only: bool = False
    ) -> list[int]:
        """The ids of `search("")` (archived people too, or only them), in its order, without
        building a summary of everyone: listing a network of any size in memory of its own."""
        with self._context.sessions() as session:
            ids = ids_in_list_order(
                session, include_archived=include_archived, archived_only=archived_only
            )
        if ids is not None:
            return ids
        return [
            summary.id
            for summary in self.search("", include_archived=include_archived or archived_only)
            if summary.archived or not archived_only
        ]

    def get(self, contact_id: int) -> ContactDetail:
        with self._context.sessions() as session:
            return detail_of(_contact(session, contact_id))

    def details(self, contact_ids: Sequence[int] | None = None) -> list[ContactDetail]:
        """Full records of the given contacts (all when None), in the order of `contact_ids`."""
        query = select(Contact).options(selectinload(Contact.groups))
        with self._context.sessions() as session:
            if contact_ids is None:
                return [
                    detail_of(row)
                    for row in session.scalars(query.order_by(Contact.last_name, Contact.id))
                ]
            found: dict[int, ContactDetail] = {}
            for chunk in chunks(list(contact_ids)):
                for row in session.scalars(query.where(Contact.id.in_(chunk))):
                    found[row.id] = detail_of(row)
            return [found[i] for i in contact_ids if i in found]

    def export_records(self, contact_ids: Sequence[int] | None = None) -> list[ContactRecord]:
        """The contacts as records for a vCard file (all when None)."""
        with self._context.sessions() as session:
            names = dict(session.execute(select(Group.id, Group.name)).all())
        records = []
        for detail in self.details(contact_ids):
            draft = detail.draft
            records.append(
                ContactRecord(
                    first_name=draft.first_name or None,
                    last_name=draft.last_name or None,
                    email=draft.email,
                    phone=draft.phone,
                    linkedin_url=draft.linkedin_url,
                    company=draft.company,
                    title=draft.title,
                    city=draft.city,
                    country=draft.country,
                    address=draft.address,
                    notes=draft.notes or None,
                    connected_on=draft.connected_on,
                    groups=tuple(names[g] for g in draft.group_ids if g in names),
                )
            )
        return records

    def write_vcard(self, path: Path, contact_ids: Sequence[int] | None = None) -> int:
        """Write the contacts (all when None) to a vCard 3.0 file; returns how many."""
        from chatplanner.interop.vcard import write_vcards  # vobject loads only to export

        try:
            return write_vcards(self.export_records(contact_ids), path)
        except OSError as error:
            raise ContactError(
                f"Could not write {path}: {error.strerror or error}. "
                "Choose a folder you can write to."
            ) from error

    def timeline(self, contact_id: int) -> list[TimelineEntry]:
        with self._context.sessions() as session:
            _contact(session, contact_id)
            return build_timeline(session, contact_id)

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
            contact = _contact(session, contact_id)
            apply_draft(contact, clean, self._context.now())
            contact.groups = _groups(session, clean.group_ids)
            session.flush()
            return detail_of(contact)

    def set_stage(self, contact_id: int, stage: Stage, note: str = "") -> bool:
        """Move a contact to `stage` and record it; False when it was there already."""
        with self._context.sessions.begin() as session:
            contact = _contact(session, contact_id)
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


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactError("That contact no longer exists. It may have been deleted.")
    return contact


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
