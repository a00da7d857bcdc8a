"""Pages after a user has done something on them, at the default and the smallest window: never
wider than the window, no sideways scroll bar, and every named widget showing its whole text.

The renders are saved as PNG files (in the test's folder, or in CHATPLANNER_RENDER_DIR).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MINIMUM_HEIGHT, MINIMUM_WIDTH, MainWindow
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.today import TodayPage

from ..journey.ui_finders import by_accessible_name, dress, tab, visible, wheel
from .layout_audit import layout_problems

SIZES = {"default": QSize(1200, 780), "smallest": QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)}


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    chosen: str = request.param
    return chosen


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        opened.seed_demo()
        yield opened


@pytest.fixture
def window(qtbot: QtBot, demo: Workspace, size: str) -> MainWindow:
    main = MainWindow(demo)
    dress(main)
    qtbot.addWidget(main)
    main.resize(SIZES[size])
    main.show()
    qtbot.waitExposed(main)
    return main


def settle(qtbot: QtBot) -> None:
    qtbot.wait(30)
    QApplication.processEvents()


def open_page(qtbot: QtBot, window: MainWindow, key: str) -> QWidget:
    """Page `key` chosen in the window, once it has settled."""
    window.show_page(key)
    settle(qtbot)
    return window.page(key)


def open_meetings(qtbot: QtBot, window: MainWindow) -> MeetingsPage:
    """The Meetings page, once its list is read."""
    page = open_page(qtbot, window, "meetings")
    assert isinstance(page, MeetingsPage)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    return page


def assert_headings_whole(table: QTableView) -> None:
    """Every column's heading fits its section, with room to spare for the margins."""
    header = table.horizontalHeader()
    model = table.model()
    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        need = header.fontMetrics().horizontalAdvance(title) + 12
        assert header.sectionSize(column) >= need, f"{title!r} is cut"


def widest_section(table: QTableView) -> int:
    header = table.horizontalHeader()
    return max(header.sectionSize(c) for c in range(header.count()))


def save_render(widget: QWidget, name: str, tmp_path: Path) -> None:
    chosen = os.environ.get("CHATPLANNER_RENDER_DIR")
    directory = Path(chosen) if chosen else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(directory / f"{name}.png"))


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def content_of(area: QScrollArea) -> QWidget:
    """The widget a scroll area scrolls."""
    content = area.widget()
    assert content is not None
    return content


def ancestor_of(widget: QWidget, levels: int) -> QWidget:
    """The parent of `widget`, or its parent's parent, `levels` up."""
    for _ in range(levels):
        parent = widget.parentWidget()
        assert parent is not None
        widget = parent
    return widget


def sideways_scrolling(root: QWidget) -> list[str]:
    """Every scroll area (not a table or list) inside `root` that scrolls sideways."""
    return [
        f"{area.objectName() or type(area.widget()).__name__} scrolls sideways by "
        f"{area.horizontalScrollBar().maximum()} px"
        for area in root.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0
    ]


def cut_buttons(area: QScrollArea) -> list[str]:
    """Buttons in a scroll area's content narrower than their text, or past its right edge."""
    viewport = area.viewport()
    found = []
    for shown in area.findChildren(QAbstractButton):
        if not shown.isVisible() or not shown.text():
            continue
        where = rect_in(shown, viewport)
        if shown.width() + 2 < shown.sizeHint().width():
            found.append(f"{shown.text()!r} is {shown.width()} px of {shown.sizeHint().width()}")
        elif where.right() > viewport.width():
            found.append(f"{shown.text()!r} runs past the right edge ({where.right()} px)")
    return found


