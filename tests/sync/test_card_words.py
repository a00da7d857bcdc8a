"""What a card on the server says: FN as the app shows the name (family name first for a name
in CJK script), and single-valued text read whole, an unescaped comma included (a real
Radicale)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chatplanner.domain.contacts import ContactDraft
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

from .radicale_server import PASSWORD, Phone, card


@pytest.fixture
def workspace(open_workspace: OpenWorkspace, phone: Phone) -> Workspace:
    ws = open_workspace()
    ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
    return ws


def _line(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(name + ":"))


def test_fn_is_the_name_as_the_app_shows_it(workspace: Workspace, phone: Phone) -> None:
    workspace.people.contact_edits.create(
        ContactDraft(first_name="伟", last_name="李", email="li@example.cn")
    )
    workspace.people.contact_edits.create(ContactDraft(first_name="Ada", last_name="Lovelace"))

    workspace.syncing.sync.run()

    texts = phone.cards(phone.collection_url("people")).values()
    li = next(text for text in texts if "li@example.cn" in text)
    assert _line(li, "FN") == "FN:李伟"
    assert _line(li, "N") == "N:李;伟;;;"  # structured parts kept
    ada = next(text for text in texts if "Lovelace" in text)
    assert _line(ada, "FN") == "FN:Ada Lovelace"


def test_a_renamed_contact_gets_fn_as_the_app_shows_it(workspace: Workspace, phone: Phone) -> None:
    url = phone.put_card(phone.collection_url("people"), card("li-1", "Wei", "Li", "li@x.cn"))
    workspace.syncing.sync.run()
    (summary,) = workspace.people.contacts.list_summaries()
    draft = workspace.people.contacts.get(summary.id).draft
    workspace.people.contact_edits.update(
        summary.id, replace(draft, first_name="伟", last_name="李")
    )

    workspace.syncing.sync.run()

    assert _line(phone.get(url)[0], "FN") == "FN:李伟"


def test_a_title_with_a_comma_written_here_is_escaped_and_read_back_whole(
    workspace: Workspace, phone: Phone
) -> None:
    workspace.people.contact_edits.create(
        ContactDraft(first_name="Grace", last_name="Hopper", title="Director, Planning")
    )
    workspace.syncing.sync.run()
    (text,) = phone.cards(phone.collection_url("people")).values()
    assert _line(text, "TITLE") == "TITLE:Director\\, Planning"
    assert read_card(text).fields["title"] == "Director, Planning"


def test_a_conflict_names_the_contact_as_the_app_shows_them(
    workspace: Workspace, phone: Phone
) -> None:
    created = workspace.people.contact_edits.create(
        ContactDraft(first_name="伟", last_name="李", email="li@example.cn", title="Engineer")
    )
    workspace.syncing.sync.run()
    (url,) = phone.cards(phone.collection_url("people"))
    text, etag = phone.get(phone.base_url.rstrip("/") + url)
    phone.put(
        phone.base_url.rstrip("/") + url,
        text.replace("TITLE:Engineer", "TITLE:Lead"),
        "text/vcard",
        etag,
    )
    draft = workspace.people.contacts.get(created.id).draft
    workspace.people.contact_edits.update(created.id, replace(draft, title="Architect"))

    report = workspace.syncing.sync.run()

    (conflict,) = workspace.syncing.sync_conflicts.contact_conflicts()
    assert conflict.name == "李伟"
    assert any(notice.startswith("李伟: Title changed") for notice in report.notices)
