"""A short excerpt of a message the user sent, to quote on one line ("You wrote: “…”").

A message is written in lines and paragraphs: "Hi Jessica," on its own line, the body, then
"Thank you," and the name. Quoted on one line, those become "Hi Jessica, We were… Thank you,
Amara": the greeting runs into the first sentence and the sign-off into the last. The excerpt
keeps what the message says: a greeting alone on its first line and the sign-off at its end are
left out, and lines that end without punctuation are kept apart with " / ", so that no two
words ever run together.
"""

from __future__ import annotations

import re

from chatplanner.domain.today_phrases import snippet

_GREETING = re.compile(
    r"^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|bonjour|salut|hola|"
    r"ol[aá]|hallo|ciao)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(thanks?( you)?( so much| again| in advance)?|many thanks|best( wishes| regards)?|"
    r"(kind|warm|warmest)( regards)?|regards|cheers|sincerely|all the best|talk soon|"
    r"cordialement|merci)\b[\s,.!]*$",
    re.IGNORECASE,
)
_END_PUNCTUATION = tuple(".,;:!?…)”\"'")
_GREETING_WORDS = 6
_SIGN_OFF_LINES = 4


def _lines(body: str) -> list[str]:
    return [" ".join(line.split()) for line in body.splitlines()]


def _without_greeting(lines: list[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 2:
        return lines
    first = lines[filled[0]]
    if _GREETING.match(first) and len(first.split()) <= _GREETING_WORDS and first[-1] in ",:!":
        return lines[filled[0] + 1 :]
    return lines


def _without_sign_off(lines: list[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line]
    for index in reversed(filled[-_SIGN_OFF_LINES:]):
        if _CLOSING.match(lines[index]) and index != filled[0]:
            return lines[:index]
    # No closing word: a last paragraph of one short line without punctuation is a name.
    if len(filled) >= 2:
        last = filled[-1]
        alone = last - 1 >= 0 and not lines[last - 1]
        text = lines[last]
        if alone and len(text.split()) <= 3 and not text.endswith(_END_PUNCTUATION):
            return lines[:last]
    return lines


def _joined(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith(_END_PUNCTUATION):
            text += " " + line
        else:
            text += " / " + line
    return text


def message_excerpt(body: str, limit: int = 140) -> str:
    """What the message says, on one line, at most `limit` characters."""
    lines = _lines(body)
    kept = _joined(_without_sign_off(_without_greeting(lines)))
    return snippet(kept or _joined(lines), limit)
