"""The venue editor: "Find address" off the GUI thread, its failures said plainly, manual entry."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from chatplanner.domain.enums import VenueKind
from chatplanner.interop.geocoding import NO_NETWORK_MESSAGE, GeocodeResult, GeocodingError
from chatplanner.ui.venues.address_lookup import NOTHING_FOUND
from chatplanner.ui.venues.editor import VenueEditor


def test_find_address_without_network_says_so_and_manual_entry_still_works(qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []

    def offline(query: str) -> GeocodeResult | None:
        threads.append(threading.current_thread())
        raise GeocodingError(NO_NETWORK_MESSAGE, try_again_later=True)

    editor = VenueEditor(offline)
    qtbot.addWidget(editor)
    editor.name.setText("Annex Roasters")
    editor.address.setText("540 Bloor St W")
    editor.find_button.click()
    qtbot.waitUntil(lambda: editor.find_button.isEnabled(), timeout=5000)
    assert editor.lookup_status.text() == NO_NETWORK_MESSAGE
    assert editor.lookup_status.property("role") == "error"
    assert not editor.attribution.isVisibleTo(editor)
    assert threads
    assert threads[0] is not threading.main_thread()

    # The way on: type the point (or paste a map link) and save.
    editor.coordinates.edit.setText("43.6655, -79.41")
    editor.accept()
    draft = editor.draft()
    assert draft is not None
    assert (draft.latitude, draft.longitude) == (43.6655, -79.41)
    assert draft.name == "Annex Roasters"


def test_found_address_fills_the_point_and_credits_openstreetmap(qtbot: QtBot) -> None:
    queries: list[str] = []

    def found(query: str) -> GeocodeResult | None:
        queries.append(query)
        return GeocodeResult(43.6548726, -79.3883007, "Café Olé, 123 Queen St W, Toronto")

    editor = VenueEditor(found)
    qtbot.addWidget(editor)
    editor.address.setText("123 Queen St W")
    editor.city.setText("Toronto")
    editor.find_button.click()
    qtbot.waitUntil(lambda: editor.find_button.isEnabled(), timeout=5000)
    assert queries == ["123 Queen St W, Toronto"]
    assert editor.coordinates.point() == (43.654873, -79.388301)
    assert editor.lookup_status.text().startswith("Found: Café Olé")
    assert editor.attribution.isVisibleTo(editor)
    assert editor.attribution.text() == "© OpenStreetMap contributors"


def test_nothing_found_is_said_plainly(qtbot: QtBot) -> None:
    editor = VenueEditor(lambda query: None)
    qtbot.addWidget(editor)
    editor.address.setText("Nowhere Lane 999")
    editor.find_button.click()
    qtbot.waitUntil(lambda: editor.find_button.isEnabled(), timeout=5000)
    assert editor.lookup_status.text() == NOTHING_FOUND


def test_an_unreadable_point_or_a_missing_name_keeps_the_dialog_open(qtbot: QtBot) -> None:
    editor = VenueEditor(lambda query: None)
    qtbot.addWidget(editor)
    editor.name.setText("Café")
    editor.coordinates.edit.setText("somewhere nice")
    editor.accept()
    assert editor.draft() is None
    assert "not a point" in editor.error.text()
    editor.coordinates.edit.setText("")
    editor.name.setText("   ")
    editor.accept()
    assert editor.draft() is None
    assert "name" in editor.error.text()
    editor.name.setText("Taproom")
    editor.kind.setCurrentIndex(editor.kind.findData(VenueKind.BAR))
    editor.accept()
    draft = editor.draft()
    assert draft is not None
    assert draft.kind is VenueKind.BAR
    assert draft.latitude is None
