"""Screen readers: every control, list and chart of every page and dialog has a name, and the
Insights charts read out their figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.registry import PAGES
from chatplanner.ui.widgets.bar_chart import BarChart
from tests.profiles import ProfileTemplates

from .dialog_catalogue import DIALOG_NAMES, NEEDS_PEOPLE, dialogs
from .shared_window import isolated, shown_window

_INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
    BarChart,
)


# One window per profile, shared by the module's tests: they show pages and open and cancel
# dialogs, and change nothing a later test would see.
@pytest.fixture(scope="module", params=["demo", "empty"])
def window(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    tmp_path_factory: pytest.TempPathFactory,
    profile_templates: ProfileTemplates,
) -> Iterator[MainWindow]:
    folder = tmp_path_factory.mktemp(f"accessibility-{request.param}")
    with isolated(folder / "home"):
        directory = profile_templates.copy_to(folder / "profile", demo=request.param == "demo")
        with (
            Workspace.open(directory) as workspace,
            shown_window(workspace, QSize(1024, 700)) as main,
        ):
            yield main


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces (its accessible name, text, or label's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _part_of_another_control(widget: QWidget) -> bool:
    """A combo or spin box's own line edit, a line edit's clear button, a scroll bar, a view's
    header: named by their owner."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            return True  # their own line edit, or a line edit's clear button
        if isinstance(parent, QAbstractItemView) and widget is not parent:
            return True  # cell editors, headers, corner buttons
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, _INTERACTIVE) or not widget.isVisible():
            continue
        if _part_of_another_control(widget):
            continue
        if not spoken_name(widget):
            tip = widget.toolTip() or widget.objectName() or type(widget).__name__
            found.append(f"{type(widget).__name__} ({tip})")
    return found


@pytest.mark.parametrize("key", [entry.key for entry in PAGES])
def test_every_control_on_every_page_has_a_name(qtbot: QtBot, window: MainWindow, key: str) -> None:
    window.show_page(key)
    qtbot.wait(30)
    missing = unnamed(window)
    assert not missing, f"no accessible name: {missing}"


@pytest.mark.parametrize("name", DIALOG_NAMES)
def test_every_control_in_every_dialog_has_a_name(
    qtbot: QtBot, window: MainWindow, name: str
) -> None:
    if name in NEEDS_PEOPLE and not window.workspace.people.contacts.count():
        pytest.skip("nobody to write to")
    dialog = dialogs(window.workspace, window)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(30)
    missing = unnamed(dialog)
    dialog.reject()
    assert not missing, f"no accessible name: {missing}"


def test_the_insights_charts_read_out_their_figures(qtbot: QtBot, window: MainWindow) -> None:
    if not window.workspace.people.contacts.count():
        pytest.skip("an empty profile shows no charts")
    window.show_page("insights")
    qtbot.wait(30)
    charts = [c for c in window.findChildren(BarChart) if c.isVisible()]
    assert len(charts) == 5
    for chart in charts:
        interface = QAccessible.queryAccessibleInterface(chart)
        assert interface is not None
        assert interface.text(QAccessible.Text.Name)
        description = interface.text(QAccessible.Text.Description)
        for bar in chart.bars:
            assert f"{bar.label}: {bar.value_text}" in description
    funnel = next(c for c in charts if spoken_name(c) == "From first message to thank-you")
    assert "Messaged: 30" in funnel.accessibleDescription()
