"""The small window that waits, with the user, for another chatplanner to let the profile go."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from chatplanner.ui.held_profile import wait_for_profile


def _waiting_dialog() -> QProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((w for w in shown if w.isVisible()), None)


def test_it_opens_when_the_profile_is_free_again(qtbot: QtBot) -> None:
    tries: list[int] = []
    seen: list[str] = []

    def free() -> bool:
        tries.append(1)
        dialog = _waiting_dialog()
        if dialog is not None:
            seen.append(dialog.labelText())
            assert dialog.width() <= 600  # its lines wrapped: it fits a small screen
        return len(tries) >= 3

    assert wait_for_profile("/home/sam/profile", free)
    assert len(tries) == 3
    assert seen
    assert "Another chatplanner is using the profile /home/sam/profile" in seen[0]
    assert "opens as soon as it has finished" in seen[0]


def test_cancel_stops_waiting(qtbot: QtBot) -> None:
    def press_cancel() -> None:
        dialog = _waiting_dialog()
        if dialog is None:
            QTimer.singleShot(50, press_cancel)
            return
        [cancel] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, press_cancel)
    assert not wait_for_profile("/home/sam/profile", lambda: False)
