"""The strip above the People table for changing many people at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from chatplanner.ui.icons import icon
from chatplanner.ui.literal_text import literal

NOTHING_SELECTED = "Select people to change many at once"
NOTHING_SELECTED_SHORT = "None selected"  # where the sentence does not fit beside the buttons
# The widest count the label is measured for: a network is not larger.
_WIDEST_COUNT = "99,999 selected"


class _SelectionLabel(QLabel):
    """As wide as the widest count whatever it says: the buttons after it keep their places,
    and the bar its lines (a shorter count let "Delete" come back from a line of its own,
    moving the table). With nothing selected, the sentence saying what the bar is for takes
    the room the disabled buttons leave it, or reads "None selected" in a narrow bar."""

    def reserved(self) -> QSize:
        """The room kept for it: the widest count."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in (NOTHING_SELECTED_SHORT, _WIDEST_COUNT))
        return QSize(widest + self._chrome(), super().sizeHint().height())

    def sizeHint(self) -> QSize:
        reserved = self.reserved()
        return QSize(max(reserved.width(), self.width_for(self.text())), reserved.height())

    def width_for(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text) + self._chrome()

    def _chrome(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin()

    def minimumSizeHint(self) -> QSize:
        return self.reserved()


class SelectionBar(QWidget):
    """How many are selected, and the buttons that act on them (enabled only with a selection).

    One row at any width: where the buttons do not all fit beside the count, those with an
    icon (Add to group, Archive, Delete) show only their icon, their words in their tooltip
    and accessible name; where even that is too wide, the last ones before Delete (Archive,
    then Set goal, Set kind, Add to group) move into a "More" menu, in the bar's order; Delete
    stays on the bar.

    The page connects the buttons and gives the kind, goal and group buttons their menus.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._count = 0
        self._shown: tuple[int, bool, int] | None = None  # count, all archived, width fitted to
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
        # Each button's words and what its tooltip adds, whether or not it shows the words.
        self._words = {b: b.text() for b in self.buttons()}
        self._tips = {b: b.toolTip() for b in self.buttons()}
        for button in self.buttons():
            button.setAccessibleName(button.text())
        self._icons_only = False
        self.show_selection(0, all_archived=False)

    def words(self, button: QPushButton) -> str:
        """What the button says, shown on it or (with only its icon shown) in its tooltip."""
        return self._words[button]

    def _set_words(self, button: QPushButton, words: str) -> None:
        self._words[button] = words
        button.setAccessibleName(words)
        self._show_words(button)

    def _show_words(self, button: QPushButton) -> None:
        words = self._words[button]
        bare = self._icons_only and not button.icon().isNull()
        text = "" if bare else words
        if button.text() != text:
            button.setText(text)
        tip = self._tips[button] or (words if bare else "")
        if bare and self._tips[button]:
            tip = f"{words}: {self._tips[button]}"
        button.setToolTip(literal(tip))

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
        # Called on every key typed in the search box: nothing to do when nothing changed.
        if self._shown == (count, all_archived, self.width()):
            return
        self._count = count
        self.label.setText(f"{count:,} selected" if count else NOTHING_SELECTED)
        for button in (*self.buttons(), self.more_button):
            button.setEnabled(count > 0)
        self._set_words(self.archive_button, "Unarchive" if all_archived else "Archive")
        self._fit(self.width())

    @property
    def archives(self) -> bool:
        """True when the archive button archives (some selected people are not archived)."""
        return self._words[self.archive_button] == "Archive"

    # One row ---------------------------------------------------------------------------------
    def _fit(self, width: int) -> None:
        """Shows the buttons that fit beside the count (measured as its widest, so that a new
        count never moves a button into the menu), the others in the menu."""
        spacing = self._row.spacing()
        room = width - self.label.reserved().width() - spacing
        with_words = [self._width_with_words(b) + spacing for b in self.buttons()]
        self._icons_only = sum(with_words) > room
        for button in self.buttons():
            self._show_words(button)
        widths = (
            [self._width_bare(b) + spacing for b in self.buttons()]
            if self._icons_only
            else with_words
        )
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
        if self._count == 0:
            used = sum(widths[i] for i in kept) + (more if shown < len(widths) else 0)
            whole = self.label.width_for(NOTHING_SELECTED) + spacing + used <= width
            self.label.setText(NOTHING_SELECTED if whole else NOTHING_SELECTED_SHORT)
            self.label.setToolTip(literal("" if whole else NOTHING_SELECTED))
        else:
            self.label.setToolTip("")
        self.label.updateGeometry()
        self._shown = (self._count, self._words[self.archive_button] == "Unarchive", width)

    def _width_with_words(self, button: QPushButton) -> int:
        """The button's width showing its words, whether it shows them now or not."""
        hint = button.sizeHint().width()
        if button.text():
            return hint
        return hint + button.fontMetrics().horizontalAdvance(self._words[button]) + 4

    def _width_bare(self, button: QPushButton) -> int:
        """Its width with only its icon shown (its words, for a button without an icon)."""
        if button.icon().isNull():
            return button.sizeHint().width()
        hint = button.sizeHint().width()
        if not button.text():
            return hint
        return hint - button.fontMetrics().horizontalAdvance(button.text()) - 4

    def _fill_more_menu(self) -> None:
        self.more_menu.clear()
        for button in self.in_more_menu():
            action = self.more_menu.addAction(button.icon(), self._words[button])
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
        least = self.label.reserved().width() + self._width_bare(self.delete_button)
        least += self.more_button.sizeHint().width() + 12
        return QSize(least, hint.height())
