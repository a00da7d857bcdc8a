"""The strip above the People table for changing many people at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from chatplanner.ui.icons import icon

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

    One row at any width: where the buttons do not all fit beside the count, the last ones
    before Delete (Archive, then Set goal, Set kind, Add to group) move into a "More" menu, in
    the bar's order; Delete stays on the bar.

    The page connects the buttons and gives the kind, goal and group buttons their menus.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.label = _SelectionLabel()
        self.label.setProperty("role", "muted")
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.add_group_button = QPushButton(icon("group"), "Add to group")
        self.kind_button = QPushButton("Set kind")
        self.goal_button = QPushButton("Set goal")
        self.archive_button = QPushButton(icon("archive"), "Archive")
        self.delete_button = QPushButton(icon("trash"), "Delete")
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setToolTip("Delete the selected people (Del)")
        self.more_button = QPushButton("More")
        self.more_button.setAccessibleName("More actions for the selected people")
        self.more_menu = QMenu(self.more_button)
        self.more_menu.aboutToShow.connect(self._fill_more_menu)
        self.more_button.setMenu(self.more_menu)
        for button in (*self.buttons()[:-1], self.more_button, self.delete_button):
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

    def in_more_menu(self) -> tuple[QPushButton, ...]:
        """The buttons the bar has no room for, found in its More menu."""
        return tuple(b for b in self.buttons() if b.isHidden())

    def show_selection(self, count: int, *, all_archived: bool) -> None:
        self.label.setText(f"{count:,} selected" if count else NOTHING_SELECTED)
        for button in (*self.buttons(), self.more_button):
            button.setEnabled(count > 0)
        self.archive_button.setText("Unarchive" if all_archived else "Archive")
        self._fit(self.width())

    @property
    def archives(self) -> bool:
        """True when the archive button archives (some selected people are not archived)."""
        return self.archive_button.text() == "Archive"

    # One row ---------------------------------------------------------------------------------
    def _fit(self, width: int) -> None:
        """Shows the buttons that fit beside the count (measured as its widest, so that a new
        count never moves a button into the menu), the others in the menu."""
        spacing = self._row.spacing()
        room = width - self.label.sizeHint().width() - spacing
        widths = [b.sizeHint().width() + spacing for b in self.buttons()]
        more = self.more_button.sizeHint().width() + spacing
        shown = len(widths)
        # Delete (the last) always stays; the others go from the end, More coming in their place.
        while (
            shown > 1
            and sum(widths[: shown - 1]) + widths[-1] + (more if shown < len(widths) else 0) > room
        ):
            shown -= 1
        kept = set(range(shown - 1)) | {len(widths) - 1}
        for index, button in enumerate(self.buttons()):
            button.setVisible(index in kept)
        self.more_button.setVisible(shown < len(widths))

    def _fill_more_menu(self) -> None:
        self.more_menu.clear()
        for button in self.in_more_menu():
            action = self.more_menu.addAction(button.icon(), button.text())
            action.setEnabled(button.isEnabled())
            if button.menu() is not None:
                action.setMenu(button.menu())
            else:
                action.triggered.connect(button.click)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit(self.width())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.label.sizeHint().width() + self.delete_button.sizeHint().width()
        least += self.more_button.sizeHint().width() + 12
        return QSize(least, hint.height())
