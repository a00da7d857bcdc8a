"""The one way to put text that may hold user data where Qt guesses at rich text.

Tooltips, message boxes and labels left in AutoText treat anything that looks like a tag as
HTML: a contact named `<img src="/dev/zero">` would make a hover read that file forever, and
`<a href>` or `<b>` would render. `literal(text)` escapes the text and wraps it in `<qt>`, so
Qt always takes it as rich text (never guessing) and shows every character as written, line
breaks and runs of spaces included. Qt wraps a rich-text tooltip into a column of its own choosing,
a word or two wide ("Open / Olúwadámilọ́lá / Adébáyọ̀"): text whose lines are short is kept on
its lines, and only longer lines are wrapped. Pass every tooltip and message box text through it
(`tests/security/test_rich_text.py` checks that no call site forgets). Markup the app writes
itself (a link, a brief) puts each piece of user text through `escaped`.

Not `html.escape`: the `html` module imports its table of 2,000 named entities, a millisecond
and a half of every start, for the unescaping that nothing in the window does.
"""

from __future__ import annotations

# Lines up to this many characters are never wrapped; a text with a longer line wraps.
_LONGEST_KEPT_WHOLE = 70
_IN_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_TEXT_ESCAPES = str.maketrans(_IN_TEXT)
_ESCAPES = str.maketrans({**_IN_TEXT, '"': "&quot;", "'": "&#x27;"})


def escaped(text: str, *, quote: bool = True) -> str:
    """`text` with the characters markup reads written as entities, as `html.escape` writes
    them: `& < >`, and with `quote` the quotes too, for a quoted attribute."""
    return text.translate(_ESCAPES if quote else _TEXT_ESCAPES)


def literal(text: str) -> str:
    """`text` as markup that any Qt widget shows character for character."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    short = all(len(line) <= _LONGEST_KEPT_WHOLE for line in plain.split("\n"))
    spacing = "pre" if short else "pre-wrap"
    return f"<qt style='white-space:{spacing}'>" + escaped(plain, quote=False) + "</qt>"
