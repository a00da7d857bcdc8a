"""Contact fields changed both here and on the server: listed for the user, who chooses a side
per field; each choice is kept with the conflict and applied by the next sync."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from chatplanner.db.models import Contact, SyncCard
from chatplanner.domain.field_merge import Side
from chatplanner.interop.sync_card import FIELD_LABELS, SYNCED_FIELDS
from chatplanner.services.context import ServiceContext


@dataclass(frozen=True)
class FieldConflict:
    field: str  # the contact's column name
    label: str  # what the user reads ("e-mail")
    mine: str | None  # this computer's value
    server: str | None  # the server's value
    choice: Side | None  # the side the user chose, waiting for the next sync


@dataclass(frozen=True)
class ContactConflict:
    link_id: int
    contact_id: int
    name: str
    fields: tuple[FieldConflict, ...]


class SyncConflictService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def contact_conflicts(self) -> list[ContactConflict]:
        with self._context.sessions() as session:
            rows = session.execute(
                select(
                    SyncCard.id,
                    SyncCard.conflict,
                    Contact.id,
                    Contact.first_name,
                    Contact.last_name,
                    Contact.email,
                )
                .join(Contact, Contact.id == SyncCard.contact_id)
                .where(SyncCard.conflict.is_not(None))
                .order_by(Contact.last_name, Contact.first_name, Contact.id)
            ).all()
        found = []
        for link_id, conflict, contact_id, first, last, email in rows:
            fields = tuple(_fields(conflict))
            if fields:
                name = " ".join(p for p in (first, last) if p) or email or "A contact"
                found.append(ContactConflict(link_id, contact_id, name, fields))
        return found

    def choose(self, choices: Mapping[tuple[int, str], Side]) -> int:
        """Record the user's side for each (link, field); returns how many were recorded. A
        conflict settled meanwhile (by a sync) is skipped."""
        recorded = 0
        with self._context.sessions.begin() as session:
            for link_id in {link for link, _field in choices}:
                row = session.get(SyncCard, link_id)
                if row is None or not row.conflict:
                    continue
                entries = _entries(row.conflict)
                for (chosen_link, name), side in choices.items():
                    if chosen_link == link_id and name in entries and side in ("app", "server"):
                        entries[name]["choice"] = side
                        recorded += 1
                row.conflict = json.dumps(entries)
        return recorded


def _entries(text: str | None) -> dict[str, dict[str, str | None]]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: dict(entry)
        for name, entry in data.items()
        if name in SYNCED_FIELDS and isinstance(entry, dict)
    }


def _fields(text: str | None) -> list[FieldConflict]:
    entries = _entries(text)
    found = []
    for name in SYNCED_FIELDS:  # in the order of the contact form
        entry = entries.get(name)
        if entry is None:
            continue
        choice = entry.get("choice")
        found.append(
            FieldConflict(
                name,
                FIELD_LABELS[name],
                entry.get("app"),
                entry.get("server"),
                "app" if choice == "app" else "server" if choice == "server" else None,
            )
        )
    return found
