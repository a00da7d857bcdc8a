"""Today's "Write thank-you" opens the chat on its Thank-you tab, where the draft is written,
whether a draft was started or not (it opened on the Notes tab when none was)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from chatplanner.domain.today_items import TodayKind
from chatplanner.services.workspace import Workspace
from chatplanner.ui.meetings.detail import THANK_YOU_TAB
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.today import TodayPage
from tests.ui.windows import ShowWindow


def test_write_thank_you_on_today_opens_the_chats_thank_you_tab(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    window = show_window(demo)
    today = window.page("today")
    assert isinstance(today, TodayPage)
    owed = [item for item in today.items if item.kind is TodayKind.THANK_YOU]
    assert owed, "the demo owes a thank-you"
    item = owed[0]
    card = next(c for k, c in today.cards.items() if k[0] is TodayKind.THANK_YOU)
    [write] = [b for b in card.findChildren(QPushButton) if b.text() == "Write thank-you"]
    today.scroll_area.ensureWidgetVisible(write)
    qtbot.waitUntil(write.isVisible)
    qtbot.mouseClick(write, Qt.MouseButton.LeftButton)

    meetings = window.page("meetings")
    assert isinstance(meetings, MeetingsPage)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is meetings)
    assert meetings.detail.meeting_id == item.meeting_id
    assert meetings.detail.tabs.currentIndex() == THANK_YOU_TAB
    assert meetings.detail.tabs.tabText(THANK_YOU_TAB) == "Thank-you"
    assert meetings.detail.thank_you_tab.isVisible()
