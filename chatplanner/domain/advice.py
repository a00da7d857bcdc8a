"""The pieces of advice in a chat's notes, each one something the user can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chatplanner.domain.note_lines import parse_note_items

# A sentence that only backs up the one before it ("That is where PMs are made.") belongs to it.
_FOLLOW_ON = re.compile(r"^(?:that|this|it|which|so|and|but|also|then)\b", re.IGNORECASE)


def advice_pieces(advice: str) -> list[str]:
    """Each piece of advice in the notes, in order: one per bullet, line or sentence."""
    pieces: list[str] = []
    for item in parse_note_items(advice):
        if pieces and _FOLLOW_ON.match(item.text):
            pieces[-1] = f"{pieces[-1]} {item.text}"
        elif item.text not in pieces:
            pieces.append(item.text)
    return pieces


@dataclass(frozen=True, slots=True)
class AdviceRecord:
    """A piece of advice someone gave, and what the user did with it."""

    meeting_id: int
    contact_id: int
    contact_name: str
    given_on: date
    advice: str
    action_id: int | None = None  # set once acted on
    acted_on: date | None = None
    outcome: str = ""
    reported_back: bool = False

    @property
    def is_acted_on(self) -> bool:
        return self.acted_on is not None

    def as_json(self) -> dict[str, object]:
        return {
            "meeting_id": self.meeting_id,
            "contact_id": self.contact_id,
            "given_by": self.contact_name,
            "given_on": self.given_on.isoformat(),
            "advice": self.advice,
            # Once acted on: the id `chatplanner today --json` gives its report-back.
            "advice_id": self.action_id,
            "acted_on": self.acted_on.isoformat() if self.acted_on else None,
            "outcome": self.outcome or None,
            "reported_back": self.reported_back,
        }
