"""A city typed by name and chosen among the offline list's matches (no network)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

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


class CityPicker(QObject):
    """The name field, the matching places (when there are any) and a hint under them.

    Three rows of the dialog's own form (`add_rows`): a form lays rows out reliably where a
    widget holding all three let them overlap once the matches appeared.
    """

    edited = Signal()  # the user typed in the name field

    def __init__(self, find_cities: FindCities, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find_cities = find_cities
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            "Toronto  (add a region or country to narrow: London, Ontario)"
        )
        # Both always take their place, so that the form never moves nor squeezes its other
        # rows while the user types (a dialog does not always grow in time for a new row).
        self.matches = QComboBox()
        self.matches.setAccessibleName("Matching places")
        self.matches.setPlaceholderText("Matching places appear here")
        self.hint = muted_label()
        self.hint.setMinimumHeight(2 * self.hint.fontMetrics().lineSpacing())

        self._looked_up: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.look_up)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        self.look_up()

    def add_rows(self, form: QFormLayout, label: str) -> None:
        form.addRow(label, self.edit)
        form.addRow("", self.matches)
        form.addRow("", self.hint)

    def look_up(self) -> None:
        text = self.edit.text().strip()
        if text == self._looked_up and self.matches.count():
            return  # the same name: keep the place the user chose among its matches
        self._looked_up = text
        self.matches.clear()
        found = self._find_cities(text) if text else []
        for city in found[:30]:
            self.matches.addItem(city_caption(city), city)
        if found:
            self.matches.setCurrentIndex(0)  # the largest place of that name
        self.matches.setEnabled(bool(found))
        if not text:
            self.hint.setText("Type the name of your city or town.")
        elif not found:
            # Said while the name is still being typed too ("Toront"): not a fault yet.
            self.hint.setText(
                "No place of that name yet: type the whole name. The offline list holds towns "
                "of 15,000 people or more."
            )
        elif len(found) > 1:
            self.hint.setText(f"{len(found)} places have that name: choose yours.")
        else:
            self.hint.setText("")

    def chosen(self) -> City | None:
        """The place chosen among the matches of what is typed now."""
        self.look_up()
        city = self.matches.currentData()
        return city if isinstance(city, City) and self.matches.count() > 0 else None
