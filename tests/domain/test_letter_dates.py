"""Dates in letters, as the writer would say them."""

from __future__ import annotations

from datetime import date

import pytest

from chatplanner.domain.letter_dates import chat_day_in_words, due_day_in_words

TODAY = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 2), "today"),
        (date(2026, 12, 1), "yesterday"),
        (date(2026, 11, 29), "on Sunday"),
        (date(2026, 11, 26), "on Thursday"),
        (date(2026, 11, 25), "last week"),
        (date(2026, 11, 19), "last week"),
        (date(2026, 11, 18), "in November"),
        (date(2026, 3, 5), "in March"),
        (date(2025, 12, 20), "in December 2025"),
        (date(2026, 12, 3), "tomorrow"),
    ],
)
def test_a_chat_day_is_said_as_the_writer_would(day: date, words: str) -> None:
    assert chat_day_in_words(day, TODAY) == words


def test_earlier_this_month_for_a_chat_weeks_ago_in_the_same_month() -> None:
    assert chat_day_in_words(date(2026, 12, 3), date(2026, 12, 28)) == "earlier this month"


def test_without_today_the_day_is_written_in_full() -> None:
    assert chat_day_in_words(date(2026, 3, 13), None) == "on Friday 13 March"
    assert due_day_in_words(date(2026, 3, 13), None) == "by Friday 13 March"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 2), "today"),
        (date(2026, 12, 3), "by tomorrow"),
        (date(2026, 12, 7), "by Monday"),
        (date(2026, 12, 18), "by Friday 18 December"),
        (date(2026, 11, 30), ""),
    ],
)
def test_a_promise_is_due_in_words(day: date, words: str) -> None:
    assert due_day_in_words(day, TODAY) == words
