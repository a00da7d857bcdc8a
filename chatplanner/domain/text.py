"""Text keys for search and matching: folded names, canonical LinkedIn URLs and e-mail addresses."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

# Letters that carry no combining mark in Unicode, so NFKD alone would leave them as they are.
# Folding them lets "Łukasz" find "Lukasz" and "Søren" find "Soren", as people type them.
_EXTRA_FOLDS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        # Typographic apostrophes and quotes (as Apple and Word type them) match the plain ones:
        # "O’Neill" is found by "o'neill".
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        # Hyphens and dashes of every width match "-".
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)

_CANONICAL_PREFIX = "https://www.linkedin.com/in/"
# The form nearly every export writes; it skips the general parser on the hot path of a big import.
_PLAIN_PROFILE = re.compile(r"https?://(?:www\.)?linkedin\.com/in/([A-Za-z0-9_-]+)/?")
# The same with a percent-encoded slug (a name outside ASCII): decoded and encoded again, as the
# general parser does, without splitting the URL into its parts.
_ENCODED_PROFILE = re.compile(r"https?://(?:www\.)?linkedin\.com/in/([A-Za-z0-9_%.~-]+)/?")
_SLUG_SAFE = "-_.~"

# Control, format (such as a right-to-left override), surrogate and line/paragraph separators.
_NOT_IN_ADDRESSES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# The same rule for ASCII, in one search: white space and controls are \x00-\x20 and \x7f.
_REFUSED_ASCII = re.compile(r"[\x00-\x20\x7f<>,;]")


def fold_character(ch: str) -> str:
    """fold() of one character (the reference the fast path below caches)."""
    # casefold first: "İ".casefold() is "i" + a combining dot, which the next step drops.
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Compatibility forms can decompose to capitals ("℠" -> "SM"): fold case once more.
    return stripped.casefold().translate(_EXTRA_FOLDS)


class _FoldTable(dict[int, str]):
    """Each character's fold, computed once. Case folding and NFKD decomposition work character
    by character, and the marks that canonical reordering would move are all dropped, so folding
    characters one at a time gives the same text as folding the whole string, many times faster."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_character(chr(codepoint))
        self[codepoint] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """A key for accent- and case-insensitive comparison: "Zoë" -> "zoe", "Straße" -> "strasse"."""
    if text.isascii():
        return text.casefold()
    return text.translate(_FOLD_TABLE)


def fold_words(text: str | None) -> str:
    """fold() with runs of white space collapsed to one space and the ends trimmed."""
    if not text:
        return ""
    return " ".join(fold(text).split())


def name_sort_key(first: str | None, last: str | None) -> str:
    """What the People list sorts names by: the folded "first last" name ("Zoë  Ng" -> "zoe ng").

    "" means the person has no name to sort by; they are listed after everyone who has one.
    """
    return f"{_folded_name_part(first)} {_folded_name_part(last)}".strip()


def _folded_name_part(part: str | None) -> str:
    return fold(" ".join(part.split())) if part else ""


def normalize_linkedin_url(url: str | None) -> str | None:
    """The canonical https://www.linkedin.com/in/<slug> for a profile URL, or None if it is not one.

    Accepts a missing scheme, any linkedin.com subdomain (www, ca, fr, m ...), query strings,
    fragments, trailing slashes and percent-encoded slugs. The slug is lower-cased (LinkedIn treats
    it case-insensitively) and percent-encoded again, so the result is always a valid ASCII URL.
    """
    if not url:
        return None
    candidate = url.strip()
    plain = _PLAIN_PROFILE.fullmatch(candidate)
    if plain:
        return _CANONICAL_PREFIX + plain.group(1).lower()
    if candidate in _NORMALIZED:
        return _NORMALIZED[candidate]
    if len(_NORMALIZED) >= _NORMALIZED_KEPT:
        _NORMALIZED.clear()
    encoded = _ENCODED_PROFILE.fullmatch(candidate)
    found = _NORMALIZED[candidate] = (
        _canonical_profile(encoded.group(1))
        if encoded
        else _normalize_other_linkedin_url(candidate)
    )
    if found is not None:
        # The canonical form is its own: an import normalises each URL as it reads the file,
        # then matching normalises the result again.
        _NORMALIZED[found] = found
    return found


