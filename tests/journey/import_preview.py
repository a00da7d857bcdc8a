"""Opening the import preview as the user does, for the journey tests of importing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTableView, QWidget

from tests.journey.user import WAIT_MS, User


def preview_import(
    user: User, monkeypatch: pytest.MonkeyPatch, export: Path
) -> tuple[QWidget, QTableView]:
    """On People, the user opens Import (Ctrl+I), chooses `export` (only the file chooser is
    stood in for) and asks for the preview. Returns the dialog and its preview table, once the
    table shows rows."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(export), ""))
    )
    user.shortcut(Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = user.dialog("Import")
    user.click_button("Choose File…", dialog)
    user.click_button("Preview", dialog)
    user.qtbot.waitUntil(lambda: bool(user.all_visible(QTableView, dialog)), timeout=WAIT_MS)
    [table] = user.all_visible(QTableView, dialog)
    user.qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=WAIT_MS)
    return dialog, table
