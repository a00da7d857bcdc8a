"""The Today page: sections, one-click actions, undo, navigation signals, the empty state."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from chatplanner.domain import today_items
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import Stage, TemplateKind
from chatplanner.domain.today_items import TodayKind
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views import today as today_module
from chatplanner.ui.views.insights import InsightsPage
from chatplanner.ui.views.today import TodayPage
from tests.journey.ui_finders import wheel
from tests.profiles import DemoAt
from tests.ui.windows import ShowWindow


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def page(qtbot: QtBot, demo: Workspace, stack: QUndoStack) -> TodayPage:
    today = TodayPage(demo, stack)
    qtbot.addWidget(today)
    today.refresh()
    return today


def stage_of(workspace: Workspace, contact_id: int) -> Stage:
    detail = next(c for c in workspace.pipeline.outreach.candidates() if c.id == contact_id)
    return detail.stage


def button(page: TodayPage, kind: TodayKind, contact_id: int, text: str) -> QPushButton:
    key = next(k for k in page.cards if k[0] is kind and k[1] == contact_id)
    return next(b for b in page.cards[key].findChildren(QPushButton) if b.text() == text)


def test_every_section_shows_with_its_items(page: TodayPage) -> None:
    kinds = {key[0] for key in page.cards}
    assert kinds == set(TodayKind)
    assert not page.empty.isVisibleTo(page)


def test_move_on_is_one_click_shows_who_next_and_undo_brings_them_back(
    page: TodayPage, demo: Workspace, stack: QUndoStack
) -> None:
    item = next(i for i in page.items if i.kind is TodayKind.MOVE_ON)
    button(page, TodayKind.MOVE_ON, item.contact_id, "Mark as moved on").click()
    assert stage_of(demo, item.contact_id) is Stage.MOVED_ON
    assert (TodayKind.MOVE_ON, item.contact_id, 0) not in page.cards
    name, suggestions = page.moved_on[item.contact_id]
    assert name == item.contact_name
    assert suggestions
    assert all(s.contact_id != item.contact_id for s in suggestions)
    assert stack.undoText() == f"Move on from {item.contact_name}"

    stack.undo()
    assert stage_of(demo, item.contact_id) is Stage.MESSAGED
    assert (TodayKind.MOVE_ON, item.contact_id, 0) in page.cards
    assert item.contact_id not in page.moved_on
    stack.redo()
    assert stage_of(demo, item.contact_id) is Stage.MOVED_ON


def test_undo_on_a_who_next_card_takes_back_only_that_person_when_two_share_a_name(
    page: TodayPage, demo: Workspace, stack: QUndoStack
) -> None:
    first, second = [i for i in page.items if i.kind is TodayKind.MOVE_ON][:2]
    demo.people.contact_edits.update(
        second.contact_id, ContactDraft(first_name="Twin", last_name="Name")
    )
    demo.people.contact_edits.update(
        first.contact_id, ContactDraft(first_name="Twin", last_name="Name")
    )
    page.refresh()
    page.move_on(first.contact_id)
    page.move_on(second.contact_id)
    assert stack.undoText() == "Move on from Twin Name"

    # The first person's card: Undo would take back the second person's move-on, so it does not.
    page.undo_move_on(first.contact_id)
    assert stage_of(demo, second.contact_id) is Stage.MOVED_ON
    assert stage_of(demo, first.contact_id) is Stage.MOVED_ON
    assert first.contact_id not in page.moved_on

    page.undo_move_on(second.contact_id)
    assert stage_of(demo, second.contact_id) is Stage.MESSAGED
    assert stage_of(demo, first.contact_id) is Stage.MOVED_ON


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[int], object]]:
    """The composer, stood in for: the people and template each opening asked for."""
    opened: list[tuple[list[int], object]] = []

    def open_composer(
        ws: object,
        ids: list[int],
        parent: object,
        template_kind: object = None,
        undo_stack: object = None,
        changed: object = None,
    ) -> bool:
        opened.append((ids, template_kind))
        return False

    monkeypatch.setattr(today_module, "open_composer", open_composer)
    return opened


def test_write_first_message_opens_the_composer_for_a_suggested_person(
    page: TodayPage, calls: list[tuple[list[int], object]]
) -> None:
    item = next(i for i in page.items if i.kind is TodayKind.MOVE_ON)
    page.move_on(item.contact_id)
    first = page.moved_on[item.contact_id][1][0]
    content = page.scroll_area.widget()
    assert content is not None
    write = next(b for b in content.findChildren(QPushButton) if b.text() == "Write first message")
    write.click()
    assert calls == [([first.contact_id], None)]


def test_follow_up_due_opens_the_composer_with_the_follow_up_template(
    page: TodayPage, calls: list[tuple[list[int], object]]
) -> None:
    item = next(i for i in page.items if i.kind is TodayKind.FOLLOW_UP and i.follow_up_id is None)
    button(page, TodayKind.FOLLOW_UP, item.contact_id, "Write follow-up").click()
    assert calls[0][0] == [item.contact_id]
    assert calls[0][1] is TemplateKind.FOLLOW_UP


def test_log_a_touch_and_snooze_clear_keep_in_touch_and_undo(
    page: TodayPage, stack: QUndoStack
) -> None:
    first, second = [i for i in page.items if i.kind is TodayKind.KEEP_IN_TOUCH][:2]
    button(page, TodayKind.KEEP_IN_TOUCH, first.contact_id, "Log a touch").click()
    button(page, TodayKind.KEEP_IN_TOUCH, second.contact_id, "Snooze 2 weeks").click()
    remaining = {k[1] for k in page.cards if k[0] is TodayKind.KEEP_IN_TOUCH}
    assert first.contact_id not in remaining
    assert second.contact_id not in remaining
    stack.undo()
    stack.undo()
    remaining = {k[1] for k in page.cards if k[0] is TodayKind.KEEP_IN_TOUCH}
    assert {first.contact_id, second.contact_id} <= remaining


def test_chats_and_thank_yous_open_the_meeting_and_names_open_the_contact(
    qtbot: QtBot, page: TodayPage
) -> None:
    thanks = next(i for i in page.items if i.kind is TodayKind.THANK_YOU)
    with qtbot.waitSignal(page.open_thank_you) as opened:
        button(page, TodayKind.THANK_YOU, thanks.contact_id, "Write thank-you").click()
    assert opened.args == [thanks.meeting_id]
    chat = next(i for i in page.items if i.kind is TodayKind.UPCOMING_CHAT)
    with qtbot.waitSignal(page.open_meeting) as opened:
        button(page, TodayKind.UPCOMING_CHAT, chat.contact_id, "Open chat").click()
    assert opened.args == [chat.meeting_id]
    with qtbot.waitSignal(page.open_contact) as contact:
        page._link(f"contact:{chat.contact_id}")
    assert contact.args == [chat.contact_id]


def test_an_empty_profile_says_to_bring_the_network_in_and_its_button_opens_the_import(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with Workspace.open(tmp_path / "empty") as workspace:
        today = TodayPage(workspace, QUndoStack())
        qtbot.addWidget(today)
        today.refresh()
        assert not today.empty.isVisibleTo(today)
        assert today.empty_network.isVisibleTo(today)
        assert today.empty_network.title_label.text() == "Start with the people you know"
        assert today.empty_network.action_button is not None
        with qtbot.waitSignal(today.import_requested):
            today.empty_network.action_button.click()


def test_a_network_with_nothing_due_says_nothing_needs_you(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "quiet") as workspace:
        workspace.people.contact_edits.create(ContactDraft(first_name="Ana", last_name="Lima"))
        today = TodayPage(workspace, QUndoStack())
        qtbot.addWidget(today)
        today.refresh()
        assert today.empty.isVisibleTo(today)
        assert today.empty.title_label.text() == "Nothing needs you today"


def test_names_with_markup_are_shown_literally(qtbot: QtBot, page: TodayPage) -> None:
    assert "&lt;b&gt;" in today_module.name_link(1, "<b>Eve</b>")


def test_insights_show_charts_for_the_demo_and_an_empty_state_without_data(
    qtbot: QtBot, demo: Workspace, tmp_path: Path
) -> None:
    insights = InsightsPage(demo, QUndoStack())
    qtbot.addWidget(insights)
    insights.refresh()
    assert not insights.empty.isVisibleTo(insights)
    assert insights.funnel_chart.bars[0].label == "Messaged"
    assert insights.activity_chart.bars[0].label == "Posts often"
    insights.period_combo.setCurrentIndex(insights.period_combo.count() - 1)
    assert insights.insights is not None
    assert insights.insights.period.start.year == 1970
    insights.grab()  # paints without error
    with Workspace.open(tmp_path / "empty") as empty:
        blank = InsightsPage(empty, QUndoStack())
        qtbot.addWidget(blank)
        blank.refresh()
        assert blank.empty.isVisibleTo(blank)


def test_the_window_has_insights_as_sixth_page_and_a_templates_menu_entry(
    qtbot: QtBot, demo: Workspace
) -> None:
    from chatplanner.ui.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    assert [p.key for p in window.pages][-1] == "insights"
    assert window.pages[0].key == "today"
    assert isinstance(window.pages[0], TodayPage)
    texts = [a.text() for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]
    assert "Message &Templates…" in texts


def _promise_done(workspace: Workspace, follow_up_id: int) -> bool:
    from chatplanner.db.models import FollowUp  # the test reads the row the page changed

    with workspace.context.sessions() as session:
        row = session.get(FollowUp, follow_up_id)
        assert row is not None
        return row.done_at is not None


def test_a_promise_from_a_chat_is_marked_done_from_today_and_undo_brings_it_back(
    page: TodayPage, demo: Workspace, stack: QUndoStack, qtbot: QtBot
) -> None:
    item = next(
        i for i in page.items if i.kind is TodayKind.FOLLOW_UP and i.follow_up_id is not None
    )
    assert item.follow_up_id is not None
    key = (TodayKind.FOLLOW_UP, item.contact_id, item.meeting_id or item.follow_up_id)
    assert key in page.cards

    with qtbot.waitSignal(page.data_changed):
        button(page, TodayKind.FOLLOW_UP, item.contact_id, "Done").click()

    assert _promise_done(demo, item.follow_up_id)
    assert key not in page.cards
    assert all(i.follow_up_id != item.follow_up_id for i in page.items)
    assert stack.undoText() == f"Mark the follow-up for {item.contact_name} done"

    stack.undo()
    assert not _promise_done(demo, item.follow_up_id)
    assert key in page.cards
    stack.redo()
    assert _promise_done(demo, item.follow_up_id)
    assert key not in page.cards


def test_a_promise_deleted_meanwhile_says_so_instead_of_failing(
    page: TodayPage, demo: Workspace, stack: QUndoStack, qtbot: QtBot
) -> None:
    item = next(
        i for i in page.items if i.kind is TodayKind.FOLLOW_UP and i.follow_up_id is not None
    )
    assert item.follow_up_id is not None
    demo.chats.meetings.remove_follow_up(item.follow_up_id)
    said: list[str] = []
    page.status_message.connect(said.append)
    button(page, TodayKind.FOLLOW_UP, item.contact_id, "Done").click()
    assert len(said) == 1
    assert "no longer exists" in said[0]
    assert all(i.follow_up_id != item.follow_up_id for i in page.items)


def test_a_long_section_shows_its_first_cards_and_more_on_request(
    page: TodayPage, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_items, "FIRST_LISTED", 1)
    page.shown_per_section.clear()
    page.refresh()
    kind = next(k for k in TodayKind if page.counts.get(k, 0) >= 2)
    total = page.counts[kind]
    # Only the cards shown are put in words; the rest are counted, as the service counts them.
    assert total == sum(i.kind is kind for i in demo.pipeline.today.items())
    assert sum(i.kind is kind for i in page.items) == 1
    assert sum(key[0] is kind for key in page.cards) == 1
    assert any(
        b.text() == f"Show 1 more ({total - 1:,} not shown)" for b in page.findChildren(QPushButton)
    )
    page.show_more(kind)
    assert sum(key[0] is kind for key in page.cards) == min(2, total)


def test_cards_below_the_first_screen_are_built_after_the_paint_in_their_places(
    page: TodayPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_module, "FIRST_SCREEN_CARDS", 2)
    page.refresh()
    assert len(page.cards) == 2
    qtbot.waitUntil(lambda: len(page.cards) == len(page.items))
    content = page.scroll_area.widget()
    assert content is not None
    column = content.layout()
    assert column is not None
    items = [column.itemAt(i) for i in range(column.count())]
    cards = [i.widget() for i in items if i is not None and i.widget() in page.cards.values()]
    # Every card in its section, in the page's order, none left hidden or standing in.
    in_order = [
        i for kind, _heading in today_module.sections() for i in page.items if i.kind is kind
    ]
    assert cards == [page.cards[today_module._item_key(item)] for item in in_order]
    qtbot.waitUntil(lambda: all(card is not None and not card.isHidden() for card in cards))


@pytest.mark.parametrize("size", [(1024, 600), (1280, 700)])
def test_the_cards_built_before_the_paint_fill_the_page_as_shown(
    show_window: ShowWindow, demo_at: DemoAt, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = show_window(demo_at(datetime(2026, 3, 10, 15, 0, tzinfo=UTC)), size)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    page.shown_per_section = dict.fromkeys(TodayKind, 3)  # more cards than a screen holds
    page.refresh()
    first = set(page.cards)
    assert len(first) < len(page.items)  # some were left for after the paint
    qtbot.waitUntil(lambda: len(page.cards) == len(page.items))
    qtbot.waitUntil(lambda: not any(card.isHidden() for card in page.cards.values()))
    content, viewport = page.scroll_area.widget(), page.scroll_area.viewport()
    assert content is not None
    column = content.layout()
    assert column is not None
    column.activate()  # the cards built after the paint in their places
    on_screen = {
        key
        for key, card in page.cards.items()
        if card.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()
    }
    assert on_screen
    assert on_screen <= first


@pytest.mark.parametrize("size", [(1024, 600), (1024, 700), (1280, 700), (1280, 800)])
def test_the_cards_on_screen_do_not_move_when_the_rest_are_built(
    show_window: ShowWindow,
    demo_at: DemoAt,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    # A click in the first moments lands where the user saw the button: building the cards
    # below must not bring a scroll bar that narrows, and so re-lays, the cards on screen.
    from chatplanner.services.locating import PlaceResolver

    PlaceResolver().warm_up()  # the city list in: no rebuild for the other person's clock
    window = show_window(demo_at(datetime(2026, 3, 10, 15, 0, tzinfo=UTC)), size)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    page.shown_per_section = dict.fromkeys(TodayKind, 3)  # more cards than a screen holds
    monkeypatch.setattr(page, "_build_below", lambda: None)  # held back: the first paint
    page.refresh()
    qtbot.wait(50)  # laid out and painted as the user first sees it
    first = dict(page.cards)
    assert len(first) < len(page.items)
    viewport = page.scroll_area.viewport()
    seen = {key: (card.mapTo(viewport, QPoint(0, 0)), card.width()) for key, card in first.items()}
    width = viewport.width()
    TodayPage._build_below(page)  # what the page does right after its paint
    assert len(page.cards) == len(page.items)
    qtbot.wait(50)
    assert viewport.width() == width
    assert {
        key: (card.mapTo(viewport, QPoint(0, 0)), card.width()) for key, card in first.items()
    } == seen


def test_the_cards_below_the_first_screen_are_shown_and_laid_out_in_the_turn_that_builds_them(
    show_window: ShowWindow,
    demo_at: DemoAt,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Put into the shown column one at a time, each card was shown on a later turn of its own,
    # and each showing laid the whole column out again: the window froze for half a second on
    # a large network. They are shown, and the column laid out, as they are built.
    from chatplanner.services.locating import PlaceResolver

    PlaceResolver().warm_up()  # the city list in: no rebuild for the other person's clock
    window = show_window(demo_at(datetime(2026, 3, 10, 15, 0, tzinfo=UTC)), (1280, 700))
    page = window.page("today")
    assert isinstance(page, TodayPage)
    page.shown_per_section = dict.fromkeys(TodayKind, 3)  # more cards than a screen holds
    monkeypatch.setattr(page, "_build_below", lambda: None)  # held back: the first paint
    page.refresh()
    qtbot.wait(50)
    first = set(page.cards)
    TodayPage._build_below(page)  # what the page does right after its paint
    assert len(page.cards) > len(first)
    content = page.scroll_area.widget()
    assert content is not None
    column = content.layout()
    assert column is not None
    assert column.isEnabled()
    # No turn of the event loop since: every card is shown already, each below the last.
    assert all(card.isVisible() for card in page.cards.values())
    tops = sorted(
        (card.mapTo(content, QPoint(0, 0)).y(), card.height()) for card in page.cards.values()
    )
    assert all(height > 0 for _top, height in tops)
    assert all(top + height <= below for (top, height), (below, _h) in pairwise(tops))
    # The user scrolls down to the last card (once the scroll bar knows the page's length).
    viewport, bar = page.scroll_area.viewport(), page.scroll_area.verticalScrollBar()
    for _ in range(5):  # as a user keeps turning the wheel until the page ends
        wheel(viewport, -40)
        qtbot.wait(20)
        if bar.value() == bar.maximum() == content.height() - viewport.height():
            break
    assert bar.value() == bar.maximum()
    last = max(page.cards.values(), key=lambda card: card.mapTo(content, QPoint(0, 0)).y())
    assert 0 <= last.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()


def test_the_other_persons_clock_arriving_keeps_the_place_scrolled_to(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The city list is read off the GUI thread after the page is shown; when it is in, the
    # call card gains the other person's clock. The user may have scrolled by then.
    import threading

    from chatplanner.interop.gazetteer import Gazetteer
    from chatplanner.services.locating import PlaceResolver

    release = threading.Event()
    warm_up = PlaceResolver.warm_up

    def held_back(self: PlaceResolver) -> object:
        release.wait(10)
        return warm_up(self)

    monkeypatch.setattr(PlaceResolver, "warm_up", held_back)
    monkeypatch.setattr(Gazetteer, "_instances", {})  # not read yet, whatever ran before
    window = show_window(demo, (1024, 700))
    page = window.page("today")
    assert isinstance(page, TodayPage)
    bar = page.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert not any("(Lagos)" in label.text() for label in page.findChildren(QLabel))
    wheel(page.scroll_area.viewport(), -10)  # down as far as the page goes
    scrolled = bar.value()
    assert scrolled > 0
    before = dict(page.cards)
    release.set()
    qtbot.waitUntil(
        lambda: any("(Lagos)" in label.text() for label in page.findChildren(QLabel)),
        timeout=10_000,
    )
    assert bar.value() == scrolled
    # Only the call's card was built again: the others are the very cards the user sees.
    rebuilt = [key for key, card in page.cards.items() if before.get(key) is not card]
    assert len(rebuilt) == 1
    assert rebuilt[0][0] is TodayKind.UPCOMING_CHAT
    assert all(card.isVisible() for card in page.cards.values())


def _today_settled(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> tuple[MainWindow, TodayPage]:
    """Today at 1024×700 with every card built and the other person's clock in."""
    window = show_window(demo, (1024, 700))
    page = window.page("today")
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: page._below is None)
    qtbot.waitUntil(lambda: not page._reading_places)
    return window, page


