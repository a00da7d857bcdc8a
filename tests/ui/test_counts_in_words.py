"""Counts in the window's words are written with thousands separated, as Today's and People's
are: a walkthrough saw Meetings say "10000 chats" beside Today's "12,163 things"."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.synthetic_profile import NOW, build_profile
from chatplanner.domain.moments import plural
from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.venues import VenuesPage
from tests.ui.windows import ShowWindow, click_in_navigation


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (0, "0 chats"),
        (1, "1 chat"),
        (2, "2 chats"),
        (1_200, "1,200 chats"),
        (10_000, "10,000 chats"),
    ],
)
def test_a_count_and_its_noun(count: int, words: str) -> None:
    assert plural(count, "chat") == words


def test_a_count_with_its_own_plural() -> None:
    assert plural(1, "new person", "new people") == "1 new person"
    assert plural(30_000, "new person", "new people") == "30,000 new people"


def test_meetings_venues_and_the_chats_list_count_with_thousands_separated(
    qtbot: QtBot, show_window: ShowWindow, tmp_path: Path
) -> None:
    # Found in walkthroughs: "10000 chats", "5000 places", "Your venues (5000)", "PAST · 10000".
    build_profile(tmp_path / "profile", contacts=1_300, venues=1_100, meetings=1_200)
    workspace = Workspace.open(tmp_path / "profile", clock=lambda: NOW)
    with workspace:
        window = show_window(workspace)
        click_in_navigation(qtbot, window, "meetings")
        meetings = window.page("meetings")
        assert isinstance(meetings, MeetingsPage)
        qtbot.waitUntil(meetings.header.subtitle_label.isVisible)
        assert meetings.header.subtitle_label.text().startswith("1,200 chats, ")
        qtbot.waitUntil(lambda: meetings.model.rowCount() > 0)
        headers = [
            meetings.model.index(row, 0).data()
            for row in range(meetings.model.rowCount())
            if meetings.model.is_header(row)
        ]
        assert any(header.startswith("Past · 1,") for header in headers), headers

        click_in_navigation(qtbot, window, "venues")
        venues = window.page("venues")
        assert isinstance(venues, VenuesPage)
        qtbot.waitUntil(venues.header.subtitle_label.isVisible)
        assert venues.header.subtitle_label.text().startswith("1,100 places you know")
        assert "Your venues (1,100)" in [venues.tabs.tabText(i) for i in range(venues.tabs.count())]
        window.close()
