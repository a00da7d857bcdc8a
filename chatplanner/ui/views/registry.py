"""The pages of the main window, in navigation order. One line per page.

A page is built only when it is first shown: the window opens with the navigation and the
visible page, not with every page's widgets, data and imports. The other pages' modules are
imported once the window is open and idle (`ui.idle_imports`), so choosing one waits only for
its widgets and data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from chatplanner.services.workspace import Workspace
    from chatplanner.ui.views.base import Page


@dataclass(frozen=True)
class PageEntry:
    """What the navigation needs before the page exists, and where its class lives."""

    key: str
    label: str
    icon_name: str
    target: str  # "module:Class"; the class takes (workspace, undo_stack, parent)

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def page_class(self) -> Callable[[Workspace, QUndoStack, QWidget | None], Page]:
        """The page's class (importing its module on first use)."""
        found: Callable[[Workspace, QUndoStack, QWidget | None], Page] = getattr(
            importlib.import_module(self.module), self.target.partition(":")[2]
        )
        return found

    def build(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> Page:
        """The page, made inside `parent` when given: under the style sheet, moving a built
        page into its parent would style every widget of it again."""
        return self.page_class()(workspace, undo_stack, parent)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("today", "Today", "today", "chatplanner.ui.views.today:TodayPage"),
    PageEntry("people", "People", "people", "chatplanner.ui.views.people:PeoplePage"),
    PageEntry("venues", "Venues", "venues", "chatplanner.ui.views.venues:VenuesPage"),
    PageEntry("meetings", "Meetings", "meetings", "chatplanner.ui.views.meetings:MeetingsPage"),
    PageEntry("archive", "Archive", "archive", "chatplanner.ui.views.archive:ArchivePage"),
    PageEntry("insights", "Insights", "chart", "chatplanner.ui.views.insights:InsightsPage"),
)
PAGE_KEYS = tuple(entry.key for entry in PAGES)
