"""A dialog opened and closed leaves nothing behind: using the app for long does not make it grow."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from tests.journey.conftest import App
from tests.journey.story import sorted_out


def _dialogs_left(app: App) -> list[QDialog]:
    # What deleteLater hands back to the event loop is deleted when the loop next runs.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return app.window.findChildren(QDialog)


def test_dialogs_opened_and_closed_are_deleted(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user

    def close(dialog: QWidget) -> None:
        user.click_button("Cancel", dialog)

    assert _dialogs_left(app) == []
    for _ in range(3):
        with user.in_next_dialog(close):
            user.open_from_menu("Edit", "Preferences…")
        user.go_to("Meetings")
        with user.in_next_dialog(close):
            user.click_button("Plan a chat…")
    assert _dialogs_left(app) == []
