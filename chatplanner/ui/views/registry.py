"""The pages of the main window, in navigation order. One line per page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.archive import ArchivePage
from chatplanner.ui.views.base import Page
from chatplanner.ui.views.insights import InsightsPage
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.people import PeoplePage
from chatplanner.ui.views.today import TodayPage
from chatplanner.ui.views.venues import VenuesPage

# Each page is built from (workspace, undo_stack).
PAGES: dict[str, Callable[[Workspace, QUndoStack], Page]] = {
    "today": TodayPage,
    "people": PeoplePage,
    "venues": VenuesPage,
    "meetings": MeetingsPage,
    "archive": ArchivePage,
    "insights": InsightsPage,
}
PAGE_KEYS = tuple(PAGES)


def build_pages(workspace: Workspace, undo_stack: QUndoStack) -> list[Page]:
    return [build(workspace, undo_stack) for build in PAGES.values()]
