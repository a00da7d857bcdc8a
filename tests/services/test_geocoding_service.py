"""Finding an address: a recorded Nominatim answer, the profile's cache, and no network at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable

from chatplanner.db.models import GeocodeCacheEntry
from chatplanner.interop.geocoding import (
    NO_NETWORK_MESSAGE,
    GeocodeResult,
    GeocodingError,
    NominatimGeocoder,
    RequestThrottle,
)
from chatplanner.services.geocoding import GeocodingService
from chatplanner.services.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "interop" / "fixtures"


class NoWaiting(RequestThrottle):
    def wait(self) -> None:
        pass


def recorded_adapter(answer_file: str, calls: list[str]) -> type[BaseSyncAdapter]:
    class Recorded(BaseSyncAdapter):
        def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
            super().__init__(proxies=proxies, ssl_context=ssl_context)

        def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
            calls.append(url)
            return json.loads((FIXTURES / answer_file).read_text(encoding="utf-8"))

        def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
            raise NotImplementedError

    return Recorded


class Counting:
    def __init__(self, answer: GeocodeResult | None = None, error: Exception | None = None) -> None:
        self.answer = answer
        self.error = error
        self.queries: list[str] = []

    def geocode(self, query: str) -> GeocodeResult | None:
        self.queries.append(query)
        if self.error is not None:
            raise self.error
        return self.answer


def test_recorded_nominatim_answer_is_found_and_kept_in_the_profile(tmp_path: Path) -> None:
    calls: list[str] = []
    geocoder = NominatimGeocoder(
        adapter_factory=recorded_adapter("nominatim_cafe_toronto.json", calls), throttle=NoWaiting()
    )
    with Workspace.open(tmp_path / "p") as ws:
        service = GeocodingService(ws.context, geocoder=geocoder)
        found = service.find_address("123 Queen St W, Toronto")
        assert found is not None
        assert (found.latitude, found.longitude) == pytest.approx((43.6548726, -79.3883007))
        assert "Café Olé" in found.display_name
        again = service.find_address("  123 queen st w,   TORONTO ")
        assert again == found
        assert len(calls) == 1
        with ws.context.sessions() as session:
            row = session.get(GeocodeCacheEntry, "123 queen st w, toronto")
            assert row is not None
            assert row.latitude == pytest.approx(43.6548726)

    # A new service on the reopened profile answers from the table, not the map service.
    with Workspace.open(tmp_path / "p") as ws:
        offline = Counting(error=GeocodingError("No network"))
        assert (
            GeocodingService(ws.context, geocoder=offline).find_address("123 Queen St W, Toronto")
            == found
        )
        assert offline.queries == []


def test_nothing_found_is_remembered_with_empty_coordinates(tmp_path: Path) -> None:
    calls: list[str] = []
    geocoder = NominatimGeocoder(
        adapter_factory=recorded_adapter("nominatim_no_result.json", calls), throttle=NoWaiting()
    )
    with Workspace.open(tmp_path / "p") as ws:
        service = GeocodingService(ws.context, geocoder=geocoder)
        assert service.find_address("Nowhere Lane 999") is None
        assert service.find_address("nowhere lane 999") is None
        assert len(calls) == 1
        with ws.context.sessions() as session:
            row = session.get(GeocodeCacheEntry, "nowhere lane 999")
            assert row is not None
            assert row.latitude is None
            assert row.longitude is None


def test_without_a_network_the_message_says_to_enter_coordinates_by_hand(tmp_path: Path) -> None:
    # The real Nominatim adapter: the test session refuses every socket, as an offline laptop.
    with Workspace.open(tmp_path / "p") as ws:
        service = GeocodingService(ws.context, geocoder=NominatimGeocoder(throttle=NoWaiting()))
        with pytest.raises(GeocodingError) as raised:
            service.find_address("612 Queen St W, Toronto")
        assert "by hand" in raised.value.message
        # Failures are not remembered: the next try asks again.
        with ws.context.sessions() as session:
            assert session.get(GeocodeCacheEntry, "612 queen st w, toronto") is None
        # The profile stays usable.
        ws.settings.set("user.name", "Amara")
        assert ws.settings.get("user.name") == "Amara"


class Unreachable:
    """What geopy raises when the machine has no network (DNS or connection refused)."""

    def geocode(self, query: str, **options: Any) -> Any:
        raise GeocoderUnavailable("Failed to resolve 'nominatim.openstreetmap.org'")


def test_an_absent_network_is_said_plainly(tmp_path: Path) -> None:
    geocoder = NominatimGeocoder(geolocator=Unreachable(), throttle=NoWaiting())
    with Workspace.open(tmp_path / "p") as ws:
        with pytest.raises(GeocodingError) as raised:
            GeocodingService(ws.context, geocoder=geocoder).find_address("Annex Roasters")
        assert raised.value.message == NO_NETWORK_MESSAGE
        assert raised.value.try_again_later
