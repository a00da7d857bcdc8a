"""The pages of the main window, in navigation order. One line per page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.base import Page
from chatplanner.ui.views.insights import InsightsPage
from chatplanner.ui.views.people import PeoplePage
from chatplanner.ui.views.placeholder import PROMISES, PlaceholderPage
from chatplanner.ui.views.today import TodayPage
from chatplanner.ui.views.venues import VenuesPage

PAGE_KEYS = ("today", "people", "venues", "meetings", "archive", "insights")
# Feature pages are built from (workspace, undo_stack); the rest still show what they will hold.
PAGES: dict[str, Callable[[Workspace, QUndoStack], Page]] = {
    "today": TodayPage,
    "people": PeoplePage,
    "venues": VenuesPage,
    "insights": InsightsPage,
}


def build_pages(workspace: Workspace, undo_stack: QUndoStack) -> list[Page]:
    overview = workspace.overview.overview()
    pages: list[Page] = []
    for key in PAGE_KEYS:
        if key in PAGES:
            pages.append(PAGES[key](workspace, undo_stack))
            continue
        page = PlaceholderPage(PROMISES[key])
        page.show_counts(overview)
        pages.append(page)
    return pages
