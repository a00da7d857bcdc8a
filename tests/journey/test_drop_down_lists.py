"""Drop-down lists and the date picker open whole: a handful of kinds or goals is never
scrolled through, and the picker shows the weekday names and every week."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QListView, QTableView, QWidget

from tests.journey.conftest import App
from tests.journey.story import planned, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.ui_finders import dress


def _items_cut_off(combo: QComboBox) -> list[str]:
    """The entries of the open list that the user cannot see without scrolling it."""
    view = combo.view()
    popup = view.window()
    popup_top = popup.mapToGlobal(popup.rect().topLeft()).y()
    popup_bottom = popup_top + popup.height()
    cut = []
    for row in range(combo.count()):
        rect = view.visualRect(combo.model().index(row, 0))
        top = view.viewport().mapToGlobal(rect.topLeft()).y()
        inside_view = rect.top() >= 0 and rect.bottom() < view.viewport().height()
        if not inside_view or top < popup_top or top + rect.height() > popup_bottom:
            cut.append(combo.itemText(row))
    return cut


def test_the_kind_and_goal_lists_show_every_entry(app: App) -> None:
    sorted_out(app.workspace)
    dress(app.window)  # the app's style sheet, which says how a list drops down
    user = app.user
    _select(app, "Omar")
    for label in ("Kind", "You want"):
        combo = user.labelled(label)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.count() // 2)  # an entry in the middle, as for most people
        user.click(combo)
        user.qtbot.waitUntil(combo.view().isVisible)
        popup: QWidget = combo.view().window()
        assert popup.isVisible()
        assert _items_cut_off(combo) == [], label
        # The list opens under (or over) the field, not on top of it.
        field_top = combo.mapToGlobal(combo.rect().topLeft()).y()
        field_bottom = combo.mapToGlobal(combo.rect().bottomLeft()).y()
        top = popup.mapToGlobal(popup.rect().topLeft()).y()
        bottom = popup.mapToGlobal(popup.rect().bottomLeft()).y()
        assert top >= field_bottom - 2 or bottom <= field_top + 2, (label, top, bottom)
        combo.hidePopup()
        QApplication.processEvents()


def test_the_date_picker_shows_the_weekday_names_and_every_week_whole(app: App) -> None:
    ids = sorted_out(app.workspace)
    start = app.workspace.context.now() + timedelta(days=3)
    planned(app.workspace, ids["Mei"], start)
    dress(app.window)
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Mei")
    user.open_tab("Plan")
    day = user.named("Day", QDateEdit)
    user.click(day, QPoint(day.width() - 12, day.height() // 2))  # the arrow
    calendar = day.calendarWidget()
    user.qtbot.waitUntil(calendar.isVisible)

    month = calendar.findChild(QTableView)
    assert month is not None
    assert month.isVisible()
    model = month.model()
    seen = month.viewport().rect()
    line = month.fontMetrics().height()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            cell = month.visualRect(model.index(row, column))
            text = str(model.data(model.index(row, column)) or "")
            assert seen.contains(cell), (text, cell, seen)
            assert cell.height() >= line, (text, cell.height(), line)
            assert cell.width() >= month.fontMetrics().horizontalAdvance(text), text
    headers = [str(model.data(model.index(0, column))) for column in range(7)]
    assert headers == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    calendar.window().hide()
