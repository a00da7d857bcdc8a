"""Finding a user's calendars and address books from a server's address alone (RFC 6764).

`/.well-known/caldav` and `/.well-known/carddav`, then the current user principal, then its
calendar and address-book home sets, then the collections in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from chatplanner.interop.dav_http import (
    CALDAV,
    CARDDAV,
    DAV,
    DavHttp,
    NotFoundOnServerError,
    SyncServerError,
    same_resource,
)


@dataclass(frozen=True, slots=True)
class Collection:
    url: str
    name: str  # the display name, or the last part of the address


@dataclass(frozen=True, slots=True)
class Discovery:
    principal_url: str
    calendars: tuple[Collection, ...]
    address_books: tuple[Collection, ...]
    # The account's address: where the user's address led, when the provider redirected
    # discovery to another server (then `found_through` is the address the user gave).
    server_url: str = ""
    found_through: str | None = None


def _principal(http: DavHttp, service: str) -> str | None:
    """The current user principal, starting from the well-known address, then the base."""
    for start in (f"/.well-known/{service}", http.base_url):
        try:
            found = http.propfind(start, "<d:current-user-principal/>", depth=0)
        except NotFoundOnServerError:
            continue
        except SyncServerError as error:
            if error.status in (400, 405, 501):  # no WebDAV there: try the next place
                continue
            raise
        for resource in found:
            hrefs = resource.hrefs(f"{DAV}current-user-principal")
            if hrefs:
                return http.absolute(hrefs[0])
    return None


def _collections(http: DavHttp, home: str, kind: str) -> list[Collection]:
    found = http.propfind(home, "<d:resourcetype/><d:displayname/>", depth=1)
    collections = []
    for resource in found:
        if resource.is_collection_of(kind):
            name = resource.text(f"{DAV}displayname") or resource.url.rstrip("/").rsplit("/", 1)[-1]
            collections.append(Collection(resource.url, name))
    return sorted(collections, key=lambda c: (c.name.casefold(), c.url))


def discover(http: DavHttp) -> Discovery:
    """What the user's address offers. A redirect to another server (over HTTPS, or between
    two servers on this computer) is followed, and the result names that server's address:
    the account is stored with it, so that the password goes there and nowhere else."""
    http.follow_other_servers = True
    try:
        return _discover(http)
    finally:
        http.follow_other_servers = False


def _discover(http: DavHttp) -> Discovery:
    principal = _principal(http, "caldav") or _principal(http, "carddav")
    if principal is None:
        raise SyncServerError(
            f"No calendar or address-book service was found at {http.base_url}. Check the "
            "address (your provider's help pages give the CalDAV/CardDAV address)."
        )
    homes = http.propfind(principal, "<c:calendar-home-set/><card:addressbook-home-set/>", depth=0)
    calendar_homes: list[str] = []
    book_homes: list[str] = []
    for resource in homes:
        calendar_homes += [http.absolute(h) for h in resource.hrefs(f"{CALDAV}calendar-home-set")]
        book_homes += [http.absolute(h) for h in resource.hrefs(f"{CARDDAV}addressbook-home-set")]
    calendars: list[Collection] = []
    for home in dict.fromkeys(calendar_homes):
        calendars += _collections(http, home, f"{CALDAV}calendar")
    books: list[Collection] = []
    for home in dict.fromkeys(book_homes):
        books += _collections(http, home, f"{CARDDAV}addressbook")
    return Discovery(principal, tuple(calendars), tuple(books), http.base_url, http.moved_from)


def choose(collections: tuple[Collection, ...], wanted: str | None, what: str) -> Collection | None:
    """The collection named `wanted` (display name or last part of its address); the first
    when None; None when there are none at all."""
    if not collections:
        return None
    if wanted is None:
        return collections[0]
    for collection in collections:
        last = collection.url.rstrip("/").rsplit("/", 1)[-1]
        if wanted.casefold() in (collection.name.casefold(), last.casefold()):
            return collection
        if "://" in wanted and same_resource(wanted, collection.url):
            return collection
    names = ", ".join(f"“{c.name}”" for c in collections)
    raise SyncServerError(f"There is no {what} called “{wanted}” on the server. It has: {names}.")
