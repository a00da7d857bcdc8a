"""Short English phrases for the Today view. Days, times and spans are in `moments.py`."""

from __future__ import annotations

import re


def snippet(text: str, limit: int = 80) -> str:
    """User text on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


_SENTENCE_END = (".", "!", "?", "…")


def quoted(text: str) -> str:
    """User text in quotation marks, closed as a sentence: “Take the CAPM first”. (its own
    full stop, question or exclamation mark kept inside)."""
    text = text.strip()
    if text.endswith(_SENTENCE_END):
        return f"\u201c{text}\u201d"
    return f"\u201c{text}\u201d."


# Verbs whose object is a person: "send Jessica my resume", "introduce her to Marc".
_TO_SOMEONE = re.compile(
    r"\b(?:send|email|e-mail|mail|forward|share|introduce|intro|connect|lend|give|show|pass|"
    r"tell|call|ring|text|message|write|reply|thank|invite|recommend|refer|let)\b",
    re.IGNORECASE,
)
_THEM = re.compile(r"\b(?:her|him|them|she|he|they)\b", re.IGNORECASE)


def promised_to_them(text: str, name: str) -> bool:
    """Whether a promise the user made is to the other person ("Send Jessica my resume",
    "intro to Marc") rather than a step for themselves ("Sign up for the P6 course")."""
    first = name.split()[0] if name.split() else ""
    if first and re.search(rf"\b{re.escape(first)}\b", text, re.IGNORECASE):
        return True
    return bool(_TO_SOMEONE.search(text) or _THEM.search(text))
