"""Offers written in a chat's free notes, listed with their promises and kept once."""

from __future__ import annotations

import pytest

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.services.advice import AdviceError
from tests.journey.story import met, sorted_out
from tests.profiles import OpenWorkspace


def test_noted_offers_are_listed_until_they_are_one_of_their_follow_ups(
    open_workspace: OpenWorkspace,
) -> None:
    workspace = open_workspace()
    ids = sorted_out(workspace)
    meeting = met(workspace, ids["Jessica"])
    workspace.chats.meetings.save_notes(
        meeting,
        NoteSections(
            free_notes="Offered to review my LinkedIn profile.\n"
            "Jessica offered to introduce me to Ana\nLikes hiking"
        ),
    )
    assert workspace.chats.advice.offers_in_notes(meeting) == [
        "Review my LinkedIn profile",
        "Introduce me to Ana",
    ]
    workspace.chats.meetings.add_follow_up(meeting, FollowUpOwner.THEM, "introduce me to Ana")
    assert workspace.chats.advice.offers_in_notes(meeting) == ["Review my LinkedIn profile"]

    kept = workspace.chats.advice.mark_offer_kept(meeting, "Review my LinkedIn profile", "Done")
    assert (kept.owner, kept.done, kept.outcome) == (FollowUpOwner.THEM, True, "Done")
    assert workspace.chats.advice.offers_in_notes(meeting) == []
    with pytest.raises(AdviceError):
        workspace.chats.advice.mark_offer_kept(meeting, "Lend me a book", "")
