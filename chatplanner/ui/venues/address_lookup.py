""" "Find address": the button, the status line and the map service's credit.

The venue editor and the base dialog both look an address up the same way: off the GUI thread,
the point found goes into their coordinates field, and a failure says what to do instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from chatplanner.services.geocoding import ATTRIBUTION, GeocodeResult, GeocodingError
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.venues.coordinates_field import CoordinatesField

FindAddress = Callable[[str], GeocodeResult | None]

NOTHING_FOUND = (
    "The map service found nothing for that address. Check the spelling, or enter the "
    "coordinates by hand or paste a map link."
)
UNEXPECTED = "The look-up failed. Enter the coordinates by hand or paste a map link."
FIND_LABEL = "Find address"


def _plain_failure(error: Exception) -> str:
    return error.message if isinstance(error, GeocodingError) else UNEXPECTED


class AddressLookup(QObject):
    """The dialog places `button`, `status` and `attribution`; `query()` says what to look up
    ("" when there is nothing yet, and then `empty_message` is shown)."""

    def __init__(
        self,
        find_address: FindAddress,
        query: Callable[[], str],
        empty_message: str,
        coordinates: CoordinatesField,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._find_address = find_address
        self._query = query
        self._empty_message = empty_message
        self._coordinates = coordinates
        self._lookup = BackgroundTask(self, explain=_plain_failure, name="address-lookup")
        self._lookup.succeeded.connect(self._found)
        self._lookup.failed.connect(self._failed)
        self.button = QPushButton(FIND_LABEL)
        self.button.setToolTip("Look the address up on OpenStreetMap (needs the network)")
        self.button.clicked.connect(self.find)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.attribution = QLabel(ATTRIBUTION)
        self.attribution.setProperty("role", "muted")
        self.attribution.setVisible(False)

    def find(self) -> None:
        query = self._query()
        if not query:
            self._show(self._empty_message, problem=True)
            return
        self.button.setEnabled(False)
        self.button.setText("Looking up…")
        self._show("Asking OpenStreetMap…", problem=False)
        self._lookup.call(lambda: self._find_address(query))

    def _finished(self) -> None:
        self.button.setEnabled(True)
        self.button.setText(FIND_LABEL)

    def _found(self, result: object) -> None:
        self._finished()
        if not isinstance(result, GeocodeResult):
            self._show(NOTHING_FOUND, problem=True)
            return
        self._coordinates.set_point((result.latitude, result.longitude))
        self._show(f"Found: {result.display_name or 'a match'}", problem=False)
        self.attribution.setVisible(True)

    def _failed(self, message: str) -> None:
        self._finished()
        self._show(message, problem=True)
        self._coordinates.edit.setFocus()

    def _show(self, text: str, *, problem: bool) -> None:
        self.status.setText(text)
        self.status.setProperty("role", "error" if problem else "muted")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setVisible(True)
        if problem:
            self.attribution.setVisible(False)
