"""Speak to the reader: the recipient's names and pronouns in the notes become "you" and "your".

Notes are written about the other person ("Send Jessica my resume", "Introduce me to her
colleague Marc"); a letter speaks to them ("send you my resume", "introduce me to your colleague
Marc"). Only references to the recipient change: a pronoun that follows someone else named in
the same clause ("Introduce me to Dana and her team") is left alone, and so are other people's
names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from chatplanner.domain.text import fold

PRONOUNS = ("she", "he", "they")

_SUBJECT = {"she": "she", "he": "he", "they": "they"}
_OBJECT = {"she": "her", "he": "him", "they": "them"}
_POSSESSIVE = {"she": "her", "he": "his", "they": "their"}
_POSSESSIVE_ALONE = {"she": "hers", "he": "his", "they": "theirs"}
_REFLEXIVE = {"she": "herself", "he": "himself", "they": "themselves"}
_CONTRACTIONS = {"'s": "'re", "'ll": "'ll", "'d": "'d", "'ve": "'ve", "'re": "'re"}

# Third-person verb forms that do not follow the -s rule.
_IRREGULAR_VERBS = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "goes": "go",
}
_ADVERBS = frozenset(
    [
        "always",
        "never",
        "also",
        "still",
        "often",
        "usually",
        "just",
        "already",
        "really",
        "sometimes",
        "even",
        "only",
    ]
)
# After these, "her" is an object ("to her", "with her"), not a possessive ("her team").
_NOT_A_NOUN = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "about",
        "as",
        "if",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "when",
        "while",
        "because",
        "before",
        "after",
        "until",
        "since",
        "into",
        "onto",
        "over",
        "under",
        "up",
        "out",
        "off",
        "again",
        "too",
        "very",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d\w*|[^\w\s]", re.UNICODE)
_CLAUSE_END = frozenset(",;:()—–")
_ARTICLES = frozenset(["the", "a", "an"])
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a letter is for, as the notes may name them."""

    first_name: str = ""
    last_name: str = ""
    pronoun: str | None = None  # "she", "he", "they", or None when unknown

    def name_forms(self) -> list[str]:
        """The ways the notes may name them, longest first, accents optional."""
        first, last = self.first_name.strip(), self.last_name.strip()
        forms = {f"{first} {last}".strip(), first, last}
        if _unspaced(first + last):
            forms.add(last + first)  # 李伟: family name first, no space
        for form in list(forms):
            forms.add(_without_accents(form))
            forms.add(form.replace("’", "'"))
            forms.add(form.replace("'", "’"))
        return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def guess_pronoun(texts: Iterable[str]) -> str | None:
    """The pronoun the notes use most for a person: "she", "he", or None when unclear."""
    counts = {"she": 0, "he": 0}
    for text in texts:
        for word in re.findall(r"[a-z]+", text.lower()):
            if word in ("she", "her", "hers", "herself"):
                counts["she"] += 1
            elif word in ("he", "him", "his", "himself"):
                counts["he"] += 1
    if counts["she"] == counts["he"]:
        return None
    return "she" if counts["she"] > counts["he"] else "he"


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _unspaced(text: str) -> bool:
    """True for scripts written without spaces between words (Chinese, Japanese, Thai)."""
    return any(
        unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "HANGUL"))
        for ch in text
    )


def second_person_verb(word: str) -> str | None:
    """ "runs" -> "run", "has" -> "have", "tries" -> "try"; None when not a third-person verb."""
    low = word.lower()
    if low in _IRREGULAR_VERBS:
        return _capitalised_like(word, _IRREGULAR_VERBS[low])
    if len(low) < 3 or not low.isalpha() or not low.endswith("s") or low.endswith(("ss", "us")):
        return None
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


