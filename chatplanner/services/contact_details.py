"""Whole contact records read in plain SQL through `ServiceContext.reading`, before the database
is open and after, mapped by the one row-to-record mapping (`contact_mapping.detail_of`)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from chatplanner.domain.contacts import ContactDetail
from chatplanner.services.contact_mapping import detail_of
from chatplanner.services.contact_summaries import rows_of, statements_for
from chatplanner.services.stored_rows import iter_rows

if TYPE_CHECKING:
    from chatplanner.db.models import Contact

# The columns `detail_of` reads.
_COLUMNS = (
    "id", "first_name", "last_name", "email", "phone", "linkedin_url", "company", "title",
    "previous_title", "years_in_role", "city", "country", "address", "latitude", "longitude",
    "kind", "goal", "online_activity", "stage", "stage_changed_at", "notes", "connected_on",
    "source", "follow_up_after_days", "move_on_after_days", "keep_in_touch_days",
    "last_touch_at", "snoozed_until", "archived", "created_at", "updated_at",
)  # fmt: skip
_QUERY = f"SELECT {', '.join(_COLUMNS)} FROM contacts"


def read_details(
    connection: sqlite3.Connection, contact_ids: Sequence[int] | None
) -> list[ContactDetail]:
    """Full records of the given contacts (all when None: by last name, then id), in the order
    of `contact_ids`; ids not stored are left out."""
    ids = None if contact_ids is None else list(contact_ids)
    groups = _groups_by_contact(connection, ids)
    tail = "ORDER BY last_name, id" if ids is None else ""
    found: dict[int, ContactDetail] = {}
    for row in iter_rows(connection, statements_for(_QUERY, (), (), ids, "id", tail)):
        # The mapping reads attributes: the converted row stands in for the mapped class.
        contact = cast("Contact", row)
        found[contact.id] = detail_of(contact, tuple(groups.get(contact.id, ())))
    if ids is None:
        return list(found.values())
    return [found[i] for i in ids if i in found]


def _groups_by_contact(
    connection: sqlite3.Connection, ids: Sequence[int] | None
) -> dict[int, list[int]]:
    """Each contact's groups in the order of their names, as the mapped class lists them."""
    statements = statements_for(
        "SELECT contact_groups.contact_id, contact_groups.group_id FROM contact_groups"
        " JOIN groups ON groups.id = contact_groups.group_id",
        (),
        (),
        ids,
        "contact_groups.contact_id",
        "ORDER BY groups.name",
    )
    grouped: defaultdict[int, list[int]] = defaultdict(list)
    for contact_id, group_id in rows_of(connection, statements):
        grouped[contact_id].append(group_id)
    return grouped
