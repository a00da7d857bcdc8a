"""Add or edit a venue: name, kind, address (with "Find address"), point, how quiet, what you know."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.venues import (
    MAX_ADDRESS_CHARS,
    MAX_NAME_CHARS,
    QUIETNESS_WORDS,
    VenueDraft,
    VenueInputError,
)
from chatplanner.services.geocoding import ATTRIBUTION, GeocodeResult, GeocodingError
from chatplanner.ui.venues.background import run_in_background
from chatplanner.ui.venues.coordinates_field import CoordinatesField

FindAddress = Callable[[str], GeocodeResult | None]

NOTHING_FOUND = (
    "The map service found nothing for that address. Check the spelling, or enter the "
    "coordinates by hand or paste a map link."
)
UNEXPECTED = "The look-up failed. Enter the coordinates by hand or paste a map link."


class VenueEditor(QDialog):
    """`draft()` holds what the user entered once the dialog is accepted."""

    def __init__(
        self,
        find_address: FindAddress,
        draft: VenueDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._find_address = find_address
        self._result: VenueDraft | None = None
        self.setWindowTitle("Edit Venue" if draft else "Add Venue")
        self.setMinimumWidth(560)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        outer.addLayout(form)

        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setPlaceholderText("Lantern & Leaf Coffee")
        form.addRow("&Name", self.name)

        self.kind = QComboBox()
        for kind in (VenueKind.COFFEE_SHOP, VenueKind.RESTAURANT, VenueKind.BAR, VenueKind.OTHER):
            self.kind.addItem(kind.label, kind)
        form.addRow("&Kind", self.kind)

        self.address = QLineEdit()
        self.address.setMaxLength(MAX_ADDRESS_CHARS)
        self.address.setPlaceholderText("612 Queen St W")
        self.find_button = QPushButton("Find address")
        self.find_button.setToolTip("Look the address up on OpenStreetMap (needs the network)")
        self.find_button.clicked.connect(self._find)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.find_button)
        form.addRow("Address", address_row)

        self.city = QLineEdit()
        self.city.setMaxLength(MAX_NAME_CHARS)
        self.city.setPlaceholderText("Toronto")
        form.addRow("&City", self.city)

        self.coordinates = CoordinatesField()
        form.addRow("&Location", self.coordinates)

        self.lookup_status = QLabel()
        self.lookup_status.setTextFormat(Qt.TextFormat.PlainText)
        self.lookup_status.setWordWrap(True)
        self.lookup_status.setVisible(False)
        form.addRow("", self.lookup_status)
        self.attribution = QLabel(ATTRIBUTION)
        self.attribution.setProperty("role", "muted")
        self.attribution.setVisible(False)
        form.addRow("", self.attribution)

        self.quietness = QComboBox()
        for level in range(1, 6):
            self.quietness.addItem(f"{level} · {QUIETNESS_WORDS[level]}", level)
        form.addRow("How &quiet", self.quietness)

        known = QHBoxLayout()
        known.setSpacing(20)
        self.knows_commute = QCheckBox("The commute")
        self.knows_parking = QCheckBox("Parking")
        self.knows_menu = QCheckBox("The menu")
        for box in (self.knows_commute, self.knows_parking, self.knows_menu):
            known.addWidget(box)
        known.addStretch(1)
        form.addRow("You know", known)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Opening hours, the quiet corner, the best time to go…")
        self.notes.setFixedHeight(84)
        form.addRow("N&otes", self.notes)

        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        outer.addWidget(self.error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setProperty("role", "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self._fill(draft or VenueDraft(""))
        self.name.setFocus()

    def _fill(self, draft: VenueDraft) -> None:
        self.name.setText(draft.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.address.setText(draft.address)
        self.city.setText(draft.city)
        if draft.latitude is not None and draft.longitude is not None:
            self.coordinates.set_point((draft.latitude, draft.longitude))
        self.quietness.setCurrentIndex(max(0, self.quietness.findData(draft.quietness)))
        self.knows_commute.setChecked(draft.knows_commute)
        self.knows_parking.setChecked(draft.knows_parking)
        self.knows_menu.setChecked(draft.knows_menu)
        self.notes.setPlainText(draft.notes)

    def entered(self) -> VenueDraft:
        """What the fields say now (not yet checked)."""
        point = self.coordinates.point()
        return VenueDraft(
            name=self.name.text(),
            kind=self.kind.currentData(),
            address=self.address.text(),
            city=self.city.text(),
            latitude=None if point is None else point[0],
            longitude=None if point is None else point[1],
            quietness=int(self.quietness.currentData()),
            knows_commute=self.knows_commute.isChecked(),
            knows_parking=self.knows_parking.isChecked(),
            knows_menu=self.knows_menu.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def draft(self) -> VenueDraft | None:
        return self._result

    def accept(self) -> None:
        if not self.coordinates.is_valid():
            self._show_error(
                "The location is not a point. Type latitude, longitude (43.65, -79.38), "
                "paste a map link, or clear the field."
            )
            self.coordinates.edit.setFocus()
            return
        try:
            self._result = self.entered().checked()
        except VenueInputError as error:
            self._show_error(str(error))
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    # Find address -------------------------------------------------------------------------
    def _query(self) -> str:
        parts = [self.address.text().strip(), self.city.text().strip()]
        if not parts[0]:
            parts.insert(0, self.name.text().strip())
        return ", ".join(part for part in parts if part)

    def _find(self) -> None:
        query = self._query()
        if not query:
            self._status("Type an address (or a name and city) to look up.", problem=True)
            return
        self.find_button.setEnabled(False)
        self.find_button.setText("Looking up…")
        self._status("Asking OpenStreetMap…", problem=False)
        run_in_background(self, lambda: self._find_address(query), self._found, self._failed)

    def _lookup_finished(self) -> None:
        self.find_button.setEnabled(True)
        self.find_button.setText("Find address")

    def _found(self, result: object) -> None:
        self._lookup_finished()
        if not isinstance(result, GeocodeResult):
            self._status(NOTHING_FOUND, problem=True)
            return
        self.coordinates.set_point((result.latitude, result.longitude))
        self._status(f"Found: {result.display_name or 'a match'}", problem=False)
        self.attribution.setVisible(True)

    def _failed(self, error: Exception) -> None:
        self._lookup_finished()
        message = error.message if isinstance(error, GeocodingError) else UNEXPECTED
        self._status(message, problem=True)
        self.coordinates.edit.setFocus()

    def _status(self, text: str, *, problem: bool) -> None:
        self.lookup_status.setText(text)
        self.lookup_status.setProperty("role", "error" if problem else "muted")
        self.lookup_status.style().unpolish(self.lookup_status)
        self.lookup_status.style().polish(self.lookup_status)
        self.lookup_status.setVisible(True)
        if problem:
            self.attribution.setVisible(False)
