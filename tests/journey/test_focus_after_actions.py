"""Where the keyboard focus goes after an action, and what a user sees once a menu closes or a
table takes the focus: the focus stays where the user works, nothing stays highlighted that the
pointer left, and a focused table's frame is drawn whole."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.ui.theme import Theme, colors_for
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.ui_finders import dress
from tests.journey.user import WAIT_MS


def _focus(app: App) -> QWidget | None:
    """The widget with the focus once the window is active (the offscreen platform may leave
    the window inactive after a click)."""
    app.window.activateWindow()
    app.user.qtbot.waitUntil(app.window.isActiveWindow, timeout=WAIT_MS)
    return QApplication.focusWidget()


def test_after_save_the_focus_stays_in_the_person_editor(app: App) -> None:
    """After Save the focus jumped to the navigation: the next key press moved between pages."""
    sorted_out(app.workspace)
    user = app.user
    _focus(app)
    _select(app, "Omar")
    title = user.labelled("Title")
    assert isinstance(title, QLineEdit)
    user.type_into(title, "Senior Planner", replace=True)
    save = user.button("Save")
    # A click on a button gives it the focus (the test's synthetic click does not).
    save.setFocus(Qt.FocusReason.MouseFocusReason)
    user.click(save)
    user.qtbot.waitUntil(lambda: not save.isEnabled(), timeout=WAIT_MS)
    focused = _focus(app)
    assert focused is title, focused
    assert not app.window.navigation.hasFocus()
    # The next key types in the field, not in the navigation.
    user.qtbot.keyClick(title, Qt.Key.Key_End)
    user.qtbot.keyClicks(title, "!")
    assert title.text() == "Senior Planner!"


def test_after_mark_as_sent_the_focus_is_on_something_harmless(app: App) -> None:
    """After "Mark as sent" the focus landed in Subject with all its text selected: one key
    press replaced the subject."""
    ids = sorted_out(app.workspace)
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Ask for the messy projects")
    )
    user = app.user
    _focus(app)
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), "Jessica")
    user.wait_to_see("Jessica")
    user.open_tab("Thank-you")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "messy projects" in body.toPlainText(), timeout=WAIT_MS)
    subject = user.named("Subject", QLineEdit)
    before = subject.text()

    mark = user.button("Mark as sent")
    mark.setFocus(Qt.FocusReason.MouseFocusReason)  # as a click gives it
    user.click(mark)
    user.qtbot.waitUntil(lambda: user.button("Sent").isVisible(), timeout=WAIT_MS)
    focused = _focus(app)
    assert focused is not subject
    assert not isinstance(focused, (QLineEdit, QPlainTextEdit)), focused
    assert focused is user.button("Copy")
    assert isinstance(focused, QWidget)
    user.qtbot.keyClicks(focused, "x")
    assert subject.text() == before


def test_a_menu_button_stops_looking_hovered_once_its_menu_closes(app: App) -> None:
    """The selection bar's menu buttons stayed highlighted after their menus closed."""
    sorted_out(app.workspace)
    dress(app.window)
    user = app.user
    _focus(app)
    _select(app, "Omar")
    button = user.button("Set kind")
    # The pointer passed over the button on its way to the menu, then left for the table.
    button.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    QCursor.setPos(app.window.mapToGlobal(QPoint(5, app.window.height() - 5)))
    assert isinstance(button, QPushButton)
    menu = button.menu()
    assert menu is not None
    # Its menu opens under it (as a click on it opens it) and Escape closes it.
    menu.popup(button.mapToGlobal(QPoint(0, button.height())))
    user.qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
    user.qtbot.keyClick(menu, Qt.Key.Key_Escape)
    user.qtbot.waitUntil(lambda: not menu.isVisible(), timeout=WAIT_MS)
    user.qtbot.wait(20)
    assert not button.testAttribute(Qt.WidgetAttribute.WA_UnderMouse)


def test_a_focused_tables_frame_is_drawn_whole(app: App) -> None:
    """With the focus in the table, its 2 px frame lost its inner line on every other row:
    the rows' alternate colour was painted over it."""
    sorted_out(app.workspace)
    dress(app.window)
    user = app.user
    _focus(app)
    user.go_to("People")
    table = user.table("Stage")
    assert isinstance(table, QTableView)
    user.click_row(table, "Omar")
    assert _focus(app) is table
    user.qtbot.wait(50)
    image = table.grab().toImage()
    accent = QColor(colors_for(Theme.LIGHT).accent)
    top = table.viewport().y() + 4
    rows = range(top, min(top + 6 * 34, table.height() - 12), 3)
    wrong = [
        y
        for y in rows
        for x in (0, 1)
        if abs(QColor(image.pixel(x, y)).green() - accent.green()) > 40
    ]
    assert not wrong, f"the frame's left edge is not the focus colour at y={wrong[:5]}"
