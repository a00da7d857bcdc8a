"""The People use cases that read: the list, search, one person, the timeline, the vCard export.
What changes people (create, edit, stages, delete with undo, bulk changes) is in
`contact_edits.py`. The GUI and the CLI both call these.

The list, search and ids read through `ServiceContext.reading` with plain SQL: a command that
only lists people never loads SQLAlchemy (it is imported by the methods that need it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from chatplanner.domain.contacts import ContactDetail, ContactSummary, TimelineEntry
from chatplanner.errors import ChatplannerError
from chatplanner.interop.contact_record import ContactRecord
from chatplanner.services.contact_count import contact_count
from chatplanner.services.contact_details import read_details
from chatplanner.services.contact_search import matches, name_order, search_words
from chatplanner.services.contact_summaries import (
    first_by_name,
    ids_in_list_order,
    list_fingerprint,
    load_summaries,
    read_group_names,
)
from chatplanner.services.context import ServiceContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import Contact


_GONE = "That contact no longer exists. It may have been deleted."


class ContactError(ChatplannerError):
    """A contact could not be saved or found; the message says what to do."""


class ContactService:
    """What People, Today and the CLI read about contacts; none of it changes anything."""

    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def list_summaries(
        self,
        include_archived: bool = False,
        *,
        in_list_order: bool = False,
        rows_ready: Callable[[], object] | None = None,
    ) -> list[ContactSummary]:
        """Everyone's summary (`load_summaries`); `in_list_order` for the People list."""
        with self._context.reading() as connection:
            return load_summaries(
                connection,
                self._context.now(),
                include_archived=include_archived,
                in_list_order=in_list_order,
                rows_ready=rows_ready,
            )

    def list_with_fingerprint(
        self,
        *,
        rows_ready: Callable[[], object] | None = None,
        between_batches: Callable[[], object] | None = None,
    ) -> tuple[list[ContactSummary], tuple[object, ...]]:
        """The People list (`list_summaries`, archived people too, in its order) and its
        `list_fingerprint`, read from the same state of the database: the fingerprint is read
        once SQLite has begun the rows' statement, so it does not hold up their sorting.
        `rows_ready` and `between_batches` as in `load_summaries`."""
        taken: list[tuple[object, ...]] = []
        with self._context.reading() as connection:

            def ready() -> None:
                taken.append(list_fingerprint(connection))
                if rows_ready is not None:
                    rows_ready()

            summaries = load_summaries(
                connection,
                self._context.now(),
                include_archived=True,
                in_list_order=True,
                rows_ready=ready,
                between_batches=between_batches,
            )
        return summaries, taken[0]

    def count(self) -> int:
        """How many contacts there are, archived ones included."""
        return contact_count(self._context)

    def first_by_name(self, limit: int) -> list[ContactSummary]:
        """The first `limit` people (not archived) in the People table's opening order, read
        without building the whole list: what a large network's first screen shows."""
        with self._context.reading() as connection:
            return first_by_name(connection, self._context.now(), limit)

    def list_fingerprint(self) -> tuple[object, ...]:
        """Changes whenever the list would; a view compares it to skip reloading 30,000 rows."""
        with self._context.reading() as connection:
            return list_fingerprint(connection)

    def summaries(self, contact_ids: Sequence[int]) -> list[ContactSummary]:
        """Fresh summaries of a few contacts (archived ones included), to update rows in place."""
        with self._context.reading() as connection:
            return load_summaries(
                connection, self._context.now(), include_archived=True, ids=list(contact_ids)
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
        with self._context.reading() as connection:
            ids = ids_in_list_order(
                connection, include_archived=include_archived, archived_only=archived_only
            )
        if ids is not None:
            return ids
        return [
            summary.id
            for summary in self.search("", include_archived=include_archived or archived_only)
            if summary.archived or not archived_only
        ]

    def get(self, contact_id: int) -> ContactDetail:
        found = self.details([contact_id])
        if not found:
            raise ContactError(_GONE)
        return found[0]

    def details(self, contact_ids: Sequence[int] | None = None) -> list[ContactDetail]:
        """Full records of the given contacts (all when None), in the order of `contact_ids`."""
        with self._context.reading() as connection:
            return read_details(connection, contact_ids)

    def group_names(self) -> dict[int, str]:
        """Every group's name by its id: what a contact's groups are called."""
        with self._context.reading() as connection:
            return read_group_names(connection)

    def export_records(self, contact_ids: Sequence[int] | None = None) -> list[ContactRecord]:
        """The contacts as records for a vCard file (all when None)."""
        names = self.group_names()
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

    def write_vcard(self, path: Path | TextIO, contact_ids: Sequence[int] | None = None) -> int:
        """Write the contacts (all when None) as vCard 3.0 to a file (whole or not at all) or
        an open text stream; returns how many."""
        from chatplanner.interop.vcard import write_vcards  # vobject loads only to export

        try:
            return write_vcards(self.export_records(contact_ids), path)
        except OSError as error:
            if not isinstance(path, Path):
                raise  # a closed pipe: the command's own handling says nothing of a file
            raise ContactError(
                f"Could not write {path}: {error.strerror or error}. "
                "Choose a folder you can write to."
            ) from error

    def timeline(self, contact_id: int) -> list[TimelineEntry]:
        from chatplanner.services.timeline import build_timeline

        with self._context.sessions() as session:
            stored_contact(session, contact_id)
            return build_timeline(session, contact_id)


def stored_contact(session: Session, contact_id: int) -> Contact:
    """The contact's row, or a ContactError saying it is gone."""
    from chatplanner.db.models import Contact

    contact = session.get(Contact, contact_id)
    if contact is None:
        raise ContactError(_GONE)
    return contact
