"""How meetings read on screen: dates, places, statuses and progress, in plain words.

Days and times come from `domain/moments.py`, the one place moments become words.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from chatplanner.domain.enums import MeetingStatus
from chatplanner.domain.moments import OtherClock, day_label, when_words
from chatplanner.services.meeting_records import MeetingSummary

STATUS_LABELS = {
    MeetingStatus.PLANNED: "Planned",
    MeetingStatus.DONE: "Done",
    MeetingStatus.CANCELLED: "Cancelled",
}


def day_text(day: date, today: date | None = None) -> str:
    """ "Today", "Tomorrow", "Yesterday", "Tue 3 Mar", or "Tue 3 Mar 2025" in another year."""
    return day_label(day, today)


def in_sentence(text: str) -> str:
    """ "Yesterday, 13:30" as it reads inside a sentence: "yesterday, 13:30"."""
    for word in ("Today", "Tomorrow", "Yesterday"):
        if text.startswith(word):
            return word.lower() + text[len(word) :]
    return text


def when_text(
    summary: MeetingSummary,
    zone: ZoneInfo,
    now: datetime | None = None,
    their_clock: OtherClock | None = None,
) -> str:
    """ "Today, 14:00", or "Tue 3 Mar, 14:00 Toronto time · 20:00 your time" when the chat
    is in another zone than the user's (`zone`), with the other person's clock if given."""
    return when_words(summary.starts_at, summary.zone(zone), zone, now=now, other=their_clock)


def progress_text(done: int, total: int) -> str:
    return f"{done}/{total}" if total else "No checklist"


def due_text(
    summary: MeetingSummary, now: datetime, sent_at: datetime | None, zone: ZoneInfo
) -> str:
    """The thank-you's state in one sentence. When it was sent and when it is due read as the
    chat's time does: on the chat's clock, and the user's (`zone`) beside it when the chat was
    in another zone ("sent today, 11:36 Toronto time · 16:36 your time")."""
    if sent_at is not None:
        sent = in_sentence(when_words(sent_at, summary.zone(zone), zone, now=now))
        return f"Thank-you sent {sent}."
    if summary.thank_you_sent:
        return "Thank-you sent."
    if summary.status is MeetingStatus.CANCELLED:
        return "No thank-you needed: the chat was cancelled."
    when = in_sentence(when_words(summary.thank_you_due_at, summary.zone(zone), zone, now=now))
    if summary.thank_you_owed(now):
        if now > summary.thank_you_due_at:
            return f"Thank-you overdue: it was due {when}. It is still welcome."
        return f"Thank-you due by {when}."
    return f"Thank-you due within a day of the chat (by {when})."
