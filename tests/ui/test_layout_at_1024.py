"""What people found using the app at 1024 x 700, with the usual font and one 1.5x larger: each
page they use, driven by the mouse and the keyboard, shows every word whole and keeps still.

The renders are saved as PNG files (in the test's folder, or in CHATPLANNER_RENDER_DIR).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MINIMUM_HEIGHT, MINIMUM_WIDTH, MainWindow
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.people import PeoplePage

from ..journey.ui_finders import dress, tab
from .layout_audit import layout_problems
from .test_layout_in_use import save_render

SMALLEST = QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)
FONTS = {"font": 1.0, "large-font": 1.5}


@pytest.fixture(params=list(FONTS), ids=list(FONTS))
def font_scale(request: pytest.FixtureRequest) -> float:
    return FONTS[request.param]


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        opened.seed_demo()
        yield opened


def open_window(qtbot: QtBot, workspace: Workspace, font_scale: float, size: QSize) -> MainWindow:
    main = MainWindow(workspace)
    dress(main, font_scale)
    qtbot.addWidget(main)
    main.resize(size)
    main.show()
    qtbot.waitExposed(main)
    settle(qtbot)
    return main


def settle(qtbot: QtBot) -> None:
    qtbot.wait(30)
    QApplication.processEvents()


def click_page(qtbot: QtBot, main: MainWindow, label: str) -> None:
    navigation = main.navigation
    item = navigation.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=navigation.visualItemRect(item).center(),
    )
    settle(qtbot)


def test_a_chats_six_tabs_and_its_brief_fit_a_1024_window(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """A 1.5x font needed some 700 px for the tabs and had 460 ("B‹›"); with the usual font
    the tabs scrolled for some fonts and the brief's text beside the map was 200 px wide."""
    from chatplanner.ui.brief.tab import BriefTab

    in_person = next(m for m in demo.chats.meetings.list_meetings() if m.venue_name)
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "Meetings")
    page = main.page("meetings")
    assert isinstance(page, MeetingsPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    page.show_meeting(in_person.id)
    settle(qtbot)
    bar, index = tab(page, "Brief")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    settle(qtbot)
    save_render(main, f"brief-1024-{font_scale:g}", tmp_path)

    assert bar.count() == 6
    for each in range(bar.count()):  # every tab in view with its whole word, no scroll arrows
        need = bar.fontMetrics().horizontalAdvance(bar.tabText(each))
        assert bar.tabRect(each).right() <= bar.width(), bar.tabText(each)
        assert bar.tabRect(each).width() >= need, bar.tabText(each)
    tabs_row = bar.parentWidget()
    assert tabs_row is not None
    assert not layout_problems(tabs_row)
    brief = next(t for t in page.findChildren(BriefTab) if t.isVisible())
    assert brief.map is not None
    assert brief.map.isVisible()
    readable = 40 * brief.text.fontMetrics().averageCharWidth()
    assert brief.text.viewport().width() >= readable, "the brief reads as a narrow column"
    # The pages' names stay readable where the navigation gives the room up for its icons.
    navigation = main.findChild(QListWidget, "navigation")
    assert navigation is not None
    for row in range(navigation.count()):
        item = navigation.item(row)
        assert item.text()
        assert item.text() in item.toolTip()


def test_a_wide_window_names_its_pages_beside_their_icons(qtbot: QtBot, demo: Workspace) -> None:
    main = open_window(qtbot, demo, 1.0, QSize(1280, 800))
    sidebar = main.sidebar
    assert not sidebar.compact
    assert sidebar.width() >= 200
    main.resize(SMALLEST)
    settle(qtbot)
    assert sidebar.compact
    assert sidebar.width() <= 72
    main.resize(QSize(1280, 800))
    settle(qtbot)
    assert not sidebar.compact


LONG_GROUP = "Project Management Institute – Southern Ontario Chapter Volunteers"


def test_the_person_editors_groups_show_whole_names(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """ "PEng Ontario – Toronto Chapt" was cut at the Groups box's edge, a scroll bar under it."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea, QStyle

    from chatplanner.ui.people.detail_panel import ContactDetailPanel

    demo.people.groups.create(LONG_GROUP)
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    panel = main.page("people").findChild(ContactDetailPanel)
    assert panel is not None
    assert panel.contact_id is not None, "the editor shows someone"
    groups = panel.groups
    area = groups.parentWidget()
    for _ in range(2):
        assert area is not None
        area = area.parentWidget()
    assert isinstance(area, QScrollArea)
    area.ensureWidgetVisible(groups)
    settle(qtbot)
    save_render(main, f"people-groups-1024-{font_scale:g}", tmp_path)

    assert groups.horizontalScrollBar().maximum() == 0, "the box scrolls sideways"
    names = [groups.item(row).text() for row in range(groups.count())]
    assert LONG_GROUP in names
    box = groups.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 12
    metrics = groups.fontMetrics()
    for row in range(groups.count()):
        item = groups.item(row)
        rect = groups.visualItemRect(item)
        assert rect.right() <= groups.viewport().width(), item.text()
        room = QRect(0, 0, rect.width() - box, 10_000)
        lines = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), item.text())
        assert rect.height() >= lines.height(), f"{item.text()!r} is cut"
        assert item.text() in item.toolTip()


def _select_rows(qtbot: QtBot, table: object, rows: range) -> None:
    from PySide6.QtWidgets import QTableView

    assert isinstance(table, QTableView)
    for row in rows:
        where = table.visualRect(table.model().index(row, 0)).center()
        modifier = (
            Qt.KeyboardModifier.ControlModifier
            if row != rows[0]
            else Qt.KeyboardModifier.NoModifier
        )
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, where)
    settle(qtbot)


def test_the_people_selection_bar_keeps_every_action_on_one_row(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """At 1024 x 700 Delete sat on a second row: the actions that do not fit go into More."""
    from PySide6.QtWidgets import QPushButton, QTableView

    from ..journey.ui_finders import by_accessible_name

    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    page = main.page("people")
    assert isinstance(page, PeoplePage)
    table = by_accessible_name(page, "People", QTableView)
    _select_rows(qtbot, table, range(3))
    bar = page.selection_bar
    save_render(main, f"people-selection-1024-{font_scale:g}", tmp_path)

    assert bar.label.text() == "3 selected"
    on_screen = [b for b in bar.findChildren(QPushButton) if b.isVisible()]
    assert bar.delete_button in on_screen
    tallest = max(b.height() for b in on_screen)
    assert bar.height() <= tallest + 4, "the bar takes a second row"
    middle = bar.delete_button.geometry().center().y()
    for button in on_screen:
        assert abs(button.geometry().center().y() - middle) <= 2, button.text()
        assert button.geometry().right() <= bar.width(), button.text()
        assert button.isEnabled(), button.text()
    assert not layout_problems(bar)
    bar.more_menu.aboutToShow.emit()  # what a click on More lists
    in_menu = [a.text() for a in bar.more_menu.actions()]
    # A button showing only its icon has its words in its accessible name and tooltip.
    on_bar = [b.accessibleName() for b in on_screen if b is not bar.more_button]
    for button in on_screen:
        if not button.text() and button is not bar.more_button:
            assert button.accessibleName() in button.toolTip()
    assert sorted(in_menu + on_bar) == sorted(bar.words(b) for b in bar.buttons())
    assert bar.more_button.isVisible() == bool(in_menu)
    for action in bar.more_menu.actions():
        assert action.isEnabled()
        if action.text() in ("Set kind", "Set goal", "Add to group"):
            assert action.menu() is not None, action.text()
    if "Archive" in in_menu:  # the menu's Archive archives the three, as the button did
        before = len(demo.people.contacts.list_summaries())
        next(a for a in bar.more_menu.actions() if a.text() == "Archive").trigger()
        settle(qtbot)
        assert len(demo.people.contacts.list_summaries()) == before - 3


def test_the_venues_you_know_column_shortens_every_row_by_one_rule(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """ "Commute, p…" (cut by the view) stood beside "Commute +2" (shortened by the delegate):
    the delegate measured the cell without the style sheet's padding."""
    import re
    from dataclasses import replace

    from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

    from chatplanner.ui.venues.table_model import KNOWN

    from ..journey.ui_finders import by_accessible_name

    for venue in demo.planning.venues.list_venues():  # every list the column can hold
        draft = venue.draft()
        knows = (venue.id % 3 == 0, venue.id % 2 == 0, True)
        demo.planning.venues.update(
            venue.id,
            replace(draft, knows_commute=knows[0], knows_parking=knows[1], knows_menu=knows[2]),
        )
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "Venues")
    table = by_accessible_name(main.page("venues"), "Your venues", QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=5000)
    settle(qtbot)
    save_render(main, f"venues-known-1024-{font_scale:g}", tmp_path)
    model = table.model()
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    title = table.horizontalHeader().sectionSizeFromContents(KNOWN).width()
    # As fitted, and narrower, down to its title's width (the least the table gives it).
    for width in (table.columnWidth(KNOWN), *range(title, 220, 10)):
        table.setColumnWidth(KNOWN, width)
        for row in range(model.rowCount()):
            index = model.index(row, KNOWN)
            whole = str(index.data(Qt.ItemDataRole.DisplayRole))
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            option.rect = table.visualRect(index)
            delegate = table.itemDelegateForIndex(index)
            assert isinstance(delegate, QStyledItemDelegate)
            delegate.initStyleOption(option, index)
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
            room = text_rect.width() - 2 * margin
            drawn = option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, room)
            assert "…" not in drawn, f"{whole!r} reads {drawn!r} at {width} px"
            if drawn != whole:
                assert re.fullmatch(r"(\w+(, \w+)* \+\d|\d things)", drawn), drawn
            assert whole in str(index.data(Qt.ItemDataRole.ToolTipRole))


