"""Read a notes field as the items the user meant: one per bullet, numbered line or sentence.

People type notes fast: "- Book: Making Things Happen (Scott Berkun)", "1) Ask for the ugly
jobs", a heading such as "Books:" above a list, or a paragraph of sentences. The drafters work on
items, never on raw lines, so labels and bullets are understood and never copied into a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels a user puts before a resource, and the word a letter uses for it.
RESOURCE_LABELS: dict[str, str] = {
    "book": "book",
    "books": "book",
    "link": "link",
    "links": "link",
    "url": "link",
    "podcast": "podcast",
    "podcasts": "podcast",
    "article": "article",
    "articles": "article",
    "course": "course",
    "courses": "course",
    "video": "video",
    "videos": "video",
    "talk": "talk",
    "paper": "paper",
    "papers": "paper",
    "newsletter": "newsletter",
    "blog": "blog",
    "site": "site",
    "website": "site",
    "tool": "tool",
    "tools": "tool",
    "app": "app",
    "group": "group",
    "community": "community",
    "event": "event",
}

_BULLET = re.compile(r"^(?:[-*+•‣◦▪–—>]+|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)](?=\s)|\[[ xX]?\])\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z ]{0,18}?)\s*:\s*(.*)$")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A sentence ends at . ! ? followed by a space and a capital, a digit or an opening quote; not
# after a lone initial or a common abbreviation ("P. Eng.", "e.g.", "Dr.").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9\u00C0-\u024F])")
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "approx",
        "dept",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "mt",
        "ave",
    ]
)


@dataclass(frozen=True, slots=True)
class NoteItem:
    """One thing the user wrote down: its text, and the kind its label gave it ("book")."""

    text: str
    kind: str | None = None


def clean_inline(text: str) -> str:
    """One line of user text: control characters and runs of spaces gone."""
    return _WHITESPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, keeping abbreviations and initials inside their sentence."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = text[start : match.start()].rstrip("\"'”’)")
        last_word = before.rsplit(" ", 1)[-1].rstrip(".").lower()
        # "P.Eng." and "C.E.T." are abbreviations; "A." is an initial; neither ends a sentence.
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _meaningful(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) >= 3


def _strip_label(line: str) -> tuple[str | None, str]:
    """("book", "Making Things Happen") for "Book: Making Things Happen"; (None, line) else."""
    if _URL.match(line):
        return "link", line
    match = _LABEL.match(line)
    if match is None:
        return None, line
    kind = RESOURCE_LABELS.get(match.group(1).strip().lower())
    if kind is None:
        return None, line
    return kind, match.group(2).strip()


def parse_note_items(text: str, *, sentences: bool = True) -> list[NoteItem]:
    """Every item of a notes field, in the order written.

    A short line ending in a colon ("Books:") is a heading: it gives its kind to the lines under
    it until a blank line. With `sentences`, a line holding several sentences gives one item per
    sentence (a resource line is kept whole: titles hold full stops).
    """
    items: list[NoteItem] = []
    heading_kind: str | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean_inline(raw)
        if not line:
            heading_kind = None
            continue
        line = _BULLET.sub("", line, count=1).strip()
        if line.endswith(":") and len(line) < 40:
            label = line[:-1].strip().lower()
            heading_kind = RESOURCE_LABELS.get(label, heading_kind)
            continue
        kind, line = _strip_label(line)
        kind = kind or heading_kind
        if not _meaningful(line):
            continue
        parts = split_sentences(line) if sentences else [line]
        for part in parts:
            part = part.strip()
            if _meaningful(part):
                items.append(NoteItem(part, kind))
    return items


def first_url(text: str) -> str | None:
    match = _URL.search(text)
    return match.group(0).rstrip(".,;)") if match else None


def one_line(text: str) -> str:
    """A short note (a follow-up) as one line: bullets and labels understood, lines joined."""
    return "; ".join(item.text for item in parse_note_items(text, sentences=False))
