"""Profile settings: typed accessors over JSON values in the settings table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from chatplanner.db.models import Setting
from chatplanner.services.context import ZONE_SETTING, ServiceContext

# Every setting the app reads, with its default. Values are stored as JSON.
DEFAULTS: dict[str, Any] = {
    "user.name": "",
    "user.email": "",
    "user.signature": "",
    "user.title": "",  # the user's job title now, for recruiter messages
    "user.goal": "",  # a phrase: "move from site engineering into project management"
    # {"label": "Home", "city": "Toronto", "latitude": 43.65, "longitude": -79.38} or None
    "user.base": None,
    # An IANA zone ("Europe/Paris") chosen in Preferences; None: the computer's zone.
    "user.timezone": None,
    "pipeline.follow_up_after_days": 7,
    "pipeline.move_on_after_days": 14,
    # Keep-in-touch cadence by contact kind, in days (a group's or a contact's own wins).
    "cadence.mentor": 60,
    "cadence.peer": 90,
    "cadence.recruiter": 120,
    "cadence.other": 180,
    "places.in_person_km": 50,
    "places.allow_bars": False,
    "places.travel_mode": "transit",
    # Weights of the venue ranking factors; see domain.venue_ranking.RankingWeights.
    "places.weights": {"familiarity": 0.4, "quiet": 0.25, "convenience": 0.2, "kind": 0.15},
    "archive.directory": None,  # None: the profile's archive/ folder
    "sync.every_minutes": 0,  # 0: sync only when asked
    "onboarding.done": False,  # the first-run questions were answered or skipped
}


@dataclass(frozen=True)
class UserIdentity:
    name: str
    email: str
    signature: str


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value, else `default`, else the app's default for that key."""
        if default is None:
            default = DEFAULTS.get(key)
        with self._context.sessions() as session:
            row = session.get(Setting, key)
            if row is None:
                return default
            try:
                return json.loads(row.value)
            except ValueError:
                return default

    def set(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._context.sessions.begin() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=encoded))
            else:
                row.value = encoded
        if key == ZONE_SETTING:
            self._context.user_zone.choose(value)

    def computer_zone(self) -> str:
        """The computer's own zone, used when none is chosen in Preferences."""
        return self._context.user_zone.system_name

    def apply_time_zone(self) -> None:
        """Take the zone chosen in Preferences (if any) into the service context."""
        self._context.user_zone.choose(self.get(ZONE_SETTING))

    def all(self) -> dict[str, Any]:
        with self._context.sessions() as session:
            result: dict[str, Any] = {}
            for row in session.scalars(select(Setting)):
                try:
                    result[row.key] = json.loads(row.value)
                except ValueError:
                    continue
            return result

    def user(self) -> UserIdentity:
        return UserIdentity(
            name=str(self.get("user.name", "") or ""),
            email=str(self.get("user.email", "") or ""),
            signature=str(self.get("user.signature", "") or ""),
        )
