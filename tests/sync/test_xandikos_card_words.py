"""Card words against Xandikos: a server title with an unescaped comma (not strictly valid but
common) is read whole and never written back shorter; and the FN tests again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace

from .radicale_server import card
from .test_card_words import (
    test_a_renamed_contact_gets_fn_as_the_app_shows_it,
    test_fn_is_the_name_as_the_app_shows_it,
    workspace,
)
from .xandikos_server import XandikosPhone, phone

pytest.importorskip("xandikos")

__all__ = [
    "phone",
    "test_a_renamed_contact_gets_fn_as_the_app_shows_it",
    "test_fn_is_the_name_as_the_app_shows_it",
    "workspace",
]


def test_a_title_with_an_unescaped_comma_is_read_whole_and_never_written_back_shorter(
    workspace: Workspace, phone: XandikosPhone
) -> None:
    """Radicale itself cuts such a value at the comma when a phone stores it (its vCard
    parser); Xandikos keeps the card as sent, as most servers do."""
    url = phone.put_card(
        phone.collection_url("people"),
        card(
            "dir-1",
            "Grace",
            "Hopper",
            "grace@navy.mil",
            "TITLE:Director, Infrastructure Planning\r\nROLE:Lead, Platform",
        ),
    )
    workspace.syncing.sync.run()
    (summary,) = workspace.people.contacts.list_summaries()
    assert (
        workspace.people.contacts.get(summary.id).draft.title == "Director, Infrastructure Planning"
    )
    draft = workspace.people.contacts.get(summary.id).draft
    workspace.people.contact_edits.update(summary.id, replace(draft, phone="+1 416 555 0100"))

    workspace.syncing.sync.run()

    text = phone.get(url)[0]
    assert read_card(text).fields["title"] == "Director, Infrastructure Planning"
    assert "ROLE:Lead, Platform" in text  # a line the app does not model: as it was
