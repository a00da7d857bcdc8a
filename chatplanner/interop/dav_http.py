"""WebDAV over HTTP for calendar and address-book servers: discovery, listings, GET/PUT/DELETE.

Built on niquests (the HTTP client the `caldav` package itself uses). Every failure becomes a
`SyncServerError` with a plain sentence that never holds the password; certificate problems are
reported, never ignored.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import niquests

from chatplanner import __version__
from chatplanner.errors import ChatplannerError

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>'


class SyncServerError(ChatplannerError):
    """The server could not be reached or refused; the message says what to do."""

    def __init__(self, message: str, *, status: int | None = None, offline: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.offline = offline


class PreconditionFailedError(SyncServerError):
    """412: the resource changed on the server since we read it (If-Match did not match)."""


class NotFoundOnServerError(SyncServerError):
    """404: the resource is gone."""


def is_loopback(host: str) -> bool:
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """The URL, tidied, if it may be used: HTTPS, or plain HTTP on this computer only."""
    cleaned = url.strip()
    if "://" not in cleaned:
        cleaned = "https://" + cleaned
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname or ""
        _port = parts.port
    except ValueError:
        raise SyncServerError(f"“{url}” is not a server address.") from None
    if not host:
        raise SyncServerError(f"“{url}” is not a server address.")
    if parts.username or parts.password:
        raise SyncServerError(
            "Put the user name in --user and the password in the keyring, not in the address."
        )
    scheme = parts.scheme.lower()
    if scheme == "http" and not is_loopback(host):
        raise SyncServerError(
            "The server address must start with https:// (a password must not travel in clear). "
            "Plain http:// is allowed only for a server on this computer."
        )
    if scheme not in ("http", "https"):
        raise SyncServerError(f"“{url}” is not a web address (https://…).")
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"{scheme}://{parts.netloc}{path}"


@dataclass(frozen=True, slots=True)
class DavResource:
    """One `<response>` of a multistatus answer: its absolute URL and the properties found."""

    url: str
    props: dict[str, ElementTree.Element]
    status: int = 200

    def text(self, name: str) -> str | None:
        element = self.props.get(name)
        return None if element is None else (element.text or "").strip()

    def hrefs(self, name: str) -> list[str]:
        element = self.props.get(name)
        if element is None:
            return []
        return [(h.text or "").strip() for h in element.iter(f"{DAV}href") if h.text]

    def is_collection_of(self, kind: str) -> bool:
        element = self.props.get(f"{DAV}resourcetype")
        return element is not None and element.find(kind) is not None


@dataclass
class DavHttp:
    """One account's HTTP session. `password` lives here only for the length of a sync."""

    base_url: str
    username: str
    password: str = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    # Discovery only: a redirect to another server is followed (see `_move_to`), and the
    # session moves there. A sync goes straight to the address discovery stored.
    follow_other_servers: bool = False
    # The address the session was opened on, when a redirect moved it to another server.
    moved_from: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.base_url = check_server_url(self.base_url)
        self._session = niquests.Session()
        self._session.auth = (self.username, self.password)
        self._session.headers["User-Agent"] = f"chatplanner/{__version__}"
        self._session.trust_env = False  # no .netrc, no proxy variables: the address given
        self._origin = _origin(self.base_url)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> DavHttp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def path(self, url: str) -> str:
        """The path of a URL on this server (what a multiget asks for)."""
        full = self.absolute(url)
        if full.startswith(self._origin + "/"):
            return full[len(self._origin) :].split("?", 1)[0].split("#", 1)[0]
        return urlsplit(full).path

    def absolute(self, href: str) -> str:
        # A multistatus answer holds one absolute path per resource: 30,000 of them in a large
        # address book, so the common case skips urljoin's general parsing.
        if href.startswith("/") and not href.startswith("//") and "/." not in href:
            return self._origin + href
        return urljoin(self.base_url, href)

    # Requests ------------------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        body: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        expected: tuple[int, ...] = (200, 201, 204, 207),
    ) -> niquests.Response:
        target = self.absolute(url)
        for _hop in range(MAX_REDIRECTS):
            response = self._send(method, target, body, headers)
            status = int(response.status_code or 0)
            location = response.headers.get("Location")
            if status not in _REDIRECTS or not location:
                break
            # Followed here with the same method and body (an HTTP client turns a redirected
            # PROPFIND into a GET, as servers redirect /.well-known/caldav).
            following = urljoin(target, location)
            if _origin(following) != self._origin:
                self._move_to(target, following, status)
            check_server_url(following)
            target = following
        status = int(response.status_code or 0)
        if status not in expected:
            raise _status_error(status, target, method)
        return response

    def _move_to(self, target: str, following: str, status: int) -> None:
        """A redirect to another server (RFC 6764: `/.well-known/carddav` on the provider's
        domain sends to its CardDAV host). Followed only in discovery, only over HTTPS (or from
        a server on this computer to another one on it) and never from HTTPS down to plain
        HTTP. The session, its password included, then belongs to the new server: the account
        is stored with its address, so that the password goes nowhere else."""
        if not self.follow_other_servers:
            raise SyncServerError(
                f"The server {_host(target)} sends this account to {_host(following)}. Add "
                f"the account with the address {_context_url(following)} instead.",
                status=status,
            )
        if not may_follow_to_another_server(target, following):
            raise SyncServerError(
                f"The server {_host(target)} sends this account to {_host(following)} over "
                "plain http://, where the password would travel in clear; it was not followed. "
                "Ask the provider for its https:// address.",
                status=status,
            )
        if self.moved_from is None:
            self.moved_from = self.base_url
        self.base_url = _context_url(following)
        self._origin = _origin(self.base_url)

    def _send(
        self, method: str, target: str, body: str | bytes | None, headers: dict[str, str] | None
    ) -> niquests.Response:
        check_server_url(target)  # a redirect or an href must not lead to plain http elsewhere
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            response = self._session.request(
                method,
                target,
                data=data,
                headers=headers or {},
                timeout=self.timeout,
                allow_redirects=False,
            )
        except niquests.exceptions.SSLError:
            raise SyncServerError(
                f"The server {_host(target)} did not prove who it is: its certificate could not "
                "be verified. Check the address; if it is your own server, give it a valid "
                "certificate (for example from Let's Encrypt)."
            ) from None
        except niquests.exceptions.Timeout:
            raise SyncServerError(
                f"The server {_host(target)} did not answer in time. Nothing was lost; "
                "try again later.",
                offline=True,
            ) from None
        except (niquests.exceptions.ConnectionError, OSError):
            raise SyncServerError(
                f"The server {_host(target)} cannot be reached (offline, or the address is "
                "wrong). Nothing was lost; sync will try again.",
                offline=True,
            ) from None
        except niquests.exceptions.RequestException as error:
            raise SyncServerError(
                f"The request to {_host(target)} failed ({type(error).__name__})."
            ) from None
        return response

    def propfind(self, url: str, props: str, depth: int = 0) -> list[DavResource]:
        body = f'{_XML_HEAD}<d:propfind xmlns:d="DAV:" {_NAMESPACES}><d:prop>{props}</d:prop></d:propfind>'
        response = self.request(
            "PROPFIND",
            url,
            body,
            {"Depth": str(depth), "Content-Type": "application/xml; charset=utf-8"},
        )
        return self.multistatus(response)

    def report(self, url: str, body: str, depth: int | None = None) -> niquests.Response:
        headers = {"Content-Type": "application/xml; charset=utf-8"}
        if depth is not None:
            headers["Depth"] = str(depth)
        return self.request("REPORT", url, _XML_HEAD + body, headers)

    def multistatus(self, response: niquests.Response) -> list[DavResource]:
        return list(_parse_multistatus(self, response.content or b""))

    def get(self, url: str) -> tuple[str, str | None]:
        response = self.request("GET", url, expected=(200,))
        return _decode(response.content or b""), response.headers.get("ETag")

    def put(
        self,
        url: str,
        text: str,
        content_type: str,
        *,
        if_match: str | None = None,
        create_only: bool = False,
    ) -> str | None:
        """Write one resource; returns its new ETag (None when the server does not say). Never
        blind: `if_match` names the version replaced (a known ETag, not `*`), or `create_only`
        refuses to replace anything."""
        headers = {"Content-Type": content_type}
        if if_match and if_match != "*":
            headers["If-Match"] = if_match
        elif create_only:
            headers["If-None-Match"] = "*"
        else:
            raise ValueError("a PUT must name the version it replaces (If-Match) or create only")
        response = self.request("PUT", url, text, headers, expected=(200, 201, 204))
        return response.headers.get("ETag")

    def delete(self, url: str, *, if_match: str) -> None:
        """Delete one resource if it is still the version `if_match` names (never blindly)."""
        if not if_match:
            raise ValueError("a DELETE must name the version it deletes (If-Match)")
        with contextlib.suppress(NotFoundOnServerError):  # already gone: what we wanted
            self.request("DELETE", url, headers={"If-Match": if_match}, expected=(200, 204))


