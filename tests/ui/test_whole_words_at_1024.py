"""Words cut in combo boxes, their lists and other lists at 1024 x 700 (with the usual font and
one 1.5x larger): each box shows its whole choice, each open list its whole entries, the Groups
dialog's list its whole lines, and a line edit without the focus the start of its text.

The renders are saved as PNG files (in the test's folder, or in CHATPLANNER_RENDER_DIR).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.people import PeoplePage

from ..journey.ui_finders import by_accessible_name
from .test_layout_at_1024 import SMALLEST, click_page, demo, font_scale, open_window, settle
from .test_layout_in_use import save_render

__all__ = ["demo", "font_scale"]  # fixtures

GROUPS = ("Newcomer Engineers Network", "PMI Toronto Chapter")


def _text_room(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def _choose_with_keys(qtbot: QtBot, combo: QComboBox, text: str) -> dict[str, int]:
    """Click the box, look at its open list, go to `text` with the arrow keys and take it."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    metrics = view.fontMetrics()
    seen = {
        "list": view.viewport().width(),
        "widest": max(metrics.horizontalAdvance(combo.itemText(r)) for r in range(combo.count())),
    }
    index = combo.findText(text)
    assert index >= 0, text
    steps = index - combo.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(view, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    combo.window().activateWindow()
    settle(qtbot)
    return seen


def _shows_whole(combo: QComboBox) -> bool:
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= _text_room(combo)


def test_the_group_filter_and_its_list_show_whole_names(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """The group filter read "PMI Toront" and its list "Newcom…etwork", "PMI Tor…Chapter"."""
    for name in GROUPS:
        demo.people.groups.create(name)
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    combo = by_accessible_name(main.page("people"), "Show the members of one group", QComboBox)
    seen = _choose_with_keys(qtbot, combo, "PMI Toronto Chapter")
    save_render(main, f"people-group-filter-1024-{font_scale:g}", tmp_path)

    assert seen["list"] >= seen["widest"] + 16, seen
    assert combo.currentText() == "PMI Toronto Chapter"
    assert _shows_whole(combo), (combo.width(), _text_room(combo))
    holder = combo.parentWidget()
    assert holder is not None
    assert combo.geometry().right() <= holder.width()


def test_the_editors_you_want_box_shows_its_whole_choice(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """The editor's "You want" box read "Professional developme" (the editor at its narrowest,
    the divider dragged all the way towards it)."""
    from .test_people_at_1024 import _drag

    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    page = main.page("people")
    assert isinstance(page, PeoplePage)
    _drag(qtbot, page.splitter.handle(1), 600)
    assert page.detail_stack.width() <= page.detail_stack.minimumSizeHint().width() + 2
    combo = page.detail.goal
    seen = _choose_with_keys(qtbot, combo, "Professional development")
    save_render(main, f"people-you-want-1024-{font_scale:g}", tmp_path)

    assert seen["list"] >= seen["widest"] + 16, seen
    for box in (page.detail.goal, page.detail.kind, page.detail.activity):
        for row in range(box.count()):  # whichever choice is made, it reads whole
            need = box.fontMetrics().horizontalAdvance(box.itemText(row))
            assert need <= _text_room(box), (box.accessibleName(), box.itemText(row))


def _open_groups_dialog(qtbot: QtBot, page: QWidget, look: object) -> None:
    def inspect() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowTitle() == "Groups"
        )
        look(dialog)  # type: ignore[operator]
        dialog.close()

    QTimer.singleShot(300, inspect)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Groups")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_groups_dialog_shows_each_group_on_a_whole_line(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """The Groups dialog's list read "Newcomer Engineers Network · 0 pe", a scroll bar under it."""
    for name in GROUPS:
        demo.people.groups.create(name)
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        dialog.grab().save(str(tmp_path / f"groups-{font_scale:g}.png"))
        view = by_accessible_name(dialog, "Groups", QListView)
        seen["sideways"] = view.horizontalScrollBar().maximum()
        model = view.model()
        cut = []
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            text = str(index.data())
            if view.fontMetrics().horizontalAdvance(text) > view.viewport().width() - 8:
                cut.append(text)
        seen["cut"] = cut
        seen["right"] = view.geometry().right() <= dialog.width()

    _open_groups_dialog(qtbot, main.page("people"), look)
    assert seen == {"sideways": 0, "cut": [], "right": True}


def test_a_line_edit_without_the_focus_shows_the_start_of_its_text(
    qtbot: QtBot, demo: Workspace, tmp_path: Path
) -> None:
    """Preferences' "What you are working towards" read "n site engineering…"."""
    goal = (
        "Move from site engineering into project management on large transit projects, "
        "leading a team within two years"
    )
    preferences = demo.settings.preferences()
    from dataclasses import replace

    demo.settings.save_preferences(replace(preferences, goal=goal))
    main = open_window(qtbot, demo, 1.0, SMALLEST)
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowTitle().startswith("Preferences")
        )
        edit = next(e for e in dialog.findChildren(QLineEdit) if e.text() == goal)
        seen["long enough to scroll"] = edit.fontMetrics().horizontalAdvance(goal) > edit.width()
        seen["focused"] = edit.hasFocus()
        seen["at open"] = edit.cursorPosition()
        # Into it and out again with the keyboard: it shows its start again.
        dialog.activateWindow()
        edit.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClick(edit, Qt.Key.Key_End)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        qtbot.wait(20)
        seen["after leaving"] = edit.cursorPosition()
        dialog.close()

    QTimer.singleShot(300, look)
    qtbot.keyClick(main, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "after leaving" in seen, timeout=5000)
    assert seen == {
        "long enough to scroll": True,
        "focused": False,
        "at open": 0,
        "after leaving": 0,
    }


def test_the_venues_table_shows_whole_names(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """The Venues table read "Annex Roa…" beside columns with room to spare: Visits leaves a
    narrow table before a name is cut."""
    from PySide6.QtWidgets import QTableView

    from chatplanner.ui.venues.table_model import NAME

    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "Venues")
    table = by_accessible_name(main.page("venues"), "Your venues", QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=5000)
    settle(qtbot)
    save_render(main, f"venues-names-1024-{font_scale:g}", tmp_path)

    assert table.horizontalScrollBar().maximum() == 0
    assert table.columnWidth(NAME) >= table.sizeHintForColumn(NAME), "a name is cut"
    model = table.model()
    assert model.rowCount() == len(demo.planning.venues.list_venues())
