"""How a difference between a chat and its event on the user's calendar server is said: the
sync's notices and the conflicts the window lists use the same words. Kept apart from the sync
itself, which loads the HTTP and calendar libraries: listing a chat's conflict needs none."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chatplanner.domain.moments import moment_label

# The compared fields of an event, as the window names them.
FIELD_WORDS = {
    "title": "Title",
    "start": "Starts",
    "end": "Ends",
    "place": "Place",
    "description": "Description",
    "status": "Status",
}


# What the user is shown of a difference: the description repeats the time, so it always
# differs when the time does.
SHOWN = ("title", "start", "end", "place", "status")


def value_words(
    field_name: str, value: str, zone: ZoneInfo | None, now: datetime | None = None
) -> str:
    """A compared value in words: a time as the app says it, in the user's zone (without the
    year when it is this year's, given `now`)."""
    if not value:
        return "nothing"
    if field_name in ("start", "end"):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None and zone is not None:
            return moment_label(moment, zone, now)
        return value
    if field_name == "status":
        return value.capitalize()
    return f"“{value}”"