def test_today_after_moving_on_fits_the_window(
    qtbot: QtBot, window: MainWindow, size: str, tmp_path: Path
) -> None:
    page = open_page(qtbot, window, "today")
    assert isinstance(page, TodayPage)
    move_on = next(
        b for b in visible(page.findChildren(QAbstractButton)) if b.text() == "Mark as moved on"
    )
    qtbot.mouseClick(move_on, Qt.MouseButton.LeftButton)
    settle(qtbot)
    save_render(window, f"today-moved-on-{size}", tmp_path)

    assert page.moved_on, "the Who to reach next panel is shown"
    assert page.width() <= window.width()
    assert not sideways_scrolling(page), sideways_scrolling(page)
    area = page.scroll_area
    assert content_of(area).width() <= area.viewport().width()
    problems = cut_buttons(area)
    assert not problems, "\n".join(problems)
    writes = [b for b in area.findChildren(QAbstractButton) if b.text() == "Write first message"]
    assert writes
    assert all(b.isVisible() for b in writes)


def test_a_long_name_is_cut_short_with_the_whole_name_in_its_tooltip(qtbot: QtBot) -> None:
    from chatplanner.ui.widgets.elided_label import ElidedLabel

    name = "Maximiliane Alexandra von Hohenberg-Schwarzenfels"
    label = ElidedLabel(name, href="contact:1", tooltip=lambda whole, _cut: f"Open {whole}")
    qtbot.addWidget(label)
    label.show()
    assert label.minimumSizeHint().width() < label.sizeHint().width() // 3
    label.resize(120, label.sizeHint().height())
    assert label.is_elided()
    assert "…" in label.text()
    assert f"Open {name}" in label.toolTip()
    assert label.accessibleName() == name
    label.resize(label.sizeHint())
    assert not label.is_elided()


def test_venue_names_keep_their_room_and_the_other_columns_give_way(
    qtbot: QtBot, window: MainWindow, size: str, tmp_path: Path
) -> None:
    table = by_accessible_name(open_page(qtbot, window, "venues"), "Your venues", QTableView)
    save_render(window, f"venues-{size}", tmp_path)
    header = table.horizontalHeader()
    model = table.model()
    assert table.horizontalScrollBar().maximum() == 0
    assert_headings_whole(table)  # every title whole ("Iame" was "Name")
    name_width = header.sectionSize(0)
    assert name_width == widest_section(table)
    for row in range(model.rowCount()):  # the demo's names, "Morning Crane Coffee" and all
        name = str(model.index(row, 0).data())
        if len(name) <= 20:
            assert table.sizeHintForIndex(model.index(row, 0)).width() <= name_width, name


def _text_left(edit: QLineEdit, ancestor: QWidget) -> int:
    """Where the first letter of a line edit is drawn, in `ancestor`'s coordinates."""
    edit.setCursorPosition(0)
    return edit.mapTo(ancestor, edit.cursorRect().topLeft()).x()


def _combo_shows_whole_text(combo: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())


def test_the_person_editor_fits_its_panel_and_lines_up_its_fields(
    qtbot: QtBot, window: MainWindow, size: str, tmp_path: Path
) -> None:
    from chatplanner.ui.people.detail_panel import ContactDetailPanel

    page = open_page(qtbot, window, "people")
    panel = page.findChild(ContactDetailPanel)
    assert panel is not None
    assert panel.contact_id is not None, "the editor shows someone"
    save_render(window, f"people-{size}", tmp_path)
    form_area = ancestor_of(panel.linkedin, 3)
    assert isinstance(form_area, QScrollArea)
    viewport = form_area.viewport()
    fields = [
        w
        for w in content_of(form_area).findChildren(QWidget)
        if isinstance(w, (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QListWidget))
        and w.parentWidget() is form_area.widget()
    ]
    assert len(fields) >= 15
    for shown in fields:  # right borders in view, not under the scroll bar
        assert rect_in(shown, viewport).right() < viewport.width(), shown.accessibleName()
    # "Not set" and "Default for their kind" start where the other fields' text starts.
    first = _text_left(panel.first_name, panel)
    for box in (panel.years_in_role, panel.cadence):
        assert box.lineEdit() is not None
        assert abs(_text_left(box.lineEdit(), panel) - first) <= 2, box.text()
    filters = [
        c for c in visible(page.findChildren(QComboBox)) if c.currentText().startswith("All")
    ]
    assert len(filters) >= 3
    for combo in filters:  # "All group‹"
        assert _combo_shows_whole_text(combo), combo.currentText()


