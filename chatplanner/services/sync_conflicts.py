"""Contact fields changed both here and on the server, and chats' events the user changed on the
server while the chat changed here: listed for the user, who chooses a side per field (per event:
keep the app's version, or take the server's time); each choice is kept with the conflict and
applied by the next sync."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from chatplanner.db.models import Contact, Meeting, SyncCard, SyncEvent
from chatplanner.domain.event_differences import FIELD_WORDS, SHOWN, value_words
from chatplanner.domain.field_merge import Side
from chatplanner.domain.person_names import display_name
from chatplanner.interop.sync_card import SCREEN_LABELS, SYNCED_FIELDS
from chatplanner.services.context import ServiceContext


@dataclass(frozen=True)
class FieldConflict:
    field: str  # the contact's column name
    label: str  # what the user reads, as the contact form names it ("Email")
    mine: str | None  # this computer's value
    server: str | None  # the server's value
    choice: Side | None  # the side the user chose, waiting for the next sync


@dataclass(frozen=True)
class ContactConflict:
    link_id: int
    contact_id: int
    name: str
    fields: tuple[FieldConflict, ...]


@dataclass(frozen=True)
class EventDifference:
    label: str  # what the user reads ("Starts")
    mine: str  # the app's version, in words
    server: str  # the server's version, in words


@dataclass(frozen=True)
class EventConflict:
    link_id: int
    meeting_id: int
    name: str  # whom the chat is with
    deleted: bool  # deleted on the server (else changed there)
    fields: tuple[EventDifference, ...]
    choice: Side | None  # the side the user chose, waiting for the next sync


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
                name = display_name(first, last) or email or "A contact"
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

    def event_conflicts(self) -> list[EventConflict]:
        """Chats whose event the user changed (or deleted) on the server while the app had
        changes: the app's version and the server's, field by field, in words."""
        zone, now = self._context.zone(), self._context.now()
        with self._context.sessions() as session:
            rows = session.execute(
                select(
                    SyncEvent.id,
                    SyncEvent.conflict,
                    Meeting.id,
                    Contact.first_name,
                    Contact.last_name,
                )
                .join(Meeting, Meeting.id == SyncEvent.meeting_id)
                .join(Contact, Contact.id == Meeting.contact_id)
                .where(SyncEvent.conflict.is_not(None))
                .order_by(Meeting.starts_at, Meeting.id)
            ).all()
        found = []
        for link_id, conflict, meeting_id, first, last in rows:
            record = _record(conflict)
            diff = record.get("fields")
            diff = diff if isinstance(diff, dict) else {}
            fields = tuple(
                EventDifference(
                    words,
                    value_words(name, str(diff[name].get("app") or ""), zone, now),
                    value_words(name, str(diff[name].get("server") or ""), zone, now),
                )
                for name, words in FIELD_WORDS.items()
                if name in SHOWN and isinstance(diff.get(name), dict)
            )
            choice = record.get("choice")
            found.append(
                EventConflict(
                    link_id,
                    meeting_id,
                    display_name(first or "", last or ""),
                    record.get("what") == "deleted on the server",
                    fields,
                    "app" if choice == "app" else "server" if choice == "server" else None,
                )
            )
        return found

    def event_conflict(self, meeting_id: int) -> EventConflict | None:
        """The chat's event conflict, if one waits for a choice."""
        with self._context.sessions() as session:
            waiting = session.scalar(
                select(SyncEvent.id).where(
                    SyncEvent.meeting_id == meeting_id, SyncEvent.conflict.is_not(None)
                )
            )
        if waiting is None:
            return None
        return next((c for c in self.event_conflicts() if c.meeting_id == meeting_id), None)

    def choose_events(self, choices: Mapping[int, Side]) -> int:
        """Record the user's side for each event's link: "app" writes the app's version,
        "server" moves the chat to the server's time. Returns how many were recorded."""
        recorded = 0
        with self._context.sessions.begin() as session:
            for link_id, side in choices.items():
                row = session.get(SyncEvent, link_id)
                if row is None or not row.conflict or side not in ("app", "server"):
                    continue
                record = _record(row.conflict)
                record["choice"] = side
                row.conflict = json.dumps(record)
                recorded += 1
        return recorded


def _record(text: str | None) -> dict[str, object]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


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
                SCREEN_LABELS[name],
                entry.get("app"),
                entry.get("server"),
                "app" if choice == "app" else "server" if choice == "server" else None,
            )
        )
    return found
