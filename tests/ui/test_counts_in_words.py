"""Counts in the window's words are written with thousands separated, as Today's and People's
are: a walkthrough saw Meetings say "10000 chats" beside Today's "12,163 things"."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from benchmarks.synthetic_profile import NOW, build_profile
from chatplanner.domain.moments import plural
from chatplanner.services.workspace import Workspace
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


def test_meetings_says_how_many_chats_with_thousands_separated(
    qtbot: QtBot, show_window: ShowWindow, tmp_path: Path
) -> None:
    build_profile(tmp_path / "profile", contacts=1_300, venues=20, meetings=1_200)
    workspace = Workspace.open(tmp_path / "profile", clock=lambda: NOW)
    with workspace:
        window = show_window(workspace)
        click_in_navigation(qtbot, window, "meetings")
        subtitle = window.page("meetings").header.subtitle_label
        qtbot.waitUntil(subtitle.isVisible)
        assert subtitle.text().startswith("1,200 chats, ")
        window.close()
