"""CalDAV/CardDAV accounts: adding one from a server's address, removing it, its status."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from chatplanner.db.models import Group, SyncAccount, SyncCard, SyncEvent, SyncNotice
from chatplanner.errors import ChatplannerError
from chatplanner.interop.dav_discovery import Collection as Collection  # for the window
from chatplanner.interop.dav_discovery import Discovery as Discovery  # for the window
from chatplanner.interop.dav_discovery import choose, discover
from chatplanner.interop.dav_http import CARDDAV, DavHttp, SyncServerError, check_server_url
from chatplanner.services.context import ServiceContext
from chatplanner.services.sync_identity import remember_earlier_uids
from chatplanner.services.sync_passwords import (
    PasswordStoreError,
    forget_password,
    load_password,
    store_password,
)


class SyncAccountError(ChatplannerError):
    """An account that cannot be added, found or used as asked."""


@dataclass(frozen=True)
class Account:
    id: int
    server_url: str
    username: str
    calendar_url: str | None
    calendar_name: str
    address_book_url: str | None
    address_book_name: str
    card_version: str
    contact_groups: tuple[str, ...]
    last_sync_at: datetime | None
    last_result: str


@dataclass(frozen=True)
class AccountStatus:
    account: Account
    contacts_linked: int
    events_linked: int
    contact_conflicts: int
    event_conflicts: int
    notices: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        a = self.account
        return {
            "id": a.id,
            "server": a.server_url,
            "host": _host(a.server_url),
            "user": a.username,
            "calendar": a.calendar_name or None,
            "address_book": a.address_book_name or None,
            "contact_groups": list(a.contact_groups),
            "last_sync_at": a.last_sync_at.isoformat() if a.last_sync_at else None,
            "last_result": a.last_result or None,
            "contacts_linked": self.contacts_linked,
            "events_linked": self.events_linked,
            "contact_conflicts": self.contact_conflicts,
            "event_conflicts": self.event_conflicts,
            "notices": list(self.notices),
        }


def _account(row: SyncAccount) -> Account:
    try:
        groups = tuple(str(g) for g in json.loads(row.contact_groups or "[]"))
    except ValueError:
        groups = ()
    return Account(
        id=row.id,
        server_url=row.server_url,
        username=row.username,
        calendar_url=row.calendar_url,
        calendar_name=row.calendar_name,
        address_book_url=row.address_book_url,
        address_book_name=row.address_book_name,
        card_version=row.card_version,
        contact_groups=groups,
        last_sync_at=row.last_sync_at,
        last_result=row.last_result,
    )


class SyncAccountService:
    def __init__(self, context: ServiceContext, timeout: float = 30.0) -> None:
        self._context = context
        self.timeout = timeout
        # Passwords given in the window on a system without a keyring: in this process's memory
        # only, for as long as it runs (never in the database, a backup, a log or a message).
        self._session_passwords: dict[tuple[str, str], str] = {}

    # Finding and adding ----------------------------------------------------------------------
    def discover(self, server_url: str, username: str, password: str) -> Discovery:
        """The calendars and address books the server has for this user."""
        url = check_server_url(server_url)
        with DavHttp(url, username, password, self.timeout) as http:
            return discover(http)

    def discover_for_account(self) -> Discovery:
        """What the account's server offers now, with the password from the keyring (to change
        the calendar or address book after the account was added)."""
        account = self.require()
        return self.discover(account.server_url, account.username, self.password(account))

    def group_names(self) -> list[str]:
        """The groups whose members may be the only contacts sent to the server."""
        with self._context.sessions() as session:
            names = session.scalars(select(Group.name)).all()
        return sorted(names, key=str.casefold)

    def add(  # noqa: PLR0913 - keyword-only: the account's choices as the sync dialog and the CLI give them
        self,
        server_url: str,
        username: str,
        password: str,
        *,
        calendar: str | None = None,
        address_book: str | None = None,
        contact_groups: tuple[str, ...] = (),
        keep_password: bool = True,
        keyring_optional: bool = False,
        found: Callable[[Discovery], None] | None = None,
    ) -> Account:
        """Discover, choose (the first of each by default) and store the account; the password
        goes to the keyring when `keep_password`. `keyring_optional`: a system without a
        keyring still gets the account (the password is then given at each sync). `found` is
        told what discovery found (the command lists it)."""
        url = check_server_url(server_url)
        if not username.strip():
            raise SyncAccountError("Give the user name for the server (--user NAME).")
        if not password:
            raise SyncAccountError("Give the password for the server.")
        with DavHttp(url, username, password, self.timeout) as http:
            discovery = discover(http)
            if found is not None:
                found(discovery)
            chosen_calendar = choose(discovery.calendars, calendar, "calendar")
            chosen_book = choose(discovery.address_books, address_book, "address book")
            if chosen_calendar is None and chosen_book is None:
                raise SyncAccountError(
                    "The server has no calendar and no address book for this user. Make one "
                    "in the server's web page or on your phone, then add the account again."
                )
            version = "3.0" if chosen_book is None else _card_version(http, chosen_book)
        # A provider that redirected discovery to another server: the account is that server's
        # (the password was sent there over HTTPS and is kept for it alone), and later syncs
        # go there directly.
        url = discovery.server_url or url
        if self.account() is not None:
            raise SyncAccountError(
                "An account is already set up. Remove it first (chatplanner sync remove)."
            )
        if keep_password:
            try:
                store_password(url, username, password)
            except PasswordStoreError:
                if not keyring_optional:
                    raise
                self._session_passwords[(url, username)] = password
        now = self._context.now()
        with self._context.sessions.begin() as session:
            row = SyncAccount(
                server_url=url,
                username=username,
                principal_url=discovery.principal_url,
                calendar_url=None if chosen_calendar is None else chosen_calendar.url,
                calendar_name="" if chosen_calendar is None else chosen_calendar.name,
                address_book_url=None if chosen_book is None else chosen_book.url,
                address_book_name="" if chosen_book is None else chosen_book.name,
                card_version=version,
                contact_groups=json.dumps(list(contact_groups)),
                last_result="",
                created_at=now,
            )
            session.add(row)
            session.flush()
            if discovery.found_through is not None:
                session.add(
                    SyncNotice(
                        account_id=row.id,
                        at=now,
                        text=(
                            f"{_host(discovery.found_through)} sent this account to {_host(url)}: "
                            f"syncs go to {url} directly."
                        ),
                    )
                )
            return _account(row)

    def choose_collections(
        self, calendar: Collection | None, address_book: Collection | None
    ) -> Account:
        """Change the calendar or address book; what was synced with the old ones is forgotten
        (nothing is deleted on either side)."""
        with self._context.sessions.begin() as session:
            row = self._row(session)
            if calendar is not None and calendar.url != row.calendar_url:
                session.execute(delete(SyncEvent).where(SyncEvent.account_id == row.id))
                row.calendar_url, row.calendar_name = calendar.url, calendar.name
            if address_book is not None and address_book.url != row.address_book_url:
                session.execute(delete(SyncCard).where(SyncCard.account_id == row.id))
                row.address_book_url, row.address_book_name = address_book.url, address_book.name
                row.contacts_sync_token = None
            return _account(row)

    def set_contact_groups(self, groups: tuple[str, ...]) -> None:
        with self._context.sessions.begin() as session:
            self._row(session).contact_groups = json.dumps(list(groups))

    def remove(self) -> Account:
        """Forget the account, its password and what was synced; nothing on the server or in
        the app's contacts and chats is deleted."""
        with self._context.sessions.begin() as session:
            row = self._row(session)
            account = _account(row)
            remember_earlier_uids(session, row.id)
            session.delete(row)
        forget_password(account.server_url, account.username)
        self._session_passwords.pop((account.server_url, account.username), None)
        return account

    # Reading ---------------------------------------------------------------------------------
    def account(self) -> Account | None:
        with self._context.sessions() as session:
            row = session.scalars(select(SyncAccount).order_by(SyncAccount.id)).first()
            return None if row is None else _account(row)

    def require(self) -> Account:
        account = self.account()
        if account is None:
            raise SyncAccountError(
                "No sync account is set up. Add one with: chatplanner sync add URL --user NAME"
            )
        return account

    def password_kept(self, account: Account) -> bool:
        return bool(load_password(account.server_url, account.username))

    def password_for_session_only(self, account: Account) -> bool:
        """The password is not in a keyring but was given in this session (kept in memory)."""
        key = (account.server_url, account.username)
        return key in self._session_passwords and not self.password_kept(account)

    def password_known(self, account: Account) -> bool:
        """A sync can start without asking: the keyring or this session holds the password."""
        key = (account.server_url, account.username)
        return key in self._session_passwords or self.password_kept(account)

    def keep_for_session(self, account: Account, password: str) -> None:
        """A password given in the window where no keyring is available: kept in memory until
        the app closes, asked again next time."""
        if password:
            self._session_passwords[(account.server_url, account.username)] = password

    def forget_for_session(self, account: Account) -> None:
        """The server refused the password given this session: it is asked again."""
        self._session_passwords.pop((account.server_url, account.username), None)

    def password(self, account: Account, from_env: str | None = None) -> str:
        if from_env is not None:
            return from_env
        password = load_password(account.server_url, account.username) or (
            self._session_passwords.get((account.server_url, account.username))
        )
        if not password:
            raise SyncAccountError(
                "The password for this account is not in the keyring. Add the account again, "
                "or give it with --password-env VAR."
            )
        return password

    def status(self) -> AccountStatus | None:
        with self._context.sessions() as session:
            row = session.scalars(select(SyncAccount).order_by(SyncAccount.id)).first()
            if row is None:
                return None

            def count(model: type[SyncCard] | type[SyncEvent], *where: object) -> int:
                query = select(func.count()).select_from(model).where(model.account_id == row.id)
                for condition in where:
                    query = query.where(condition)  # type: ignore[arg-type]
                return int(session.scalar(query) or 0)

            notices = session.scalars(
                select(SyncNotice.text)
                .where(SyncNotice.account_id == row.id)
                .order_by(SyncNotice.id.desc())
                .limit(20)
            ).all()
            return AccountStatus(
                account=_account(row),
                contacts_linked=count(SyncCard, SyncCard.contact_id.is_not(None)),
                events_linked=count(SyncEvent),
                contact_conflicts=count(SyncCard, SyncCard.conflict.is_not(None)),
                event_conflicts=count(SyncEvent, SyncEvent.conflict.is_not(None)),
                notices=tuple(notices),
            )

    def _row(self, session: Session) -> SyncAccount:
        row = session.scalars(select(SyncAccount).order_by(SyncAccount.id)).first()
        if row is None:
            raise SyncAccountError("No sync account is set up.")
        return row


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _card_version(http: DavHttp, book: Collection) -> str:
    """4.0 when the address book says it takes only 4.0; 3.0 otherwise (every server reads it)."""
    try:
        found = http.propfind(book.url, "<card:supported-address-data/>", depth=0)
    except SyncServerError:
        return "3.0"
    versions = set()
    for resource in found:
        element = resource.props.get(f"{CARDDAV}supported-address-data")
        if element is None:
            continue
        for data in element.iter(f"{CARDDAV}address-data-type"):
            versions.add(data.get("version", ""))
    return "4.0" if versions and "3.0" not in versions and "4.0" in versions else "3.0"
