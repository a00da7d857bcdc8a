"""A moment in words: the day and clock where the chat happens, and the user's own clock."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatplanner.domain.clock import LocalTimeIssue, resolve_local, zone_named
from chatplanner.domain.moments import (
    OtherClock,
    clocks,
    day_label,
    day_phrase,
    local_time_note,
    moment_label,
    polite_hours_warning,
    span,
    when_words,
)

TORONTO = ZoneInfo("America/Toronto")
KOLKATA = ZoneInfo("Asia/Kolkata")
AUCKLAND = ZoneInfo("Pacific/Auckland")
VANCOUVER = ZoneInfo("America/Vancouver")
UTC_ZONE = ZoneInfo("UTC")
PACKAGE = Path(__file__).resolve().parents[2] / "chatplanner"

# Tue 3 Mar 2026, 14:00 in Toronto (EST, UTC-5) is 19:00 UTC.
CHAT = datetime(2026, 3, 3, 14, 0, tzinfo=TORONTO)


def test_same_zone_shows_one_clock() -> None:
    assert when_words(CHAT, TORONTO, TORONTO) == "Tue 3 Mar 2026, 14:00"


def test_another_zone_is_named_with_the_users_clock() -> None:
    assert when_words(CHAT, TORONTO, UTC_ZONE) == (
        "Tue 3 Mar 2026, 14:00 Toronto time · 19:00 your time"
    )


def test_a_half_hour_zone_is_counted_right() -> None:
    # 19:00 UTC is 00:30 the next day in Kolkata (UTC+5:30).
    assert clocks(CHAT, TORONTO, KOLKATA) == "14:00 Toronto time · 00:30 the next day your time"


def test_a_user_ahead_of_the_date_line_sees_the_next_day() -> None:
    # Auckland is UTC+13 in March (daylight time): 08:00 on Wednesday.
    assert clocks(CHAT, TORONTO, AUCKLAND) == "14:00 Toronto time · 08:00 the next day your time"


def test_relative_days_are_counted_where_the_chat_happens() -> None:
    # 23:30 UTC on Monday is still 18:30 on Monday in Toronto: the chat is "tomorrow" there.
    now = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert when_words(CHAT, TORONTO, TORONTO, now=now, sentence=True) == "tomorrow at 14:00"
    assert when_words(CHAT, TORONTO, TORONTO, now=now) == "Tomorrow, 14:00"


def test_a_late_evening_chat_in_toronto_stays_on_its_day() -> None:
    late = datetime(2026, 3, 3, 22, 30, tzinfo=TORONTO)  # 03:30 UTC on Wednesday
    now = datetime(2026, 3, 3, 12, 0, tzinfo=TORONTO)
    assert when_words(late, TORONTO, UTC_ZONE, now=now, sentence=True) == (
        "today at 22:30 Toronto time · 03:30 the next day your time"
    )


def test_a_chat_within_the_week_is_named_by_its_weekday() -> None:
    now = datetime(2026, 2, 26, 9, 0, tzinfo=TORONTO)  # a Thursday
    assert when_words(CHAT, TORONTO, TORONTO, now=now, sentence=True) == "on Tuesday at 14:00"
    assert day_phrase(date(2026, 3, 20), date(2026, 3, 3)) == "on Fri 20 Mar"
    assert day_phrase(date(2027, 1, 4), date(2026, 12, 20)) == "on Mon 4 Jan 2027"


def test_day_labels_read_as_people_say_them() -> None:
    today = date(2026, 3, 3)
    assert day_label(today, today) == "Today"
    assert day_label(date(2026, 3, 4), today) == "Tomorrow"
    assert day_label(date(2026, 3, 2), today) == "Yesterday"
    assert day_label(date(2026, 3, 9), today) == "Mon 9 Mar"
    assert day_label(date(2025, 3, 9), today) == "Sun 9 Mar 2025"


def test_spans_are_elapsed_time_in_any_zone() -> None:
    assert span(timedelta(hours=39)) == "39 hours"
    assert span(timedelta(days=9)) == "9 days"


def test_the_first_chat_after_the_spring_change_keeps_its_wall_clock() -> None:
    # Clocks in Toronto went forward at 02:00 on Sun 8 Mar 2026: 10:00 is EDT (UTC-4).
    after = datetime(2026, 3, 8, 10, 0, tzinfo=TORONTO)
    assert after.astimezone(UTC).hour == 14
    assert when_words(after, TORONTO, TORONTO) == "Sun 8 Mar 2026, 10:00"
    assert clocks(after, TORONTO, UTC_ZONE) == "10:00 Toronto time · 14:00 your time"


def test_the_first_chat_after_the_autumn_change_keeps_its_wall_clock() -> None:
    # Clocks in Toronto went back at 02:00 on Sun 1 Nov 2026: 10:00 is EST (UTC-5).
    after = datetime(2026, 11, 1, 10, 0, tzinfo=TORONTO)
    assert after.astimezone(UTC).hour == 15
    assert when_words(after, TORONTO, TORONTO) == "Sun 1 Nov 2026, 10:00"
    assert clocks(after, TORONTO, UTC_ZONE) == "10:00 Toronto time · 15:00 your time"


def test_a_skipped_time_moves_forward_with_the_clock_and_says_so() -> None:
    typed = resolve_local(date(2026, 3, 8), time(2, 30), TORONTO)
    assert typed.issue is LocalTimeIssue.SKIPPED
    assert typed.moment.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert typed.moment.astimezone(TORONTO).strftime("%H:%M") == "03:30"
    assert local_time_note(typed, TORONTO) == (
        "Clocks in Toronto jump forward on Sun 8 Mar, so the time you typed does not exist "
        "there: the chat is set for 03:30 (UTC−4)."
    )


def test_a_repeated_time_is_the_first_one_and_says_so() -> None:
    typed = resolve_local(date(2026, 11, 1), time(1, 30), TORONTO)
    assert typed.issue is LocalTimeIssue.REPEATED
    assert typed.moment.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert local_time_note(typed, TORONTO) == (
        "Clocks in Toronto go back on Sun 1 Nov, so 01:30 happens twice: the chat is set for "
        "the first one (UTC−4, before the change)."
    )


def test_an_ordinary_time_has_no_note() -> None:
    typed = resolve_local(date(2026, 3, 9), time(14, 0), TORONTO)
    assert typed.issue is LocalTimeIssue.NONE
    assert local_time_note(typed, TORONTO) == ""


def test_an_online_call_across_a_border_shows_both_clocks() -> None:
    ana = OtherClock(VANCOUVER, "Ana")
    assert clocks(CHAT, TORONTO, TORONTO, ana) == "14:00 · 11:00 for Ana (Vancouver)"
    assert clocks(CHAT, TORONTO, TORONTO, OtherClock(TORONTO, "Ana")) == "14:00"


def test_a_time_outside_eight_to_eight_for_the_other_person_is_flagged() -> None:
    ana = OtherClock(VANCOUVER, "Ana")
    early = datetime(2026, 3, 3, 9, 0, tzinfo=TORONTO)  # 06:00 in Vancouver
    assert polite_hours_warning(early, ana) == (
        "That is outside 8:00–20:00 for Ana. Is another time kinder?"
    )
    assert polite_hours_warning(CHAT, ana) == ""
    assert polite_hours_warning(datetime(2026, 3, 3, 23, 0, tzinfo=TORONTO), ana) == ""
    assert polite_hours_warning(datetime(2026, 3, 3, 23, 1, tzinfo=TORONTO), ana)


def test_a_moment_label_is_in_the_users_zone() -> None:
    sent = datetime(2026, 3, 3, 6, 20, tzinfo=UTC)
    now = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    # 06:20 UTC is 01:20 in Toronto, the same day.
    assert moment_label(sent, TORONTO, now) == "Today, 01:20"
    assert moment_label(sent, KOLKATA, now) == "Today, 11:50"


@pytest.mark.parametrize("name", ["", None, "Mars/Olympus_Mons", "../etc/passwd", "UTC"])
def test_zone_names_are_checked(name: str | None) -> None:
    zone = zone_named(name)
    assert (zone is not None) == (name == "UTC")


def test_no_module_names_months_or_days_through_the_c_locale() -> None:
    """English names come from moments.py's tables, never strftime's %a/%A/%b/%B, and no
    moment is converted to the computer's zone behind the user's back."""
    locale_names = re.compile(r"%[aAbBcxX]")
    bare_astimezone = re.compile(r"\.astimezone\(\)")
    found = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(PACKAGE.parent)
        if locale_names.search(source):
            found.append(f"{relative}: strftime names")
        if bare_astimezone.search(source):
            found.append(f"{relative}: .astimezone() without a zone")
        if "QDate.currentDate" in source or "QDateTime.currentDateTime" in source:
            found.append(f"{relative}: reads the wall clock through Qt")
    assert found == []
