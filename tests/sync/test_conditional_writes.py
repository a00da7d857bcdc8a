"""Every write to the address book is conditional, including the delete of a card whose
creation a killed sync left unfinished (recorded before its PUT, no ETag yet), and the update of
a card whose ETag the app does not know (never `If-Match: *`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from chatplanner.db.models import SyncCard
from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.dav_http import DavHttp
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace

from .radicale_server import PASSWORD, Phone


class _Killed(Exception):
    """Stands for SIGKILL at one chosen point of a sync."""


@pytest.fixture
def workspace(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        yield ws


def _kill_at_put(monkeypatch: pytest.MonkeyPatch, *, after: bool) -> None:
    """The next PUT of a new card is cut: before it leaves, or after the server took it."""
    real = DavHttp.put

    def put(self: DavHttp, url: str, text: str, content_type: str, **kwargs: object) -> object:
        if not after:
            raise _Killed
        real(self, url, text, content_type, **kwargs)  # type: ignore[arg-type]
        raise _Killed

    monkeypatch.setattr(DavHttp, "put", put)


def _start_creating_ada(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, *, after: bool
) -> int:
    ada = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    )
    _kill_at_put(monkeypatch, after=after)
    with pytest.raises(_Killed):
        workspace.syncing.sync.run()
    monkeypatch.undo()
    return ada.id


def _listed(phone: Phone) -> dict[str, str]:
    """href -> ETag of the cards in the address book."""
    return {
        h: e for h, e in phone.list(phone.collection_url("people")).items() if h.endswith(".vcf")
    }


def test_a_card_created_then_deleted_here_is_deleted_with_the_etag_it_got(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = _start_creating_ada(workspace, monkeypatch, after=True)
    ((_href, etag),) = _listed(phone).items()
    workspace.people.contact_edits.delete([ada])
    sent = _recording(monkeypatch)

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.deleted_on_server == 1
    assert _listed(phone) == {}
    deletes = [headers for method, headers in sent if method == "DELETE"]
    assert deletes == [{"If-Match": etag}]
    assert workspace.people.contacts.list_summaries(True) == []  # it does not come back


def test_a_card_created_then_changed_on_the_phone_is_not_deleted_and_comes_back(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = _start_creating_ada(workspace, monkeypatch, after=True)
    ((href, etag),) = _listed(phone).items()
    url = phone.base_url.rstrip("/") + href
    text, _ = phone.get(url)
    phone.put(url, text.replace("ada@example.org", "ada@phone.example"), "text/vcard", etag)
    workspace.people.contact_edits.delete([ada])
    sent = _recording(monkeypatch)

    report = workspace.syncing.sync.run()

    assert [method for method, _h in sent if method == "DELETE"] == []
    assert read_card(phone.get(url)[0]).fields["email"] == "ada@phone.example"
    (back,) = workspace.people.contacts.list_summaries(True)
    assert back.first_name == "Ada"
    assert report.contacts is not None
    assert any("it is back" in notice for notice in report.contacts.notices)


def test_a_card_whose_put_never_left_is_forgotten_without_any_delete(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = _start_creating_ada(workspace, monkeypatch, after=False)
    assert _listed(phone) == {}
    workspace.people.contact_edits.delete([ada])
    sent = _recording(monkeypatch)

    report = workspace.syncing.sync.run()

    assert [method for method, _h in sent if method == "DELETE"] == []
    assert _listed(phone) == {}
    assert report.contacts is not None
    assert report.contacts.summary() == "Contacts: no changes."
    assert workspace.syncing.sync_accounts.status().contacts_linked == 0  # type: ignore[union-attr]


def test_a_card_that_reached_the_server_after_the_listing_is_deleted_with_its_etag(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the listing cannot see: the push learns the ETag with a GET first."""
    ada = _start_creating_ada(workspace, monkeypatch, after=True)
    ((_href, etag),) = _listed(phone).items()
    workspace.people.contact_edits.delete([ada])
    from chatplanner.interop import dav_http
    from chatplanner.services import contact_sync

    def listing_taken_before_the_put(*_args: object) -> dav_http.Listing:
        return dav_http.Listing({}, frozenset(), None, complete=False)

    monkeypatch.setattr(contact_sync, "list_collection", listing_taken_before_the_put)
    sent = _recording(monkeypatch)

    workspace.syncing.sync.run()

    assert [(m, h) for m, h in sent if m in ("GET", "DELETE")] == [
        ("GET", {}),
        ("DELETE", {"If-Match": etag}),
    ]
    assert _listed(phone) == {}


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, str]]]:
    requests: list[tuple[str, dict[str, str]]] = []
    real = DavHttp.request

    def recording(self: DavHttp, method: str, url: str, *args: object, **kwargs: object) -> object:
        headers = kwargs.get("headers") or (args[1] if len(args) > 1 else None) or {}
        requests.append((method, dict(headers)))  # type: ignore[call-overload]
        return real(self, method, url, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DavHttp, "request", recording)
    return requests


