"""What the user writes down about one chat: the note sections and the follow-ups promised.

The notes pane, the thank-you drafter and the archive all read these same sections; they are
named once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chatplanner.domain.enums import FollowUpOwner

# The sections in the order the notes pane shows them.
NOTE_SECTION_NAMES: tuple[str, ...] = (
    "their_past",
    "their_present",
    "their_goals",
    "advice",
    "resources",
    "free_notes",
)

NOTE_SECTION_TITLES: dict[str, str] = {
    "their_past": "Their past",
    "their_present": "Their present",
    "their_goals": "Their goals",
    "advice": "Advice they gave",
    "resources": "Resources they mentioned",
    "free_notes": "Free notes",
}


@dataclass(frozen=True, slots=True)
class NoteSections:
    """The free-text sections of a chat's notes."""

    their_past: str = ""
    their_present: str = ""
    their_goals: str = ""
    advice: str = ""
    resources: str = ""
    free_notes: str = ""

    @staticmethod
    def names() -> tuple[str, ...]:
        return NOTE_SECTION_NAMES

    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in NOTE_SECTION_NAMES)


@dataclass(frozen=True, slots=True)
class PromisedFollowUp:
    """Something one side promised in a chat."""

    owner: FollowUpOwner
    text: str
    due_on: date | None = None
    done: bool = False
