"""Geocoding through geopy's Nominatim without a network: recorded answers, failures, the cache."""

from __future__ import annotations

import itertools
import json
import socket
import threading
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import (
    GeocoderInsufficientPrivileges,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner import version
from chatplanner.interop.geocoding import (
    MISS,
    NO_NETWORK_MESSAGE,
    USER_AGENT,
    CachedGeocoder,
    CacheMiss,
    GeocodeResult,
    GeocodingError,
    NominatimGeocoder,
    RequestThrottle,
    normalise_query,
)

FIXTURES = Path(__file__).parent / "fixtures"


class NoWaiting(RequestThrottle):
    """A throttle that counts requests instead of sleeping."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def wait(self) -> None:
        self.requests += 1


class RecordedNominatim(BaseSyncAdapter):
    """A geopy adapter that answers from a recorded Nominatim JSON file."""

    answer_file = "nominatim_no_result.json"
    seen: list[tuple[str, dict[str, str]]] = []

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        type(self).seen.append((url, headers))
        return json.loads((FIXTURES / self.answer_file).read_text(encoding="utf-8"))

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        raise NotImplementedError


def recorded_adapter(answer: str) -> type[RecordedNominatim]:
    """An adapter class that answers from `answer`, with its own list of requests seen."""

    class Recorded(RecordedNominatim):
        answer_file = answer
        seen: list[tuple[str, dict[str, str]]] = []

    return Recorded


def recorded(answer_file: str) -> tuple[NominatimGeocoder, list[tuple[str, dict[str, str]]]]:
    adapter = recorded_adapter(answer_file)
    geocoder = NominatimGeocoder(adapter_factory=adapter, throttle=NoWaiting())
    return geocoder, adapter.seen


class FailingLocator:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def geocode(self, query: str, **options: Any) -> Any:
        raise self.error


def test_user_agent_identifies_the_app() -> None:
    assert f"chatplanner/{version()} (desktop app)" == USER_AGENT


def test_recorded_answer_becomes_a_result_and_the_request_identifies_us() -> None:
    geocoder, seen = recorded("nominatim_cafe_toronto.json")
    result = geocoder.geocode("Café Olé, 123 Queen St W, Toronto")
    assert result == GeocodeResult(
        43.6548726,
        -79.3883007,
        "Café Olé, 123, Queen Street West, Financial District, Spadina—Fort York, Old Toronto, "
        "Toronto, Golden Horseshoe, Ontario, M5H 2M9, Canada",
    )
    ((url, headers),) = seen
    assert headers["User-Agent"] == USER_AGENT
    query = parse_qs(urlparse(url).query)
    assert urlparse(url).hostname == "nominatim.openstreetmap.org"
    assert query["q"] == ["Café Olé, 123 Queen St W, Toronto"]
    assert query["limit"] == ["1"]


def test_first_of_several_answers_is_taken_in_any_script() -> None:
    geocoder, _ = recorded("nominatim_tokyo_japanese.json")
    result = geocoder.geocode("東京")
    assert result is not None
    assert result.display_name == "東京都, 日本"
    assert result.latitude == pytest.approx(35.6768601)


def test_no_match_gives_none() -> None:
    geocoder, _ = recorded("nominatim_no_result.json")
    assert geocoder.geocode("Nowhere Street 99999, Atlantis") is None


def test_a_refused_query_gives_a_sentence_about_the_address() -> None:
    geocoder, _ = recorded("nominatim_error.json")
    with pytest.raises(GeocodingError, match="could not read that address"):
        geocoder.geocode("???")


def test_language_and_country_are_passed_on() -> None:
    adapter = recorded_adapter("nominatim_no_result.json")
    geocoder = NominatimGeocoder(
        adapter_factory=adapter, throttle=NoWaiting(), language="fr", country_codes=["ca"]
    )
    geocoder.geocode("Montréal")
    query = parse_qs(urlparse(adapter.seen[0][0]).query)
    assert query["accept-language"] == ["fr"]
    assert query["countrycodes"] == ["ca"]


def test_absent_network_gives_the_no_network_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    # What a machine without a network does: the name cannot be resolved.
    def no_dns(*_args: object, **_kwargs: object) -> None:
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    # urllib (geopy's adapter without requests) resolves through create_connection.
    monkeypatch.setattr(socket, "create_connection", no_dns)
    geocoder = NominatimGeocoder(timeout=1, throttle=NoWaiting())
    with pytest.raises(GeocodingError) as caught:
        geocoder.geocode("Toronto")
    assert caught.value.message == NO_NETWORK_MESSAGE
    assert str(caught.value) == "No network: enter the coordinates by hand or paste a map link."
    assert caught.value.try_again_later


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (GeocoderUnavailable("down"), "No network"),
        (ConnectionRefusedError(), "No network"),
        (GeocoderTimedOut("slow"), "did not answer in time"),
        (GeocoderRateLimited("429", retry_after=60), "slow down"),
        (GeocoderInsufficientPrivileges("403"), "refused"),
        (GeocoderServiceError("500"), "could not use"),
    ],
)
def test_failures_become_plain_sentences(error: BaseException, words: str) -> None:
    geocoder = NominatimGeocoder(geolocator=FailingLocator(error), throttle=NoWaiting())
    with pytest.raises(GeocodingError, match=words) as caught:
        geocoder.geocode("Toronto")
    assert caught.value.message.endswith("enter the coordinates by hand or paste a map link.")


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "x" * 301])
def test_empty_or_overlong_queries_are_refused_before_any_request(query: str) -> None:
    throttle = NoWaiting()
    geocoder = NominatimGeocoder(geolocator=FailingLocator(AssertionError()), throttle=throttle)
    with pytest.raises(GeocodingError):
        geocoder.geocode(query)
    assert throttle.requests == 0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_query_gives_a_result_none_or_a_geocoding_error(query: str) -> None:
    geocoder, _ = recorded("nominatim_cafe_toronto.json")
    try:
        result = geocoder.geocode(query)
    except GeocodingError as error:
        assert error.message
    else:
        assert result is not None


def test_throttle_spaces_requests_by_one_second() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = RequestThrottle(1.0, monotonic=lambda: now[0], sleep=sleep)
    throttle.wait()
    now[0] += 0.25
    throttle.wait()
    now[0] += 5.0
    throttle.wait()
    assert slept == [pytest.approx(0.75)]


def test_one_throttle_is_shared_by_every_geocoder_across_threads() -> None:
    now = [0.0]
    lock = threading.Lock()
    starts: list[float] = []

    def sleep(seconds: float) -> None:
        with lock:
            now[0] += seconds

    throttle = RequestThrottle(1.0, monotonic=lambda: now[0], sleep=sleep)

    class Clocked:
        def geocode(self, query: str, **options: Any) -> None:
            starts.append(now[0])

    geocoders = [NominatimGeocoder(geolocator=Clocked(), throttle=throttle) for _ in range(2)]
    threads = [threading.Thread(target=geocoders[i % 2].geocode, args=(f"q{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(starts))


class CountingGeocoder:
    def __init__(self, answer: GeocodeResult | None = None, error: GeocodingError | None = None):
        self.answer = answer
        self.error = error
        self.calls = 0

    def geocode(self, query: str) -> GeocodeResult | None:
        self.calls += 1
        if self.error:
            raise self.error
        return self.answer


class InMemoryGeocodeCache:
    """A GeocodeCache in a dict."""

    def __init__(self) -> None:
        self._answers: dict[str, GeocodeResult | None] = {}

    def get(self, query: str) -> GeocodeResult | Literal[CacheMiss.MISS] | None:
        return self._answers.get(query, MISS)

    def put(self, query: str, result: GeocodeResult | None) -> None:
        self._answers[query] = result

    def __len__(self) -> int:
        return len(self._answers)


def test_cache_answers_the_same_place_written_differently() -> None:
    inner = CountingGeocoder(GeocodeResult(43.65, -79.38, "Toronto"))
    cache = InMemoryGeocodeCache()
    geocoder = CachedGeocoder(inner, cache)
    first = geocoder.geocode("Café Olé,  Toronto")
    second = geocoder.geocode("  café olé, toronto ")
    assert first == second
    assert inner.calls == 1
    assert cache.get("café olé, toronto") == first


def test_nothing_found_is_remembered_too() -> None:
    inner = CountingGeocoder(None)
    cache = InMemoryGeocodeCache()
    geocoder = CachedGeocoder(inner, cache)
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Atlantis") is None
    assert inner.calls == 1
    assert cache.get("atlantis") is None
    assert cache.get("elsewhere") is MISS


def test_failures_are_not_remembered() -> None:
    inner = CountingGeocoder(error=GeocodingError(NO_NETWORK_MESSAGE))
    cache = InMemoryGeocodeCache()
    geocoder = CachedGeocoder(inner, cache)
    for _ in range(2):
        with pytest.raises(GeocodingError):
            geocoder.geocode("Toronto")
    assert inner.calls == 2
    assert len(cache) == 0


def test_normalised_query_is_one_line_without_case() -> None:
    assert normalise_query("  Café\nOLÉ\x00 \t Toronto ") == "café olé toronto"
