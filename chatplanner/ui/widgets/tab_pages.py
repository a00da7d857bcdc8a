"""Where a tab widget keeps its pages, to make each page there.

Under the app's style sheet, a widget built in one parent and then moved into another is styled
again, with everything in it: a tab page built on its own and then added with `addTab` was
styled twice (a third of the Meetings page's first opening). A page made with `tab_pages(tabs)`
as its parent is added where it already is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget


def tab_pages(tabs: QTabWidget) -> QWidget:
    """The widget that holds `tabs`' pages (the tab widget itself if Qt ever keeps none)."""
    pages = tabs.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
    return pages if pages is not None else tabs
