"""Contacts kept in step with a CardDAV address book, both ways.

Each linked contact has a `SyncCard` row: the card's address, UID and ETag, the synced fields
as both sides last agreed (the base of a three-way merge) and the server's card text (so fields
the app does not model survive). Every write is conditional (`If-Match`, or `If-None-Match: *`
for a new card), and every step is committed so that a sync killed anywhere leaves both sides
consistent: a new card is recorded as "creating" before its PUT, a server change is applied to
the contact and its link in one transaction, and the sync token is saved only at the very end.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, case, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from chatplanner.db.models import Contact, Group, SyncAccount, SyncCard, SyncNotice, contact_groups
from chatplanner.domain.field_merge import Prefer, Side, merge_fields
from chatplanner.domain.person_names import display_name
from chatplanner.domain.text import normalize_linkedin_url
from chatplanner.interop.dav_http import (
    DavHttp,
    Listing,
    NotFoundOnServerError,
    PreconditionFailedError,
    SyncServerError,
    SyncTokenExpiredError,
    list_collection,
    multiget,
)
from chatplanner.interop.sync_card import (
    SCREEN_LABELS,
    SYNCED_FIELDS,
    CardError,
    Fields,
    ServerCard,
    new_card,
    patch_card,
    read_card,
)
from chatplanner.services.sync_identity import (
    card_uid,
    earlier_uids,
    profile_tag,
)

_log = logging.getLogger(__name__)
FETCH_BATCH = 250
WRITE_BATCH = 100
LOOKUP_BATCH = 500  # hrefs or UIDs per `IN (...)` query
CARD_TYPE = "text/vcard; charset=utf-8"
CREATING = "creating"
SYNCED = "synced"

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
ShouldStop = Callable[[], bool]


class SyncCancelledError(Exception):
    """The user stopped the sync; what was done is kept, the rest is done next time."""


@dataclass
class ContactReport:
    new_in_app: int = 0
    updated_in_app: int = 0
    new_on_server: int = 0
    updated_on_server: int = 0
    deleted_on_server: int = 0  # cards removed because the contact was deleted in the app
    archived: int = 0  # contacts archived because their card was deleted on the server
    conflicts: int = 0
    new_conflicts: int = 0  # found by this sync (not already waiting for a choice)
    unreadable: int = 0
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            (self.new_in_app, "new in the app"),
            (self.updated_in_app, "updated in the app"),
            (self.new_on_server, "new on the server"),
            (self.updated_on_server, "updated on the server"),
            (self.deleted_on_server, "deleted on the server"),
            (self.archived, "archived (deleted on the server)"),
            (self.conflicts, "with conflicts"),
            (self.unreadable, "unreadable cards skipped"),
        ]
        said = [f"{count} {what}" for count, what in parts if count]
        return "Contacts: " + (", ".join(said) if said else "no changes") + "."


def contact_fields(row: object) -> Fields:
    return {name: (getattr(row, name) or None) for name in SYNCED_FIELDS}


def _json_fields(text: str | None) -> Fields | None:
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    # Only the fields the base holds: a field synced since a newer version of the app is
    # missing from older bases, and is then met for the first time (see `merge_fields`).
    if not isinstance(data, dict):
        return None
    return {name: data.get(name) for name in SYNCED_FIELDS if name in data}


# What `_link` reads of a SyncCard row.
_LINK_COLUMNS = (
    SyncCard.id,
    SyncCard.contact_id,
    SyncCard.href,
    SyncCard.uid,
    SyncCard.etag,
    SyncCard.base,
    SyncCard.state,
    SyncCard.conflict,
)


def _link(row: Any) -> _Link:
    return _Link(
        row.id,
        row.contact_id,
        row.href,
        row.uid,
        row.etag,
        row.base,
        row.state,
        row.conflict is not None,
    )


def _name(fields: Fields) -> str:
    name = display_name(fields.get("first_name"), fields.get("last_name"))
    return name or fields.get("email") or "a contact"


@dataclass
class _Link:
    id: int
    contact_id: int | None
    href: str
    uid: str
    etag: str | None
    base_text: str | None  # JSON, read only for a card that changed
    state: str
    conflicted: bool = False

    @property
    def reread(self) -> bool:
        """Read again at each sync: in conflict, or with fields never agreed on (synced only
        since a newer version of the app)."""
        if self.conflicted:
            return True
        base = self.base
        return base is not None and any(name not in base for name in SYNCED_FIELDS)

    @property
    def base(self) -> Fields | None:
        return _json_fields(self.base_text)


class ContactSync:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        http: DavHttp,
        account_id: int,
        now: datetime,
        *,
        progress: Progress,
        should_stop: ShouldStop,
        prefer: Prefer = None,
    ) -> None:
        self._sessions = sessions
        self._http = http
        self._account_id = account_id
        self._now = now
        self._progress = progress
        self._should_stop = should_stop
        self._prefer = prefer
        self.report = ContactReport()
        self._tag = ""
        self._earlier_cards: dict[int, str] = {}

    def _check_stop(self) -> None:
        if self._should_stop():
            raise SyncCancelledError

    # The whole run ---------------------------------------------------------------------------
    def run(self) -> ContactReport:
        with self._sessions.begin() as session:
            self._tag = profile_tag(session)
            self._earlier_cards = earlier_uids(session)[1]
        with self._sessions() as session:
            account = session.get(SyncAccount, self._account_id)
            assert account is not None and account.address_book_url
            book, token, version = (
                account.address_book_url,
                account.contacts_sync_token,
                account.card_version,
            )
            groups = json.loads(account.contact_groups or "[]")
        self._book, self._version, self._groups = book, version, [str(g) for g in groups]
        self._progress("Reading the address book…", 0, 0)
        try:
            listing = list_collection(self._http, book, token)
        except SyncTokenExpiredError:
            listing = list_collection(self._http, book, None)
        links = self._links(listing)
        touched = self._pull(listing, links)
        self._check_stop()
        pushed = self._push(touched)
        # Our own writes changed the collection: take the token after them, so that the next
        # sync starts from here (what it lists again has our ETags and is not fetched).
        new_token = listing.token
        if pushed and listing.token is not None:
            try:
                again = list_collection(self._http, book, listing.token)
                # Only what changed since: the cards read again each sync were read above.
                self._pull(again, self._links(again), reread=False)
                new_token = again.token
            except SyncTokenExpiredError:
                new_token = None
        with self._sessions.begin() as session:
            account = session.get(SyncAccount, self._account_id)
            assert account is not None
            account.contacts_sync_token = new_token
        return self.report

    def _links(self, listing: Listing) -> dict[str, _Link]:
        """The links the listing concerns, and those in conflict (read again each sync). A full
        listing needs them all (a link it does not name was deleted on the server); a listing
        since a sync token needs only the few it names: an unchanged sync reads no link."""
        columns = select(*_LINK_COLUMNS).where(SyncCard.account_id == self._account_id)
        with self._sessions() as session:
            if listing.complete:
                rows = list(session.execute(columns))
            else:
                rows = list(
                    session.execute(
                        columns.where(or_(SyncCard.conflict.is_not(None), *_missing_from_base()))
                    )
                )
                named = [*listing.etags, *listing.removed]
                for batch in _chunks(named, LOOKUP_BATCH):
                    rows.extend(session.execute(columns.where(SyncCard.href.in_(batch))))
        return {row.href: _link(row) for row in rows}

    def _links_by_uid(self, uids: list[str]) -> dict[str, _Link]:
        """Links of cards the server now holds at a new address, found by their UID."""
        if not uids:
            return {}
        with self._sessions() as session:
            rows = session.execute(
                select(*_LINK_COLUMNS).where(
                    SyncCard.account_id == self._account_id, SyncCard.uid.in_(uids)
                )
            ).all()
        return {row.uid: _link(row) for row in rows}

    # Server -> app ---------------------------------------------------------------------------
    def _pull(self, listing: Listing, links: dict[str, _Link], *, reread: bool = True) -> set[int]:  # noqa: C901, PLR0912 - one case per change the server reports (new, changed, deleted, matched), each settled in the same transaction
        """Apply the server's changes; returns the ids of links already settled this run."""
        changed = [
            href
            for href, etag in listing.etags.items()
            if links.get(href) is None or links[href].etag != etag
        ]
        # Cards in conflict are read again (the user may have settled them on either side), and
        # so are those with fields never agreed on.
        seen = set(changed)
        changed += [
            href
            for href, link in links.items()
            if reread and link.reread and href not in listing.removed and href not in seen
        ]
        removed = set(listing.removed)
        if listing.complete:
            removed |= {
                href
                for href, link in links.items()
                if href not in listing.etags and link.state == SYNCED
            }
        settled: set[int] = set()
        moved: set[int] = set()  # links that followed their card to a new address
        total = len(changed)
        index: _LocalIndex | None = None
        for start in range(0, total, FETCH_BATCH):
            self._check_stop()
            batch = changed[start : start + FETCH_BATCH]
            self._progress("Reading changed contacts…", start, total)
            cards = multiget(
                self._http,
                self._book,
                batch,
                report="addressbook-multiget",
                data_element="address-data",
            )
            read: list[tuple[str, str, str | None, ServerCard | CardError]] = []
            for href in batch:
                text, etag = cards.get(href, (None, None))
                if text is None:
                    continue  # gone between the listing and the fetch: next sync
                # A multiget without the ETag: the listing's, older or the same (a write
                # conditional on an older one is refused, never blind).
                etag = etag or listing.etags.get(href) or None
                try:
                    read.append((href, text, etag, read_card(text)))
                except CardError as error:
                    read.append((href, text, etag, error))
            by_uid = self._links_by_uid(
                [
                    card.uid
                    for href, _t, _e, card in read
                    if isinstance(card, ServerCard) and card.uid and href not in links
                ]
            )
            with self._sessions.begin() as session:
                if index is None and any(links.get(h) is None for h in batch):
                    index = _LocalIndex(session, self._tag, self._earlier_cards)
                fresh: list[_NewCard] = []
                for href, text, etag, card in read:
                    link = links.get(href)
                    if isinstance(card, CardError):
                        self.report.unreadable += 1
                        self._notice(
                            session,
                            f"A card on the server could not be read ({card}); it was left as "
                            "it is.",
                        )
                        continue
                    if link is None and card.uid and card.uid in by_uid:
                        # The same card at a new address (a server that renamed it): follow it.
                        link = by_uid[card.uid]
                        moved.add(link.id)
                        session.execute(
                            update(SyncCard).where(SyncCard.id == link.id).values(href=href)
                        )
                    if link is None:
                        match = index.match(card.uid, card.fields) if index is not None else None
                        if match is None:
                            fresh.append(_NewCard(href, card.uid or href, text, etag, card.fields))
                            continue
                        link_id = self._link_to_match(
                            session, match, href, card.uid, text, etag, card.fields
                        )
                    else:
                        link_id = self._apply_card(session, href, text, etag, link, card.fields)
                    if link_id is not None:
                        settled.add(link_id)
                settled.update(self._insert_new(session, fresh))
        if removed:
            with self._sessions.begin() as session:
                for href in removed:
                    link = links.get(href)
                    if link is not None and link.id not in moved:
                        self._apply_removal(session, link)
                        settled.add(link.id)
        self._progress("Read the address book.", total, total)
        return settled

    def _apply_card(
        self, session: Session, href: str, text: str, etag: str | None, link: _Link, fields: Fields
    ) -> int | None:
        row = session.get(SyncCard, link.id)
        assert row is not None
        contact = None if link.contact_id is None else session.get(Contact, link.contact_id)
        if contact is None and link.state == CREATING and _same_fields(fields, link.base):
            # The app's own new card, whose PUT reached the server in a sync killed before it
            # recorded the ETag; the contact was deleted here since. Now the ETag is known, the
            # push deletes the card with If-Match.
            row.etag, row.card, row.state = etag, text, SYNCED
            return None
        if contact is None:
            # Deleted in the app, changed on the server since: the server's change wins, the
            # contact comes back.
            session.delete(row)
            session.flush()
            self._notice(
                session,
                f"{_name(fields)} was changed on the server after you deleted it here; it is back.",
            )
            return self._insert_new(session, [_NewCard(href, link.uid, text, etag, fields)])[0]
        app = contact_fields(contact)
        result = merge_fields(
            SYNCED_FIELDS,
            link.base,
            app,
            fields,
            self._prefer,
            _choices_still_valid(row.conflict, app, fields),
        )
        if result.to_app:
            for name, value in result.to_app.items():
                setattr(contact, name, _stored(name, value))
            contact.updated_at = self._now
            self.report.updated_in_app += 1
        row.etag, row.card, row.state = etag, text, SYNCED
        row.base = json.dumps(_agreed(result.merged, result.to_server, link.base, fields))
        self._set_conflict(session, row, result.conflicts, fields)
        if result.to_server:
            return None  # the app's side still has to go to the server
        return link.id

    def _set_conflict(
        self,
        session: Session,
        row: SyncCard,
        conflicts: dict[str, dict[str, str | None]],
        fields: Fields,
    ) -> None:
        before = row.conflict
        row.conflict = json.dumps(conflicts) if conflicts else None
        if conflicts:
            self.report.conflicts += 1
            if row.conflict != before:
                self.report.new_conflicts += 1
                what = ", ".join(SCREEN_LABELS[name] for name in conflicts)
                self._notice(
                    session,
                    f"{_name(fields)}: {what} changed both here and on the server. Both are kept "
                    "as they are until you choose a side.",
                )

    def _link_to_match(  # noqa: PLR0917 - private; the parts of one card, called in one place
        self,
        session: Session,
        contact_id: int,
        href: str,
        uid: str | None,
        text: str,
        etag: str | None,
        fields: Fields,
    ) -> int | None:
        """A new card that is an app contact already (same e-mail or LinkedIn profile)."""
        contact = session.get(Contact, contact_id)
        assert contact is not None
        result = merge_fields(SYNCED_FIELDS, None, contact_fields(contact), fields, self._prefer)
        for name, value in result.to_app.items():
            setattr(contact, name, _stored(name, value))
        if result.to_app:
            contact.updated_at = self._now
            self.report.updated_in_app += 1
        row = SyncCard(
            account_id=self._account_id,
            contact_id=contact.id,
            href=href,
            uid=uid or href,
            etag=etag,
            base=json.dumps(_agreed(result.merged, result.to_server, None, fields)),
            card=text,
            state=SYNCED,
        )
        session.add(row)
        session.flush()
        self._set_conflict(session, row, result.conflicts, fields)
        return None if result.to_server else row.id

    def _insert_new(self, session: Session, cards: list[_NewCard]) -> list[int]:
        """Contacts for cards the app has never seen, with their links: two bulk inserts."""
        if not cards:
            return []
        # The ids are given here, so that each insert is one executemany: asked for RETURNING
        # in order, SQLite inserts row by row (twice as slow for a 30,000-card first sync).
        # The no-op update takes the write lock first: no one else can take these ids.
        session.execute(
            update(SyncAccount).where(SyncAccount.id == self._account_id).values(id=SyncAccount.id)
        )
        first_contact = (session.scalar(select(func.max(Contact.id))) or 0) + 1
        first_link = (session.scalar(select(func.max(SyncCard.id))) or 0) + 1
        contact_ids = list(range(first_contact, first_contact + len(cards)))
        link_ids = list(range(first_link, first_link + len(cards)))
        session.execute(
            insert(Contact),
            [
                {
                    "id": contact_id,
                    **{name: _stored(name, card.fields.get(name)) for name in SYNCED_FIELDS},
                    "source": "carddav",
                    "created_at": self._now,
                    "updated_at": self._now,
                }
                for card, contact_id in zip(cards, contact_ids, strict=True)
            ],
        )
        session.execute(
            insert(SyncCard),
            [
                {
                    "id": link_id,
                    "account_id": self._account_id,
                    "contact_id": contact_id,
                    "href": card.href,
                    "uid": card.uid,
                    "etag": card.etag,
                    "base": json.dumps(card.fields),
                    "card": card.text,
                    "state": SYNCED,
                    "conflict": None,
                }
                for card, contact_id, link_id in zip(cards, contact_ids, link_ids, strict=True)
            ],
        )
        self.report.new_in_app += len(cards)
        return link_ids

    def _apply_removal(self, session: Session, link: _Link) -> None:
        row = session.get(SyncCard, link.id)
        if row is None:
            return
        contact = None if link.contact_id is None else session.get(Contact, link.contact_id)
        session.delete(row)
        if contact is None or contact.archived:
            return
        contact.archived = True
        contact.updated_at = self._now
        self.report.archived += 1
        name = display_name(contact.first_name, contact.last_name) or "A contact"
        self._notice(
            session,
            f"{name} was deleted from the address book on the server; archived here, not "
            "deleted (unarchive to keep them, they then go back to the server).",
        )

    def _notice(self, session: Session, text: str) -> None:
        session.add(SyncNotice(account_id=self._account_id, at=self._now, text=text))
        self.report.notices.append(text)

    # App -> server ---------------------------------------------------------------------------
    # Long: one transaction over the links with something to send: create, update, delete, each with its answer.
    def _push(self, settled: set[int]) -> int:
        """Send the app's changes; returns how many writes were made."""
        with self._sessions() as session:
            # Only the links with something to send: the comparison of each contact with the
            # agreed base runs in SQLite, so an unchanged sync reads no card.
            candidates = session.execute(
                _push_query().where(
                    SyncCard.account_id == self._account_id,
                    or_(
                        SyncCard.contact_id.is_(None),
                        SyncCard.state == CREATING,
                        *_differs_from_base(),
                    ),
                )
            ).all()
            fresh = [
                _AppContact(row.id, False, contact_fields(row), row.created_at)
                for row in session.execute(self._unlinked_in_scope())
            ]
        updates: list[tuple[_PushLink, Fields]] = []
        deletions: list[_PushLink] = []
        creations: list[_PushLink] = []
        for found in candidates:
            row = _push_link(found)
            if row.id in settled:
                continue
            if row.contact_id is None:
                deletions.append(row)  # deleted in the app: the card goes too
                continue
            if row.state == CREATING:
                creations.append(row)
                continue
            changes = _changes(row, contact_fields(found))
            if changes:
                updates.append((row, changes))
        writes = 0
        total = len(updates) + len(deletions) + len(creations) + len(fresh)
        done = 0
        for batch in _chunks(updates, WRITE_BATCH):
            self._check_stop()
            self._progress("Sending changed contacts…", done, total)
            writes += self._send_updates(batch)
            done += len(batch)
        for gone in _chunks(deletions, WRITE_BATCH):
            self._check_stop()
            writes += self._send_deletions(gone)
            done += len(gone)
        # New contacts: recorded as "creating" (with the card to send) before the PUT.
        pending = list(creations)
        for newcomers in _chunks(fresh, WRITE_BATCH):
            pending.extend(self._record_creations(newcomers))
        for created in _chunks(pending, WRITE_BATCH):
            self._check_stop()
            self._progress("Sending new contacts…", done, total)
            writes += self._send_creations(created)
            done += len(created)
        self._progress("Sent the app's changes.", total, total)
        return writes

    def _unlinked_in_scope(self) -> Select[Any]:
        """Contacts to send for the first time: in scope, not archived, not linked yet."""
        linked = select(SyncCard.contact_id).where(
            SyncCard.account_id == self._account_id, SyncCard.contact_id.is_not(None)
        )
        query = select(
            Contact.id, Contact.created_at, *[getattr(Contact, n) for n in SYNCED_FIELDS]
        ).where(Contact.archived.is_not(True), Contact.id.not_in(linked))
        if self._groups:
            query = (
                query.join(contact_groups, contact_groups.c.contact_id == Contact.id)
                .join(Group, Group.id == contact_groups.c.group_id)
                .where(Group.name.in_(self._groups))
                .distinct()
            )
        return query.order_by(Contact.id)

    def _send_updates(  # noqa: C901 - each answer to a conditional write (written, changed there, gone, no ETag) in one place
        self, batch: list[tuple[_PushLink, Fields]]
    ) -> int:
        """PUT each changed card with `If-Match` on a known ETag. A card whose ETag is unknown
        (a server that gave none for the last write) is read first: unchanged on the server
        since the last sync, the change is patched into what it holds and written with the
        ETag the read gave; changed there, it is merged as a pull would (a field changed on
        both sides becomes a conflict for the user), then the app's side is sent."""
        results: list[tuple[int, str | None, str, Fields]] = []
        merges: list[tuple[_PushLink, str, str, Fields]] = []
        for row, changes in batch:
            card, etag = row.card, row.etag
            if not etag:
                learned = self._learn_etag(row)
                if learned is None:
                    continue
                card, etag, fields = learned
                if not _same_fields(fields, _json_fields(row.base)):
                    merges.append((row, card, etag, fields))
                    continue
            text = patch_card(card, changes)
            try:
                new_etag = self._http.put(row.href, text, CARD_TYPE, if_match=etag)
            except PreconditionFailedError:
                continue  # changed on the server meanwhile: merged on the next sync
            except NotFoundOnServerError:
                continue  # deleted on the server meanwhile: archived on the next sync
            base = _json_fields(row.base) or {}
            base.update(changes)
            results.append((row.id, new_etag, text, base))
        with self._sessions.begin() as session:
            for link_id, etag, text, base in results:
                session.execute(
                    update(SyncCard)
                    .where(SyncCard.id == link_id)
                    .values(etag=etag, card=text, base=json.dumps(base))
                )
            for row, text, etag, fields in merges:
                stored = session.get(SyncCard, row.id)
                if stored is not None:
                    self._apply_card(session, row.href, text, etag, _link(stored), fields)
        self.report.updated_on_server += len(results)
        sent = len(results)
        if merges:
            # The ETags are known now: what the merge left for the server goes at once.
            with self._sessions() as session:
                again = session.execute(
                    _push_query().where(
                        SyncCard.id.in_([row.id for row, *_rest in merges]),
                        SyncCard.etag.is_not(None),
                        Contact.id.is_not(None),
                    )
                ).all()
            retry: list[tuple[_PushLink, Fields]] = []
            for found in again:
                link = _push_link(found)
                changes = _changes(link, contact_fields(found))
                if changes:
                    retry.append((link, changes))
            sent += self._send_updates(retry)
        return sent

    def _learn_etag(self, row: _PushLink) -> tuple[str, str, Fields] | None:
        """The server's card, its ETag and fields, read with a GET; None when it cannot be
        written safely now (gone, unreadable, or a server that gives no ETag)."""
        try:
            text, etag = self._http.get(row.href)
        except NotFoundOnServerError:
            return None  # deleted on the server: the next sync's listing archives the contact
        try:
            fields = read_card(text).fields
        except CardError:
            return None  # not a card the app can read: left as it is
        if not etag:
            with self._sessions.begin() as session:
                self._notice(
                    session,
                    f"{_name(fields)} was not sent to the server: it gives no version (ETag) "
                    "for the card, so a change made on your phone could be overwritten.",
                )
            return None
        return text, etag, fields

    def _send_deletions(self, batch: list[_PushLink]) -> int:
        """Delete the cards of contacts deleted in the app, each with If-Match: a card changed
        on the server since (412) is left alone and comes back on the next sync."""
        done: list[int] = []
        forgotten: list[int] = []
        back: list[tuple[_PushLink, str, str | None, Fields]] = []
        for row in batch:
            etag = row.etag
            if etag is None:
                # A card still being created: its PUT may or may not have reached the server.
                try:
                    text, etag = self._http.get(row.href)
                except NotFoundOnServerError:
                    forgotten.append(row.id)  # it never did: nothing to delete
                    continue
                try:
                    fields = read_card(text).fields
                except CardError:
                    continue  # not the card the app sent: left alone
                if not _same_fields(fields, _json_fields(row.base)):
                    back.append((row, text, etag, fields))  # changed on the phone since
                    continue
                if etag is None:
                    continue  # a server that gives no ETag: no safe delete, left alone
            try:
                self._http.delete(row.href, if_match=etag)
            except PreconditionFailedError:
                continue  # changed on the server after the delete here: it comes back next sync
            done.append(row.id)
        with self._sessions.begin() as session:
            for link_id in done + forgotten:
                link = session.get(SyncCard, link_id)
                if link is not None:
                    session.delete(link)
            for row, text, etag, fields in back:
                stored = session.get(SyncCard, row.id)
                if stored is not None:
                    self._apply_card(session, row.href, text, etag, _link(stored), fields)
        self.report.deleted_on_server += len(done)
        return len(done)

    def _record_creations(self, contacts: list[_AppContact]) -> list[_PushLink]:
        rows: list[dict[str, Any]] = []
        for contact in contacts:
            uid = self._earlier_cards.get(contact.id) or (
                card_uid(self._tag, contact.id, contact.created_at)
                if contact.created_at is not None
                else str(uuid.uuid4())
            )
            rows.append(
                {
                    "account_id": self._account_id,
                    "contact_id": contact.id,
                    "href": self._http.absolute(f"{self._book.rstrip('/')}/{uid}.vcf"),
                    "uid": uid,
                    "etag": None,
                    "base": json.dumps(contact.fields),
                    "card": new_card(uid, contact.fields, self._version),
                    "state": CREATING,
                    "conflict": None,
                }
            )
        with self._sessions.begin() as session:
            ids = list(
                session.scalars(
                    insert(SyncCard).returning(SyncCard.id, sort_by_parameter_order=True), rows
                )
            )
        return [
            _PushLink(
                link_id,
                row["contact_id"],
                row["href"],
                None,
                row["base"],
                row["card"],
                CREATING,
                None,
            )
            for link_id, row in zip(ids, rows, strict=True)
        ]

    def _send_creations(self, batch: list[_PushLink]) -> int:
        results: list[tuple[int, str | None]] = []
        for row in batch:
            try:
                etag = self._http.put(row.href, row.card, CARD_TYPE, create_only=True)
            except PreconditionFailedError:
                # Already there: an earlier sync's PUT arrived before it was killed. The next
                # listing reads it and settles the link.
                continue
            results.append((row.id, etag))
        with self._sessions.begin() as session:
            for link_id, etag in results:
                session.execute(
                    update(SyncCard).where(SyncCard.id == link_id).values(etag=etag, state=SYNCED)
                )
        self.report.new_on_server += len(results)
        return len(results)


