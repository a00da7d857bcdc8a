"""The first-run questions: asked once on an empty profile, never again once answered or skipped."""

from __future__ import annotations

from dataclasses import dataclass

from chatplanner.domain.places import City
from chatplanner.domain.text import fold_words
from chatplanner.domain.venues import UserBase
from chatplanner.services.overview import OverviewService
from chatplanner.services.settings import (
    USER_GOAL,
    USER_NAME,
    USER_SIGNATURE,
    USER_TITLE,
    SettingsService,
)
from chatplanner.services.venues import VenueService

DONE_KEY = "onboarding.done"


@dataclass(frozen=True)
class FirstRunAnswers:
    name: str = ""
    title: str = ""  # what the user does now, e.g. "Project engineer"
    signature: str = ""
    goal: str = ""
    city: City | None = None
    # Take the city's zone as the user's (when they chose none and the computer keeps another).
    use_city_zone: bool = True


def signature_without_name(signature: str, name: str) -> str:
    """The signature without a first line that repeats the name.

    Drafts already sign with the name ("Best wishes,\\nAna Lima") and put the signature under
    it: a signature that starts with the name would print it twice.
    """
    lines = signature.strip().splitlines()
    folded_name = fold_words(name)
    while lines and folded_name and fold_words(lines[0]) == folded_name:
        lines.pop(0)
    return "\n".join(lines).strip()


class OnboardingService:
    def __init__(
        self, settings: SettingsService, venues: VenueService, overview: OverviewService
    ) -> None:
        self._settings = settings
        self._venues = venues
        self._overview = overview

    def needed(self) -> bool:
        """True on a profile that holds nothing yet and has not been through the questions."""
        if self._settings.get(DONE_KEY):
            return False
        counts = self._overview.overview()
        return not (counts.contacts or counts.meetings or counts.venues)

    def finish(self, answers: FirstRunAnswers) -> str | None:
        """Keep what was answered (a blank answer leaves that setting alone); returns the zone
        taken from the city as the user's, if one was."""
        name = " ".join(answers.name.split())
        typed = {
            USER_NAME: name,
            USER_TITLE: " ".join(answers.title.split()),
            USER_SIGNATURE: signature_without_name(answers.signature, name),
            USER_GOAL: " ".join(answers.goal.split()),
        }
        answered = {key: value for key, value in typed.items() if value}
        if answered:
            self._settings.set_many(answered)  # one transaction
        city = answers.city
        if city is not None:
            self._venues.set_base(
                UserBase(
                    label="Home",
                    city=city.name,
                    latitude=city.latitude,
                    longitude=city.longitude,
                    country=city.country,
                    timezone=city.timezone,
                    city_centre=True,  # only the city is known, not where in it
                )
            )
        adopted = None
        if city is not None and answers.use_city_zone:
            adopted = self._settings.adopt_base_zone(city.timezone)
        self._settings.set(DONE_KEY, True)
        return adopted

    def skip(self) -> None:
        self._settings.set(DONE_KEY, True)