@dataclass(frozen=True, slots=True)
class Listing:
    """What a collection holds (or what changed in it since a sync token)."""

    etags: dict[str, str]  # absolute URL -> ETag of present (or changed) resources
    removed: frozenset[str]  # absolute URLs removed since the token (a full listing: empty)
    token: str | None  # the token to ask from next time; None when the server has none
    complete: bool  # True: `etags` is everything the collection holds


class SyncTokenExpiredError(SyncServerError):
    """The server no longer knows the token: list everything instead."""


def list_collection(http: DavHttp, url: str, token: str | None) -> Listing:
    """Changes since `token` by sync-collection (RFC 6578), else a full listing by PROPFIND."""
    body = (
        '<d:sync-collection xmlns:d="DAV:">'
        f"<d:sync-token>{_xml_text(token or '')}</d:sync-token><d:sync-level>1</d:sync-level>"
        "<d:prop><d:getetag/></d:prop></d:sync-collection>"
    )
    try:
        response = http.report(url, body)
    except SyncServerError as error:
        if token and error.status in (403, 409, 412):
            raise SyncTokenExpiredError(str(error), status=error.status) from None
        if error.status in (400, 403, 405, 415, 501):  # no sync-collection here
            return _propfind_listing(http, url)
        raise
    data = response.content or b""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise malformed(url, "a list of changes (XML)") from None
    new_token = (root.findtext(f"{DAV}sync-token") or "").strip() or None
    etags: dict[str, str] = {}
    removed: set[str] = set()
    collection = http.absolute(url)
    for resource in _parse_multistatus(http, data):
        if resource.url.endswith((".vcf", ".ics")) and resource.url.startswith(collection):
            pass  # a resource inside the collection: the usual line, no need to compare paths
        elif same_resource(resource.url, collection):
            continue
        etag = resource.text(f"{DAV}getetag")
        if resource.status == 404:
            removed.add(resource.url)
        elif etag:
            etags[resource.url] = etag
    return Listing(etags, frozenset(removed), new_token, complete=not token)


