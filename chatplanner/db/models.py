"""The whole schema of a profile, as SQLAlchemy 2 declarative models.

Enumerated fields hold the string values of `chatplanner.domain.enums`; moments are stored as
UTC and read back aware (`db/types.py`), calendar days as dates. Alembic owns the schema: a change here needs a
migration in `db/migrations/versions`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    inspect,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from chatplanner.db.types import UtcDateTime
from chatplanner.domain.text import name_sort_key

# Stable constraint names so that migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


contact_groups = Table(
    "contact_groups",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_groups_group_id", "group_id"),
)


# Marks a column that only caches what other columns hold: not part of a backup.
DERIVED = "derived"


def _name_key_of_insert(context: DefaultExecutionContext) -> str:
    """The name key of a row inserted without one (bulk inserts, restores)."""
    values: dict[str, Any] = context.get_current_parameters()
    return name_sort_key(values.get("first_name"), values.get("last_name"))


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_last_first", "last_name", "first_name"),
        # The People list's opening order: SQLite reads its first screen straight off this index.
        Index("ix_contacts_name_order", "archived", "name_key", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String, default="")
    last_name: Mapped[str] = mapped_column(String, default="")
    email: Mapped[str | None] = mapped_column(String, index=True)
    phone: Mapped[str | None] = mapped_column(String)
    linkedin_url: Mapped[str | None] = mapped_column(String, index=True)
    company: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(String)
    # A title they held before, for messages like "from Junior Engineer to Project Manager".
    previous_title: Mapped[str | None] = mapped_column(String)
    years_in_role: Mapped[int | None] = mapped_column(Integer)
    city: Mapped[str | None] = mapped_column(String)
    country: Mapped[str | None] = mapped_column(String)
    address: Mapped[str | None] = mapped_column(String)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String, default="other")
    goal: Mapped[str | None] = mapped_column(String)
    online_activity: Mapped[str] = mapped_column(String, default="unknown")
    stage: Mapped[str] = mapped_column(String, default="not_contacted", index=True)
    stage_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    connected_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String)  # linkedin, vcard, google, manual, demo
    # Per-contact overrides of the patience rule and the keep-in-touch cadence (None: default).
    follow_up_after_days: Mapped[int | None] = mapped_column(Integer)
    move_on_after_days: Mapped[int | None] = mapped_column(Integer)
    keep_in_touch_days: Mapped[int | None] = mapped_column(Integer)
    last_touch_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # `name_sort_key(first_name, last_name)`, derived and kept by every write (see below); NULL
    # when a row was written without it (by another tool): readers compute it then.
    name_key: Mapped[str | None] = mapped_column(
        String, default=_name_key_of_insert, info={DERIVED: True}
    )

    groups: Mapped[list[Group]] = relationship(
        secondary=contact_groups, back_populates="members", order_by="Group.name"
    )


@event.listens_for(Contact, "before_insert")
@event.listens_for(Contact, "before_update")
def _keep_name_key(_mapper: object, _connection: object, contact: Contact) -> None:
    contact.name_key = name_sort_key(contact.first_name, contact.last_name)


@event.listens_for(Contact, "after_update")
def _rewrite_unchanged_name_key(_mapper: object, connection: Connection, contact: Contact) -> None:
    """A rename that leaves the key as it was ("anna" to "Anna") writes no key, so the stale-key
    trigger clears it (`db/name_keys.py`): write it again, in an update the trigger ignores."""
    state = inspect(contact)
    renamed = any(state.attrs[name].history.has_changes() for name in ("first_name", "last_name"))
    if renamed and not state.attrs.name_key.history.has_changes():
        connection.execute(
            update(Contact).where(Contact.id == contact.id).values(name_key=contact.name_key)
        )


class Group(Base):
    """A club, association, licence chapter, online group or alumni network."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String, default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String)
    keep_in_touch_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    members: Mapped[list[Contact]] = relationship(secondary=contact_groups, back_populates="groups")


class StageEvent(Base):
    """One change of a contact's pipeline stage, for the timeline and the insights."""

    __tablename__ = "stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class Outreach(Base):
    """One message to a contact, and what came of it."""

    __tablename__ = "outreach"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String, default="first_message")
    channel: Mapped[str] = mapped_column(String, default="linkedin")
    goal: Mapped[str | None] = mapped_column(String)
    subject: Mapped[str] = mapped_column(String, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    follow_up_due: Mapped[date | None] = mapped_column(Date)
    # replied, no_reply, declined or None while waiting.
    outcome: Mapped[str | None] = mapped_column(String)


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String, default="coffee_shop")
    address: Mapped[str | None] = mapped_column(String)
    city: Mapped[str | None] = mapped_column(String)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    quietness: Mapped[int] = mapped_column(Integer, default=3)  # 1 loud .. 5 quiet
    knows_commute: Mapped[bool] = mapped_column(Boolean, default=False)
    knows_parking: Mapped[bool] = mapped_column(Boolean, default=False)
    knows_menu: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Visit(Base):
    """The user was at a venue: from "I've been here" or from a past in-person meeting."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[str] = mapped_column(String, default="in_person")
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venues.id", ondelete="SET NULL"), index=True
    )
    call_link: Mapped[str | None] = mapped_column(String)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)  # UTC
    duration_minutes: Mapped[int] = mapped_column(Integer, default=45)
    timezone: Mapped[str | None] = mapped_column(String)  # IANA name of where it happens
    travel_mode: Mapped[str | None] = mapped_column(String)
    status: Mapped[str] = mapped_column(String, default="planned")
    tags: Mapped[str] = mapped_column(String, default="")  # comma-separated
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    checklist: Mapped[list[ChecklistItem]] = relationship(
        order_by="ChecklistItem.position", cascade="all, delete-orphan", passive_deletes=True
    )
    notes: Mapped[MeetingNotes | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    thank_you: Mapped[ThankYouDraft | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ChecklistItem(Base):
    __tablename__ = "checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[str] = mapped_column(String)  # before, during, after
    text: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class MeetingNotes(Base):
    """Structured notes of one chat. Indexed for full-text search by `meeting_notes_fts`."""

    __tablename__ = "meeting_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    their_past: Mapped[str] = mapped_column(Text, default="")
    their_present: Mapped[str] = mapped_column(Text, default="")
    their_goals: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    free_notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FollowUp(Base):
    """Something promised in a chat: who, what, by when."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    owner: Mapped[str] = mapped_column(String, default="me")  # me, them
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # What came of it, in the user's words, once acted on ("sent it with the portfolio").
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")