def _capitalised_like(original: str, replacement: str) -> str:
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _capitalised_words(text: str, recipient_forms: set[str]) -> frozenset[str]:
    """Capitalised words not at a sentence start and not all capitals: other people's names."""
    found: set[str] = set()
    tokens = _WORD.findall(text)
    for index, token in enumerate(tokens):
        if index == 0 or tokens[index - 1] in _SENTENCE_END or tokens[index - 1] in '"“(':
            continue
        if tokens[index - 1].lower() in _ARTICLES:
            continue  # "the Canadian experience", "a PMI chapter": not a person
        if (
            token[:1].isupper()
            and not token.isupper()
            and token.isalpha()
            and fold(token) not in recipient_forms
        ):
            found.add(token)
    return frozenset(found)


def _replace_pronouns(text: str, pronoun: str, other_names: frozenset[str]) -> str:
    subject, obj = _SUBJECT[pronoun], _OBJECT[pronoun]
    possessive, alone, reflexive = (
        _POSSESSIVE[pronoun],
        _POSSESSIVE_ALONE[pronoun],
        _REFLEXIVE[pronoun],
    )
    matches = list(_WORD.finditer(text))
    tokens = [m.group(0) for m in matches]
    out: list[str] = []
    pos = 0
    other_in_clause = other_in_sentence = agree_next = False
    for index, match in enumerate(matches):
        token = tokens[index]
        low = token.lower().replace("’", "'")
        out.append(text[pos : match.start()])
        pos = match.end()
        replacement = token
        sentence_start = index == 0 or tokens[index - 1] in _SENTENCE_END
        if token in _SENTENCE_END:
            other_in_clause = other_in_sentence = agree_next = False
        elif token in _CLAUSE_END:
            other_in_clause = agree_next = False
        elif token in other_names and not sentence_start:
            other_in_clause = other_in_sentence = True
            agree_next = False
        elif agree_next:
            agree_next = low in _ADVERBS
            if not agree_next:
                replacement = second_person_verb(token) or token
        else:
            base, apostrophe, tail = low.partition("'")
            tail = apostrophe + tail
            if base == subject and not other_in_sentence:
                replacement = _capitalised_like(token, "you" + _CONTRACTIONS.get(tail, tail))
                agree_next = not tail
            elif base == reflexive and not other_in_clause:
                replacement = _capitalised_like(token, "yourself")
            elif base == alone != possessive and not other_in_clause:
                replacement = _capitalised_like(token, "yours")
            elif not tail and not other_in_clause and base in (possessive, obj):
                following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
                noun_follows = following[:1].isalnum() and following not in _NOT_A_NOUN
                if base == possessive and (base != obj or noun_follows):
                    replacement = _capitalised_like(token, "your")
                else:
                    replacement = _capitalised_like(token, "you")
        out.append(replacement)
    out.append(text[pos:])
    return "".join(out)


def _replace_name(text: str, name: str) -> str:
    # Letters joined to a name make another word ("Annabel" is not "Anna"); scripts written
    # without spaces (李伟的) have no such boundary, so there the name alone is enough.
    spaced = not _unspaced(name)
    pattern = re.compile(
        (r"(?<![\w'’-])" if spaced else "")
        + re.escape(name)
        + r"(?P<poss>['’]s(?!\w)|['’](?=\s))?"
        + (r"(?![\w-])" if spaced else "")
        + r"(?P<gap>\s+)?(?P<next>[^\W\d_][\w'’]*)?"
    )

    def swap(match: re.Match[str]) -> str:
        before = match.string[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?\n"
        clause_start = sentence_start or before[-1] in ",;:(—–"
        gap, following = match.group("gap") or "", match.group("next") or ""
        if match.group("poss"):
            word = "your"
        else:
            word = "you"
            if clause_start and gap and following:
                following = second_person_verb(following) or following
        if sentence_start:
            word = word.capitalize()
        return word + gap + following

    return pattern.sub(swap, text)


def to_second_person(text: str, recipient: Recipient) -> str:
    """`text` with the recipient's names and pronouns turned into "you" and "your"."""
    forms = recipient.name_forms()
    if recipient.pronoun in PRONOUNS:
        folded = {fold(part) for form in forms for part in form.split()}
        others = _capitalised_words(text, folded)
        text = _replace_pronouns(text, recipient.pronoun or "", others)
    for name in forms:
        text = _replace_name(text, name)
    return text
