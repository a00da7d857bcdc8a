"""The Edit menu greys out what cannot be done now: on a new profile there is nothing to undo
or redo, and those entries must look it beside Preferences, which can always be opened."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMenu, QMenuBar

from chatplanner.ui.theme import Theme, colors_for, style_sheet_for
from tests.journey.conftest import App


def _darkest_lightness(image: QImage, rect_x: int, rect_y: int, width: int, height: int) -> int:
    return min(
        QColor(image.pixel(x, y)).lightness()
        for x in range(rect_x, rect_x + width)
        for y in range(rect_y, rect_y + height)
    )


def test_undo_and_redo_are_greyed_when_there_is_nothing_to_undo(app: App) -> None:
    bar = app.window.findChild(QMenuBar)
    assert bar is not None
    edit = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == "Edit")
    assert isinstance(edit, QMenu)
    # The app's own style sheet, on this menu only (applying it to the whole application in a
    # test restyles every widget other tests left alive).
    edit.setStyleSheet(style_sheet_for(colors_for(Theme.LIGHT)))
    title = next(a for a in bar.actions() if a.menu() is edit)
    app.user.click(bar, bar.actionGeometry(title).center())
    app.user.qtbot.waitUntil(edit.isVisible)
    entries = {a.text().replace("&", "").rstrip("…"): a for a in edit.actions() if a.text()}
    undo, redo, preferences = entries["Undo"], entries["Redo"], entries["Preferences"]
    assert not undo.isEnabled()
    assert not redo.isEnabled()
    assert preferences.isEnabled()

    picture = edit.grab().toImage()
    lightness = {
        name: _darkest_lightness(
            picture,
            edit.actionGeometry(action).x() + 4,
            edit.actionGeometry(action).y() + 2,
            edit.actionGeometry(action).width() - 8,
            edit.actionGeometry(action).height() - 4,
        )
        for name, action in (("Undo", undo), ("Redo", redo), ("Preferences", preferences))
    }
    edit.hide()
    # Preferences' words are dark; Undo's and Redo's are a faint grey, clearly lighter.
    assert lightness["Undo"] > lightness["Preferences"] + 60, lightness
    assert lightness["Redo"] > lightness["Preferences"] + 60, lightness
