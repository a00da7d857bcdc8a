"""Cutting a .vcf file into cards and tidying their lines before a vCard parser reads them.

Doing this ourselves lets one damaged card be skipped while the others are read, joins
quoted-printable soft line breaks (vCard 2.1) that parsers take for broken lines, and drops
photos and other binary properties that an import does not use.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """(file line number, logical line): folded and soft-broken lines joined.

    Each logical line is gathered as a list of pieces and joined once: adding to a string at
    every folded line made a card with a large folded photo quadratic to read.
    """
    logical: list[tuple[int, str]] = []
    start = 0
    pieces: list[str] = []
    joining_soft_break = False

    def flush() -> None:
        if pieces:
            logical.append((start, "".join(pieces)))

    # str.split is several times faster than a regular expression on a 20 MB card.
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        if joining_soft_break and pieces:
            pieces[-1] = pieces[-1][:-1]  # the "=" that announced the soft break
            piece = raw.lstrip(" \t")
        elif raw[:1] in (" ", "\t") and pieces:
            piece = raw[1:]
        elif raw.strip():
            flush()
            start, pieces = number, []
            piece = raw
        else:
            continue
        if piece or not pieces:
            pieces.append(piece)
        # In quoted-printable a final "=" means "the value goes on on the next line".
        joining_soft_break = _ends_soft_break(pieces) and _is_quoted_printable(
            pieces[0] if ":" in pieces[0] else "".join(pieces)
        )
    flush()
    return logical


def _ends_soft_break(pieces: list[str]) -> bool:
    for piece in reversed(pieces):
        if piece:
            return piece.endswith("=")
    return False


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