@pytest.mark.parametrize("size", [SMALLEST, QSize(1100, 740), QSize(1200, 780)], ids=str)
def test_typing_in_peoples_search_moves_nothing(
    qtbot: QtBot, demo: Workspace, font_scale: float, size: QSize, tmp_path: Path
) -> None:
    """Typing widened the search box and moved the table down a row (the Clear button that
    shows up with a search pushed the filters under the box)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QTableView

    from ..journey.ui_finders import by_accessible_name

    def where(widget: QWidget) -> QRect:
        return QRect(widget.mapTo(main, QPoint(0, 0)), widget.size())

    main = open_window(qtbot, demo, font_scale, size)
    click_page(qtbot, main, "People")
    page = main.page("people")
    assert isinstance(page, PeoplePage)
    search = by_accessible_name(page, "Search people", QLineEdit)
    table = by_accessible_name(page, "People", QTableView)
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    settle(qtbot)
    before = (where(search), where(table))
    for typed in ("a", "n", "a"):  # each key, as a person types
        QTest.keyClicks(search, typed)
        settle(qtbot)
        assert (where(search), where(table)) == before, f"moved after {search.text()!r}"
    save_render(main, f"people-search-{size.width()}-{font_scale:g}", tmp_path)
    assert search.text() == "ana"
    assert page.filters.clear_button.isVisible()
    QTest.keyClick(search, Qt.Key.Key_Backspace)
    settle(qtbot)
    assert (where(search), where(table)) == before


def test_the_person_editors_stage_box_shows_every_stage_whole(
    qtbot: QtBot, demo: Workspace, font_scale: float, tmp_path: Path
) -> None:
    """The Stage box read "No reply, moved or" (and "Messag" with a large font)."""
    from PySide6.QtTest import QTest

    from chatplanner.domain.enums import Stage
    from chatplanner.ui.people.detail_panel import ContactDetailPanel

    from .test_layout_in_use import _combo_shows_whole_text

    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "People")
    panel = main.page("people").findChild(ContactDetailPanel)
    assert panel is not None
    contact_id = panel.contact_id
    assert contact_id is not None
    combo = panel.stage_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_End)  # the last stage: "No reply, moved on"
    settle(qtbot)
    save_render(main, f"people-stage-1024-{font_scale:g}", tmp_path)
    assert combo.currentText() == Stage.MOVED_ON.label
    assert demo.people.contacts.get(contact_id).stage is Stage.MOVED_ON
    assert _combo_shows_whole_text(combo), combo.currentText()
    assert combo.visibleRegion().boundingRect() == combo.rect(), "the box is cut"
    assert not layout_problems(panel)
    for index in range(combo.count()):  # every stage, as it would read once chosen
        combo.setCurrentIndex(index)
        assert _combo_shows_whole_text(combo), combo.currentText()


# A desktop without a theme of its own (a bare X server) asks for icons on a dialog's
# standard buttons: Qt's own, a floppy disk on Save and a red cross on Cancel. The test runs the
# app as it starts (its theme applied to the whole application) on such a desktop, in a process
# of its own: a style set on the application would restyle every other test's widgets.
BARE_DESKTOP_RUN = """
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QProxyStyle, QStyle
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.theme import Theme, apply_theme, new_application
from tests.ui.dialog_catalogue import dialogs

