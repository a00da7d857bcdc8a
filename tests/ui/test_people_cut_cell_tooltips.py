"""A People cell whose text is cut short shows it whole when the mouse rests on it, however
short the whole text is (found in a walkthrough: only texts over 30 characters had a tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.people.row_painting import is_cut
from chatplanner.ui.people.table_model import COMPANY
from tests.ui.windows import ShowWindow, click_people


def _rest_on(viewport: QWidget, point: QPoint) -> None:
    """What the mouse resting at `point` sends the table's viewport."""
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, help_event)


def _tooltip() -> QLabel:
    tip = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label")
    assert isinstance(tip, QLabel)
    return tip


def test_a_cut_company_shows_whole_in_its_tooltip_and_a_whole_one_shows_none(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace
) -> None:
    page = click_people(qtbot, show_window(demo))
    table, model = page.table, page.model
    companies = [(r, model.texts_at(r)[COMPANY]) for r in range(model.rowCount())]
    # A width that cuts some company of 30 characters or fewer and leaves another whole, in
    # whatever font the table has.
    for width in range(160, 40, -10):
        table.setColumnWidth(COMPANY, width)
        shown = table.columnWidth(COMPANY)
        cut = [(r, c) for r, c in companies if is_cut(table.font(), c, shown) and len(c) <= 30]
        whole = [(r, c) for r, c in companies if c and not is_cut(table.font(), c, shown)]
        if cut and whole:
            break
    assert cut
    assert whole
    row_cut, company = cut[0]
    table.scrollTo(model.index(row_cut, COMPANY))
    _rest_on(table.viewport(), table.visualRect(model.index(row_cut, COMPANY)).center())
    qtbot.waitUntil(QToolTip.isVisible)
    assert company in _tooltip().text()
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())

    row_whole, _shown = whole[0]
    table.scrollTo(model.index(row_whole, COMPANY))
    _rest_on(table.viewport(), table.visualRect(model.index(row_whole, COMPANY)).center())
    qtbot.wait(100)
    assert not QToolTip.isVisible()
