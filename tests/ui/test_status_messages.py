"""A status bar message shows whole: the sync line steps aside only when both do not fit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from chatplanner.ui.widgets.status_messages import messages_first


def test_the_permanent_line_steps_aside_only_for_a_message_it_would_cut(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(700, 300)
    bar = window.statusBar()
    line = QLabel("Synced.")
    bar.addPermanentWidget(line)
    messages_first(bar).step_aside(line)
    window.show()
    qtbot.waitExposed(window)

    bar.showMessage("Saved.")
    assert line.isVisible()
    long_message = "Marked as acted on. Today suggests a note to tell them what came of it. " * 2
    bar.showMessage(long_message)
    assert not line.isVisible()
    bar.clearMessage()
    assert line.isVisible()
    # A longer sync line with a message that fitted beside the short one.
    bar.showMessage("Marked as acted on. Today suggests a note to tell them.")
    assert line.isVisible()
    line.setText("The password for this account is not in the keyring. Add the account again.")
    qtbot.waitUntil(lambda: not line.isVisible())
    assert messages_first(bar) is messages_first(bar)
