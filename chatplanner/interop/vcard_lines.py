"""Cutting a .vcf file into cards and tidying their lines before a vCard parser reads them.

Doing this ourselves lets one damaged card be skipped while the others are read, joins
quoted-printable soft line breaks (vCard 2.1) that parsers take for broken lines, and drops
photos and other binary properties that an import does not use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


@dataclass(frozen=True, slots=True)
class CardText:
    """The lines of one card (BEGIN to END, unfolded) and the file line it starts on."""

    first_line: int
    lines: tuple[str, ...]
    complete: bool  # False when the file ended before END:VCARD


def property_name(line: str) -> str:
    """ "item1.EMAIL;type=INTERNET:x" -> "EMAIL"."""
    end = len(line)
    for mark in (";", ":"):
        found = line.find(mark)
        if found != -1:
            end = min(end, found)
    name = line[:end]
    return name.rsplit(".", 1)[-1].strip().upper()


def _is_quoted_printable(line: str) -> bool:
    colon = line.find(":")
    head = line[:colon] if colon != -1 else line
    return "QUOTED-PRINTABLE" in head.upper()


def unfolded_lines(text: str) -> list[tuple[int, str]]:
    """(file line number, logical line): folded and soft-broken lines joined."""
    logical: list[tuple[int, str]] = []
    joining_soft_break = False
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        if joining_soft_break and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous[:-1] + raw.lstrip(" \t"))
        elif raw[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + raw[1:])
        elif raw.strip():
            logical.append((number, raw))
        else:
            continue
        line = logical[-1][1]
        # In quoted-printable a final "=" means "the value goes on on the next line".
        joining_soft_break = line.endswith("=") and _is_quoted_printable(line)
    return logical


def split_cards(text: str) -> list[CardText]:
    """Every BEGIN:VCARD ... END:VCARD in the text; nested cards (2.1 AGENT) are dropped."""
    cards: list[CardText] = []
    current: list[str] = []
    first_line = 0
    depth = 0
    in_binary = False
    for number, line in unfolded_lines(text):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            depth += 1
            if depth == 1:
                current = [line.strip()]
                first_line = number
            continue
        if marker == "END:VCARD" and depth:
            depth -= 1
            if depth == 0:
                current.append("END:VCARD")
                cards.append(CardText(first_line, tuple(current), True))
            continue
        if depth != 1:
            continue
        # Some 2.1 writers put base64 on lines of their own, not indented: no ":" in them.
        if in_binary and ":" not in line:
            continue
        in_binary = property_name(line) in _BINARY_PROPERTIES
        if not in_binary:
            current.append(line)
    if depth:
        current.append("END:VCARD")
        cards.append(CardText(first_line, tuple(current), False))
    return cards
