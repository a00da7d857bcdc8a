"""A contact's notes (NOTE, several lines) and street address (the street of ADR) travel both
ways; links made before these fields were synced meet them without overwriting either side."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from chatplanner.db.models import SyncCard
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace

from .radicale_server import PASSWORD, Phone, card

NOTED = "NOTE:Met at the conference.\\nLikes long walks\\, and tea.\r\nADR;TYPE=HOME:;;1 Navy Way;Arlington;VA;22202;USA"


@pytest.fixture
def workspace(tmp_path: Path, phone: Phone) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        yield ws


def _grace(workspace: Workspace) -> int:
    (grace,) = workspace.people.contacts.list_summaries(True)
    return grace.id


def _grace_synced_from_the_phone(workspace: Workspace, phone: Phone) -> tuple[str, int]:
    """Grace's card, with notes and a street, put on the phone and synced once: the card's URL
    and her id here."""
    url = phone.put_card(
        phone.collection_url("people"), card("g-1", "Grace", "Hopper", "g@navy.mil", NOTED)
    )
    workspace.syncing.sync.run()
    return url, _grace(workspace)


def test_notes_and_street_reach_the_app_and_edits_go_back_keeping_the_rest_of_the_address(
    workspace: Workspace, phone: Phone
) -> None:
    url, grace = _grace_synced_from_the_phone(workspace, phone)
    draft = workspace.people.contacts.get(grace).draft
    assert draft.notes == "Met at the conference.\nLikes long walks, and tea."
    assert (draft.address, draft.city, draft.country) == ("1 Navy Way", "Arlington", "USA")

    workspace.people.contact_edits.update(
        grace,
        replace(draft, notes="Met at the conference.\nPrefers coffee.", address="2 Navy Way"),
    )
    workspace.syncing.sync.run()

    text = phone.get(url)[0]
    fields = read_card(text).fields
    assert fields["notes"] == "Met at the conference.\nPrefers coffee."
    assert fields["address"] == "2 Navy Way"
    unfolded = text.replace("\r\n ", "")
    assert ";2 Navy Way;Arlington;VA;22202;USA" in unfolded  # region and postal code kept
    assert workspace.syncing.sync.run().summary().startswith("Contacts: no changes.")


def _as_linked_before_notes_were_synced(workspace: Workspace) -> None:
    """The links as an older version of the app left them: bases without notes and street."""
    with workspace.context.sessions.begin() as session:
        for row in session.scalars(select(SyncCard)):
            base = json.loads(row.base)
            base.pop("notes", None)
            base.pop("address", None)
            row.base = json.dumps(base)


def test_an_older_link_meets_notes_on_both_sides_as_a_conflict_not_an_overwrite(
    workspace: Workspace, phone: Phone
) -> None:
    url, grace = _grace_synced_from_the_phone(workspace, phone)
    draft = workspace.people.contacts.get(grace).draft
    workspace.people.contact_edits.update(grace, replace(draft, notes="My own note", address=None))
    _as_linked_before_notes_were_synced(workspace)

    report = workspace.syncing.sync.run()

    assert report.contacts is not None
    assert report.contacts.conflicts == 1
    assert read_card(phone.get(url)[0]).fields["notes"] == (
        "Met at the conference.\nLikes long walks, and tea."
    )
    after = workspace.people.contacts.get(grace).draft
    assert after.notes == "My own note"  # both kept until the user chooses
    assert after.address == "1 Navy Way"  # empty here: the server's street is taken
    (conflict,) = workspace.syncing.sync_conflicts.contact_conflicts()
    assert [f.field for f in conflict.fields] == ["notes"]


def test_an_older_link_with_an_empty_note_here_takes_the_servers_and_sends_nothing(
    workspace: Workspace, phone: Phone
) -> None:
    url, grace = _grace_synced_from_the_phone(workspace, phone)
    workspace.people.contact_edits.update(
        grace, replace(workspace.people.contacts.get(grace).draft, notes="")
    )
    _as_linked_before_notes_were_synced(workspace)
    _text, etag = phone.get(url)

    workspace.syncing.sync.run()

    assert workspace.people.contacts.get(grace).draft.notes.startswith("Met at the conference.")
    assert phone.get(url)[1] == etag  # the server's card was not written
    assert workspace.syncing.sync.run().summary().startswith("Contacts: no changes.")
