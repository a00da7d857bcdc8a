"""The strip above the People table for changing many people at once."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from chatplanner.ui.icons import icon
from chatplanner.ui.widgets.flow_layout import FlowLayout

NOTHING_SELECTED = "Select people to change many at once"
# The widest count the label is measured for: a network is not larger.
_WIDEST_COUNT = "99,999 selected"


class _SelectionLabel(QLabel):
    """As wide whatever it says: the buttons after it keep their places, and the bar its
    lines (a shorter count let "Delete" come back from a line of its own, moving the table)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in (NOTHING_SELECTED, _WIDEST_COUNT))
        margins = self.contentsMargins()
        return QSize(
            max(hint.width(), widest + margins.left() + margins.right() + 2 * self.margin()),
            hint.height(),
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class SelectionBar(QWidget):
    """How many are selected, and the buttons that act on them (enabled only with a selection).

    The page connects the buttons and gives the kind, goal and group buttons their menus.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No fixed minimum height: it would stand for the flow's own, which counts its lines.
        # Wraps onto a second line in a narrow window rather than cutting the labels short.
        layout = FlowLayout(self, spacing=6)
        self.label = _SelectionLabel()
        self.label.setProperty("role", "muted")
        layout.addWidget(self.label)
        self.add_group_button = QPushButton(icon("group"), "Add to group")
        self.kind_button = QPushButton("Set kind")
        self.goal_button = QPushButton("Set goal")
        self.archive_button = QPushButton(icon("archive"), "Archive")
        self.delete_button = QPushButton(icon("trash"), "Delete")
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setToolTip("Delete the selected people (Del)")
        for button in self.buttons():
            button.setProperty("role", button.property("role") or "flat")
            layout.addWidget(button)
        self.show_selection(0, all_archived=False)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.add_group_button,
            self.kind_button,
            self.goal_button,
            self.archive_button,
            self.delete_button,
        )

    def show_selection(self, count: int, *, all_archived: bool) -> None:
        self.label.setText(f"{count:,} selected" if count else NOTHING_SELECTED)
        for button in self.buttons():
            button.setEnabled(count > 0)
        self.archive_button.setText("Unarchive" if all_archived else "Archive")

    @property
    def archives(self) -> bool:
        """True when the archive button archives (some selected people are not archived)."""
        return self.archive_button.text() == "Archive"
