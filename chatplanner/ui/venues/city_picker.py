"""A city typed by name and chosen among the offline list's matches (no network)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from chatplanner.domain.places import City
from chatplanner.ui.widgets.form_parts import muted_label

FindCities = Callable[[str], list[City]]


def city_caption(city: City) -> str:
    people = (
        f"{city.population / 1_000_000:.1f} M"
        if city.population >= 1_000_000
        else (f"{city.population:,}")
    )
    return f"{city.name}, {city.country} — {city.timezone.replace('_', ' ')} · {people} people"


class CityPicker(QWidget):
    """The name field, the matching places (when there are any) and a hint under them."""

    edited = Signal()  # the user typed in the name field

    def __init__(self, find_cities: FindCities, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find_cities = find_cities
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.edit = QLineEdit()
        self.edit.setAccessibleName("City")
        self.edit.setPlaceholderText("Toronto  (add a region or country to narrow: London, Ontario)")
        layout.addWidget(self.edit)
        self.matches = QComboBox()
        self.matches.setAccessibleName("Matching places")
        layout.addWidget(self.matches)
        self.hint = muted_label()
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)

        self._looked_up: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.look_up)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        self.look_up()

    def look_up(self) -> None:
        text = self.edit.text().strip()
        if text == self._looked_up and self.matches.count():
            return  # the same name: keep the place the user chose among its matches
        self._looked_up = text
        self.matches.clear()
        found = self._find_cities(text) if text else []
        for city in found[:30]:
            self.matches.addItem(city_caption(city), city)
        self.matches.setVisible(bool(found))
        if not text:
            self.hint.setText("Type the name of your city or town.")
        elif not found:
            self.hint.setText(
                "Not in the offline list (towns of 15,000 people or more). Check the spelling, "
                "or give a point below."
            )
        elif len(found) > 1:
            self.hint.setText(f"{len(found)} places have that name: choose yours.")
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))

    def chosen(self) -> City | None:
        """The place chosen among the matches of what is typed now."""
        self.look_up()
        city = self.matches.currentData()
        return city if isinstance(city, City) and self.matches.count() > 0 else None
