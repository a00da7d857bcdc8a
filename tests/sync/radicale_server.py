"""A real Radicale CalDAV/CardDAV server on 127.0.0.1, for tests and benchmarks.

Random port, htpasswd authentication with plain passwords, a temporary storage folder. The
`Phone` class is a second client (plain HTTP) that plays the user's phone on the server.
"""

from __future__ import annotations

import socket
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import niquests

from .local_server import LocalServer

USER = "ada"
PASSWORD = "correct horse battery staple"
CALENDAR = "chats"
ADDRESS_BOOK = "people"

_CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
max_content_length = 200000000
[auth]
type = htpasswd
htpasswd_filename = {htpasswd}
htpasswd_encryption = plain
delay = 0
cache_logins = true
[rights]
type = owner_only
[storage]
filesystem_folder = {storage}
[logging]
level = warning
mask_passwords = True
"""


class RadicaleServer(LocalServer):
    """`with RadicaleServer(folder) as server:` starts it; leaving the block stops it."""

    name = "Radicale"
    poll_seconds = 0.05

    def __init__(self, folder: Path, users: dict[str, str] | None = None) -> None:
        super().__init__(folder)
        self.users = users or {USER: PASSWORD}

    def _prepare(self) -> None:
        htpasswd = self.folder / "users"
        htpasswd.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()), "utf-8")

    def _command(self) -> list[str]:
        config = self.folder / "config"
        config.write_text(
            _CONFIG.format(
                port=self.port, htpasswd=self.folder / "users", storage=self.folder / "storage"
            ),
            "utf-8",
        )
        return [sys.executable, "-m", "radicale", "--config", str(config)]

    def add_user(self, user: str, password: str) -> None:
        """Radicale reads the users file at each login: a user added here can log in now."""
        self.users[user] = password
        with (self.folder / "users").open("a", encoding="utf-8") as users:
            users.write(f"{user}:{password}\n")

    def _answers(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0


_DAV = "{DAV:}"


@dataclass
class Phone:
    """The user's phone: a second client that changes things on the server with plain HTTP."""

    base_url: str
    user: str = USER
    password: str = PASSWORD

    def __post_init__(self) -> None:
        self.session = niquests.Session()
        self.session.auth = (self.user, self.password)

    def collection_url(self, name: str) -> str:
        return f"{self.base_url}{self.user}/{name}/"

    def request(
        self, method: str, url: str, body: str | bytes = b"", headers: dict[str, str] | None = None
    ) -> niquests.Response:
        data = body.encode("utf-8") if isinstance(body, str) else body
        response = self.session.request(
            method, url, data=data or None, headers=headers or {}, timeout=3600
        )
        return response

    def make_calendar(self, name: str = CALENDAR, display: str = "Chats") -> str:
        url = self.collection_url(name)
        body = (
            '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<set><prop><resourcetype><collection/><C:calendar/></resourcetype>"
            f"<displayname>{display}</displayname></prop></set></mkcol>"
        )
        response = self.request("MKCOL", url, body)
        assert response.status_code == 201, response.status_code
        return url

    def make_address_book(self, name: str = ADDRESS_BOOK, display: str = "People") -> str:
        url = self.collection_url(name)
        body = (
            '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">'
            "<set><prop><resourcetype><collection/><CR:addressbook/></resourcetype>"
            f"<displayname>{display}</displayname></prop></set></mkcol>"
        )
        response = self.request("MKCOL", url, body)
        assert response.status_code == 201, response.status_code
        return url

    def list(self, collection: str) -> dict[str, str]:
        """href -> etag of every resource in a collection."""
        body = '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
        response = self.request(
            "PROPFIND", collection, body, {"Depth": "1", "Content-Type": "application/xml"}
        )
        assert response.status_code == 207, response.status_code
        found: dict[str, str] = {}
        for item in ElementTree.fromstring(response.content or b"").iter(f"{_DAV}response"):
            href = item.findtext(f"{_DAV}href") or ""
            etag = item.findtext(f".//{_DAV}getetag")
            if etag:
                found[href] = etag
        return found

    def get(self, url: str) -> tuple[str, str]:
        """(text, etag) of one resource."""
        response = self.request("GET", url)
        assert response.status_code == 200, response.status_code
        return response.text or "", response.headers.get("ETag", "")

    def put(self, url: str, text: str, content_type: str, etag: str | None = None) -> str:
        headers = {"Content-Type": content_type}
        if etag:
            headers["If-Match"] = etag
        response = self.request("PUT", url, text, headers)
        assert response.status_code in (201, 204), response.status_code
        return response.headers.get("ETag", "")

    def put_card(self, address_book: str, card: str, name: str | None = None) -> str:
        url = f"{address_book}{name or uuid.uuid4()}.vcf"
        self.put(url, card, "text/vcard; charset=utf-8")
        return url

    def delete(self, url: str) -> None:
        response = self.request("DELETE", url)
        assert response.status_code in (200, 204), response.status_code

    def cards(self, address_book: str) -> dict[str, str]:
        """href -> card text, every card of an address book."""
        return {
            href: self.get(self.base_url.rstrip("/") + href)[0]
            for href in self.list(address_book)
            if href.endswith(".vcf")
        }

    def events(self, calendar: str) -> dict[str, str]:
        return {
            href: self.get(self.base_url.rstrip("/") + href)[0]
            for href in self.list(calendar)
            if href.endswith(".ics")
        }


def card(uid: str, first: str, last: str, email: str | None = None, extra: str = "") -> str:
    """A vCard 3.0 as a phone writes it."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid}",
        f"N:{last};{first};;;",
        f"FN:{first} {last}",
    ]
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{email}")
    if extra:
        lines.extend(extra.strip().splitlines())
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
