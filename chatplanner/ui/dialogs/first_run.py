"""The first-run sheet: who you are, what you are after, where you live, and your contacts.

Shown once on an empty profile; every question may be left blank and the whole sheet skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from chatplanner.domain.clock import zone_named
from chatplanner.domain.moments import zone_place
from chatplanner.domain.places import City, fold_place_name
from chatplanner.services.onboarding import FirstRunAnswers
from chatplanner.ui.literal_text import literal
from chatplanner.ui.venues.city_picker import CityPicker, FindCities
from chatplanner.ui.widgets.form_parts import dialog_layout, fit_height, muted_label

SIGNATURE_HINT = "Title · phone · LinkedIn (your name is added above it)"

# The zone a city in the given zone would make the user's, or None.
ZoneToAdopt = Callable[[str], str | None]


class FirstRunDialog(QDialog):
    """`answers()` and `wants_import()` hold the user's choices once accepted."""

    # Long: the sheet's rows, built in one place in the order the user reads them.
    def __init__(
        self,
        find_cities: FindCities,
        parent: QWidget | None = None,
        *,
        zone_to_adopt: ZoneToAdopt | None = None,
    ) -> None:
        """`zone_to_adopt`: the zone a city in a given zone would make the user's, or None
        (Preferences has one, or the computer keeps it): the sheet offers it."""
        super().__init__(parent)
        self._zone_to_adopt = zone_to_adopt
        self.setWindowTitle("Welcome to chatplanner")
        self.setMinimumWidth(560)
        outer, form = dialog_layout(self, spacing=12)
        title = QLabel("A few details to start")
        title.setProperty("role", "heading")
        outer.insertWidget(0, title)
        outer.insertWidget(
            1,
            muted_label(
                "They fill in your messages and thank-you notes and show who lives near you. "
                "They stay on this computer; change them in Preferences, or skip this now."
            ),
        )

        self.name = QLineEdit()
        self.name.setPlaceholderText("Your name, as you sign messages")
        form.addRow("Your &name", self.name)
        self.title = QLineEdit()
        # A short label keeps the sheet's label column narrow (a large font has little room).
        self.title.setPlaceholderText("Your title, e.g. Project engineer")
        self.title.setAccessibleName("Your title / what you do")
        form.addRow("What you &do", self.title)
        self.signature = QPlainTextEdit()
        self.signature.setPlaceholderText(SIGNATURE_HINT)
        self.signature.setTabChangesFocus(True)  # Tab moves on; it types no tab character
        self.signature.setFixedHeight(64)
        form.addRow("&Signature", self.signature)
        self.goal = QLineEdit()
        self.goal.setPlaceholderText("move from site engineering into project management")
        form.addRow("Working &towards", self.goal)
        self.city = CityPicker(find_cities, self)
        self.city.edit.setPlaceholderText("Your city, e.g. Toronto (works offline)")
        self.city.add_rows(form, "Your &city")
        # A computer left in UTC (or elsewhere) would show every time twice: offer the city's.
        # Always in its place, so the fixed-size sheet never has to grow for it.
        self.city_zone = QCheckBox()
        self.city_zone.setAccessibleName("Use your city's time")
        form.addRow("", self.city_zone)
        self.city.matches.currentIndexChanged.connect(lambda _i: self._offer_city_zone())
        self.city.edit.textChanged.connect(lambda _text: self._offer_city_zone())
        self._offer_city_zone()
        self.import_next = QCheckBox("Import my contacts next")
        self.import_next.setChecked(True)
        form.addRow("", self.import_next)

        buttons = QDialogButtonBox()
        self.skip_button = QPushButton("Skip for now")
        self.skip_button.setToolTip("Start with an empty profile; this will not be asked again")
        buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button = QPushButton("Get started")
        self.start_button.setProperty("role", "primary")
        self.start_button.setDefault(True)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # As wide as some 70 characters of its font (known once it is styled): a larger font
        # gets a wider sheet rather than a taller one, which would not fit a 700 px screen.
        wide = max(560, 70 * self.name.fontMetrics().averageCharWidth())
        if self.width() < wide:
            self.setMinimumWidth(wide)
            self.resize(wide, self.height())
        fit_height(self)
        # A short form with nothing to gain from a larger window: a fixed size, so window
        # managers draw no resize handle along its bottom edge (Openbox's double line with
        # grips) and offer no maximize button.
        self.setFixedSize(self.size())

    def _chosen_city(self) -> City | None:
        if not self.city.edit.text().strip():
            return None
        city = self.city.matches.currentData()
        return city if isinstance(city, City) else None

    def city_time_name(self) -> str:
        """ "Toronto time", as every page names the zone; "Toronto time (Montréal's zone)" for a
        city whose zone is named for another, which the pages will call "Toronto time" too."""
        city = self._chosen_city()
        zone = zone_named(city.timezone) if city is not None else None
        if city is None or zone is None:
            return "your city's time"
        place = zone_place(zone)
        name = city.name.strip()
        if not name or fold_place_name(name) == fold_place_name(place):
            return f"{place} time"
        return f"{place} time ({name}'s zone)"

    def _offer_city_zone(self) -> None:
        city = self._chosen_city()
        zone = (
            self._zone_to_adopt(city.timezone)
            if city is not None and self._zone_to_adopt is not None
            else None
        )
        self.city_zone.setText(
            f"Use {self.city_time_name()}" if zone is not None else "Use my city's time"
        )
        self.city_zone.setToolTip(
            literal(f"This computer keeps another time: show your times in {zone} (Preferences)")
            if zone
            else "Offered when this computer keeps another time than your city"
        )
        self.city_zone.setEnabled(zone is not None)
        self.city_zone.setChecked(zone is not None)

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(
            name=self.name.text(),
            title=self.title.text(),
            signature=self.signature.toPlainText(),
            goal=self.goal.text(),
            city=self.city.chosen() if self.city.edit.text().strip() else None,
            use_city_zone=self.city_zone.isChecked(),
        )

    def wants_import(self) -> bool:
        return self.import_next.isChecked()