def _push_query() -> Select[Any]:
    """A link's columns the writes need, with its contact's synced fields."""
    return select(
        SyncCard.id,
        SyncCard.contact_id,
        SyncCard.href,
        SyncCard.etag,
        SyncCard.base,
        SyncCard.card,
        SyncCard.state,
        SyncCard.conflict,
        *[getattr(Contact, n) for n in SYNCED_FIELDS],
    ).outerjoin(Contact, Contact.id == SyncCard.contact_id)


def _push_link(found: Any) -> _PushLink:
    return _PushLink(
        found.id,
        found.contact_id,
        found.href,
        found.etag,
        found.base,
        found.card,
        found.state,
        found.conflict,
    )


def _changes(row: _PushLink, fields: Fields) -> Fields:
    """The app's changes to send: the fields that differ from the agreed base."""
    base = _json_fields(row.base) or {}
    in_conflict = set(_json_object(row.conflict))
    return {
        name: fields[name]
        for name in SYNCED_FIELDS
        if name in base  # a field never agreed on is first met by the pull
        and (fields[name] or None) != (base.get(name) or None)
        and name not in in_conflict  # conflicting fields wait for the user's choice
    }


@dataclass(frozen=True, slots=True)
class _PushLink:
    """The columns of a link row that the writes need, outside its session."""

    id: int
    contact_id: int | None
    href: str
    etag: str | None
    base: str
    card: str
    state: str
    conflict: str | None


