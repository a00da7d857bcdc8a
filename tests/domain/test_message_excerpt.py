"""The excerpt of a sent message that the brief quotes on one line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.message_excerpt import message_excerpt

BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\n\n")


@pytest.mark.parametrize("line_break", BREAKS)
def test_the_greeting_and_sign_off_on_their_own_lines_are_left_out(line_break: str) -> None:
    body = line_break.join(
        ["Hi Daniela,", "", "Thank you for your post about the openings.", "", "Best,", "Amara"]
    )
    assert message_excerpt(body) == "Thank you for your post about the openings."


def test_a_greeting_inside_the_first_sentence_stays() -> None:
    body = "Hi Jessica, we were at the same table last week. Coffee?"
    assert message_excerpt(body) == body


def test_lines_without_punctuation_stay_apart() -> None:
    body = "Hi Jessica,\nWe met at the meetup\nCoffee on Queen West\nAny day works\n\nSam"
    assert message_excerpt(body) == "We met at the meetup / Coffee on Queen West / Any day works"


def test_a_message_that_is_only_a_greeting_is_quoted_as_it_is() -> None:
    assert message_excerpt("Hi Wei!") == "Hi Wei!"


def test_a_long_message_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = message_excerpt("Hi Wei,\n\n" + "word " * 60, 50)
    assert len(text) <= 50
    assert text.endswith("…")
    assert "Hi Wei" not in text


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=8)


@given(
    st.lists(st.lists(_WORD, min_size=1, max_size=5), min_size=1, max_size=6),
    st.sampled_from(BREAKS),
)
def test_no_two_words_of_different_lines_ever_run_together(
    lines: list[list[str]], line_break: str
) -> None:
    body = line_break.join(" ".join(words) for words in lines)
    shown = set(re.findall(r"[A-Za-z]+", message_excerpt(body, 10_000)))
    every = {word for words in lines for word in words}
    assert shown <= every