class AdviceAction(Base):
    """A piece of a chat's advice the user acted on, what happened, and the report-back.

    The advice itself lives in the chat's notes (free text); this row keeps the piece as it
    read when it was marked, so editing the notes later does not lose what was done."""

    __tablename__ = "advice_actions"
    __table_args__ = (UniqueConstraint("meeting_id", "advice"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    advice: Mapped[str] = mapped_column(Text)
    acted_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    # The report-back message, once logged as sent (an `outreach` row of kind touch).
    report_back_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    report_back_outreach_id: Mapped[int | None] = mapped_column(
        ForeignKey("outreach.id", ondelete="SET NULL")
    )
    # "Not now" on Today: no report-back suggested for this one.
    report_back_dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ThankYouDraft(Base):
    __tablename__ = "thank_you_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    subject: Mapped[str] = mapped_column(String, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # The text last generated, so that regenerating can tell whether the user edited it.
    generated_body: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Template(Base):
    """A user-editable text: first messages, follow-ups, recruiter messages, thank-yous, checklists."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    subject: Mapped[str] = mapped_column(String, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Setting(Base):
    """A profile setting: a key and a JSON-encoded value."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class GeocodeCacheEntry(Base):
    """Every geocoding answer is kept, so the same address is never asked twice."""

    __tablename__ = "geocode_cache"

    query: Mapped[str] = mapped_column(String, primary_key=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    display_name: Mapped[str | None] = mapped_column(String)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ArchiveFile(Base):
    """What the notes archive last wrote for a meeting, so that rewrites are incremental."""

    __tablename__ = "archive_files"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    relative_path: Mapped[str] = mapped_column(String)
    content_sha256: Mapped[str] = mapped_column(String)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncAccount(Base):
    """A CalDAV/CardDAV account: where chats and contacts are kept in step. The password is in
    the operating system's keyring, never here."""

    __tablename__ = "sync_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    server_url: Mapped[str] = mapped_column(String)
    username: Mapped[str] = mapped_column(String)
    principal_url: Mapped[str] = mapped_column(String, default="")
    calendar_url: Mapped[str | None] = mapped_column(String)
    calendar_name: Mapped[str] = mapped_column(String, default="")
    address_book_url: Mapped[str | None] = mapped_column(String)
    address_book_name: Mapped[str] = mapped_column(String, default="")
    card_version: Mapped[str] = mapped_column(String, default="3.0")  # what the server prefers
    # RFC 6578 token of the address book after the last complete sync; None: list everything.
    contacts_sync_token: Mapped[str | None] = mapped_column(String)
    # Group names (JSON list) whose members go to the server; empty: every contact.
    contact_groups: Mapped[str] = mapped_column(Text, default="[]")
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_result: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncCard(Base):
    """One contact's card in the account's address book, as both sides last agreed."""

    __tablename__ = "sync_cards"
    __table_args__ = (UniqueConstraint("account_id", "href"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    # NULL after the contact is deleted in the app: the card is then deleted on the server.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    href: Mapped[str] = mapped_column(String)
    uid: Mapped[str] = mapped_column(String, index=True)
    etag: Mapped[str | None] = mapped_column(String)
    # The synced fields (JSON) as both sides last agreed: the base of the three-way merge.
    base: Mapped[str] = mapped_column(Text, default="{}")
    # The server's card as last seen, so that fields the app does not model survive.
    card: Mapped[str] = mapped_column(Text, default="")
    # "synced", or "creating" while a new card's PUT may or may not have reached the server.
    state: Mapped[str] = mapped_column(String, default="synced")
    # Fields changed on both sides (JSON: field -> {"app": .., "server": ..}); NULL: none.
    conflict: Mapped[str | None] = mapped_column(Text)


class SyncEvent(Base):
    """One chat's event in the account's calendar, as the app last wrote it."""

    __tablename__ = "sync_events"
    __table_args__ = (UniqueConstraint("account_id", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    # NULL after the chat is deleted in the app: the event is then marked cancelled.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    uid: Mapped[str] = mapped_column(String)
    href: Mapped[str] = mapped_column(String)
    etag: Mapped[str | None] = mapped_column(String)
    content_sha256: Mapped[str] = mapped_column(String, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # the event as last written
    # What the user changed on the server (JSON) while the app had changes too; NULL: none.
    conflict: Mapped[str | None] = mapped_column(Text)


class SyncNotice(Base):
    """Something a sync did that the user should know (a contact archived, a conflict)."""

    __tablename__ = "sync_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(Text)
