"""Small pieces of English grammar the letters need: imperatives, gerunds, clause shapes.

Rules and word lists, not a language model: the same notes always give the same words.
"""

from __future__ import annotations

import re
from enum import Enum

# Verbs people start advice and promises with. Checked first; the shape of the line is the
# fallback for verbs not listed (see `is_imperative`).
COMMON_VERBS = frozenset(
    [
        "accept",
        "add",
        "aim",
        "apply",
        "ask",
        "attend",
        "avoid",
        "be",
        "become",
        "begin",
        "bring",
        "build",
        "buy",
        "call",
        "change",
        "check",
        "choose",
        "clean",
        "collect",
        "compare",
        "complete",
        "connect",
        "consider",
        "contact",
        "contribute",
        "create",
        "cut",
        "decide",
        "define",
        "do",
        "download",
        "draft",
        "drop",
        "email",
        "enrol",
        "enroll",
        "explore",
        "find",
        "finish",
        "focus",
        "follow",
        "forward",
        "get",
        "give",
        "go",
        "grow",
        "guide",
        "help",
        "hire",
        "host",
        "improve",
        "include",
        "introduce",
        "invite",
        "join",
        "keep",
        "learn",
        "lead",
        "leave",
        "let",
        "list",
        "listen",
        "look",
        "make",
        "map",
        "meet",
        "mention",
        "message",
        "move",
        "negotiate",
        "network",
        "note",
        "offer",
        "open",
        "organise",
        "organize",
        "pass",
        "pick",
        "plan",
        "post",
        "practice",
        "practise",
        "prepare",
        "present",
        "print",
        "publish",
        "put",
        "reach",
        "read",
        "reconnect",
        "record",
        "reply",
        "register",
        "rehearse",
        "remember",
        "research",
        "reserve",
        "review",
        "revise",
        "rewrite",
        "run",
        "save",
        "schedule",
        "see",
        "sell",
        "send",
        "set",
        "share",
        "shadow",
        "show",
        "sign",
        "skip",
        "speak",
        "spend",
        "start",
        "stay",
        "stop",
        "study",
        "submit",
        "coach",
        "earn",
        "launch",
        "mentor",
        "open-source",
        "subscribe",
        "suggest",
        "take",
        "talk",
        "teach",
        "tell",
        "test",
        "think",
        "track",
        "train",
        "try",
        "turn",
        "update",
        "upload",
        "use",
        "visit",
        "volunteer",
        "wait",
        "watch",
        "work",
        "write",
    ]
)
# Words that show a line is not an imperative when they come first.
_NOT_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "its",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "every",
        "each",
        "one",
        "two",
        "three",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "it",
        "there",
        "here",
        "what",
        "why",
        "how",
        "when",
        "where",
        "who",
        "which",
        "whether",
        "if",
        "recruiters",
        "people",
        "managers",
        "most",
        "many",
        "more",
        "less",
        "very",
        "not",
        "no",
        "yes",
    ]
)
# A base verb is usually followed by one of these ("Volunteer on a committee").
_AFTER_VERB = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "his",
        "her",
        "their",
        "our",
        "to",
        "on",
        "for",
        "with",
        "up",
        "out",
        "in",
        "into",
        "at",
        "about",
        "by",
        "from",
        "me",
        "him",
        "them",
        "it",
        "one",
        "two",
        "three",
        "some",
        "more",
        "every",
        "each",
        "all",
        "this",
        "that",
        "these",
        "those",
        "someone",
        "people",
    ]
)
_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "matters",
        "counts",
        "helps",
        "works",
        "beats",
        "wins",
        "needs",
        "care",
        "cares",
        "isn't",
        "aren't",
        "don't",
        "doesn't",
        "won't",
        "can't",
        "shouldn't",
    ]
)
_DOUBLED = frozenset(
    [
        "run",
        "get",
        "set",
        "put",
        "stop",
        "plan",
        "sit",
        "begin",
        "swim",
        "shop",
        "drop",
        "ship",
        "chat",
        "admit",
    ]
)


class Shape(Enum):
    IMPERATIVE = "imperative"  # "Take the CAPM first."
    NEGATIVE = "negative"  # "Don't wait to feel ready."
    QUESTION = "question"  # "Have you thought about the CAPM?"
    STATEMENT = "statement"  # "Recruiters care about the story."
    FRAGMENT = "fragment"  # "CAPM before PMP"


