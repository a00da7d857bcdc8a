"""The app's own escaping writes what `html.escape` writes, for any text."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from chatplanner.ui.literal_text import escaped, literal


@given(st.text())
def test_escaped_text_is_what_html_escape_makes(text: str) -> None:
    assert escaped(text) == html.escape(text)
    assert escaped(text, quote=False) == html.escape(text, quote=False)


def test_a_literal_keeps_quotes_as_written_and_tags_as_text() -> None:
    assert literal('O\'Neill <b>"x"</b> & co') == (
        "<qt style='white-space:pre'>O'Neill &lt;b&gt;\"x\"&lt;/b&gt; &amp; co</qt>"
    )


def test_a_literal_keeps_short_lines_whole_and_lets_a_long_one_wrap() -> None:
    assert literal("Open Olúwadámilọ́lá Adébáyọ̀\nsecond line").startswith(
        "<qt style='white-space:pre'>"
    )
    assert literal("word " * 20).startswith("<qt style='white-space:pre-wrap'>")
