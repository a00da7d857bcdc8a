"""Keyboard only: every dialog is walked with Tab, and the focus can always be seen."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow

from ..journey.ui_finders import dress
from .dialog_catalogue import DIALOG_NAMES, NEEDS_PEOPLE, dialogs

# Enough presses for the longest dialog; a walk that does not come back by then is trapped.
_MOST_PRESSES = 150


@pytest.fixture
def window(qtbot: QtBot, demo_profile: Path) -> Iterator[MainWindow]:
    with Workspace.open(demo_profile) as workspace:
        main = MainWindow(workspace)
        dress(main)
        qtbot.addWidget(main)
        main.resize(1024, 700)
        main.show()
        qtbot.waitExposed(main)
        yield main


def _owner(widget: QWidget | None) -> QWidget | None:
    """The control a focused part belongs to (a combo or spin box's own line edit)."""
    parent = widget.parentWidget() if widget is not None else None
    if isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return parent
    return widget


def _takes_tab_focus(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar) or _owner(widget) is not widget:
        return False
    if widget.focusProxy() is not None:
        return False  # the focus goes to its proxy, which is counted itself
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return False
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def _inputs(dialog: QDialog) -> list[QWidget]:
    return [
        w
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and _takes_tab_focus(w)
    ]


def _tab_walk(qtbot: QtBot, dialog: QDialog) -> tuple[list[QWidget], bool]:
    """The controls Tab visits from the first one, and whether it came back to it."""
    start = _owner(QApplication.focusWidget())
    assert start is not None, "the dialog opens with a focus"
    assert dialog.isAncestorOf(start), "the dialog opens with a focus"
    visited = [start]
    for _ in range(_MOST_PRESSES):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = _owner(QApplication.focusWidget())
        if now is start:
            return visited, True
        if now is not None and now not in visited:
            visited.append(now)
        elif now is visited[-1]:
            return visited, False  # Tab did not move: it was typed into the control
    return visited, False


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) and not isinstance(widget, QLineEdit) else ""
    return f"{type(widget).__name__} {label or widget.accessibleName()!r}"


def _top_left(widget: QWidget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


@pytest.mark.parametrize("name", DIALOG_NAMES)
def test_tab_visits_every_control_of_each_dialog_in_reading_order_and_comes_back(
    qtbot: QtBot, window: MainWindow, name: str
) -> None:
    if name in NEEDS_PEOPLE and not window.workspace.people.contacts.count():
        pytest.skip("nobody to write to")
    dialog = dialogs(window.workspace, window)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget() or dialog))

    visited, closed = _tab_walk(qtbot, dialog)

    names = [_describe(w) for w in visited]
    assert closed, f"Tab is trapped after: {names}"
    missed = [_describe(w) for w in _inputs(dialog) if w not in visited]
    assert not missed, f"Tab never reaches {missed}"
    # Reading order: Tab never jumps back up and to the left, except when it wraps around.
    backwards = []
    for before, after in itertools.pairwise(visited):
        a, b = _top_left(before), _top_left(after)
        if b.y() < a.y() - 12 and b.x() < a.x() - 12:
            backwards.append(f"{_describe(before)} -> {_describe(after)}")
    assert not backwards, f"Tab goes back up: {backwards}"
    dialog.reject()


@pytest.mark.parametrize(
    "make",
    [
        lambda: _flat_button(),
        lambda: QPushButton("Save"),
        lambda: QCheckBox("Archived"),
        lambda: QLineEdit("Ana"),
        lambda: _combo(),
        lambda: QTableView(),
    ],
    ids=["flat button", "button", "check box", "line edit", "combo box", "table"],
)
def test_the_keyboard_focus_can_be_seen_on_every_kind_of_control(
    qtbot: QtBot, window: MainWindow, make: object
) -> None:
    holder = QWidget()
    dress(holder)
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    other = QLineEdit()
    control = make()  # type: ignore[operator]
    layout.addWidget(other)
    layout.addWidget(control)
    holder.show()
    holder.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = control.grab().toImage()
    control.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(control.hasFocus)
    focused = control.grab().toImage()
    assert unfocused != focused, "the control looks the same with and without the focus"


def _flat_button() -> QPushButton:
    button = QPushButton("Open contact")
    button.setProperty("role", "flat")
    return button


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["Mentor", "Peer"])
    return combo
