"""The pages of the main window, in navigation order. One line per page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoStack

from chatplanner.services.workspace import Workspace
from chatplanner.ui.views.archive import ArchivePage
from chatplanner.ui.views.base import Page
from chatplanner.ui.views.meetings import MeetingsPage
from chatplanner.ui.views.placeholder import PROMISES, PlaceholderPage

PAGE_KEYS = ("today", "people", "venues", "meetings", "archive")

# The pages built so far, by key; the others show what they will hold.
PAGE_CLASSES: dict[str, Callable[[Workspace, QUndoStack], Page]] = {
    "meetings": MeetingsPage,
    "archive": ArchivePage,
}


def build_pages(workspace: Workspace, undo_stack: QUndoStack) -> list[Page]:
    overview = workspace.overview.overview()
    pages: list[Page] = []
    for key in PAGE_KEYS:
        if key in PAGE_CLASSES:
            pages.append(PAGE_CLASSES[key](workspace, undo_stack))
            continue
        page = PlaceholderPage(PROMISES[key])
        page.show_counts(overview)
        pages.append(page)
    return pages
