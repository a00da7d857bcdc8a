"""What People shows before anyone is in the network: import them, or add one by hand."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from chatplanner.ui.widgets.empty_state import EmptyState


def people_empty_state(
    import_linkedin: Callable[[], None], add_by_hand: Callable[[], None]
) -> tuple[EmptyState, QPushButton]:
    """The empty state and its second button, "Add a person by hand"."""
    empty = EmptyState(
        "people",
        "Bring your network in",
        "Import the connections you already have on LinkedIn (their data export holds "
        "them all), or add the people you want to meet one by one.",
        "Import your LinkedIn connections",
        import_linkedin,
    )
    by_hand = QPushButton("Add a person by hand")
    by_hand.setProperty("role", "flat")
    by_hand.clicked.connect(add_by_hand)
    layout = empty.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(layout.count() - 1, by_hand, 0, Qt.AlignmentFlag.AlignHCenter)
    return empty, by_hand
