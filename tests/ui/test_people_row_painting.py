"""People's table paints its rows itself (`ui/people/row_painting.py`), faster than Qt's own
painting through the style: these tests hold it to look exactly as Qt's painting does, pixel by
pixel, in each state a row can be in and in both themes, and in the real window after the
clicks, keys, wheel and pointer a user gives it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QHoverEvent, QImage
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from chatplanner.domain.contacts import ContactSummary
from chatplanner.domain.enums import ContactKind, OnlineActivity, Stage
from chatplanner.services.workspace import Workspace
from chatplanner.ui.people.table_model import COMPANY, NAME, PeopleFilter, PeopleTableModel
from chatplanner.ui.people.table_view import PeopleTableView, people_table_view
from chatplanner.ui.theme import Theme, apply_theme
from chatplanner.ui.views.people import PeoplePage
from tests.journey.ui_finders import wheel
from tests.ui.windows import ShowWindow

from .test_words_in_the_window import go_to

# Names in several scripts and directions, long texts that are cut, empty cells, an emoji.
PEOPLE = (
    ("Anna", "Kowalska", "Acme Corporation International", "Senior Product Manager", "Toronto"),
    ("محمد", "العلي", "شركة النور", "مهندس", "دبي"),
    ("דוד", "כהן", "Beta", "Engineer", "Tel Aviv"),
    ("伟", "李", "北京科技有限公司", "工程师", "北京"),
    ("Zoë", "Brontë", None, None, None),
    ("", "", None, None, None),
    ("Émile", "Ñúñez-O'Brien 😀", "Café ☕", "", ""),
    ("Averyveryveryverylongfirstname", "Averyveryverylonglastname", "x" * 80, "y" * 80, "z" * 60),
)


def _rows() -> list[ContactSummary]:
    kinds, stages = list(ContactKind), list(Stage)
    rows = []
    for number in range(30):
        first, last, company, title, city = PEOPLE[number % len(PEOPLE)]
        rows.append(
            ContactSummary(
                id=number + 1,
                first_name=first,
                last_name=last,
                company=company,
                title=title,
                city=city,
                kind=kinds[number % len(kinds)],
                stage=stages[number % len(stages)],
                goal=None,
                online_activity=OnlineActivity.UNKNOWN,
                last_contact_at=datetime(2026, 3, number % 28 + 1, tzinfo=UTC)
                if number % 3
                else None,
                group_ids=(),
                archived=number % 5 == 4,
                search_text=f"{first} {last}".casefold() + "\n",
            )
        )
    return rows


@pytest.fixture(params=[Theme.LIGHT, Theme.DARK], ids=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[Theme]:
    """The app in a theme, with its style sheet, as the app runs; light again afterwards."""
    apply_theme(qapp, request.param)
    yield request.param
    apply_theme(qapp, Theme.LIGHT)


def _differing_pixels(first: QImage, second: QImage) -> int:
    assert first.size() == second.size()
    a = first.convertToFormat(QImage.Format.Format_RGB32)
    b = second.convertToFormat(QImage.Format.Format_RGB32)
    if a == b:
        return 0
    return sum(
        1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)
    )


def _as_qt_paints_it(view: PeopleTableView) -> QImage:
    """The view's viewport painted by Qt's own table painting, the state left as it is."""
    view.paints_rows_itself = False
    try:
        return view.viewport().grab().toImage()
    finally:
        view.paints_rows_itself = True


def _table(qtbot: QtBot, size: tuple[int, int]) -> PeopleTableView:
    model = PeopleTableModel()
    model.set_rows(_rows())
    model.set_filter(PeopleFilter(show_archived=True))
    view = people_table_view(model)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def _select_rows(view: QTableView, rows: list[int]) -> None:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        view.selectionModel().select(view.model().index(row, 0), flags)


def _hover(qtbot: QtBot, view: QTableView, row: int, column: int) -> None:
    """The pointer moved onto the cell: from another point first, as the pointer may rest on
    the cell already (left there by an earlier test), where moving to it sends no event."""
    viewport = view.viewport()
    cell = view.visualRect(view.model().index(row, column)).center()
    qtbot.mouseMove(viewport, cell + QPoint(0, view.rowHeight(row) // 3))
    qtbot.mouseMove(viewport, cell)
    # The event the viewport gets as the pointer moves there, sent again to it alone: a window
    # an earlier test left open, where this one lies, could take the pointer's events.
    at = QPointF(cell)
    QApplication.sendEvent(
        viewport, QHoverEvent(QEvent.Type.HoverMove, at, QPointF(viewport.mapToGlobal(cell)), at)
    )


def _archived_selected(view: PeopleTableView) -> None:
    view.scrollToBottom()
    model = view.model()
    assert isinstance(model, PeopleTableModel)
    archived = [row for row in range(model.rowCount()) if model.archived_at(row)]
    _select_rows(view, archived[-2:])


def _large_font(view: PeopleTableView) -> None:
    font = QFont(view.font())
    font.setPointSize(15)
    view.setFont(font)


def _focused(view: PeopleTableView) -> None:
    view.setFocus()
    view.selectRow(2)


STATES: dict[str, Callable[[PeopleTableView], None]] = {
    "as opened": lambda view: None,
    "two rows selected": lambda view: _select_rows(view, [1, 4]),
    "focused with a current row": _focused,
    "disabled": lambda view: view.setEnabled(False),
    "scrolled part of a row": lambda view: view.verticalScrollBar().setValue(5 * 34 + 7),
    "archived people selected, other scripts": _archived_selected,
    "a large font": _large_font,
    "laid out right to left": lambda view: view.setLayoutDirection(Qt.LayoutDirection.RightToLeft),
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("size", [(1000, 500), (640, 300)], ids=["wide", "narrow"])
def test_the_rows_look_as_qt_paints_them(
    qtbot: QtBot,
    themed: Theme,
    state: str,
    size: tuple[int, int],
) -> None:
    view = _table(qtbot, size)
    STATES[state](view)
    qtbot.wait(10)
    ours = view.viewport().grab().toImage()
    assert _differing_pixels(ours, _as_qt_paints_it(view)) == 0


def test_the_cell_under_the_pointer_looks_as_qt_paints_it(qtbot: QtBot, themed: Theme) -> None:
    view = _table(qtbot, (1000, 500))
    before = view.viewport().grab().toImage()
    _hover(qtbot, view, 3, COMPANY)
    ours = view.viewport().grab().toImage()
    assert _differing_pixels(ours, before) > 0  # the hovered cell is marked
    assert _differing_pixels(ours, _as_qt_paints_it(view)) == 0


def test_a_search_typed_under_a_still_pointer_unmarks_its_cell_as_qt_does(
    qtbot: QtBot, demo: Workspace, show_window: ShowWindow, themed: Theme
) -> None:
    """Qt forgets the cell under the pointer when the rows change, until the pointer moves:
    a search typed with the pointer resting on the table marks no cell, then moving does."""
    window = show_window(demo)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    table = page.table
    _hover(qtbot, table, 2, COMPANY)
    unmarked = table.viewport().grab().toImage()
    assert _differing_pixels(unmarked, _as_qt_paints_it(table)) == 0
    page.filters.search.setFocus()
    qtbot.keyClicks(page.filters.search, "an")
    ours = table.viewport().grab().toImage()
    assert _differing_pixels(ours, _as_qt_paints_it(table)) == 0
    # The pointer moves a little over the same rows: its cell is marked again, as Qt marks it.
    before = ours
    _hover(qtbot, table, 2, NAME)
    after = table.viewport().grab().toImage()
    assert _differing_pixels(after, before) > 0
    assert _differing_pixels(after, _as_qt_paints_it(table)) == 0


def test_people_in_the_window_look_as_qt_paints_them_after_a_search_a_click_and_the_wheel(
    qtbot: QtBot,
    demo: Workspace,
    show_window: ShowWindow,
    themed: Theme,
) -> None:
    window = show_window(demo)
    go_to(qtbot, window, "People")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    table = page.table
    # A search typed, a person clicked, the list scrolled by the wheel, the pointer on a row.
    qtbot.mouseClick(page.filters.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.filters.search, "an")
    shown = page.model.rowCount()
    assert 20 < shown < len(demo.people.contacts.list_summaries())
    cell = table.visualRect(page.model.index(1, NAME)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    chosen = page.model.record_at(1)
    qtbot.waitUntil(lambda: page.detail.contact_id == chosen.id)
    wheel(table.viewport(), -1)
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() > 0)
    _hover(qtbot, table, table.rowAt(table.viewport().height() // 2), NAME)

    ours = table.viewport().grab().toImage()
    assert _differing_pixels(ours, _as_qt_paints_it(table)) == 0
    # What is painted is the list searched: the first row shown now is one that matched.
    top = table.rowAt(0)
    assert "an" in page.model.record_at(top).search_text
    assert page.selected_ids() == [chosen.id]