class BareDesktop(QProxyStyle):
    def styleHint(self, hint, *args):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, *args)

app = new_application(sys.argv[:1])
app.setStyle(BareDesktop("Fusion"))
apply_theme(app, Theme.LIGHT)
workspace = Workspace.open(Path(tempfile.mkdtemp()) / "profile")
workspace.seed_demo()
window = MainWindow(workspace)
window.resize(QSize(1024, 700))
window.show()
window.show_page("venues")
QApplication.processEvents()

def icons(dialog):
    return [
        b.text() for box in dialog.findChildren(QDialogButtonBox)
        for b in box.buttons() if not b.icon().isNull()
    ]

found = {}
def look():
    editor = QApplication.activeModalWidget()
    if editor is None:
        QTimer.singleShot(30, look)
        return
    found["add-venue"] = icons(editor)
    editor.grab().save(sys.argv[1])
    cancel = next(b for b in editor.findChildren(QPushButton) if b.text() == "Cancel")
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)

add = next(
    b for b in window.page("venues").findChildren(QPushButton)
    if b.isVisible() and b.text() == "Add Venue"
)
QTimer.singleShot(30, look)
QTest.mouseClick(add, Qt.MouseButton.LeftButton)
for name, build in dialogs(workspace, window).items():
    dialog = build()
    found[name] = icons(dialog)
    dialog.deleteLater()