def _today_at_its_bottom(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> tuple[MainWindow, TodayPage]:
    """Today at 1024×700, the wheel turned down to the bottom of the page."""
    window, page = _today_settled(show_window, demo, qtbot)
    bar = page.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    wheel(page.scroll_area.viewport(), -10)
    qtbot.wait(50)
    assert bar.value() > 0
    return window, page


def test_a_card_done_further_down_and_its_undo_leave_the_page_where_it_was(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, page = _today_at_its_bottom(show_window, demo, qtbot)
    bar = page.scroll_area.verticalScrollBar()
    viewport = page.scroll_area.viewport()
    scrolled = bar.value()

    def on_screen(widget: QPushButton) -> bool:
        top_left = widget.mapTo(viewport, QPoint(0, 0))
        return widget.isVisible() and 0 <= top_left.y() <= viewport.height() - widget.height()

    snooze = [b for b in page.findChildren(QPushButton) if b.text() == "Snooze 2 weeks"]
    lowest = max(filter(on_screen, snooze), key=lambda b: b.mapTo(viewport, QPoint(0, 0)).y())
    before = len(page.cards)
    QTest.mouseClick(lowest, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.cards) == before - 1)
    qtbot.wait(50)
    assert bar.value() >= min(scrolled, bar.maximum()) - 1 > 0  # not back at the top
    assert window.statusBar().currentMessage().endswith("Undo with Ctrl+Z.")
    after_snooze = bar.value()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.cards) == before)
    qtbot.wait(50)
    assert bar.value() == after_snooze


