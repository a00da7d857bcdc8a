"""The one place a person's name becomes the words shown for them."""

from __future__ import annotations

import re

# Where nothing can be shown: a row in a list, and a chat or an archive entry.
NO_NAME = "(no name)"
UNNAMED_CONTACT = "Unnamed contact"


def display_name(first: str | None, last: str | None) -> str:
    """The name as people read it: first and last joined by one space; "" when both are empty.

    A Chinese, Japanese or Korean name written in its own script reads family name first, with
    no space: given "伟" and family "李", "李伟".
    """
    given, family = (" ".join(part.split()) if part else "" for part in (first, last))
    if given and family and _east_asian(given) and _east_asian(family):
        return family + given
    return " ".join(part for part in (given, family) if part)


def greeting_name(first: str | None, last: str | None) -> str:
    """The name a letter greets them by ("Hi Jessica"): the given name, or for a Chinese,
    Japanese or Korean name written in its own script the whole name as it is written, family
    name first ("Hi 李伟", never the given name alone). "" without a given name: a message
    leaves the greeting for the user to write."""
    given, family = (" ".join(part.split()) if part else "" for part in (first, last))
    if given and family and _east_asian(given) and _east_asian(family):
        return family + given
    return given


def called_name(first: str | None, last: str | None) -> str:
    """What running text calls them ("Jessica is in Toronto too", "Jessica's time"): the given
    name; a Chinese, Japanese or Korean name whole, family name first ("李伟", never "伟"); the
    whole name when there is no given name; "" when there is no name at all."""
    return greeting_name(first, last) or display_name(first, last)


def shown_name(first: str | None, last: str | None, unnamed: str = NO_NAME) -> str:
    """The name as the app shows it, never blank: `unnamed` for someone without one."""
    return display_name(first, last) or unnamed


# Han ideographs, Hiragana, Katakana and Hangul syllables and letters.
_EAST_ASIAN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u1100-\u11ff\uac00-\ud7af]+"
)


def _east_asian(part: str) -> bool:
    return _EAST_ASIAN.fullmatch(part) is not None
