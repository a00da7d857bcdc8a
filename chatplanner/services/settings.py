"""Profile settings: typed accessors over JSON values in the settings table.

Read in plain SQL (`ServiceContext.reading`): Today's rules and the user's zone are read before
SQLAlchemy is loaded, and by the same code once the database is open. Writes go through a
session (the database layer is imported then).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chatplanner.domain.clock import zone_to_adopt
from chatplanner.domain.enums import ContactKind
from chatplanner.errors import ChatplannerError
from chatplanner.services.context import ZONE_SETTING, ServiceContext
from chatplanner.services.stored_settings import stored_settings

# The keys of the settings Preferences writes: use these names, never the strings.
USER_NAME = "user.name"
USER_EMAIL = "user.email"
USER_SIGNATURE = "user.signature"
USER_GOAL = "user.goal"
USER_TITLE = "user.title"
FOLLOW_UP_KEY = "pipeline.follow_up_after_days"
MOVE_ON_KEY = "pipeline.move_on_after_days"
IN_PERSON_KM = "places.in_person_km"
ALLOW_BARS = "places.allow_bars"
TRAVEL_MODE = "places.travel_mode"
ARCHIVE_DIRECTORY = "archive.directory"
SYNC_EVERY_MINUTES = "sync.every_minutes"


def cadence_key(kind: ContactKind) -> str:
    """The setting holding the keep-in-touch days of one kind of contact."""
    return f"cadence.{kind.value}"


# Every setting the app reads, with its default. Values are stored as JSON.
DEFAULTS: dict[str, Any] = {
    USER_NAME: "",
    USER_EMAIL: "",
    USER_SIGNATURE: "",
    USER_TITLE: "",  # the user's title or what they do now ("Project engineer"): {my_title}
    USER_GOAL: "",  # a phrase: "move from site engineering into project management"
    # {"label": "Home", "city": "Toronto", "latitude": 43.65, "longitude": -79.38} or None
    "user.base": None,
    # An IANA zone ("Europe/Paris") chosen in Preferences; None: the computer's zone.
    ZONE_SETTING: None,
    FOLLOW_UP_KEY: 7,
    MOVE_ON_KEY: 14,
    # Keep-in-touch cadence by contact kind, in days (a group's or a contact's own wins).
    "cadence.mentor": 60,
    "cadence.peer": 90,
    "cadence.recruiter": 120,
    "cadence.other": 180,
    IN_PERSON_KM: 50,
    ALLOW_BARS: False,
    TRAVEL_MODE: "transit",
    # Weights of the venue ranking factors; see domain.venue_ranking.RankingWeights.
    "places.weights": {"familiarity": 0.4, "quiet": 0.25, "convenience": 0.2, "kind": 0.15},
    ARCHIVE_DIRECTORY: None,  # None: the profile's archive/ folder
    SYNC_EVERY_MINUTES: 0,  # 0: sync only when asked
    "onboarding.done": False,  # the first-run questions were answered or skipped
}


class SettingsError(ChatplannerError):
    """Preferences that cannot work together, said so the user can fix them."""


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences dialog shows and writes, typed."""

    name: str = ""
    email: str = ""
    signature: str = ""
    title: str = ""  # what the user does now, e.g. "Project engineer"
    goal: str = ""
    time_zone: str | None = None  # an IANA name; None: the computer's zone
    follow_up_after_days: int = 7
    move_on_after_days: int = 14
    cadence_days: Mapping[ContactKind, int] = field(default_factory=dict)
    in_person_km: int = 50
    allow_bars: bool = False
    travel_mode: str = "transit"
    archive_directory: str | None = None  # None: the profile's archive/ folder
    sync_every_minutes: int | None = None  # None: not shown, left as it is

    def as_settings(self) -> dict[str, Any]:
        """The stored form: each value under its setting's key."""
        values: dict[str, Any] = {
            USER_NAME: self.name,
            USER_EMAIL: self.email,
            USER_SIGNATURE: self.signature,
            USER_TITLE: self.title,
            USER_GOAL: self.goal,
            ZONE_SETTING: self.time_zone,
            FOLLOW_UP_KEY: self.follow_up_after_days,
            MOVE_ON_KEY: self.move_on_after_days,
            IN_PERSON_KM: self.in_person_km,
            ALLOW_BARS: self.allow_bars,
            TRAVEL_MODE: self.travel_mode,
            ARCHIVE_DIRECTORY: self.archive_directory,
        }
        for kind, days in self.cadence_days.items():
            values[cadence_key(kind)] = days
        if self.sync_every_minutes is not None:
            values[SYNC_EVERY_MINUTES] = self.sync_every_minutes
        return values


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
        with self._context.reading() as connection:
            return stored_settings(connection, (key,)).get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, Any]) -> None:
        """Write every value in one transaction: all of them, or none."""
        from chatplanner.db.models import Setting

        with self._context.sessions.begin() as session:
            for key, value in values.items():
                encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
                row = session.get(Setting, key)
                if row is None:
                    session.add(Setting(key=key, value=encoded))
                else:
                    row.value = encoded
        if ZONE_SETTING in values:
            self._context.user_zone.choose(values[ZONE_SETTING])

    def preferences(self) -> Preferences:
        """What the Preferences dialog shows, read in one go."""
        stored = {**DEFAULTS, **self.all()}
        minutes = stored.get(SYNC_EVERY_MINUTES)
        return Preferences(
            name=str(stored[USER_NAME] or ""),
            email=str(stored[USER_EMAIL] or ""),
            signature=str(stored[USER_SIGNATURE] or ""),
            title=str(stored[USER_TITLE] or ""),
            goal=str(stored[USER_GOAL] or ""),
            time_zone=stored[ZONE_SETTING],
            follow_up_after_days=int(stored[FOLLOW_UP_KEY]),
            move_on_after_days=int(stored[MOVE_ON_KEY]),
            cadence_days={kind: int(stored[cadence_key(kind)]) for kind in ContactKind},
            in_person_km=int(stored[IN_PERSON_KM]),
            allow_bars=bool(stored[ALLOW_BARS]),
            travel_mode=str(stored[TRAVEL_MODE]),
            archive_directory=str(stored[ARCHIVE_DIRECTORY] or "") or None,
            sync_every_minutes=int(minutes or 0),
        )

    def save_preferences(self, preferences: Preferences) -> None:
        """Check the preferences as a whole, then write them all in one transaction."""
        # The pipeline's rules are loaded here, not with the settings the first page reads.
        from chatplanner.domain.pipeline import PatienceError, PatienceRule

        try:
            PatienceRule(preferences.follow_up_after_days, preferences.move_on_after_days)
        except PatienceError as error:
            raise SettingsError(str(error)) from error
        if any(days < 1 for days in preferences.cadence_days.values()):
            raise SettingsError("Keep in touch at least every day, or leave the default.")
        self.set_many(preferences.as_settings())

    def computer_zone(self) -> str:
        """The computer's own zone, used when none is chosen in Preferences."""
        return self._context.user_zone.system_name

    def zone_to_adopt(self, base_zone: str | None) -> str | None:
        """The zone a base city in `base_zone` would become the user's (`adopt_base_zone`):
        None when the user chose one in Preferences or the computer keeps that one."""
        return zone_to_adopt(base_zone, self.get(ZONE_SETTING), self.computer_zone())

    def adopt_base_zone(self, base_zone: str | None) -> str | None:
        """Make the base city's zone the user's when they have chosen none and the computer
        keeps another; returns the zone taken, or None when nothing changed."""
        zone = self.zone_to_adopt(base_zone)
        if zone is not None:
            self.set(ZONE_SETTING, zone)
        return zone

    def all(self) -> dict[str, Any]:
        """Every stored setting (a value that is not JSON left out)."""
        with self._context.reading() as connection:
            return stored_settings(connection)

    def user(self) -> UserIdentity:
        return UserIdentity(
            name=str(self.get("user.name", "") or ""),
            email=str(self.get("user.email", "") or ""),
            signature=str(self.get("user.signature", "") or ""),
        )