def _ada_linked_with_an_unknown_etag(workspace: Workspace, phone: Phone) -> tuple[int, str]:
    """Ada on both sides, her link's ETag unknown: what a server leaves that answers a PUT
    without an ETag (some do when they store the card in a form of their own)."""
    ada = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    )
    workspace.syncing.sync.run()
    ((href, _etag),) = _listed(phone).items()
    with workspace.context.sessions.begin() as session:
        session.execute(update(SyncCard).values(etag=None))
    return ada.id, phone.base_url.rstrip("/") + href


def _edit_here(workspace: Workspace, contact_id: int, **changes: Any) -> None:
    draft = workspace.people.contacts.get(contact_id).draft
    workspace.people.contact_edits.update(contact_id, replace(draft, **changes))


def _sync_while_the_phone_edits(
    workspace: Workspace, phone: Phone, url: str, old: str, new: str
) -> object:
    """A sync during which the phone changes the card after the sync's listing (which then
    cannot tell the app), just before the app sends its own change."""

    def progress(message: str, _done: int, _total: int) -> None:
        if message.startswith("Sending changed contacts") and old:
            text, etag = phone.get(url)
            phone.put(url, text.replace(old, new), "text/vcard", etag)

    return workspace.syncing.sync.run(progress=progress)


def test_an_update_with_an_unknown_etag_reads_the_card_and_writes_with_its_etag(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, url = _ada_linked_with_an_unknown_etag(workspace, phone)
    _, etag = phone.get(url)
    _edit_here(workspace, ada, title="Countess")
    sent = _recording(monkeypatch)

    workspace.syncing.sync.run()

    assert [(m, h.get("If-Match")) for m, h in sent if m in ("GET", "PUT")] == [
        ("GET", None),
        ("PUT", etag),
    ]
    assert read_card(phone.get(url)[0]).fields["title"] == "Countess"
    assert workspace.syncing.sync.run().contacts.summary() == "Contacts: no changes."  # type: ignore[union-attr]


def test_a_phone_change_to_another_field_is_kept_when_the_etag_was_unknown(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, url = _ada_linked_with_an_unknown_etag(workspace, phone)
    _edit_here(workspace, ada, title="Countess")
    sent = _recording(monkeypatch)

    _sync_while_the_phone_edits(workspace, phone, url, "ada@example.org", "ada@phone.example")

    fields = read_card(phone.get(url)[0]).fields
    assert (fields["email"], fields["title"]) == ("ada@phone.example", "Countess")
    assert workspace.people.contacts.get(ada).draft.email == "ada@phone.example"
    assert all(h.get("If-Match") not in (None, "*") for m, h in sent if m == "PUT")
    assert workspace.syncing.sync.run().contacts.summary() == "Contacts: no changes."  # type: ignore[union-attr]


def test_a_field_changed_here_and_on_the_phone_with_an_unknown_etag_is_a_conflict(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, url = _ada_linked_with_an_unknown_etag(workspace, phone)
    _edit_here(workspace, ada, email="ada@app.example")
    sent = _recording(monkeypatch)

    report = _sync_while_the_phone_edits(
        workspace, phone, url, "ada@example.org", "ada@phone.example"
    )

    assert [m for m, _h in sent if m == "PUT"] == []  # nothing overwritten
    assert read_card(phone.get(url)[0]).fields["email"] == "ada@phone.example"
    assert workspace.people.contacts.get(ada).draft.email == "ada@app.example"
    (conflict,) = workspace.syncing.sync_conflicts.contact_conflicts()
    ((field, mine, theirs),) = [(f.field, f.mine, f.server) for f in conflict.fields]
    assert (field, mine, theirs) == ("email", "ada@app.example", "ada@phone.example")
    assert report.contacts is not None  # type: ignore[attr-defined]
    assert report.contacts.conflicts == 1  # type: ignore[attr-defined]
