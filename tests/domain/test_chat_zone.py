"""A chat's zone: where it happens, else the user's own."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from chatplanner.domain.clock import chat_zone

TORONTO = ZoneInfo("America/Toronto")


def test_a_chat_happens_in_its_own_zone_else_in_the_users() -> None:
    assert chat_zone("Europe/Paris", TORONTO) == ZoneInfo("Europe/Paris")
    assert chat_zone(None, TORONTO) is TORONTO
    assert chat_zone("Not/AZone", TORONTO) is TORONTO
