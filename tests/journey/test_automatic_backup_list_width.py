"""File › Restore from Automatic Backup…: each entry shows whole, without sideways scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from chatplanner.domain.clock import system_clock
from chatplanner.services.auto_backup import take_automatic_backup
from tests.journey.conftest import App
from tests.journey.story import sorted_out


@pytest.fixture
def larger_text() -> Iterator[None]:
    """The user's font a little larger than the test platform's: entries get wider."""
    before = QApplication.font()
    larger = QFont(before)
    larger.setPointSizeF(before.pointSizeF() * 1.5)
    QApplication.setFont(larger)
    yield
    QApplication.setFont(before)


@pytest.mark.usefixtures("larger_text")
def test_the_backups_list_is_wide_enough_for_its_entries(app: App) -> None:
    sorted_out(app.workspace)
    take_automatic_backup(app.workspace.profile, system_clock())
    user = app.user
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        backups = user.named("Automatic backups", QListWidget, dialog)
        user.qtbot.waitUntil(lambda: backups.count() > 0 and backups.isVisible())
        assert not backups.horizontalScrollBar().isVisible()
        for row in range(backups.count()):
            item = backups.item(row)
            seen.append(item.text())
            shown = backups.visualItemRect(item)
            # Whole on one line, or, on a screen too narrow for it, wrapped within its row.
            needed = backups.fontMetrics().boundingRect(
                QRect(0, 0, shown.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text()
            )
            assert needed.width() <= shown.width()
            assert needed.height() <= shown.height()
            assert backups.viewport().rect().contains(shown)
        assert dialog.frameGeometry().width() <= dialog.screen().availableGeometry().width()
        user.click_button("Cancel", dialog)

    with user.in_next_dialog(look):
        user.open_from_menu("File", "Restore from Automatic Backup…")
    assert seen
    assert all(text.endswith("MB") for text in seen)
