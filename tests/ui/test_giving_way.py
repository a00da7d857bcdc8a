"""Work in the background gives way while the window opens a page: People's list, read ahead
for a large network while the user looks at Today, waits while their first click on Insights
builds and fills that page, then goes on."""

from __future__ import annotations

import threading
import time

import pytest
from pytestqt.qtbot import QtBot

from chatplanner.services import contact_summaries
from chatplanner.services.workspace import Workspace
from chatplanner.ui import giving_way, main_window
from chatplanner.ui.people import list_read
from chatplanner.ui.views.insights import InsightsPage
from chatplanner.ui.views.people import PeoplePage
from tests.ui.windows import ShowWindow, click_in_navigation


def test_people_read_ahead_waits_while_insights_opens_then_lists_everyone(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_read, "BACKGROUND_LOAD_FROM", 3)  # the demo counts as large
    monkeypatch.setattr(contact_summaries, "_BATCH_ROWS", 1)  # a step for each person
    steps: list[float] = []  # when each step of the read went on
    opening: list[float] = []  # when the window began to open Insights
    under_way, clicked = threading.Event(), threading.Event()
    real_give_way, real_opens = giving_way.give_way, giving_way.window_opens_a_page

    def give_way(page: str) -> None:
        under_way.set()
        clicked.wait(10)  # the read is under way when the user clicks
        real_give_way(page)
        steps.append(time.monotonic())

    def opens(page: str) -> None:
        real_opens(page)
        if page == "insights":
            opening.append(time.monotonic())
            clicked.set()

    monkeypatch.setattr(list_read, "give_way", give_way)
    monkeypatch.setattr(main_window, "window_opens_a_page", opens)
    window = show_window(demo)
    qtbot.waitUntil(under_way.is_set, timeout=10_000)  # People made, its read begun

    click_in_navigation(qtbot, window, "insights")
    insights = window.page("insights")
    assert isinstance(insights, InsightsPage)
    assert insights.isVisible()
    assert insights.insights is not None  # its charts filled
    opened = time.monotonic()
    # At most the step that was under way as the window began; none after it.
    assert len([moment for moment in steps if opening[0] < moment < opened]) <= 1

    people = window.page("people")
    assert isinstance(people, PeoplePage)
    qtbot.waitUntil(lambda: not people.loader.running, timeout=10_000)
    assert people.model.total_count(include_archived=True) == demo.people.contacts.count()
    assert window.stack.currentWidget() is insights


def test_work_goes_on_while_its_own_page_opens_and_waits_a_bounded_time_for_another(
    qtbot: QtBot,
) -> None:
    giving_way.window_opens_a_page("people")
    started = time.monotonic()
    giving_way.give_way("people")
    assert time.monotonic() - started < 0.05

    giving_way.window_opens_a_page("venues")
    started = time.monotonic()
    giving_way.give_way("people")
    waited = time.monotonic() - started
    assert giving_way.OPENING_MS / 1000 - 0.02 <= waited < giving_way.OPENING_MS / 1000 + 0.5

    # Once the page has had its time, nothing waits.
    qtbot.wait(giving_way.OPENING_MS + 50)
    started = time.monotonic()
    giving_way.give_way("people")
    assert time.monotonic() - started < 0.05
