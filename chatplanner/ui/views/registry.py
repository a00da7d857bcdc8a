"""The pages of the main window, in navigation order. One line per page."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.base import Page
from chatplanner.ui.views.people import PeoplePage
from chatplanner.ui.views.placeholder import PROMISES, PlaceholderPage

PAGE_KEYS = ("today", "people", "venues", "meetings", "archive")


def build_pages(workspace: Workspace, undo_stack: QUndoStack) -> list[Page]:
    overview = workspace.overview.overview()
    pages: list[Page] = []
    for key in PAGE_KEYS:
        if key == "people":
            pages.append(PeoplePage(workspace, undo_stack))
            continue
        page = PlaceholderPage(PROMISES[key])
        page.show_counts(overview)
        pages.append(page)
    return pages
