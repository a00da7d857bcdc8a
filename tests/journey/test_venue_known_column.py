"""Venues in a small window: the "You know" column never cuts a word in half, and its tooltip
holds the whole of what the user knows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MINIMUM_WIDTH
from chatplanner.ui.venues.table_model import KNOWN
from chatplanner.ui.venues.table_view import VenueTable
from tests.journey.conftest import Launch
from tests.journey.user import WAIT_MS

WORDS = ("Commute", "commute", "parking", "menu")


def test_the_you_know_column_shows_whole_words_and_tells_the_rest_on_hover(
    launch: Launch, profile: Path
) -> None:
    with Workspace.open(profile) as workspace:
        workspace.seed_demo()
        # Every venue known whole: the longest text the column has to show.
        for venue in workspace.planning.venues.list_venues():
            draft = replace(venue.draft(), knows_commute=True, knows_parking=True, knows_menu=True)
            workspace.planning.venues.update(venue.id, draft)
    app = launch(profile)
    size = QSize(MINIMUM_WIDTH, 700)
    app.window.resize(size)
    app.user.qtbot.waitUntil(lambda: app.window.size() == size)
    user = app.user
    user.go_to("Venues")
    table = user.table("You know")
    assert isinstance(table, VenueTable)
    model = table.model()
    user.qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT_MS)
    # A larger system font, as on a desktop with a 1.25 text scale: the columns must give way.
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    table.setFont(font)
    table.fit_columns()
    user.qtbot.wait(20)  # the columns are fitted once the rows are in
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    seen = []
    for row in range(model.rowCount()):
        index = model.index(row, KNOWN)
        whole = str(index.data(Qt.ItemDataRole.DisplayRole))
        if whole == "—":
            continue
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        option.rect = table.visualRect(index)
        delegate = table.itemDelegateForIndex(index)
        assert isinstance(delegate, QStyledItemDelegate)
        delegate.initStyleOption(option, index)
        room = option.rect.width() - 2 * margin
        shown = option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, room)
        seen.append((whole, shown, room))
        # Every word shown is a whole word; what does not fit is counted ("+2"), not cut.
        for word in shown.replace(",", " ").split():
            assert word in WORDS or (word.startswith("+") and word[1:].isdigit()), seen[-1]
        assert whole in str(index.data(Qt.ItemDataRole.ToolTipRole)), seen[-1]
    assert seen
