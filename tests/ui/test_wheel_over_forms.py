"""The mouse wheel over a form scrolls it and never changes a value the pointer passes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QScrollArea,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import ContactKind, Goal
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people.detail_panel import RECRUITER_NOTICE
from tests.profiles import OpenWorkspace
from tests.ui.windows import ShowWindow

from ..journey.ui_finders import button, by_accessible_name, field, tab, wheel


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    opened = open_workspace()
    opened.people.contact_edits.create(
        ContactDraft(
            first_name="Maya",
            last_name="Okafor",
            company="Metrolinx",
            kind=ContactKind.MENTOR,
            goal=Goal.MENTORSHIP,
        )
    )
    return opened


@pytest.fixture
def window(show_window: ShowWindow, workspace: Workspace) -> MainWindow:
    return show_window(workspace, (1024, 700))


def _open_person(qtbot: QtBot, window: MainWindow, name: str) -> QWidget:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = window.stack.currentWidget()
    assert people is not None
    table = next(t for t in people.findChildren(QTableView) if t.isVisible())
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    row = next(
        r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == name
    )
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return people


def test_wheel_over_the_contact_form_scrolls_it_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    people = _open_person(qtbot, window, "Maya Okafor")
    kind = field(people, "Kind", QComboBox)
    goal = field(people, "You want", QComboBox)
    online = field(people, "Online", QComboBox)
    keep_in_touch = field(people, "Keep in touch", QAbstractSpinBox)
    around = [a for a in people.findChildren(QScrollArea) if a.isAncestorOf(kind)]
    scroll = next(a for a in around if not any(a.isAncestorOf(b) for b in around if b is not a))
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "at 1024x700 the form is taller than its place and scrolls"
    before = (kind.currentText(), goal.currentText(), online.currentText(), keep_in_touch.text())

    for widget in (kind, goal, online, keep_in_touch):
        scroll.ensureWidgetVisible(widget)
        top = bar.value()
        wheel(widget, -2)  # two notches down, the pointer resting on the field
        assert bar.value() > top or top == bar.maximum(), "the wheel scrolls the form"
        wheel(widget, 1)

    after = (kind.currentText(), goal.currentText(), online.currentText(), keep_in_touch.text())
    assert after == before
    assert not button(people, "Save").isEnabled()
    stored = workspace.people.contacts.details()[0].draft
    assert (stored.kind, stored.goal) == (ContactKind.MENTOR, Goal.MENTORSHIP)


def test_wheel_changes_a_field_the_user_has_clicked_into(qtbot: QtBot, window: MainWindow) -> None:
    people = _open_person(qtbot, window, "Maya Okafor")
    kind = field(people, "Kind", QComboBox)
    kind.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(kind.hasFocus)
    start = kind.currentIndex()
    wheel(kind, -1)
    assert kind.currentIndex() != start
    assert button(people, "Save").isEnabled()


def test_a_scroll_under_way_goes_on_over_the_field_just_chosen(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    # The user picks a goal, then scrolls the form with the pointer resting where the
    # goal box will pass under it: the rest of the gesture scrolls, the goal stays.
    people = _open_person(qtbot, window, "Maya Okafor")
    goal = field(people, "You want", QComboBox)
    around = [a for a in people.findChildren(QScrollArea) if a.isAncestorOf(goal)]
    scroll = next(a for a in around if not any(a.isAncestorOf(b) for b in around if b is not a))
    goal.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(goal.hasFocus)
    chosen = goal.currentText()
    scroll.verticalScrollBar().setValue(0)
    wheel(scroll.viewport(), -1)  # the first notch lands on the form
    wheel(goal, -1)  # the next ones on the focused box, as it passes under the pointer
    wheel(goal, -1)
    assert goal.currentText() == chosen
    assert scroll.verticalScrollBar().value() > 0
    assert not button(people, "Save").isEnabled()

    # A pause, or a click back into the box, and the wheel is the box's again.
    goal.clearFocus()
    goal.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(goal.hasFocus)
    wheel(goal, -1)
    assert goal.currentText() != chosen


def test_value_widgets_do_not_take_the_focus_from_the_wheel(window: MainWindow) -> None:
    # Any form made while the app runs, not only the People editor.
    holder = QWidget(window)
    layout = QVBoxLayout(holder)
    widgets = [QComboBox(), QDateEdit(), QAbstractSpinBox()]
    for widget in widgets:
        layout.addWidget(widget)
    holder.show()
    for widget in widgets:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_recruiter_notice_never_moves_the_form(qtbot: QtBot, window: MainWindow) -> None:
    people = _open_person(qtbot, window, "Maya Okafor")
    kind = field(people, "Kind", QComboBox)
    first_name = field(people, "First name", QWidget)
    top = first_name.mapTo(window, first_name.rect().topLeft())
    kind.setFocus()
    kind.setCurrentIndex(kind.findData(ContactKind.RECRUITER))
    shown_texts = [
        text()
        for w in people.findChildren(QWidget)
        if w.isVisible() and callable(text := getattr(w, "text", None))
    ]
    assert RECRUITER_NOTICE in shown_texts
    qtbot.wait(10)
    assert first_name.mapTo(window, first_name.rect().topLeft()) == top
    kind.setCurrentIndex(kind.findData(ContactKind.PEER))
    qtbot.wait(10)
    assert first_name.mapTo(window, first_name.rect().topLeft()) == top


def test_wheel_over_a_venue_weight_slider_leaves_its_weight(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    venues = window.stack.currentWidget()
    assert venues is not None
    bar, index = tab(venues, "Suggest a venue")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(
        lambda: any(
            s.isVisible() and s.accessibleName() == "Weight: Familiar"
            for s in venues.findChildren(QSlider)
        )
    )
    familiar = by_accessible_name(venues, "Weight: Familiar", QSlider)
    before = familiar.value()
    wheel(familiar, -3)
    wheel(familiar, 2)
    assert familiar.value() == before
    assert workspace.planning.venues.weights() == workspace.planning.venues.weights().__class__()

    # Clicked into, the wheel moves it as usual.
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.mouseClick(familiar, Qt.MouseButton.LeftButton, pos=familiar.rect().center())
    qtbot.waitUntil(familiar.hasFocus)
    clicked = familiar.value()
    wheel(familiar, 1)
    assert familiar.value() != clicked