# Results of the general parser (percent-encoded slugs, subdomains, queries), kept for a big
# import's second look at the same URL; cleared when full.
_NORMALIZED: dict[str, str | None] = {}
_NORMALIZED_KEPT = 200_000


def _normalize_other_linkedin_url(candidate: str) -> str | None:
    if not candidate or candidate.split() != [candidate]:  # any white space in it
        return None
    if candidate.startswith("//"):
        candidate = "https:" + candidate
    elif "://" not in candidate:
        candidate = "https://" + candidate
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = host.lower().rstrip(".")
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2 or segments[0].lower() != "in":
        return None
    return _canonical_profile(segments[1])


def _canonical_profile(segment: str) -> str | None:
    """The canonical URL of the profile whose (percent-encoded) slug is `segment`."""
    try:
        slug = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return None
    slug = slug.strip().lower()
    if not slug or slug in (".", ".."):
        return None
    return _CANONICAL_PREFIX + quote(slug, safe=_SLUG_SAFE)


def email_parts(email: str | None) -> tuple[str, str] | None:
    """(local part, domain) of an email address as a person typed or a file holds it; None
    when it is not one. The one check of an address: the contact editor, every import and the
    mail drafts use it, so an address one of them refuses is refused by all.

    A "mailto:" prefix, surrounding <> and spaces are removed; any space, line break or other
    control or format character inside refuses the address (a line break must never reach a
    mail header).
    """
    if not email:
        return None
    candidate = email.strip()
    if candidate[:7].lower() == "mailto:":
        candidate = candidate[7:].split("?", 1)[0]
    candidate = candidate.strip().strip("<>").strip()
    local, at, domain = candidate.rpartition("@")
    if not at or not local or not domain:
        return None
    if candidate.isascii():
        if _REFUSED_ASCII.search(candidate):
            return None
    elif any(
        ch.isspace() or ch in "<>,;" or unicodedata.category(ch) in _NOT_IN_ADDRESSES
        for ch in candidate
    ):
        return None
    domain = domain.rstrip(".")
    if "." not in domain or domain.startswith(".") or ".." in domain:
        return None
    return local, domain


def normalize_email(email: str | None) -> str | None:
    """The address lower-cased and trimmed (a "mailto:" prefix and <> removed); None if not one."""
    parts = email_parts(email)
    if parts is None:
        return None
    local, domain = parts
    # Strictly the local part is case-sensitive; no real mail provider treats it so, and people
    # type addresses in every case, so one person must not become two.
    return f"{local.lower()}@{domain.lower()}"


_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """`text` (a name the user typed or imported) fenced off in Unicode isolates (FSI ... PDI)
    when it holds right-to-left letters, so the sentence around it keeps its own order:
    "محمد العلي: {years}" stays name, then colon, then the rest, left to right. Text with no
    right-to-left letter cannot turn a line around and is returned as it is."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"{_FIRST_STRONG_ISOLATE}{text}{_POP_DIRECTIONAL_ISOLATE}"
    return text


_LEFT_TO_RIGHT_MARK = "\u200e"


def left_to_right(line: str) -> str:
    """A line of the app's own (English) words that may start with a name, laid out left to
    right: after a U+200E LEFT-TO-RIGHT MARK when it holds right-to-left letters. Qt takes a
    label's, a message box's or a paragraph's direction from its first strong letter, looking
    inside isolates, so a line that starts with "محمد العلي" would be right-aligned and its
    commas and colons turned around. The one helper every such line goes through."""
    if line.startswith(_LEFT_TO_RIGHT_MARK):
        return line
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in line):
        return _LEFT_TO_RIGHT_MARK + line
    return line
