"""Drive the real window the way a person does: find what is on screen by its visible text or
accessible name, then click it, type into it, scroll over it.

Nothing here reaches into private attributes: a widget a test cannot find by what the user
reads on screen is a widget the user cannot find either.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QListView,
    QListWidget,
    QMenu,
    QMenuBar,
    QPushButton,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

W = TypeVar("W", bound=QWidget)
Found = TypeVar("Found")

WAIT_MS = 15000
STRAY_DIALOG_S = 60.0


def plain(text: str) -> str:
    """A label as it reads on screen: without mnemonic ampersands and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _open_dialogs() -> list[QDialog]:
    """Dialogs on screen, the most recently opened (the one in front) last."""
    modal = QApplication.activeModalWidget()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    if isinstance(modal, QDialog) and modal in shown:
        shown.remove(modal)
        shown.append(modal)
    return shown


def _top_levels() -> list[QWidget]:
    # A dialog an earlier test closed may still be listed while Qt deletes it: skip it.
    return [w for w in QApplication.topLevelWidgets() if Shiboken.isValid(w) and w.isVisible()]


class User:
    """A person at the keyboard and mouse, looking at `window` (and the dialogs it opens)."""

    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window
        # A dialog nobody answers would wait forever: after a while it is closed and noted,
        # and the test fails on it (see `stray_dialogs`).
        self.stray_dialogs: list[str] = []
        self._first_seen: dict[int, float] = {}
        self._watchdog = QTimer(window)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._close_forgotten_dialogs)
        self._watchdog.start()

    @classmethod
    def in_front_of(cls, qtbot: QtBot, window: QWidget) -> User:
        """The user of `window` once it is on screen as the app opens it: 1280 x 860, shown,
        active (it takes the keys the user presses)."""
        qtbot.addWidget(window)
        window.resize(1280, 860)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        return cls(qtbot, window)

    def _close_forgotten_dialogs(self) -> None:
        now = time.monotonic()
        shown = _open_dialogs()
        self._first_seen = {id(d): self._first_seen.get(id(d), now) for d in shown}
        for dialog in shown:
            if now - self._first_seen[id(dialog)] > STRAY_DIALOG_S:
                text = " ".join(label.text() for label in dialog.findChildren(QLabel))
                self.stray_dialogs.append(f"{dialog.windowTitle()}: {text[:300]}")
                dialog.reject()

    # Finding -----------------------------------------------------------------------------
    def _scope(self, within: QWidget | None) -> QWidget:
        if within is not None:
            return within
        modal = QApplication.activeModalWidget()
        return modal if modal is not None else self.window

    def all_visible(self, kind: type[W], within: QWidget | None = None) -> list[W]:
        scope = self._scope(within)
        found = [w for w in scope.findChildren(kind) if w.isVisible()]
        if isinstance(scope, kind) and scope.isVisible():
            found.insert(0, scope)
        return found

    def button(self, text: str, within: QWidget | None = None) -> QAbstractButton:
        """The visible button whose label (or accessible name) reads `text`."""
        wanted = plain(text)

        def match() -> QAbstractButton | None:
            for button in self.all_visible(QAbstractButton, within):
                if wanted in (plain(button.text()), button.accessibleName()):
                    return button
            return None

        return self._wait_for(match, f"a button reading {text!r}")

    def button_beside(self, text: str, beside: str) -> QAbstractButton:
        """The button reading `text` in the card (or row) that also shows `beside`."""
        wanted = plain(text)

        def match() -> QAbstractButton | None:
            for button in self.all_visible(QAbstractButton):
                if plain(button.text()) != wanted:
                    continue
                holder = button.parentWidget()
                for _ in range(3):
                    if holder is None:
                        break
                    if any(beside in label.text() for label in self.all_visible(QLabel, holder)):
                        return button
                    holder = holder.parentWidget()
            return None

        return self._wait_for(match, f"a button reading {text!r} beside {beside!r}")

    def buttons(self, within: QWidget | None = None) -> list[str]:
        return [plain(b.text()) for b in self.all_visible(QAbstractButton, within) if b.text()]

    def named(self, name: str, kind: type[W] = QWidget, within: QWidget | None = None) -> W:  # type: ignore[assignment]
        """The visible widget with this accessible name (what a screen reader says)."""

        def match() -> W | None:
            for widget in self.all_visible(kind, within):
                if widget.accessibleName() == name:
                    return widget
            return None

        return self._wait_for(match, f"a {kind.__name__} named {name!r}")

    def table(self, heading: str, within: QWidget | None = None) -> QTableView:
        """The visible table with a column headed `heading`."""

        def match() -> QTableView | None:
            for view in self.all_visible(QTableView, within):
                model = view.model()
                for column in range(model.columnCount(QModelIndex())):
                    label = model.headerData(column, Qt.Orientation.Horizontal)
                    if str(label or "") == heading:
                        return view
            return None

        return self._wait_for(match, f"a table with a {heading!r} column")

    def labelled(self, label_text: str, within: QWidget | None = None) -> QWidget:
        """The field a visible label names (the label's buddy), as a user reads a form."""
        wanted = plain(label_text)

        def match() -> QWidget | None:
            for label in self.all_visible(QLabel, within):
                if plain(label.text()) == wanted and label.buddy() is not None:
                    return label.buddy()
            return None

        return self._wait_for(match, f"a field labelled {label_text!r}")

    def texts(self, within: QWidget | None = None) -> list[str]:
        """Every visible label's text (what the user reads)."""
        return [label.text() for label in self.all_visible(QLabel, within) if label.text()]

    def sees(self, fragment: str, within: QWidget | None = None) -> bool:
        return any(fragment in text for text in self.texts(within))

    def wait_to_see(self, fragment: str, within: QWidget | None = None) -> None:
        try:
            self.qtbot.waitUntil(lambda: self.sees(fragment, within), timeout=WAIT_MS)
        except WaitTimeout as error:
            shown = " | ".join(self.texts(within))
            raise AssertionError(f"{fragment!r} is not on screen; it shows: {shown}") from error

    def status_text(self) -> str:
        bar = getattr(self.window, "statusBar", None)
        return bar().currentMessage() if callable(bar) else ""

    def _wait_for(self, find: Callable[[], Found | None], what: str) -> Found:
        found: list[Found] = []

        def ready() -> bool:
            hit = find()
            if hit is not None:
                found.append(hit)
            return hit is not None

        try:
            self.qtbot.waitUntil(ready, timeout=WAIT_MS)
        except WaitTimeout as error:  # pytest-qt's, with a message a reader can use
            raise AssertionError(f"Could not find {what} on screen") from error
        return found[-1]

    # Acting ------------------------------------------------------------------------------
    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        assert widget.isVisible(), f"{widget!r} is not on screen"
        assert widget.isEnabled(), f"{widget!r} is greyed out"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())

    def click_button(self, text: str, within: QWidget | None = None) -> None:
        self.click(self.button(text, within))

    def type_into(self, widget: QWidget, text: str, *, replace: bool = False) -> None:
        self.click(widget)
        if replace:
            self.qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            self.qtbot.keyClick(widget, Qt.Key.Key_Delete)
        for number, line in enumerate(text.split("\n")):
            if number:  # a line break is the Return key (QTest cannot type "\n" itself)
                self.qtbot.keyClick(widget, Qt.Key.Key_Return)
            if line:
                self.qtbot.keyClicks(widget, line)

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        widget: QWidget | None = None,
    ) -> None:
        target = widget or QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, key, modifier)

    def type_keys(self, text: str) -> None:
        """Type where the keyboard focus is, one key at a time, as the focus moves."""
        for char in text:
            target = QApplication.focusWidget() or self.window
            self.qtbot.keyClicks(target, char)

    def shortcut(self, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
        """A menu shortcut, pressed while the main window has the focus."""
        if QApplication.activeWindow() is not self.window:  # e.g. after a dialog closed
            self.window.activateWindow()
            self.qtbot.waitActive(self.window)
        self.qtbot.keyClick(self.window, key, modifier)

    def wheel(self, widget: QWidget, notches: int) -> None:
        """Turn the mouse wheel over `widget` (negative: towards the user, scrolling down)."""
        pos = QPointF(widget.rect().center())
        event = QWheelEvent(
            pos,
            QPointF(widget.mapToGlobal(pos.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120 * notches),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)

    def go_to(self, page_label: str) -> None:
        """Click a page's name in the navigation on the left."""
        for navigation in self.all_visible(QListWidget, self.window):
            items = navigation.findItems(page_label, Qt.MatchFlag.MatchExactly)
            if items:
                rect = navigation.visualItemRect(items[0])
                self.click(navigation.viewport(), rect.center())
                return
        raise AssertionError(f"No {page_label!r} in the navigation")

    def open_tab(self, label: str, within: QWidget | None = None) -> None:
        for bar in self.all_visible(QTabBar, within):
            for index in range(bar.count()):
                if plain(bar.tabText(index)) == plain(label):
                    self.click(bar, bar.tabRect(index).center())
                    return
        raise AssertionError(f"No tab {label!r} on screen")

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open a drop-down with a click and click the entry that reads `text`."""
        index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
        assert index >= 0, (
            f"{text!r} is not among {[combo.itemText(i) for i in range(combo.count())]}"
        )
        self.click(combo)
        view = combo.view()
        self.qtbot.waitUntil(view.isVisible, timeout=WAIT_MS)
        # In the open list, the arrow keys move to the entry and Return takes it (a click on
        # an entry is not delivered to a drop-down's list on the offscreen platform).
        steps = index - combo.currentIndex()
        key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
        for _ in range(abs(steps)):
            self.qtbot.keyClick(view, key)
        self.qtbot.keyClick(view, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: not view.isVisible(), timeout=WAIT_MS)
        assert combo.currentIndex() == index, f"{text!r} was not chosen"
        combo.window().activateWindow()

    def row_rect(self, view: QAbstractItemView, text: str, column: int = -1) -> QRect:
        """Where the first row showing `text` is (waiting for lists that load in the background)."""

        def find() -> QModelIndex | None:
            model = view.model()
            for row in range(model.rowCount(QModelIndex())):
                columns = range(_columns(model)) if column < 0 else (column,)
                for col in columns:
                    index = model.index(row, col)
                    if text in str(index.data(Qt.ItemDataRole.DisplayRole) or ""):
                        return index
            return None

        index: QModelIndex = self._wait_for(find, f"a row showing {text!r}")
        view.scrollTo(index)
        return view.visualRect(index)

    def click_row(
        self,
        view: QAbstractItemView,
        text: str,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        *,
        double: bool = False,
    ) -> None:
        rect = self.row_rect(view, text)
        if double:
            self.qtbot.mouseDClick(
                view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
            )
        else:
            self.qtbot.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
            )

    def rows(self, view: QAbstractItemView, column: int = 0) -> list[str]:
        model = view.model()
        return [
            str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            for row in range(model.rowCount(QModelIndex()))
        ]

    def venue_rows(self, dialog: QWidget) -> list[str]:
        """Plan a Chat's venue list as a screen reader reads each row (name and reasons)."""
        venues = next(
            view
            for view in self.all_visible(QListView, dialog)
            if "Lantern" in " ".join(self.rows(view))
        )
        model = venues.model()
        return [
            str(model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
            for row in range(model.rowCount(QModelIndex()))
        ]

    # Menus and dialogs that open their own event loop --------------------------------------
    def pick_from_menu(self, button_text: str, entry: str, within: QWidget | None = None) -> None:
        """Click a button that pops up a menu, then click `entry` in that menu.

        Under load the offscreen platform (no window manager) at times closes a button's menu
        as soon as it has opened; the button is then clicked again, as a person whose menu
        flicked shut would."""
        button = self.button(button_text, within)
        own_menu = button.menu() if isinstance(button, QPushButton | QToolButton) else None
        shown: list[bool] = []
        if own_menu is not None:
            own_menu.aboutToShow.connect(lambda: shown.append(True))
        picked: list[bool] = []
        failures: list[str] = []
        closed: list[bool] = []

        def pick() -> None:
            menu = QApplication.activePopupWidget()
            if not isinstance(menu, QMenu):
                if own_menu is not None and shown and not own_menu.isVisible():
                    closed.append(True)  # shut before anything was picked
                    return
                QTimer.singleShot(20, pick)
                return
            for action in menu.actions():
                if plain(action.text()) == plain(entry):
                    self.qtbot.mouseClick(
                        menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
                    )
                    picked.append(True)
                    return
            failures.append(f"No {entry!r} in the menu: {[a.text() for a in menu.actions()]}")
            menu.close()

        for _attempt in range(3):
            shown.clear()
            closed.clear()
            QTimer.singleShot(20, pick)
            self.click(button)
            self.qtbot.waitUntil(lambda: bool(picked or failures or closed), timeout=WAIT_MS)
            if picked or failures:
                break
        assert not failures, failures[0]
        assert picked, f"The {button_text!r} menu kept closing before {entry!r} could be picked"

    def open_from_menu(self, menu_title: str, entry: str) -> None:
        """Click a menu's title in the window's menu bar, then click `entry` in it."""
        bar = self.window.findChild(QMenuBar)
        assert bar is not None, "The window has no menu bar"
        menu = next((a.menu() for a in bar.actions() if plain(a.text()) == plain(menu_title)), None)
        assert isinstance(menu, QMenu), f"No {menu_title!r} menu"
        title = next(a for a in bar.actions() if a.menu() is menu)
        self.click(bar, bar.actionGeometry(title).center())
        self.qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
        action = next((a for a in menu.actions() if plain(a.text()) == plain(entry)), None)
        assert action is not None, f"No {entry!r} in the {menu_title} menu"
        self.qtbot.mouseClick(
            menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
        )

    def then_answer(self, button_text: str, check: Callable[[QWidget], None] | None = None) -> None:
        """Before a click that opens a modal dialog: click `button_text` in it once it shows
        (after `check` has looked at it)."""

        def answer(dialog: QWidget) -> None:
            if check is not None:
                check(dialog)
            self.click_button(button_text, dialog)

        self._when_dialog_opens(answer)

    @contextmanager
    def in_next_dialog(self, steps: Callable[[QWidget], None]) -> Iterator[None]:
        """Around a click that opens a modal dialog: do `steps` in it while it is open.

        What goes wrong in the steps fails the test after the dialog is closed (it is closed
        for the user if the steps leave it open), rather than leaving it waiting forever."""
        ran: list[bool] = []
        errors: list[BaseException] = []

        def run(dialog: QWidget) -> None:
            ran.append(True)
            try:
                steps(dialog)
            except BaseException as error:  # reported after the dialog's own loop ends
                errors.append(error)
            finally:
                if errors and dialog.isVisible():
                    dialog.close()

        self._when_dialog_opens(run)
        yield
        if errors:
            raise errors[0]
        assert ran, "No dialog opened"

    def _when_dialog_opens(self, then: Callable[[QWidget], None]) -> None:
        before = set(_open_dialogs())
        waited = [0]

        def poll() -> None:
            fresh = [d for d in _open_dialogs() if d not in before]
            if fresh:
                then(fresh[-1])
                return
            waited[0] += 30
            if waited[0] > WAIT_MS * 2:
                return  # none opened: the test's own assertions say so
            QTimer.singleShot(30, poll)

        QTimer.singleShot(30, poll)

    def dialog(self, title_start: str) -> QWidget:
        """The visible top-level window whose title starts with `title_start`."""

        def match() -> QWidget | None:
            for widget in _top_levels():
                # Not a dialog of another window (one an earlier test left for Qt to delete).
                owner = widget.parentWidget()
                if owner is not None and owner.window() is not self.window:
                    continue
                if widget.windowTitle().startswith(title_start):
                    return widget
            return None

        return self._wait_for(match, f"a window titled {title_start!r}…")


def _columns(model: QAbstractItemModel) -> int:
    # A list model hides columnCount from Python: it has one column.
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
