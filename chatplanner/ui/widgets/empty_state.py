"""A calm panel for a view with nothing to show yet: what it will hold and how to start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from chatplanner.ui.icons import icon_pixmap
from chatplanner.ui.theme import current_palette_colors

BODY_WIDTH = 480


class _WrappedBody(QLabel):
    """Word-wrapped text of a fixed width that asks for the height of all its lines.

    A plain word-wrapped QLabel is asked its height for the layout's whole width, not its own
    fixed one, so it was given one line and its text was cut top and bottom.
    """

    def hasHeightForWidth(self) -> bool:
        return False  # the layout asked for the height at its own (wider) width: one line

    def sizeHint(self) -> QSize:
        return QSize(BODY_WIDTH, self.heightForWidth(BODY_WIDTH))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class EmptyState(QWidget):
    def __init__(
        self,
        icon_name: str,
        title: str,
        body: str,
        action_label: str | None = None,
        on_action: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(14)
        layout.addStretch(1)

        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(icon_pixmap(icon_name, 56, current_palette_colors().faint))
        layout.addWidget(picture)

        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "emptyTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title_label)

        self.body_label = _WrappedBody(body)
        self.body_label.setProperty("role", "emptyBody")
        self.body_label.setTextFormat(Qt.TextFormat.PlainText)
        self.body_label.setWordWrap(True)
        self.body_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body_label.setFixedWidth(BODY_WIDTH)
        layout.addWidget(self.body_label, 0, Qt.AlignmentFlag.AlignHCenter)

        self.action_button: QPushButton | None = None
        self._on_action = on_action
        if action_label and on_action is not None:
            button = QPushButton(action_label)
            button.setProperty("role", "primary")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(self._act)
            layout.addSpacing(6)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.action_button = button
        layout.addStretch(2)

    def _act(self) -> None:
        if self._on_action is not None:
            self._on_action()

    def show_step(
        self, title: str, body: str, action_label: str, on_action: Callable[[], None]
    ) -> None:
        """Say another next step, and make the button take it (when it has a button)."""
        self.title_label.setText(title)
        self.body_label.setText(body)
        self.body_label.updateGeometry()
        if self.action_button is not None:
            self.action_button.setText(action_label)
            self._on_action = on_action
