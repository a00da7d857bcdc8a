"""How meetings read on screen: dates, places, statuses and progress, in plain words."""

from __future__ import annotations

from datetime import date, datetime

from chatplanner.domain.enums import MeetingStatus
from chatplanner.services.meeting_records import MeetingSummary, local_zone

STATUS_LABELS = {
    MeetingStatus.PLANNED: "Planned",
    MeetingStatus.DONE: "Done",
    MeetingStatus.CANCELLED: "Cancelled",
}


def day_text(day: date, today: date | None = None) -> str:
    """ "Today", "Tomorrow", "Yesterday", "Tue 3 Mar", or "Tue 3 Mar 2025" in another year."""
    if today is not None:
        delta = (day - today).days
        if delta == 0:
            return "Today"
        if delta == 1:
            return "Tomorrow"
        if delta == -1:
            return "Yesterday"
    text = f"{day:%a} {day.day} {day:%b}"
    if today is None or day.year != today.year:
        text += f" {day.year}"
    return text


def in_sentence(text: str) -> str:
    """ "Yesterday, 13:30" as it reads inside a sentence: "yesterday, 13:30"."""
    for word in ("Today", "Tomorrow", "Yesterday"):
        if text.startswith(word):
            return word.lower() + text[len(word) :]
    return text


def time_text(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def meeting_moment(summary: MeetingSummary, moment: datetime) -> datetime:
    """`moment` in the meeting's own time zone (the computer's when it has none)."""
    return moment.astimezone(local_zone(summary.timezone))


def when_text(summary: MeetingSummary, today: date | None = None) -> str:
    start = summary.local_start()
    return f"{day_text(start.date(), today)}, {time_text(start)}"


def progress_text(done: int, total: int) -> str:
    return f"{done}/{total}" if total else "No checklist"


def due_text(summary: MeetingSummary, now: datetime, sent_at: datetime | None) -> str:
    """The thank-you's state in one sentence."""
    today = now.astimezone(local_zone(summary.timezone)).date()
    if sent_at is not None:
        sent = meeting_moment(summary, sent_at)
        return f"Thank-you sent {in_sentence(day_text(sent.date(), today))}, {time_text(sent)}."
    if summary.thank_you_sent:
        return "Thank-you sent."
    if summary.status is MeetingStatus.CANCELLED:
        return "No thank-you needed: the chat was cancelled."
    due = meeting_moment(summary, summary.thank_you_due_at)
    when = in_sentence(f"{day_text(due.date(), today)}, {time_text(due)}")
    if summary.thank_you_owed(now):
        if now > summary.thank_you_due_at:
            return f"Thank-you overdue: it was due {when}. It is still welcome."
        return f"Thank-you due by {when}."
    return f"Thank-you due within a day of the chat (by {when})."
