"""A contact whose name is markup shows as those characters on People and Today, hover
tooltips included, in the real main window."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from chatplanner.db.models import Contact
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people.table_model import CONTACT_ID_ROLE, NAME
from chatplanner.ui.views.people import PeoplePage

# Importable from a vCard. An image that does not exist: a rendered one would show up as an
# <img> in the tooltip's document (the /dev/zero of the report would hang the test instead).
FIRST = "<b>Bold</b>"
LAST = '<img src="file:///nowhere/tracker.png">'
HOSTILE = f"{FIRST} {LAST}"


def shown_text(markup: str) -> tuple[str, str]:
    """What Qt shows for a tooltip text, as (plain text, html): it guesses as Qt does."""
    document = QTextDocument()
    if QtGui.Qt.mightBeRichText(markup):
        document.setHtml(markup)
    else:
        document.setPlainText(markup)
    return document.toPlainText(), document.toHtml()


def hover(qtbot: QtBot, widget: QWidget, position: QPoint) -> str:
    """Rest the mouse on `widget` at `position` and return the tooltip that shows."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, position, widget.mapToGlobal(position))
    QApplication.sendEvent(widget, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    return QToolTip.text()


def assert_literal(markup: str, expected: str) -> None:
    plain, html = shown_text(markup)
    assert expected in plain
    assert "<img" not in html
    assert "font-weight:700" not in html


@pytest.fixture
def hostile(demo: Workspace) -> tuple[Workspace, int]:
    workspace = demo
    item = workspace.pipeline.today.items()[0]
    with workspace.context.sessions.begin() as session:
        session.execute(
            update(Contact)
            .where(Contact.id == item.contact_id)
            .values(first_name=FIRST, last_name=LAST)
        )
    return workspace, item.contact_id


def test_a_hostile_name_shows_literally_on_today_and_people(
    qtbot: QtBot, hostile: tuple[Workspace, int]
) -> None:
    workspace, contact_id = hostile
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)

    # Today: the name is a link, its hover says "Open <the name>", character for character.
    today = window.page("today")
    qtbot.waitUntil(
        lambda: any(
            label.isVisible() and f"contact:{contact_id}" in label.text()
            for label in today.findChildren(QLabel)
        ),
        timeout=5000,
    )
    label = next(
        label
        for label in today.findChildren(QLabel)
        if label.isVisible() and f"contact:{contact_id}" in label.text()
    )
    assert_literal(label.text(), HOSTILE)
    assert_literal(hover(qtbot, label, label.rect().center()), f"Open {HOSTILE}")

    # People: the row shows the name, and the hover on the long cell shows it whole.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = window.page("people")
    assert isinstance(people, PeoplePage)
    table = people.table
    model = table.model()

    def row_of_contact() -> int | None:
        for row in range(model.rowCount()):
            if model.index(row, NAME).data(CONTACT_ID_ROLE) == contact_id:
                return row
        return None

    qtbot.waitUntil(lambda: row_of_contact() is not None, timeout=5000)
    row = row_of_contact()
    assert row is not None
    index = model.index(row, NAME)
    assert index.data(Qt.ItemDataRole.DisplayRole) == HOSTILE
    table.scrollTo(index)
    QApplication.processEvents()
    tip = hover(qtbot, table.viewport(), table.visualRect(index).center())
    assert_literal(tip, HOSTILE)
    window.close()