def _propfind_listing(http: DavHttp, url: str) -> Listing:
    collection = http.absolute(url)
    etags = {}
    for resource in http.propfind(url, "<d:getetag/><d:resourcetype/>", depth=1):
        kind = resource.props.get(f"{DAV}resourcetype")
        if same_resource(resource.url, collection) or (kind is not None and len(kind)):
            continue  # the collection itself, or a sub-collection
        etags[resource.url] = resource.text(f"{DAV}getetag") or ""
    return Listing(etags, frozenset(), None, complete=True)


def multiget(
    http: DavHttp, url: str, hrefs: list[str], *, report: str, data_element: str
) -> dict[str, tuple[str | None, str | None]]:
    """absolute URL -> (text, etag) of each resource asked, by one multiget REPORT; text None
    for a resource the server no longer has."""
    namespace = "card" if report.startswith("addressbook") else "c"
    body = (
        f'<{namespace}:{report} xmlns:d="DAV:" {_NAMESPACES}>'
        f"<d:prop><d:getetag/><{namespace}:{data_element}/></d:prop>"
        + "".join(f"<d:href>{_xml_text(http.path(h))}</d:href>" for h in hrefs)
        + f"</{namespace}:{report}>"
    )
    response = http.report(url, body, depth=1)
    found: dict[str, tuple[str | None, str | None]] = {}
    tag = (CARDDAV if namespace == "card" else CALDAV) + data_element
    for resource in _parse_multistatus(http, response.content or b""):
        element = resource.props.get(tag)
        if resource.status == 404 or element is None:
            found[resource.url] = (None, None)
        else:
            found[resource.url] = (element.text or "", resource.text(f"{DAV}getetag"))
    return found


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_NAMESPACES = (
    'xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:card="urn:ietf:params:xml:ns:carddav" '
    'xmlns:cs="http://calendarserver.org/ns/"'
)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def may_follow_to_another_server(here: str, there: str) -> bool:
    """Whether discovery may follow a redirect from `here` to another server `there` (and send
    the password there): over HTTPS, or from plain HTTP on this computer to plain HTTP on this
    computer (a test's servers). Never from HTTPS down to plain HTTP."""
    start, end = urlsplit(here), urlsplit(there)
    if end.scheme == "https":
        return True
    return (
        start.scheme == end.scheme == "http"
        and is_loopback(start.hostname or "")
        and is_loopback(end.hostname or "")
    )


