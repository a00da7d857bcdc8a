"""People in a 1024 x 700 window, with the usual font and one 1.5x larger: the table shows the
kind and the stage without sideways scrolling, its divider is dragged and remembered, and the
editor beside it shows more than two or three fields.

The renders are saved as PNG files (in the test's folder, or in CHATPLANNER_RENDER_DIR).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QScrollArea, QTableView, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people.table_model import HEADERS
from chatplanner.ui.views.people import PeoplePage

from ..journey.ui_finders import by_accessible_name
from .test_layout_at_1024 import SMALLEST, click_page, demo, font_scale, open_window, settle
from .test_layout_in_use import save_render

__all__ = ["demo", "font_scale"]  # fixtures


def _shown_columns(table: QTableView) -> list[str]:
    header = table.horizontalHeader()
    return [
        HEADERS[header.logicalIndex(visual)]
        for visual in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]


def test_the_table_shows_kind_and_stage_without_scrolling_sideways(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """Only Name, Company and Title were in view; Kind and Stage needed a sideways scroll."""
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    table = by_accessible_name(main.page("people"), "People", QTableView)
    save_render(main, f"people-columns-1024-{font_scale:g}", tmp_path)

    shown = _shown_columns(table)
    for needed in ("Name", "Kind", "Stage"):
        assert needed in shown, shown
    if font_scale == 1.0:
        assert "Company" in shown, shown
    assert table.horizontalScrollBar().maximum() == 0, "the table scrolls sideways"
    header = table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()) if not table.isColumnHidden(c))
    assert total <= table.viewport().width()
    metrics = table.fontMetrics()
    model = table.model()
    for column in (HEADERS.index("Kind"), HEADERS.index("Stage")):
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data())
            assert metrics.horizontalAdvance(text) + 20 <= header.sectionSize(column), text
    # A wide window shows every column again.
    main.resize(2560, 1440)
    settle(qtbot)
    assert _shown_columns(table) == list(HEADERS)
    assert table.horizontalScrollBar().maximum() == 0
    # The room a wide window adds goes to the list; the editor keeps the width its fields use.
    page = main.page("people")
    assert isinstance(page, PeoplePage)
    assert page.detail_stack.width() <= page.splitter.width() // 2


def _editor_fields_in_view(main: MainWindow) -> int:
    from chatplanner.ui.people.detail_panel import ContactDetailPanel

    panel = main.page("people").findChild(ContactDetailPanel)
    assert panel is not None
    area = next(a for a in panel.findChildren(QScrollArea) if a.isVisible())
    viewport = area.viewport()
    whole = 0
    form = area.widget()
    assert form is not None
    for field in form.findChildren(QLineEdit):
        if not field.isVisible():
            continue
        top = field.mapTo(viewport, QPoint(0, 0)).y()
        if top >= 0 and top + field.height() <= viewport.height():
            whole += 1
    return whole


def test_the_editor_shows_several_fields_at_once(
    qtbot: QtBot, demo: Workspace, tmp_path: Path
) -> None:
    """The editor showed two or three fields at a time below the filters' rows."""
    main = open_window(qtbot, demo, 1.0, SMALLEST)
    click_page(qtbot, main, "People")
    page = main.page("people")
    assert isinstance(page, PeoplePage)
    save_render(main, "people-editor-1024", tmp_path)
    assert _editor_fields_in_view(main) >= 5
    # The editor starts level with the search box, beside the filters.
    search = page.filters.search
    editor_top = page.detail_stack.mapTo(page, QPoint(0, 0)).y()
    assert editor_top <= search.mapTo(page, QPoint(0, 0)).y() + 2
    # Beside the editor the selection bar still has every action on it, some as icons.
    bar = page.selection_bar
    assert not bar.in_more_menu()
    assert not bar.more_button.isVisible()


def _drag(qtbot: QtBot, handle: QWidget, by: int) -> None:
    from PySide6.QtTest import QTest

    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(handle, start + QPoint(by * step // 5, 0))
    QTest.mouseRelease(
        handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(by, 0)
    )
    settle(qtbot)


def test_the_divider_is_dragged_and_remembered(
    qtbot: QtBot, tmp_path: Path, font_scale: float
) -> None:
    """The divider between the table and the editor could not be dragged; now it can, both
    ways, with a grab area wider than its line, and the window opens again with it there."""
    profile = tmp_path / "profile"
    with Workspace.open(profile) as workspace:
        workspace.seed_demo()
        main = open_window(qtbot, workspace, font_scale, SMALLEST)
        click_page(qtbot, main, "People")
        page = main.page("people")
        assert isinstance(page, PeoplePage)
        splitter = page.splitter
        handle = splitter.handle(1)
        assert handle.isVisible()
        assert handle.width() >= 5, "a 1 px divider is hard to find with the pointer"
        before = splitter.sizes()
        _drag(qtbot, handle, -90)
        narrower = splitter.sizes()
        assert narrower[0] <= before[0] - 60, (before, narrower)
        _drag(qtbot, handle, 40)
        dragged = splitter.sizes()
        assert dragged[0] >= narrower[0] + 25, (narrower, dragged)
        main.close()
        settle(qtbot)

    with Workspace.open(profile) as workspace:
        again = open_window(qtbot, workspace, font_scale, SMALLEST)
        click_page(qtbot, again, "People")
        reopened = again.page("people")
        assert isinstance(reopened, PeoplePage)
        assert abs(reopened.splitter.sizes()[0] - dragged[0]) <= 2
        again.close()