_NEGATIVE = re.compile(r"^(?:don['’]t|do not|never|avoid)\s+", re.IGNORECASE)
_WORDS = re.compile(r"[\w'’-]+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def word_count(text: str) -> int:
    return len(text.split())


def is_imperative(text: str) -> bool:
    tokens = words(text)
    if not tokens:
        return False
    first = tokens[0].lower()
    if first in COMMON_VERBS:
        return True
    if first in _NOT_VERBS or not first.isalpha() or tokens[0].isupper():
        return False
    if first.endswith(("ing", "ed", "ly", "s", "tion", "ment")):
        return False
    return len(tokens) > 1 and tokens[1].lower() in _AFTER_VERB


def shape_of(text: str) -> Shape:
    stripped = text.strip()
    if stripped.endswith("?"):
        return Shape.QUESTION
    if _NEGATIVE.match(stripped):
        return Shape.NEGATIVE
    if is_imperative(stripped):
        return Shape.IMPERATIVE
    if any(token.lower() in _AUXILIARIES for token in words(stripped)):
        return Shape.STATEMENT
    return Shape.FRAGMENT


def lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym, a name-like word or "I"."""
    tokens = words(text)
    if not tokens:
        return text
    first = tokens[0]
    if first == "I" or first.startswith("I'") or first.startswith("I’"):
        return text
    if sum(ch.isupper() for ch in first) > 1 or any(ch.isdigit() for ch in first):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_end(text: str) -> str:
    return text.strip().rstrip(" .,;:!-–—").strip()


def head_clause(text: str, max_words: int = 16) -> str:
    """The part of a line that carries its point: before a colon or semicolon when that part can
    stand alone, cut at a comma or word boundary when long."""
    text = strip_end(text)
    if len(text.split()) > max_words:
        text = strip_end(re.sub(r"\s*\([^()]*\)", "", text))
    for mark in (";", ": ", " — ", " – ", " - "):
        head, found, _tail = text.partition(mark)
        if found and word_count(head) >= 3:
            text = strip_end(head)
            break
    tokens = text.split()
    # A little over is better than a sentence cut in the middle.
    if len(tokens) <= max_words + max_words // 3:
        return text
    cut = " ".join(tokens[:max_words])
    for mark in (",", " and ", " but ", " so "):
        at = cut.rfind(mark)
        if at > len(cut) // 2:
            return strip_end(cut[:at])
    return strip_end(cut)


def gerund(verb: str) -> str:
    """ "run" -> "running", "write" -> "writing", "open-source" -> "open-sourcing"."""
    prefix, dash, last = verb.rpartition("-")
    prefix = prefix + dash
    low = last.lower()
    if low.endswith("ie"):
        return prefix + last[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        return prefix + last[:-1] + "ing"
    if low in _DOUBLED:
        return prefix + last + last[-1] + "ing"
    return prefix + last + "ing"


def to_gerund_phrase(text: str) -> str:
    """ "start a PM apprenticeship" -> "starting a PM apprenticeship" (first word only)."""
    first, space, rest = text.partition(" ")
    return gerund(first.lower()) + space + rest


def join_phrases(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = upper_first(text)
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def with_article(text: str) -> str:
    """Add "the" to a bare noun phrase: "headway analysis" -> "the headway analysis"."""
    first = (words(text) or [""])[0].lower()
    if first in _NOT_VERBS or first in ("a", "an", "the"):
        return text
    return "the " + text


# Words spelt with a vowel that start with a consonant sound ("a university", "a one-off",
# "a European"), and words spelt with a consonant that start with a vowel sound ("an hour").
_CONSONANT_SOUND_STARTS = (
    "eu",
    "ewe",
    "one",
    "once",
    "ubiq",
    "uni",
    "ura",
    "ure",
    "uri",
    "uro",
    "usa",
    "use",
    "usi",
    "usu",
    "uti",
    "uto",
)
_VOWEL_SOUND_AFTER_UNI = ("unim", "unin", "unid")  # "an unimportant", "an uninvited"
_SILENT_H_STARTS = ("heir", "honest", "honor", "honour", "hour")
# Letters whose names start with a vowel sound, for a word read letter by letter ("an MBA").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
_FIRST_WORD = re.compile(r"[A-Za-z0-9]+")


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for the phrase that follows, by the sound of its first word: "an
    Engineering Manager", "a UX designer", "an MBA student", "a university", "an hour",
    "an 8-week course", "a one-on-one"."""
    match = _FIRST_WORD.search(phrase)
    if match is None:
        return "a"
    word = match.group(0)
    if word.isdigit():
        # Numbers said "eight…", "eleven…", "eighteen…" start with a vowel sound.
        if word.startswith("8"):
            return "an"
        if word[:2] in ("11", "18") and len(word) % 3 == 2:
            return "an"
        return "a"
    if len(word) <= 5 and word.isupper() and word.isalpha() and len(word) > 1:
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"  # an acronym, read as letters
    lower = word.lower()
    if lower.startswith(_SILENT_H_STARTS):
        return "an"
    if lower.startswith(_CONSONANT_SOUND_STARTS) and not lower.startswith(_VOWEL_SOUND_AFTER_UNI):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def with_indefinite_article(phrase: str) -> str:
    """ "an Engineering Manager", "a peer": the phrase after its indefinite article."""
    return f"{indefinite_article(phrase)} {phrase}"
