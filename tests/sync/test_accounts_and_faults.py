"""Adding an account from a server's address, the password's home, and servers that misbehave."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import update

from chatplanner.cli.main import main
from chatplanner.db.models import SyncAccount
from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.dav_http import SyncServerError, check_server_url
from chatplanner.services.sync_accounts import SyncAccountError
from chatplanner.services.workspace import Workspace

from .conftest import MemoryKeyring
from .radicale_server import PASSWORD, Phone, card


def test_discovery_finds_the_calendars_and_address_books_from_the_server_address(
    tmp_path: Path, phone: Phone
) -> None:
    phone.make_calendar("work", "Work")
    with Workspace.open(tmp_path / "p") as ws:
        found = ws.syncing.sync_accounts.discover(phone.base_url, phone.user, PASSWORD)
        assert [c.name for c in found.calendars] == ["Chats", "Work"]
        assert [b.name for b in found.address_books] == ["People"]
        assert found.principal_url.endswith(f"/{phone.user}/")

        account = ws.syncing.sync_accounts.add(
            phone.base_url, phone.user, PASSWORD, calendar="Work"
        )
        assert account.calendar_name == "Work"
        assert account.address_book_name == "People"


def test_an_unknown_calendar_name_lists_the_ones_there_are(tmp_path: Path, phone: Phone) -> None:
    with Workspace.open(tmp_path / "p") as ws, pytest.raises(SyncServerError) as caught:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD, calendar="Holidays")
    assert "no calendar called “Holidays”" in str(caught.value)
    assert "“Chats”" in str(caught.value)


def test_the_password_lives_in_the_keyring_only(
    tmp_path: Path, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    with Workspace.open(tmp_path / "p") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        ws.backup.write_backup(tmp_path / "backup.json")
    assert list(memory_keyring.passwords.values()) == [PASSWORD]
    for path in (tmp_path / "p").rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    backup = (tmp_path / "backup.json").read_text("utf-8")
    assert PASSWORD not in backup
    assert json.loads(backup)["tables"]["sync_accounts"][0]["username"] == phone.user


def test_removing_the_account_forgets_its_password_and_deletes_nothing(
    tmp_path: Path, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper"))
    with Workspace.open(tmp_path / "p") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        ws.syncing.sync.run()
        ws.syncing.sync_accounts.remove()
        assert ws.syncing.sync_accounts.account() is None
        assert len(ws.people.contacts.list_summaries(True)) == 1
    assert memory_keyring.passwords == {}
    assert len([h for h in phone.list(phone.collection_url("people")) if h.endswith(".vcf")]) == 1


def test_a_wrong_password_is_a_plain_message_that_does_not_repeat_it(
    tmp_path: Path, phone: Phone
) -> None:
    wrong = "not-the-password-1234"
    with Workspace.open(tmp_path / "p") as ws, pytest.raises(SyncServerError) as caught:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, wrong)
    assert "refused the user name or password" in str(caught.value)
    assert wrong not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["http://dav.example.org/", "dav.example.org:80x", "ftp://dav.example.org/", "https://u:p@h/"],
)
def test_plain_http_is_refused_except_on_this_computer(url: str) -> None:
    with pytest.raises(SyncServerError):
        check_server_url(url)


def test_plain_http_on_this_computer_and_https_anywhere_are_allowed() -> None:
    assert check_server_url("http://127.0.0.1:5232") == "http://127.0.0.1:5232/"
    assert check_server_url("http://localhost/dav") == "http://localhost/dav/"
    assert check_server_url("dav.example.org") == "https://dav.example.org/"


def test_a_certificate_that_cannot_be_verified_is_a_plain_message(tmp_path: Path) -> None:
    """A self-signed certificate: refused, never ignored, said in plain words."""
    import ssl
    import subprocess

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server = _FakeServer(207, b"")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
    with server, Workspace.open(tmp_path / "p") as ws, pytest.raises(SyncServerError) as caught:
        ws.syncing.sync_accounts.add(f"https://127.0.0.1:{server.port}/", "ada", "secret-pass")
    message = str(caught.value)
    assert "certificate could not be verified" in message
    assert "secret-pass" not in message


# A server that misbehaves ------------------------------------------------------------------


class _FakeServer:
    """127.0.0.1 only: answers every request with the status and body given."""

    def __init__(self, status: int = 500, body: bytes = b"", delay: float = 0.0) -> None:
        outer = self
        self.status, self.body, self.delay = status, body, delay

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                if outer.delay:
                    time.sleep(outer.delay)
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            do_GET = do_PUT = do_DELETE = do_REPORT = do_PROPFIND = _answer

            def log_message(self, *_args: object) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> _FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def synced(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    """A profile that synced once with the real server."""
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    with Workspace.open(tmp_path / "p") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        ws.people.contact_edits.create(ContactDraft(first_name="Ada", last_name="Lovelace"))
        ws.syncing.sync.run()
        ws.people.contact_edits.create(ContactDraft(first_name="Alan", last_name="Turing"))
        yield ws


def _point_at(ws: Workspace, port: int) -> None:
    base = f"http://127.0.0.1:{port}/"
    with ws.context.sessions.begin() as session:
        session.execute(
            update(SyncAccount).values(
                server_url=base, address_book_url=base + "people/", calendar_url=base + "chats/"
            )
        )
    from chatplanner.services.sync_passwords import store_password

    store_password(base, ws.syncing.sync_accounts.require().username, PASSWORD)


def _contacts(ws: Workspace) -> list[tuple[str, bool]]:
    return sorted((c.first_name, c.archived) for c in ws.people.contacts.list_summaries(True))


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (500, b"", "internal error (500)"),
        (403, b"", "does not allow this account"),
        (401, b"", "refused the user name or password"),
        (412, b"", "it was not overwritten"),
        (207, b"<multistatus><response><href>/x", "could not be read"),
        (207, b"<?xml version='1.0'?><html>not dav</html>", "could not be read"),
    ],
)
def test_a_server_that_fails_gets_a_plain_message_and_nothing_is_lost(
    synced: Workspace, status: int, body: bytes, expected: str
) -> None:
    before = _contacts(synced)
    with _FakeServer(status, body) as server:
        _point_at(synced, server.port)
        with pytest.raises(SyncServerError) as caught:
            synced.syncing.sync.run()
    assert expected in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert _contacts(synced) == before
    account = synced.syncing.sync_accounts.require()
    assert account.last_result == str(caught.value)


def test_a_server_that_does_not_answer_in_time_says_so(synced: Workspace) -> None:
    synced.syncing.sync_accounts.timeout = 0.5
    with _FakeServer(207, b"", delay=3) as server:
        _point_at(synced, server.port)
        with pytest.raises(SyncServerError) as caught:
            synced.syncing.sync.run()
    assert caught.value.offline
    assert "did not answer in time" in str(caught.value)


def test_a_server_that_went_away_says_offline_and_loses_nothing(synced: Workspace) -> None:
    with _FakeServer() as server:
        port = server.port
    _point_at(synced, port)  # nothing listens there any more
    before = _contacts(synced)
    with pytest.raises(SyncServerError) as caught:
        synced.syncing.sync.run()
    assert caught.value.offline
    assert "cannot be reached" in str(caught.value)
    assert _contacts(synced) == before


def test_an_address_book_removed_on_the_server_is_a_plain_404(
    synced: Workspace, phone: Phone
) -> None:
    phone.delete(phone.collection_url("people"))
    with pytest.raises(SyncServerError) as caught:
        synced.syncing.sync.run()
    assert "has nothing at" in str(caught.value)
    assert "choose another one" in str(caught.value)
    assert len(synced.people.contacts.list_summaries(True)) == 3


# The command line --------------------------------------------------------------------------


def test_the_commands_add_sync_show_and_remove_an_account(
    tmp_path: Path,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    profile = str(tmp_path / "p")
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    monkeypatch.setenv("DAV_PASSWORD", PASSWORD)

    assert (
        main(
            [
                "sync",
                "add",
                phone.base_url,
                "--user",
                phone.user,
                "--password-env",
                "DAV_PASSWORD",
                "--data-dir",
                profile,
            ]
        )
        == 0
    )
    added = capsys.readouterr().out
    assert "calendar: Chats" in added
    assert "address book: People" in added
    assert "Found calendars: Chats (choose one with --calendar NAME)" in added
    assert "Found address books: People (choose one with --addressbook NAME)" in added
    assert PASSWORD not in added
    assert list(memory_keyring.passwords.values()) == [PASSWORD]

    assert main(["sync", "now", "--data-dir", profile]) == 0
    assert "1 new in the app" in capsys.readouterr().out

    assert main(["sync", "status", "--json", "--data-dir", profile]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["contacts_linked"] == 1
    assert status["calendar"] == "Chats"
    assert status["last_sync_at"]

    assert main(["sync", "remove", "--data-dir", profile]) == 0
    assert "Nothing was deleted" in capsys.readouterr().out
    assert main(["sync", "status", "--data-dir", profile]) == 0
    assert "No sync account" in capsys.readouterr().out


def test_sync_now_without_an_account_says_how_to_add_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "now", "--data-dir", str(tmp_path / "p")]) == 2
    assert "chatplanner sync add URL --user NAME" in capsys.readouterr().err


def test_a_missing_password_variable_is_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "sync",
            "add",
            "http://127.0.0.1:9/",
            "--user",
            "u",
            "--password-env",
            "NOPE_NOT_SET",
            "--data-dir",
            str(tmp_path / "p"),
        ]
    )
    assert code == 2
    assert "NOPE_NOT_SET is not set" in capsys.readouterr().err


def test_an_account_is_one_per_profile(tmp_path: Path, phone: Phone) -> None:
    with Workspace.open(tmp_path / "p") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        with pytest.raises(SyncAccountError):
            ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