@dataclass(frozen=True, slots=True)
class _AppContact:
    id: int
    archived: bool
    fields: Fields
    created_at: datetime | None = None


def _json_object(text: str | None) -> dict[str, object]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class _NewCard:
    href: str
    uid: str
    text: str
    etag: str | None
    fields: Fields


def _stored(name: str, value: str | None) -> str | None:
    """Names and notes are never NULL in the app; other fields are NULL when empty."""
    if name in ("first_name", "last_name", "notes"):
        return value or ""
    return value or None


class _LocalIndex:
    """Unlinked contacts by the UID the app gives their cards, by e-mail and by LinkedIn
    profile, to match new server cards."""

    def __init__(self, session: Session, tag: str, earlier: dict[int, str]) -> None:
        linked = select(SyncCard.contact_id).where(SyncCard.contact_id.is_not(None))
        rows = session.execute(
            select(Contact.id, Contact.email, Contact.linkedin_url, Contact.created_at).where(
                Contact.id.not_in(linked)
            )
        ).all()
        # The UIDs the app gives (or gave, before they were stable) these contacts' cards.
        self.by_uid = {card_uid(tag, row.id, row.created_at): row.id for row in rows}
        unlinked = {row.id for row in rows}
        self.by_uid.update(
            (uid, contact_id) for contact_id, uid in earlier.items() if contact_id in unlinked
        )
        self.by_email: dict[str, int] = {}
        self.by_linkedin: dict[str, int] = {}
        for row in rows:
            if row.email:
                self.by_email.setdefault(row.email.strip().casefold(), row.id)
            url = normalize_linkedin_url(row.linkedin_url)
            if url:
                self.by_linkedin.setdefault(url, row.id)
        self.taken: set[int] = set()

    def match(self, uid: str | None, fields: Fields) -> int | None:
        # The card the app wrote for this contact through an earlier account link.
        found = self.by_uid.get(uid or "")
        email = (fields.get("email") or "").strip().casefold()
        if found is None:
            found = self.by_email.get(email) if email else None
        if found is None:
            url = normalize_linkedin_url(fields.get("linkedin_url"))
            found = self.by_linkedin.get(url) if url else None
        if found is None or found in self.taken:
            return None
        self.taken.add(found)
        return found


