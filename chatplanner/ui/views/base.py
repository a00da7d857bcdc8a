"""What the main window needs from each page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

# The subtitle may wrap to fit beside the actions, but not narrower than this.
_SUBTITLE_ROOM = 260
# Widgets between a page's deepest content and its scroll area, with room to spare.
_LAYOUT_PASSES = 8


class PageHeader(QWidget):
    """A page title with a muted subtitle, and room for actions on the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The actions sit beside the title when there is room, under it when not (a narrow
        # window or a large font), so that no button is cut short.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(10)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(layout)
        self._actions_row = QHBoxLayout()
        rows.addLayout(self._actions_row)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "title")
        texts.addWidget(self.title_label)
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setProperty("role", "subtitle")
        texts.addWidget(self.subtitle_label)
        self.subtitle_label.setWordWrap(True)
        layout.addLayout(texts, 1)
        # Only now that it has a parent: shown before, it flashed up as a window of its own.
        self.subtitle_label.setVisible(bool(subtitle))
        self._title_row = layout
        self.action_holder = QWidget()
        self.action_bar = QHBoxLayout(self.action_holder)
        self.action_bar.setContentsMargins(0, 0, 0, 0)
        self.action_bar.setSpacing(8)
        layout.addWidget(self.action_holder)

    def minimumSizeHint(self) -> QSize:
        # As narrow as the wider of title and actions: the actions move under the title
        # rather than making the whole page wider than the window.
        rows = super().minimumSizeHint()
        title = self.title_label.minimumSizeHint().width()
        # The subtitle wraps: its extra lines count (the page column reports no
        # height-for-width, and the rows below were placed over them).
        subtitle = self.subtitle_label
        extra = 0
        if not subtitle.isHidden() and subtitle.width() > 0:
            lines = subtitle.heightForWidth(subtitle.width())
            extra = max(0, lines - subtitle.minimumSizeHint().height())
        return QSize(
            max(title, self.action_holder.minimumSizeHint().width()), rows.height() + extra
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_actions()
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def _place_actions(self) -> None:
        subtitle = self.subtitle_label.fontMetrics().horizontalAdvance(self.subtitle_label.text())
        title = max(self.title_label.sizeHint().width(), min(subtitle, _SUBTITLE_ROOM))
        fits = title + 16 + self.action_holder.sizeHint().width() <= self.width()
        wanted = self._title_row if fits else self._actions_row
        if wanted.indexOf(self.action_holder) >= 0:
            return
        (self._actions_row if fits else self._title_row).removeWidget(self.action_holder)
        if fits:
            wanted.addWidget(self.action_holder)
        else:
            wanted.addWidget(self.action_holder, 0, Qt.AlignmentFlag.AlignRight)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))
        self._place_actions()


class _PageColumn(QVBoxLayout):
    """The page's column, which fills the scroll area's view unless it needs more room.

    A column holding wrapping rows reports a height for each width; the scroll area then made
    the page exactly as tall as its rows would like (a table's preferred height, for one) and
    scrolled it in any window. Without it the page takes the view's height and scrolls only
    below its minimum; the rows still wrap inside it.
    """

    def hasHeightForWidth(self) -> bool:
        return False


class Page(QWidget):
    """A main-window page. Subclasses fill `body` and refresh themselves from services.

    Pages never reach for the main window: they ask for navigation with these signals, and the
    window wires them (People opens a contact, Meetings opens a chat, Venues plans one).
    """

    open_contact = Signal(int)  # contact id
    open_meeting = Signal(int)  # meeting id
    plan_chat = Signal(int)  # contact id, or 0 to choose one
    data_changed = Signal()  # something this page changed that others show
    status_message = Signal(str)

    key = ""
    label = ""
    icon_name = ""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page-{self.key}")
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        # The page fills the window; in a window smaller than its content (a large system
        # font) it scrolls rather than squeezing its buttons and labels until they are cut.
        self.page_scroll = QScrollArea(self)
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # A viewport of our own: asking Qt's for it (viewport()) makes PySide load every widget
        # class to wrap it, some 10 ms before the first paint.
        self.page_scroll.setViewport(QWidget())
        frame.addWidget(self.page_scroll)
        content = QWidget(self.page_scroll)
        content.setObjectName("pageContent")
        outer = _PageColumn(content)
        outer.setContentsMargins(32, 28, 32, 24)
        outer.setSpacing(18)
        # Made in its parent: under the style sheet, moving a built widget styles it again.
        self.header = PageHeader(title, subtitle, content)
        outer.addWidget(self.header)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)
        self.page_scroll.setWidget(content)

    def showEvent(self, event: QShowEvent) -> None:
        # Showing a window lays out what its own layouts hold; the content inside the scroll
        # area would wait for the next pass of the event loop, placed at its old size till then.
        self.settle_layout()
        super().showEvent(event)

    def settle_layout(self) -> None:
        """Lay the page out now, to the scroll area, after its content changed size.

        A size that changed deep inside (a chart given its bars) climbs one widget per pass of
        the event loop: without this the next paint may show the page squeezed into its old
        height, the notes under the charts over them.
        """
        for _ in range(_LAYOUT_PASSES):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def refresh(self) -> None:
        """Reload what the page shows; called when the page is shown or data changed."""

    def show_contact(self, contact_id: int) -> None:
        """Pages that list contacts select and open this one."""

    def show_meeting(self, meeting_id: int) -> None:
        """Pages that list meetings select and open this one."""

    def show_brief(self, meeting_id: int) -> None:
        """Pages that list meetings open this one on its brief."""

    def focus_search(self) -> bool:
        """Put the keyboard focus in the page's search box, if it has one."""
        return False
