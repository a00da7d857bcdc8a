"""Choose another venue for a planned chat: the user's venues ranked for that person."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from chatplanner.errors import ChatplannerError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.venues.ranked_list import ID_ROLE, RankedVenueModel, ranked_list_view
from chatplanner.ui.widgets.modal import run_modal


class VenueChoiceDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        contact_id: int,
        parent: QWidget | None = None,
        title: str = "Change Venue",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(520, 420)
        layout = QVBoxLayout(self)
        heading = QLabel("Your venues, best first for this chat")
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        self.model = RankedVenueModel()
        self.list = ranked_list_view(self.model)
        self.list.setAccessibleName("Venue")
        layout.addWidget(self.list, 1)
        try:
            venues = workspace.planning.venues.suggest(contact_id).venues
        except ChatplannerError:
            venues = []
        self.model.set_rows(venues)
        if venues:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            layout.addWidget(QLabel("No venues yet: add the places you know on the Venues page."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Meet There")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(venues))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def venue_id(self) -> int | None:
        index = self.list.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if isinstance(value, int) else None


def choose_venue(
    workspace: Workspace,
    contact_id: int,
    parent: QWidget | None = None,
    title: str = "Change Venue",
) -> int | None:
    """The venue the user chose, or None when they cancelled."""
    dialog = VenueChoiceDialog(workspace, contact_id, parent, title)
    if run_modal(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.venue_id()