def test_the_meetings_list_shows_whole_names_and_days(
    qtbot: QtBot, window: MainWindow, size: str, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QListView, QStyleOptionViewItem, QTabWidget

    from chatplanner.ui.meetings.list_delegate import MeetingListDelegate
    from chatplanner.ui.meetings.list_model import SUMMARY_ROLE

    page = open_meetings(qtbot, window)
    save_render(window, f"meetings-{size}", tmp_path)
    listing = by_accessible_name(page, "Meetings", QListView)
    delegate = listing.itemDelegate()
    assert isinstance(delegate, MeetingListDelegate)
    model = listing.model()
    checked = 0
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(SUMMARY_ROLE) is None:
            continue
        option = QStyleOptionViewItem()
        listing.initViewItemOption(option)
        option.rect = listing.visualRect(index)
        texts = delegate.texts(option, index)
        name, when = texts[0], texts[1]
        assert name.shown == name.whole, f"{name.whole!r} reads {name.shown!r}"
        assert "…" not in when.shown, f"{when.whole!r} reads {when.shown!r}"
        assert name.whole in str(index.data(Qt.ItemDataRole.ToolTipRole))
        checked += 1
    assert checked >= 10
    tabs = next(t for t in page.findChildren(QTabWidget) if t.isVisible())
    bar = tabs.tabBar()
    assert bar.tabRect(bar.count() - 1).right() <= bar.width(), "the six tabs are all in view"


def test_a_chats_notes_fit_beside_the_list_and_follow_ups_wrap(
    qtbot: QtBot, window: MainWindow, demo: Workspace, size: str, tmp_path: Path
) -> None:
    from PySide6.QtCore import QRect as Rect

    from chatplanner.ui.meetings.notes_tab import NotesTab

    with_follow_ups = next(
        m.id
        for m in demo.chats.meetings.list_meetings()
        if len(demo.chats.meetings.meeting(m.id).follow_ups) >= 3
    )
    page = open_meetings(qtbot, window)
    page.show_meeting(with_follow_ups)
    settle(qtbot)
    bar, index = tab(page, "Notes")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    settle(qtbot)
    notes = next(n for n in page.findChildren(NotesTab) if n.isVisible())
    table = by_accessible_name(notes, "Follow-ups", QTableView)
    notes.ensureWidgetVisible(table, 0, 120)
    settle(qtbot)
    save_render(window, f"notes-{size}", tmp_path)

    assert notes.horizontalScrollBar().maximum() == 0, "the notes scroll sideways"
    viewport = notes.viewport()
    for box in content_of(notes).findChildren(QPlainTextEdit):
        assert rect_in(box, viewport).right() < viewport.width(), box.accessibleName()
    header = table.horizontalHeader()
    model = table.model()
    assert_headings_whole(table)  # "Done" was cut
    assert rect_in(table, viewport).right() < viewport.width()
    what = next(
        c for c in range(header.count()) if model.headerData(c, Qt.Orientation.Horizontal) == "What"
    )
    assert header.sectionSize(what) == widest_section(table)
    for row in range(model.rowCount()):  # every promise read whole, on as many lines as it needs
        text = str(model.index(row, what).data())
        room = Rect(0, 0, header.sectionSize(what) - 28, 100_000)
        lines = table.fontMetrics().boundingRect(room, int(Qt.TextFlag.TextWordWrap), text)
        assert table.rowHeight(row) >= lines.height(), text
    assert table.height() >= header.height() + sum(
        table.rowHeight(r) for r in range(model.rowCount())
    )


def test_the_import_preview_gives_names_and_companies_their_room(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog
    from chatplanner.ui.imports.preview_model import ImportPreviewModel

    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Zoë,Müller-Lüdenscheidt,,zoe@example.org,Royal Bank of Canada,Manager,12 Jan 2026\n"
        "Olúwadámilọ́lá,Adébáyọ̀,,olu@example.org,Lakeshore Health Network,PM,12 Jan 2026\n"
        "Siobhán,O'Neill,,,Federal Infrastructure Agency,Engineer,12 Jan 2026\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(export), ""))
    )
    with Workspace.open(tmp_path / "profile") as workspace:
        dialog = ImportContactsDialog(workspace, "")
        dress(dialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.mouseClick(dialog.choose_page.browse_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
        settle(qtbot)
        save_render(dialog, "import-preview", tmp_path)
        table = dialog.preview_page.table
        model = table.model()
        assert dialog.width() <= MINIMUM_WIDTH
        assert table.isColumnHidden(ImportPreviewModel.CHOICE), "no choice to make: no column"
        metrics = table.fontMetrics()
        for column in (ImportPreviewModel.NAME, ImportPreviewModel.COMPANY):
            for row in range(model.rowCount()):
                text = str(model.index(row, column).data())
                assert metrics.horizontalAdvance(text) + 20 <= table.columnWidth(column), text
        shown = sum(table.columnWidth(c) for c in range(6) if not table.isColumnHidden(c))
        assert shown <= table.viewport().width() + 1
        dialog.reject()


def _crowded_map(qtbot: QtBot, width: int, selected_name: str) -> object:
    from chatplanner.ui.venues.map_view import MapPoint, MapVenue, MapView

    view = MapView()
    dress(view)
    qtbot.addWidget(view)
    base = MapPoint(43.6532, -79.3832, "You")
    venues = [  # three on one corner, one on the base, others around
        MapVenue(1, 1, selected_name, 43.6640, -79.3700),
        MapVenue(2, 2, "Annex Roasters", 43.6641, -79.3701),
        MapVenue(3, 3, "Midtown Grind", 43.6639, -79.3699),
        MapVenue(4, 4, "Harbour Table", 43.6532, -79.3832),
        MapVenue(5, 5, "Signal House", 43.6400, -79.4000),
        MapVenue(6, 6, "Credit River Café", 43.6700, -79.4100),
    ]
    view.set_places(base, MapPoint(43.6533, -79.3831, "Jessica Tran"), venues)
    view.set_selected(1)
    view.resize(width, 220)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints: markers and labels are placed
    return view


@pytest.mark.parametrize("width", [240, 420])
def test_map_markers_and_labels_never_cover_one_another(
    qtbot: QtBot, width: int, tmp_path: Path
) -> None:
    import math

    from chatplanner.ui.venues.map_view import MapView

    view = _crowded_map(qtbot, width, "Lantern & Leaf Coffee House")
    assert isinstance(view, MapView)
    save_render(view, f"map-{width}", tmp_path)
    points = view.venue_points()
    assert len(points) == 6
    for i, (first, _a) in enumerate(points):
        for second, _b in points[i + 1 :]:  # numbered markers apart, numbers readable
            assert math.hypot(first.x() - second.x(), first.y() - second.y()) >= 20
    frame = QRect(0, 0, view.width(), view.height())
    labels = view.labels
    assert any(label.text == "You" for label in labels)
    for i, label in enumerate(labels):
        assert frame.contains(label.rect.toAlignedRect()), label.text
        for other in labels[i + 1 :]:
            assert not label.rect.intersects(other.rect), (label.text, other.text)
        covering = [m for m in view.markers if m.intersects(label.rect)]
        assert len(covering) <= 1, f"{label.text!r} runs into a marker"
    chosen = next(label for label in labels if label.text.startswith("Lantern"))
    if chosen.shown != chosen.text:  # cut short in a narrow map: the whole name on hover
        assert chosen.shown.endswith("…")
        assert view.words_at(chosen.rect.center()) == chosen.text


def test_an_online_calls_brief_uses_the_whole_width(
    qtbot: QtBot, window: MainWindow, demo: Workspace, size: str, tmp_path: Path
) -> None:
    from chatplanner.ui.brief.tab import BriefTab

    online = next(m for m in demo.chats.meetings.list_meetings() if m.where == "Online call")
    page = open_meetings(qtbot, window)
    page.show_brief(online.id)
    settle(qtbot)
    save_render(window, f"brief-online-{size}", tmp_path)
    brief = next(t for t in page.findChildren(BriefTab) if t.isVisible())
    assert brief.map is None
    assert brief.text.width() >= brief.width() - 40, "no empty column beside the text"
    heading = brief.text.document().firstBlock()
    assert heading.layout().lineCount() <= 2, "the heading reads on at most two lines"


def test_a_marker_whose_label_has_no_room_names_itself_on_hover(qtbot: QtBot) -> None:
    from chatplanner.ui.venues.map_view import MapView

    view = _crowded_map(qtbot, 240, "Lantern & Leaf Coffee House")
    assert isinstance(view, MapView)
    shown = {label.text for label in view.labels}
    for marker in view.markers:
        words = view.words_at(marker.center())
        if words and words not in shown:
            assert words in ("You", "Jessica Tran")
    assert {view.words_at(m.center()) for m in view.markers} >= {"You", "Jessica Tran"}


def test_the_first_run_sheet_has_a_fixed_size_so_no_resize_handle_is_drawn(
    qtbot: QtBot, demo: Workspace
) -> None:
    """The "double line with tick marks" along a dialog's bottom edge is the window manager's
    resize handle (Openbox draws one for every resizable window): the short first-run form has
    nothing to gain from resizing, so it tells the window manager its size is fixed. The
    composer and Plan a chat keep theirs: a larger window shows more of the message and the
    venues."""
    from chatplanner.ui.dialogs.composer import ComposerDialog
    from chatplanner.ui.dialogs.first_run import FirstRunDialog

    sheet = FirstRunDialog(demo.planning.venues.places.cities)
    dress(sheet)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    settle(qtbot)
    assert sheet.minimumSize() == sheet.maximumSize() == sheet.size()
    assert not layout_problems(sheet)
    ids = [summary.id for summary in demo.people.contacts.list_summaries()][:1]
    composer = ComposerDialog(demo, ids)
    qtbot.addWidget(composer)
    composer.show()
    settle(qtbot)
    assert composer.maximumSize() != composer.minimumSize()
    sheet.reject()
    composer.reject()


@pytest.mark.parametrize("font_scale", [1.0, 1.2], ids=["font", "larger-font"])
def test_the_new_follow_up_row_never_draws_one_field_over_another(
    qtbot: QtBot, demo: Workspace, font_scale: float
) -> None:
    """At 1200 px the "By" box was drawn over "What was promised" (its text read under it):
    the row put its parts side by side when the text's least width did not fit beside them.
    Where that happens depends on the font, so the widths in between are tried too."""
    from chatplanner.ui.meetings.notes_tab import NotesTab

    main = MainWindow(demo)
    dress(main, font_scale)
    qtbot.addWidget(main)
    main.resize(QSize(1024, 780))
    main.show()
    qtbot.waitExposed(main)
    page = open_meetings(qtbot, main)
    page.show_meeting(demo.chats.meetings.list_meetings()[0].id)
    settle(qtbot)
    bar, index = tab(page, "Notes")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    settle(qtbot)
    notes = next(n for n in page.findChildren(NotesTab) if n.isVisible())
    parts = [notes.new_owner, notes.new_text, notes.new_has_due, notes.new_due, notes._add_button]
    names = ["Who", "What was promised", "By", "date", "Add"]
    for width in [1024, 1200, 1280, 1600, *range(1100, 1400, 10)]:
        main.resize(QSize(width, 780))
        settle(qtbot)
        root = content_of(notes)
        rects = [rect_in(part, root) for part in parts]
        for name, part, rect in zip(names, parts, rects, strict=True):
            assert part.isVisible()
            least = max(part.minimumSizeHint().width(), part.minimumWidth())
            assert rect.width() >= least, f"{name} is squeezed at {width} px"
        for i, first in enumerate(rects):
            for j in range(i + 1, len(rects)):
                assert not first.intersects(rects[j]), (
                    f"{names[i]} and {names[j]} overlap at {width} px"
                )
        assert rects[-1].right() < notes.viewport().width(), f"Add is cut at {width} px"


def test_a_chat_with_a_long_venue_name_scrolls_its_tab_and_never_the_page(
    qtbot: QtBot, demo: Workspace
) -> None:
    """A venue name wrapping the chat's header onto two lines made the whole Meetings page
    scroll at 1200 x 800: the wheel in the thank-you hid the title, "Generate" sat cut."""
    from chatplanner.domain.venues import VenueDraft
    from chatplanner.ui.meetings.detail import MeetingDetailView
    from chatplanner.ui.meetings.thank_you_tab import ThankYouTab

    chat = next(m for m in demo.chats.meetings.list_meetings() if m.venue_name)
    venue = next(v for v in demo.planning.venues.list_venues() if v.name == chat.venue_name)
    long_name = "The Corner Café and Reading Room at the Old Distillery Lofts on Mill Street"
    demo.planning.venues.update(
        venue.id,
        VenueDraft(long_name, city=venue.city, latitude=venue.latitude, longitude=venue.longitude),
    )
    main = MainWindow(demo)
    dress(main)
    qtbot.addWidget(main)
    main.resize(QSize(1200, 800))
    main.show()
    qtbot.waitExposed(main)
    page = open_meetings(qtbot, main)
    page.show_meeting(chat.id)
    settle(qtbot)
    title = page.header.title_label
    title_at = rect_in(title, main)
    for name in ("Plan", "Checklist", "Notes", "Follow-through", "Brief", "Thank-you"):
        bar, index = tab(page, name)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        settle(qtbot)
        page.settle_layout()
        assert page.page_scroll.verticalScrollBar().maximum() == 0, f"the page scrolls on {name}"
    thank_you = next(t for t in page.findChildren(ThankYouTab) if t.isVisible())
    header = next(d for d in page.findChildren(MeetingDetailView) if d.isVisible())
    assert long_name in header.when.text()
    assert header.when.height() > 1.5 * header.when.fontMetrics().lineSpacing(), "one line"
    for _ in range(6):
        wheel(thank_you.body.viewport(), -3)
        settle(qtbot)
    assert page.page_scroll.verticalScrollBar().value() == 0
    assert rect_in(title, main) == title_at, "the wheel moved the page's title"
    assert title.visibleRegion().boundingRect().height() == title.height()
    generate = thank_you.generate
    scroller = ancestor_of(thank_you, 2)
    assert isinstance(scroller, QScrollArea)
    scroller.ensureWidgetVisible(generate)
    settle(qtbot)
    assert generate.visibleRegion().boundingRect() == generate.rect(), "Generate is cut"
    assert rect_in(generate, main).bottom() < main.height()


@pytest.mark.parametrize("north", [43.68, 43.80, 44.50])
def test_the_chosen_venues_marker_is_drawn_whole_at_the_maps_edge(
    qtbot: QtBot, north: float
) -> None:
    # A chosen venue at the top of the map (or past it, held at its edge) kept its ring cut
    # by the map's frame.
    from chatplanner.ui.venues.map_view import MapPoint, MapVenue, MapView

    view = MapView()
    dress(view)
    qtbot.addWidget(view)
    view.set_places(
        MapPoint(43.6532, -79.3832, "You"),
        MapPoint(43.6600, -79.4000, "Fatemeh Rahimi"),
        [  # the nearer three quarters set the scale: the chosen one is the far quarter
            MapVenue(1, 1, "Midtown Grind", north, -79.3900),
            MapVenue(2, 2, "Annex Roasters", 43.6641, -79.3701),
            MapVenue(3, 3, "Harbour Table", 43.6480, -79.3800),
            MapVenue(4, 4, "Signal House", 43.6560, -79.3950),
        ],
    )
    view.set_selected(1)
    view.resize(420, 220)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # paints: markers are placed
    drawn = QRectF(view.rect()).adjusted(2, 2, -2, -2)
    for marker in view.markers:
        assert drawn.contains(marker), (marker, drawn)
