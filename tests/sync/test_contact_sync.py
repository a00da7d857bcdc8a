"""Contacts kept in step with a real address book (Radicale), the user's phone on the other side."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import SyncCard
from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.dav_http import DavHttp
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

from .radicale_server import PASSWORD, Phone, card

APPLE_EXTRAS = (
    "TEL;TYPE=CELL:+1 555 0100\r\n"
    "TEL;TYPE=WORK:+1 555 0199\r\n"
    "item1.EMAIL;type=INTERNET:grace.work@navy.mil\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\n"
    "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgoAAAANSUhEUg==\r\n"
    "X-CUSTOM-FIELD:keep me\r\n"
    "NOTE:Met at the conference"
)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace, phone: Phone) -> Workspace:
    ws = open_workspace()
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
    return ws


def _book(phone: Phone) -> str:
    return phone.collection_url("people")


def _server_cards(phone: Phone) -> list[str]:
    return list(phone.cards(_book(phone)).values())


def _by_name(workspace: Workspace, first: str) -> int:
    found = [c for c in workspace.people.contacts.list_summaries(True) if c.first_name == first]
    assert len(found) == 1, found
    return found[0].id


def test_first_sync_brings_server_cards_in_and_sends_app_contacts_out(
    workspace: Workspace, phone: Phone
) -> None:
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.people.contact_edits.create(
        ContactDraft(
            first_name="Ada", last_name="Lovelace", email="ada@example.org", company="Analytical"
        )
    )

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert (report.contacts.new_in_app, report.contacts.new_on_server) == (1, 1)
    grace = workspace.people.contacts.get(_by_name(workspace, "Grace")).draft
    assert (grace.last_name, grace.email) == ("Hopper", "grace@navy.mil")
    cards = [read_card(text) for text in _server_cards(phone)]
    ada = next(c for c in cards if c.fields["first_name"] == "Ada")
    assert ada.fields["email"] == "ada@example.org"
    assert ada.fields["company"] == "Analytical"
    assert ada.uid
    assert len(cards) == 2


def test_an_unchanged_second_sync_writes_nothing(workspace: Workspace, phone: Phone) -> None:
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.people.contact_edits.create(ContactDraft(first_name="Ada", last_name="Lovelace"))
    workspace.syncing.sync.run()
    before = phone.list(_book(phone))

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.summary() == "Contacts: no changes."
    assert phone.list(_book(phone)) == before


def test_an_edit_in_the_app_reaches_the_server_and_keeps_what_the_app_does_not_model(
    workspace: Workspace, phone: Phone
) -> None:
    url = phone.put_card(
        _book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil", APPLE_EXTRAS)
    )
    workspace.syncing.sync.run()
    # The server's own spelling of the card (Radicale rewrites what it is given).
    before = {line.upper() for line in phone.get(url)[0].split("\r\n")}
    grace_id = _by_name(workspace, "Grace")
    draft = workspace.people.contacts.get(grace_id).draft
    workspace.people.contact_edits.update(
        grace_id, replace(draft, title="Rear Admiral", city="Arlington")
    )

    workspace.syncing.sync.run()

    text, _etag = phone.get(url)
    fields = read_card(text).fields
    assert fields["title"] == "Rear Admiral"
    assert fields["city"] == "Arlington"
    after = {line.upper() for line in text.split("\r\n")}
    extras = [
        line
        for line in before
        if line.split(":")[0].split(";")[0].split(".")[-1]
        in ("TEL", "EMAIL", "X-ABLABEL", "PHOTO", "X-CUSTOM-FIELD", "NOTE")
    ]
    assert len(extras) >= 6
    assert set(extras) <= after


def test_an_edit_on_the_phone_reaches_the_app(workspace: Workspace, phone: Phone) -> None:
    url = phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    text, etag = phone.get(url)
    phone.put(url, text.replace("grace@navy.mil", "grace@yale.edu"), "text/vcard", etag)

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.updated_in_app == 1
    assert (
        workspace.people.contacts.get(_by_name(workspace, "Grace")).draft.email == "grace@yale.edu"
    )


def test_different_fields_changed_on_each_side_are_both_kept(
    workspace: Workspace, phone: Phone
) -> None:
    url = phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    text, etag = phone.get(url)
    phone.put(url, text.replace("grace@navy.mil", "grace@yale.edu"), "text/vcard", etag)
    grace_id = _by_name(workspace, "Grace")
    draft = workspace.people.contacts.get(grace_id).draft
    workspace.people.contact_edits.update(grace_id, replace(draft, company="US Navy"))

    workspace.syncing.sync.run()

    assert workspace.people.contacts.get(grace_id).draft.email == "grace@yale.edu"
    fields = read_card(phone.get(url)[0]).fields
    assert (fields["email"], fields["company"]) == ("grace@yale.edu", "US Navy")


def test_a_field_changed_on_both_sides_is_a_conflict_shown_and_not_resolved_silently(
    workspace: Workspace, phone: Phone
) -> None:
    url = phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    text, etag = phone.get(url)
    phone.put(url, text.replace("grace@navy.mil", "phone@example.org"), "text/vcard", etag)
    grace_id = _by_name(workspace, "Grace")
    draft = workspace.people.contacts.get(grace_id).draft
    workspace.people.contact_edits.update(grace_id, replace(draft, email="app@example.org"))

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.conflicts == 1
    assert any("Email changed both here and on the server" in n for n in report.notices)
    assert workspace.people.contacts.get(grace_id).draft.email == "app@example.org"
    assert read_card(phone.get(url)[0]).fields["email"] == "phone@example.org"
    status = workspace.syncing.sync_accounts.status()
    assert status is not None
    assert status.contact_conflicts == 1

    # The user chooses the phone's value.
    workspace.syncing.sync.run(keep="server")

    assert workspace.people.contacts.get(grace_id).draft.email == "phone@example.org"
    status = workspace.syncing.sync_accounts.status()
    assert status is not None
    assert status.contact_conflicts == 0


def test_a_contact_deleted_on_the_server_is_archived_in_the_app_with_a_notice(
    workspace: Workspace, phone: Phone
) -> None:
    url = phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    phone.delete(url)

    report = workspace.syncing.sync.run()

    grace_id = _by_name(workspace, "Grace")
    assert workspace.people.contacts.get(grace_id).archived
    assert any("Grace Hopper was deleted from the address book" in n for n in report.notices)


def test_a_contact_deleted_in_the_app_is_deleted_on_the_server(
    workspace: Workspace, phone: Phone
) -> None:
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    workspace.people.contact_edits.delete([_by_name(workspace, "Grace")])

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.deleted_on_server == 1
    assert _server_cards(phone) == []


def test_a_card_matches_an_app_contact_by_email_then_by_linkedin_without_duplicates(
    workspace: Workspace, phone: Phone
) -> None:
    workspace.people.contact_edits.create(
        ContactDraft(first_name="Grace", last_name="Hopper", email="GRACE@navy.mil")
    )
    workspace.people.contact_edits.create(
        ContactDraft(
            first_name="Alan",
            last_name="Turing",
            linkedin_url="https://www.linkedin.com/in/aturing",
        )
    )
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    phone.put_card(
        _book(phone),
        card("phone-2", "Alan", "Turing", extra="URL:https://linkedin.com/in/ATuring/"),
    )

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.new_in_app == 0
    assert len(workspace.people.contacts.list_summaries(True)) == 2
    assert len(_server_cards(phone)) == 2


def test_a_change_on_the_phone_during_the_sync_is_not_overwritten(
    workspace: Workspace, phone: Phone, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    workspace.syncing.sync.run()
    grace_id = _by_name(workspace, "Grace")
    draft = workspace.people.contacts.get(grace_id).draft
    workspace.people.contact_edits.update(grace_id, replace(draft, title="Rear Admiral"))
    real_put = DavHttp.put

    def phone_first(self: DavHttp, href: str, text: str, content_type: str, **kw: object) -> object:
        # Between the sync's listing and its write, the phone changes the card.
        body, etag = phone.get(url)
        phone.put(url, body.replace("grace@navy.mil", "grace@yale.edu"), "text/vcard", etag)
        monkeypatch.setattr(DavHttp, "put", real_put)
        return real_put(self, href, text, content_type, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(DavHttp, "put", phone_first)
    workspace.syncing.sync.run()  # the write gets 412: nothing is overwritten

    assert read_card(phone.get(url)[0]).fields["email"] == "grace@yale.edu"
    workspace.syncing.sync.run()  # and the next sync merges both changes
    fields = read_card(phone.get(url)[0]).fields
    assert (fields["email"], fields["title"]) == ("grace@yale.edu", "Rear Admiral")
    assert workspace.people.contacts.get(grace_id).draft.email == "grace@yale.edu"


def test_a_malformed_card_is_skipped_with_a_notice_and_the_others_sync(
    workspace: Workspace, phone: Phone, radicale: object
) -> None:
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil"))
    # Radicale refuses broken cards, so the broken one is placed in its storage as another
    # program would leave it.
    folder = Path(radicale.folder) / "storage" / "collection-root" / phone.user / "people"  # type: ignore[attr-defined]
    (folder / "broken.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No end\r\n", "utf-8")

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.new_in_app == 1


def test_only_the_chosen_groups_go_to_the_server(workspace: Workspace, phone: Phone) -> None:
    gid = workspace.people.groups.create("Engineers").id
    inside = workspace.people.contact_edits.create(
        ContactDraft(first_name="Ada", last_name="Lovelace")
    )
    workspace.people.contact_edits.create(ContactDraft(first_name="Bob", last_name="Private"))
    workspace.people.contact_edits.add_to_group([inside.id], gid)
    workspace.syncing.sync_accounts.set_contact_groups(("Engineers",))

    workspace.syncing.sync.run()

    names = [read_card(text).fields["first_name"] for text in _server_cards(phone)]
    assert names == ["Ada"]


def test_links_record_the_base_and_the_servers_card(workspace: Workspace, phone: Phone) -> None:
    phone.put_card(_book(phone), card("phone-1", "Grace", "Hopper", "grace@navy.mil", APPLE_EXTRAS))
    workspace.syncing.sync.run()
    with workspace.context.sessions() as session:
        row = session.scalars(select(SyncCard)).one()
    assert json.loads(row.base)["email"] == "grace@navy.mil"
    assert "X-CUSTOM-FIELD:keep me" in row.card
    assert row.etag
    assert row.uid == "phone-1"


def test_a_stopped_sync_keeps_what_it_did_and_the_next_one_finishes(
    workspace: Workspace, phone: Phone
) -> None:
    for number in range(6):
        workspace.people.contact_edits.create(
            ContactDraft(first_name="App", last_name=f"Person{number}")
        )
    steps: list[str] = []

    def progress(message: str, _done: int, _total: int) -> None:
        steps.append(message)

    # The user presses Stop as soon as the sync reports what it is doing.
    report = workspace.syncing.sync.run(progress=progress, should_stop=lambda: bool(steps))

    assert report.cancelled
    assert _server_cards(phone) == []
    assert "Stopped" in report.summary()
    account = workspace.syncing.sync_accounts.require()
    assert account.last_sync_at is None  # not a complete sync
    workspace.syncing.sync.run()
    assert len(_server_cards(phone)) == 6
    assert workspace.syncing.sync.run().summary().startswith("Contacts: no changes.")
