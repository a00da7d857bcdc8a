"""Add or edit a venue: name, kind, address (with "Find address"), point, how quiet, what you know."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
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
from chatplanner.ui.venues.address_lookup import AddressLookup, FindAddress
from chatplanner.ui.venues.coordinates_field import CoordinatesField
from chatplanner.ui.widgets.flow_layout import FlowLayout
from chatplanner.ui.widgets.form_parts import (
    dialog_layout,
    error_label,
    keep_tall_enough,
    show_error,
)


class VenueEditor(QDialog):
    """`draft()` holds what the user entered once the dialog is accepted."""

    # Long: the venue form, built in one place.
    def __init__(
        self,
        find_address: FindAddress,
        draft: VenueDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._result: VenueDraft | None = None
        self.setWindowTitle("Edit Venue" if draft else "Add Venue")
        self.setMinimumWidth(560)

        outer, form = dialog_layout(self)

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
        self.coordinates = CoordinatesField()
        self.lookup = AddressLookup(
            find_address,
            self._query,
            "Type an address (or a name and city) to look up.",
            self.coordinates,
            self,
        )
        self.find_button = self.lookup.button
        self.lookup_status = self.lookup.status
        self.attribution = self.lookup.attribution
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.find_button)
        form.addRow("Address", address_row)

        self.city = QLineEdit()
        self.city.setMaxLength(MAX_NAME_CHARS)
        self.city.setPlaceholderText("Toronto")
        form.addRow("&City", self.city)

        form.addRow("&Location", self.coordinates)
        form.addRow("", self.lookup_status)
        form.addRow("", self.attribution)

        self.quietness = QComboBox()
        for level in range(1, 6):
            self.quietness.addItem(f"{level} · {QUIETNESS_WORDS[level]}", level)
        form.addRow("How &quiet", self.quietness)

        known = FlowLayout(spacing=20)  # wraps rather than cutting the boxes' labels
        self.knows_commute = QCheckBox("The commute")
        self.knows_parking = QCheckBox("Parking")
        self.knows_menu = QCheckBox("The menu")
        for box in (self.knows_commute, self.knows_parking, self.knows_menu):
            known.addWidget(box)
        form.addRow("You know", known)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Opening hours, the quiet corner, the best time to go…")
        self.notes.setFixedHeight(84)
        form.addRow("N&otes", self.notes)

        self.error = error_label()
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
        keep_tall_enough(self)  # its hints wrap: as tall as they need, in any font

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
            show_error(
                self.error,
                "The location is not a point. Type latitude, longitude (43.65, -79.38), "
                "paste a map link, or clear the field.",
            )
            self.coordinates.edit.setFocus()
            return
        try:
            self._result = self.entered().checked()
        except VenueInputError as error:
            show_error(self.error, str(error))
            return
        super().accept()

    def _query(self) -> str:
        parts = [self.address.text().strip(), self.city.text().strip()]
        if not parts[0]:
            parts.insert(0, self.name.text().strip())
        return ", ".join(part for part in parts if part)
