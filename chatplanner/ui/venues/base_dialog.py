"""Where the user starts from: a city from the offline list, or an address or a point."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from chatplanner.domain.places import City
from chatplanner.domain.venues import UserBase
from chatplanner.ui.venues.address_lookup import AddressLookup, FindAddress
from chatplanner.ui.venues.city_picker import CityPicker, FindCities
from chatplanner.ui.venues.coordinates_field import CoordinatesField
from chatplanner.ui.widgets.form_parts import (
    dialog_layout,
    error_label,
    fit_height,
    muted_label,
    show_error,
)


class BaseDialog(QDialog):
    """`base()` is the chosen base once accepted."""

    # Long: the base dialog's form, built in one place.
    def __init__(
        self,
        find_cities: FindCities,
        find_address: FindAddress,
        current: UserBase | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._result: UserBase | None = None
        self.setWindowTitle("Your Base")
        self.setMinimumWidth(560)

        outer, form = dialog_layout(self, spacing=12)
        outer.insertWidget(
            0,
            muted_label(
                "Distances to venues and whether a contact is in your city are measured from "
                "here. The city list works offline."
            ),
        )

        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.addItems(["Home", "Work"])
        form.addRow("&This is", self.label)

        self.city_picker = CityPicker(find_cities, self)
        self.city = self.city_picker.edit
        self.matches = self.city_picker.matches
        self.city_hint = self.city_picker.hint
        self.city_picker.add_rows(form, "&City")

        self.address = QLineEdit()
        self.address.setPlaceholderText("Optional: your street address, for exact distances")
        self.coordinates = CoordinatesField()
        self.coordinates.edit.setPlaceholderText(
            "Optional: 43.65, -79.38 or a map link (else the city centre)"
        )
        self.lookup = AddressLookup(
            find_address, self._query, "Type your address first.", self.coordinates, self
        )
        self.find_button = self.lookup.button
        self.lookup_status = self.lookup.status
        self.attribution = self.lookup.attribution
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.find_button)
        form.addRow("Address", row)
        form.addRow("&Point", self.coordinates)
        form.addRow("", self.lookup_status)
        form.addRow("", self.attribution)

        self.error = error_label()
        outer.addWidget(self.error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("role", "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        # A new city makes the old point wrong: it is cleared (typed again or found if wanted).
        self.city_picker.edited.connect(lambda: self.coordinates.set_point(None))

        if current is not None:
            self.label.setCurrentText(current.label)
            self.city.setText(current.city)
            self.coordinates.set_point((current.latitude, current.longitude))
        self.city_picker.look_up()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def _look_up_city(self) -> None:
        self.city_picker.look_up()

    def chosen_city(self) -> City | None:
        return self.city_picker.chosen()

    def base(self) -> UserBase | None:
        return self._result

    def accept(self) -> None:
        self._look_up_city()
        city = self.chosen_city()
        point = self.coordinates.point()
        if not self.coordinates.is_valid():
            show_error(
                self.error, "The point is not a place. Type latitude, longitude or clear the field."
            )
            return
        if point is None and city is None:
            show_error(self.error, "Choose a city from the list, or give a point or an address.")
            return
        centre = point is None
        if point is None:
            assert city is not None
            point = (city.latitude, city.longitude)
        latitude, longitude = point
        self._result = UserBase(
            label=self.label.currentText().strip() or "Home",
            city=city.name if city else " ".join(self.city.text().split()),
            latitude=latitude,
            longitude=longitude,
            country=city.country if city else "",
            timezone=city.timezone if city else "",
            city_centre=centre,
        )
        super().accept()

    def _query(self) -> str:
        """The address in the chosen city; nothing until an address is typed."""
        address = self.address.text().strip()
        if not address:
            return ""
        return ", ".join(p for p in (address, self.city.text().strip()) if p)
