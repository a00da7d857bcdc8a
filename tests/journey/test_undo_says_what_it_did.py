"""Undo and redo say in the status bar what they took back or did again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from chatplanner.domain.enums import Stage
from tests.journey.conftest import App
from tests.journey.story import messaged, sorted_out


def _moved_on_from_lucas(app: App) -> Callable[[], Stage]:
    """Lucas, messaged 20 days ago (past the 14 before moving on), marked as moved on from on
    Today; returns what reads his stage."""
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Lucas"], days_ago=20)
    user = app.user
    user.go_to("Today")
    user.wait_to_see("Lucas")
    user.click(user.button_beside("Mark as moved on", "Lucas"))
    user.qtbot.waitUntil(lambda: "Undo with Ctrl+Z" in user.status_text())
    return lambda: app.workspace.people.contacts.get(ids["Lucas"]).stage


def test_undo_and_redo_of_moving_on_replace_the_status_message(app: App) -> None:
    stage = _moved_on_from_lucas(app)
    user = app.user
    assert stage() is Stage.MOVED_ON

    user.shortcut(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    user.qtbot.waitUntil(lambda: stage() is not Stage.MOVED_ON)
    assert user.status_text() == "Undone: Move on from Lucas Moreau"

    # From another page, by the Edit menu.
    user.go_to("People")
    user.open_from_menu("Edit", "Redo Move on from Lucas Moreau")
    user.qtbot.waitUntil(lambda: stage() is Stage.MOVED_ON)
    assert user.status_text() == "Redone: Move on from Lucas Moreau"


def test_the_undo_button_on_today_says_what_it_took_back(app: App) -> None:
    stage = _moved_on_from_lucas(app)
    user = app.user
    user.click_button("Undo")
    user.qtbot.waitUntil(lambda: stage() is not Stage.MOVED_ON)
    user.qtbot.waitUntil(lambda: user.status_text() == "Undone: Move on from Lucas Moreau")


def test_ctrl_y_redoes_as_well_as_ctrl_shift_z(app: App) -> None:
    stage = _moved_on_from_lucas(app)
    user = app.user
    user.shortcut(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    user.qtbot.waitUntil(lambda: stage() is not Stage.MOVED_ON)
    user.shortcut(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    user.qtbot.waitUntil(lambda: stage() is Stage.MOVED_ON)
    assert user.status_text() == "Redone: Move on from Lucas Moreau"
