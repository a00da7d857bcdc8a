"""How long ago an earlier note was, in a follow-up's words; and the subject it answers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chatplanner.domain.moments import since_words
from chatplanner.domain.templates import reply_subject_base

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "earlier today"),
        (1, "yesterday"),
        (3, "a few days ago"),
        (7, "last week"),
        (13, "last week"),
        (14, "two weeks ago"),
        (20, "two weeks ago"),
        (28, "a few weeks ago"),
        (40, "last month"),
        (100, "a few months ago"),
        (400, "over a year ago"),
    ],
)
def test_since_words(days: int, words: str) -> None:
    assert since_words(TODAY - timedelta(days=days), TODAY) == words


@pytest.mark.parametrize(
    ("subject", "base"),
    [
        ("A question about your work", "A question about your work"),
        ("Re: A question", "A question"),
        ("RE: re:  A question", "A question"),
        ("  Re:A question\n", "A question"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_reply_answers_the_subject_without_stacking_re(subject: str | None, base: str) -> None:
    assert reply_subject_base(subject) == base