print(json.dumps(found))
sys.stdout.flush()
"""


def test_dialog_buttons_read_as_words_on_a_desktop_that_gives_them_icons(
    tmp_path: Path,
) -> None:
    """Add Venue's Save and Cancel had Qt's own icons, off the app's look: the app's own
    dialogs (Plan a chat, the composer, the first-run sheet) have words alone, and so does
    every dialog's Save, OK and Cancel."""
    import json
    import os
    import subprocess
    import sys

    render = tmp_path / "add-venue.png"
    chosen = os.environ.get("CHATPLANNER_RENDER_DIR")
    if chosen:
        render = Path(chosen) / "add-venue-bare-desktop.png"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", BARE_DESKTOP_RUN, str(render)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert "add-venue" in found, "Add Venue opened no dialog"
    assert found["add-venue"] == [], f"icons on {found['add-venue']}"
    with_icons = {name: texts for name, texts in found.items() if texts}
    assert not with_icons, with_icons


def test_a_chats_tabs_stay_whole_at_every_width(
    qtbot: QtBot, demo: Workspace, font_scale: float
) -> None:
    """Where the navigation turns from a rail into a column, the chat's tabs still fit."""
    main = open_window(qtbot, demo, font_scale, SMALLEST)
    click_page(qtbot, main, "Meetings")
    page = main.page("meetings")
    assert isinstance(page, MeetingsPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    bar, _index = tab(page, "Brief")
    for width in range(MINIMUM_WIDTH, 2000, 40):
        main.resize(QSize(width, MINIMUM_HEIGHT))
        settle(qtbot)
        last = bar.tabRect(bar.count() - 1)
        assert last.right() <= bar.width(), f"the tabs scroll at {width} px"
