"""A chat's time in words, for every service that shows one: the zones come from here, the
words from `domain/moments.py`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import chat_zone, zone_named
from chatplanner.domain.enums import MeetingMode
from chatplanner.domain.moments import OtherClock, when_words
from chatplanner.services.context import ServiceContext

# The city list's code (the gazetteer, venue rules) is imported only when a call needs the other
# person's clock: Today is read, and painted, without it.
if TYPE_CHECKING:
    from chatplanner.services.locating import PlaceResolver


class ChatTimes:
    """The meeting's zone, the user's zone and, for an online call, the other person's zone
    from their city (the offline city list, read only when such a call is shown)."""

    def __init__(
        self,
        context: ServiceContext,
        places: PlaceResolver | None = None,
        *,
        read_places: bool = True,
    ) -> None:
        """With `read_places` False, the city list is used only if already read (reading it
        takes a noticeable moment); `places_pending` then says whether a clock was left out."""
        self._context = context
        self._places = places
        self._read_places = read_places
        self._city_zones: dict[tuple[str, str], ZoneInfo | None] = {}
        self.places_pending = False

    def user_zone(self) -> ZoneInfo:
        return self._context.zone()

    def place_zone(self, timezone: str | None) -> ZoneInfo:
        """Where the chat happens: its stored zone, the user's when it has none."""
        return chat_zone(timezone, self._context.zone())

    def city_zone(self, city: str | None, country: str | None = None) -> ZoneInfo | None:
        cleaned = " ".join((city or "").split())
        if not cleaned:
            return None
        key = (cleaned.casefold(), (country or "").casefold())
        if key not in self._city_zones:
            if self._places is None:
                from chatplanner.services.locating import PlaceResolver

                self._places = PlaceResolver()
            if not self._read_places and not self._places.is_read():
                self.places_pending = True
                return None
            self._city_zones[key] = zone_named(self._places.zone_for(cleaned, None, country))
        return self._city_zones[key]

    def other_clock(
        self, mode: MeetingMode | str | None, who: str, city: str | None, country: str | None
    ) -> OtherClock | None:
        """For an online call, the other person's clock (their zone from their city)."""
        if mode != MeetingMode.ONLINE.value and mode is not MeetingMode.ONLINE:
            return None
        zone = self.city_zone(city, country)
        return None if zone is None else OtherClock(zone, who)

    def words(
        self,
        starts_at: datetime,
        timezone: str | None,
        *,
        other: OtherClock | None = None,
        now: datetime | None = None,
        sentence: bool = False,
    ) -> str:
        return when_words(
            starts_at,
            self.place_zone(timezone),
            self.user_zone(),
            now=now,
            sentence=sentence,
            other=other,
        )
