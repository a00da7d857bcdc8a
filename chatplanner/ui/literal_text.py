"""The one way to put text that may hold user data where Qt guesses at rich text.

Tooltips, message boxes and labels left in AutoText treat anything that looks like a tag as
HTML: a contact named `<img src="/dev/zero">` would make a hover read that file forever, and
`<a href>` or `<b>` would render. `literal(text)` escapes the text and wraps it in `<qt>`, so
Qt always takes it as rich text (never guessing) and shows every character as written, line
breaks and runs of spaces included. Pass every tooltip and message box text through it
(`tests/security/test_rich_text.py` checks that no call site forgets).
"""

from __future__ import annotations

import html


def literal(text: str) -> str:
    """`text` as markup that any Qt widget shows character for character."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    return "<qt style='white-space:pre-wrap'>" + html.escape(plain, quote=False) + "</qt>"
