"""The UIDs the app gives its events and cards: stable for the chat or the contact, not for
the account link, so that removing and adding an account again finds the same events and cards
on the server (adopted, never duplicated).

A UID is made of the chat's or contact's number, the moment it was made (a number SQLite gives
again after the last row is deleted never names the old chat's event) and a random tag kept once
per profile (in the settings), so two profiles syncing to one calendar never take each other's
events. UIDs given
before this scheme (random per link) are remembered when an account is removed, and used again.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chatplanner.db.models import Contact, Meeting, Setting, SyncCard, SyncEvent

TAG_KEY = "sync.uid_tag"
# Earlier UIDs (random per account link), kept when an account is removed: {"events": {chat
# id: uid}, "cards": {contact id: uid}}.
EARLIER_KEY = "sync.earlier_uids"


def profile_tag(session: Session) -> str:
    """The profile's random tag, made the first time it is needed (in the caller's unit of
    work)."""
    row = session.get(Setting, TAG_KEY)
    if row is not None:
        return str(json.loads(row.value))
    tag = uuid.uuid4().hex[:12]
    session.add(Setting(key=TAG_KEY, value=json.dumps(tag)))
    session.flush()
    return tag


def _stamp(created_at: datetime) -> str:
    return created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")


def event_uid(tag: str, meeting_id: int, created_at: datetime) -> str:
    return f"chat-{meeting_id}-{_stamp(created_at)}-{tag}@chatplanner"


def card_uid(tag: str, contact_id: int, created_at: datetime) -> str:
    return f"contact-{contact_id}-{_stamp(created_at)}-{tag}"


def earlier_uids(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    """(events by chat, cards by contact) given before UIDs were stable."""
    row = session.get(Setting, EARLIER_KEY)
    stored = json.loads(row.value) if row is not None else {}
    events = {int(k): str(v) for k, v in stored.get("events", {}).items()}
    cards = {int(k): str(v) for k, v in stored.get("cards", {}).items()}
    return events, cards


def remember_earlier_uids(session: Session, account_id: int) -> None:
    """Before an account's links are forgotten: the UIDs not made from the profile's tag, so
    that the events and cards they name are found again."""
    tag = profile_tag(session)
    events, cards = earlier_uids(session)
    for meeting_id, uid, created_at in session.execute(
        select(SyncEvent.meeting_id, SyncEvent.uid, Meeting.created_at)
        .join(Meeting, Meeting.id == SyncEvent.meeting_id)
        .where(SyncEvent.account_id == account_id)
    ):
        if meeting_id is not None and uid != event_uid(tag, meeting_id, created_at):
            events[meeting_id] = uid
    for contact_id, uid, created_at in session.execute(
        select(SyncCard.contact_id, SyncCard.uid, Contact.created_at)
        .join(Contact, Contact.id == SyncCard.contact_id)
        .where(SyncCard.account_id == account_id)
    ):
        if contact_id is not None and uid != card_uid(tag, contact_id, created_at):
            cards[contact_id] = uid
    value = json.dumps({"events": events, "cards": cards}, sort_keys=True)
    row = session.get(Setting, EARLIER_KEY)
    if row is None:
        session.add(Setting(key=EARLIER_KEY, value=value))
    else:
        row.value = value