def _context_url(url: str) -> str:
    """The account's address on the server a redirect leads to: the path it names (RFC 6764's
    context path), or the server's root when it names the well-known address itself."""
    parts = urlsplit(url)
    path = parts.path if not parts.path.startswith("/.well-known/") else "/"
    return check_server_url(f"{parts.scheme}://{parts.netloc}{path}")


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _status_error(status: int, url: str, method: str) -> SyncServerError:
    host = _host(url)
    if status == 401:
        return SyncServerError(
            f"The server {host} refused the user name or password. Check them, then add the "
            "account again with the right password.",
            status=status,
        )
    if status == 403:
        return SyncServerError(
            f"The server {host} does not allow this account to do that ({method}). Check that "
            "the calendar and address book belong to this user.",
            status=status,
        )
    if status == 404:
        return NotFoundOnServerError(
            f"The server {host} has nothing at {urlsplit(url).path or '/'} any more. If the "
            "calendar or address book was removed, choose another one.",
            status=status,
        )
    if status == 412:
        return PreconditionFailedError(
            "Something changed on the server since the last sync; it was not overwritten.",
            status=status,
        )
    if status in (429, 503):
        return SyncServerError(
            f"The server {host} is busy. Nothing was lost; sync will try again later.",
            status=status,
            offline=True,
        )
    if status >= 500:
        return SyncServerError(
            f"The server {host} had an internal error ({status}). Nothing was lost; try again "
            "later, and tell the server's administrator if it goes on.",
            status=status,
        )
    return SyncServerError(f"The server {host} answered {status} to {method}.", status=status)


def malformed(host_url: str, what: str) -> SyncServerError:
    return SyncServerError(
        f"The server {_host(host_url)} sent {what} that could not be read. Nothing was changed; "
        "try again later, and tell the server's administrator if it goes on."
    )


def _parse_multistatus(http: DavHttp, data: bytes) -> Iterator[DavResource]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise malformed(http.base_url, "an answer (XML)") from None
    if root.tag != f"{DAV}multistatus":
        raise malformed(http.base_url, "an answer (not a WebDAV multistatus)")
    for response in root.findall(f"{DAV}response"):
        href = response.findtext(f"{DAV}href")
        if not href:
            continue
        props: dict[str, ElementTree.Element] = {}
        for propstat in response.findall(f"{DAV}propstat"):
            if _status_code(propstat.findtext(f"{DAV}status")) != 200:
                continue
            prop = propstat.find(f"{DAV}prop")
            if prop is not None:
                for element in prop:
                    props[element.tag] = element
        status = _status_code(response.findtext(f"{DAV}status")) if not props else 200
        yield DavResource(http.absolute(href.strip()), props, status)


def _status_code(line: str | None) -> int:
    # "HTTP/1.1 200 OK"
    if not line:
        return 200
    parts = line.split()
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return 0


def same_resource(a: str, b: str) -> bool:
    return unquote(urlsplit(a).path).rstrip("/") == unquote(urlsplit(b).path).rstrip("/")
