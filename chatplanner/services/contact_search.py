"""How a search box's text matches a contact: every word, folded, somewhere in its search text."""

from __future__ import annotations

from collections.abc import Sequence

from chatplanner.domain.contacts import ContactSummary
from chatplanner.domain.text import fold

# Fields inside a contact's search text are joined by a character nobody types, so that a
# word never matches across the end of one field and the start of the next.
FIELD_SEPARATOR = "\n"


def search_words(text: str) -> tuple[str, ...]:
    """The folded words of what a person typed: "Zoë  Tor" -> ("zoe", "tor")."""
    return tuple(fold(text).split())


def name_order(summary: ContactSummary) -> tuple[bool, str]:
    """Sort key of the People list's order: by name key, people without a name last."""
    key = summary.search_text.partition(FIELD_SEPARATOR)[0]
    return (not key, key)


def matches(search_text: str, words: Sequence[str]) -> bool:
    """True when every word occurs in the text (no words: everything matches)."""
    return all(word in search_text for word in words)
