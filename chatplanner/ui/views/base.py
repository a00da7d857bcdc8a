"""What the main window needs from each page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class PageHeader(QWidget):
    """A page title with a muted subtitle, and room for actions on the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "title")
        texts.addWidget(self.title_label)
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setProperty("role", "subtitle")
        self.subtitle_label.setVisible(bool(subtitle))
        texts.addWidget(self.subtitle_label)
        layout.addLayout(texts, 1)
        self.action_bar = QHBoxLayout()
        self.action_bar.setSpacing(8)
        layout.addLayout(self.action_bar)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))


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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 32, 24)
        outer.setSpacing(18)
        # Made in its parent: under the style sheet, moving a built widget styles it again.
        self.header = PageHeader(title, subtitle, self)
        outer.addWidget(self.header)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer.addLayout(self.body, 1)

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