def test_moving_on_further_down_shows_who_to_reach_next(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _window, page = _today_at_its_bottom(show_window, demo, qtbot)
    viewport = page.scroll_area.viewport()
    [move_on, *_] = [b for b in page.findChildren(QPushButton) if b.text() == "Mark as moved on"]
    page.scroll_area.ensureWidgetVisible(move_on)  # where the user's wheel brought it
    QTest.mouseClick(move_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.moved_on))
    qtbot.wait(50)
    [heading] = [
        label
        for label in page.findChildren(QLabel)
        if label.text() == "Who to reach next" and label.isVisible()
    ]
    top = heading.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top < viewport.height()  # the answer to the click is on screen


def test_shift_tab_from_the_navigation_scrolls_to_the_button_it_reaches(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = show_window(demo, (1024, 700))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    viewport = page.scroll_area.viewport()
    assert page.scroll_area.verticalScrollBar().value() == 0
    window.navigation.setFocus()
    QTest.keyClick(window.navigation, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton)
    assert page.scroll_area.widget().isAncestorOf(focused)  # type: ignore[union-attr]
    top = focused.mapTo(viewport, QPoint(0, 0)).y()
    assert top >= 0  # where the user sees it
    assert top + focused.height() <= viewport.height()


def test_snoozing_one_card_keeps_the_other_cards_and_undo_builds_only_it_again(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, page = _today_settled(show_window, demo, qtbot)
    before = dict(page.cards)
    snoozed = next(k for k in before if k[0] is TodayKind.KEEP_IN_TOUCH)
    snooze = button(page, TodayKind.KEEP_IN_TOUCH, snoozed[1], "Snooze 2 weeks")
    page.scroll_area.ensureWidgetVisible(snooze)
    qtbot.wait(20)
    QTest.mouseClick(snooze, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: snoozed not in page.cards)
    assert demo.people.contacts.get(snoozed[1]).snoozed_until is not None
    # The cards that stay are the same widgets, shown in the new column.
    kept = {key: card for key, card in page.cards.items() if key in before}
    assert kept
    assert all(card is before[key] for key, card in kept.items())
    content = page.scroll_area.widget()
    assert all(card.isVisible() and card.parent() is content for card in page.cards.values())
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: snoozed in page.cards)
    assert page.cards[snoozed] is not before[snoozed]  # built again: its item changed and back
    assert all(page.cards[key] is card for key, card in kept.items())
    assert page.cards[snoozed].isVisible()


def test_a_names_tooltip_shows_on_one_line(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from chatplanner.ui.widgets.elided_label import ElidedLabel

    _window, page = _today_settled(show_window, demo, qtbot)
    name = next(
        label
        for label in page.findChildren(ElidedLabel)
        if label.isVisible() and len(label.full_text.split()) >= 2
    )
    QToolTip.hideText()  # one another test left would be reused
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    # What the mouse resting on the name sends it.
    centre = name.rect().center()
    QApplication.sendEvent(name, QHelpEvent(QEvent.Type.ToolTip, centre, name.mapToGlobal(centre)))
    qtbot.waitUntil(QToolTip.isVisible)
    tip = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label")
    assert isinstance(tip, QLabel)
    assert f"Open {name.full_text}" in tip.text()
    # As wide as the words on one line (Qt wrapped them into a column a word or two wide).
    words = f"Open {name.full_text}"
    assert tip.width() >= tip.fontMetrics().horizontalAdvance(words)
    QToolTip.hideText()


def _click(widget: QPushButton) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_only_the_newest_who_next_panel_offers_undo_and_it_takes_that_step_back(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    _window, page = _today_settled(show_window, demo, qtbot)
    first, second = [i for i in page.items if i.kind is TodayKind.MOVE_ON][:2]

    def moved_on(contact_id: int) -> bool:
        return contact_id in page.moved_on  # the dict is made anew at each refresh

    for item in (first, second):
        moved = button(page, TodayKind.MOVE_ON, item.contact_id, "Mark as moved on")
        page.scroll_area.ensureWidgetVisible(moved)
        qtbot.wait(600)  # past the double-click time the cards hold clicks for
        _click(moved)
        qtbot.waitUntil(partial(moved_on, item.contact_id))

    def undo_buttons() -> list[QPushButton]:
        content = page.scroll_area.widget()
        assert content is not None
        return [b for b in content.findChildren(QPushButton) if b.text() == "Undo"]

    # The older panel's Undo would have to take back the newer step first: it is not offered.
    [undo] = undo_buttons()
    assert second.contact_name.split()[0] in undo.toolTip()
    qtbot.wait(600)
    _click(undo)
    qtbot.waitUntil(lambda: second.contact_id not in page.moved_on)
    assert stage_of(demo, second.contact_id) is Stage.MESSAGED
    [undo] = undo_buttons()  # now the first person's step is the one Undo takes back
    assert first.contact_name.split()[0] in undo.toolTip()


def test_a_double_click_on_a_cards_button_acts_on_that_card_alone(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _window, page = _today_settled(show_window, demo, qtbot)
    keep = [i for i in page.items if i.kind is TodayKind.KEEP_IN_TOUCH]
    assert len(keep) >= 2
    snooze = button(page, TodayKind.KEEP_IN_TOUCH, keep[0].contact_id, "Snooze 2 weeks")
    page.scroll_area.ensureWidgetVisible(snooze)
    qtbot.wait(20)
    viewport = page.scroll_area.viewport()
    where = snooze.mapTo(viewport, snooze.rect().center())
    QTest.mouseClick(snooze, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (TodayKind.KEEP_IN_TOUCH, keep[0].contact_id, 0) not in page.cards)
    # The second click of the double-click, where the next card's button now is.
    under = viewport.childAt(where)
    if under is not None:
        QTest.mouseClick(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(viewport, where))
    qtbot.wait(50)
    snoozed = [
        i.contact_id
        for i in keep
        if demo.people.contacts.get(i.contact_id).snoozed_until is not None
    ]
    assert snoozed == [keep[0].contact_id]


def test_todays_counts_are_written_with_thousands_separated(
    show_window: ShowWindow, demo: Workspace, qtbot: QtBot
) -> None:
    _window, page = _today_settled(show_window, demo, qtbot)
    page.counts = {kind: 1234 for kind in page.counts}
    page._rebuild()
    assert f"{1234 * len(page.counts):,} things" in page.header.subtitle_label.text()
    content = page.scroll_area.widget()
    assert content is not None
    chips = [
        label.text() for label in content.findChildren(QLabel) if label.property("role") == "chip"
    ]
    assert chips
    assert set(chips) == {"1,234"}