def _agreed(merged: Fields, to_server: Fields, base: Fields | None, server: Fields) -> Fields:
    """The base to store: what both sides hold now. A field still to be sent keeps the value
    the server holds, so that the push that follows sees it as the app's change."""
    agreed = dict(merged)
    for name in to_server:
        agreed[name] = server.get(name)
    return agreed


def _choices_still_valid(conflict: str | None, app: Fields, server: Fields) -> dict[str, Side]:
    """The user's choice per conflicting field (made in the conflict dialog), for the fields
    whose two values are still those the user saw: a value changed since is asked again."""
    chosen: dict[str, Side] = {}
    for name, entry in _json_object(conflict).items():
        if not isinstance(entry, dict) or name not in SYNCED_FIELDS:
            continue
        choice = entry.get("choice")
        if choice not in ("app", "server"):
            continue
        if (entry.get("app") or None) == (app.get(name) or None) and (
            entry.get("server") or None
        ) == (server.get(name) or None):
            chosen[name] = "app" if choice == "app" else "server"
    return chosen


def _same_fields(a: Fields, b: Fields | None) -> bool:
    return b is not None and all((a.get(n) or None) == (b.get(n) or None) for n in SYNCED_FIELDS)


def _safe_base() -> ColumnElement[str]:
    return case((func.json_valid(SyncCard.base) == 1, SyncCard.base), else_="{}")


def _missing_from_base() -> list[ColumnElement[bool]]:
    """A base written before the last fields were synced lacks them (every base written since
    holds every field): such links are read again until both sides agree on them."""
    return [func.json_type(_safe_base(), f"$.{name}").is_(None) for name in SYNCED_FIELDS[-2:]]


def _differs_from_base() -> list[ColumnElement[bool]]:
    """One condition per synced field: the contact's value is not the agreed one (empty and
    missing are the same), compared inside SQLite on the base's JSON."""
    base = _safe_base()
    return [
        func.nullif(getattr(Contact, name), "").is_distinct_from(
            func.nullif(func.json_extract(base, f"$.{name}"), "")
        )
        for name in SYNCED_FIELDS
    ]


def _chunks(items: list[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


__all__ = ["ContactReport", "ContactSync", "SyncCancelledError", "SyncServerError"]
