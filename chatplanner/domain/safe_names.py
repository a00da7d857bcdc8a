"""File names built from user data that are safe on Windows, macOS and Linux.

A safe name is a single path component: no separators, no `..`, no control or bidi characters,
no Windows reserved device names, no trailing dots or spaces, and at most a given number of
UTF-8 bytes (most file systems count bytes, not characters), cut between characters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# The whole archive file name, extension included, stays within this many UTF-8 bytes.
ARCHIVE_NAME_MAX_BYTES = 120

# Forbidden on Windows (and `/` everywhere); replaced rather than dropped so words stay apart.
_FORBIDDEN = frozenset('<>:"/\\|?*')
# Kept although they are format characters: they join emoji and shape Indic and Arabic scripts.
_KEPT_FORMAT = frozenset("\u200c\u200d")
# Device names Windows refuses as a file name, with or without an extension (COM¹ counts too).
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³])(\..*)?$", re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
# What `archive_file_name` writes: "YYYY-MM-DD <name> (<meeting id>).md".
_ARCHIVE_NAME = re.compile(r"^\d{4}-\d{2}-\d{2} .+ \((-?[0-9]{1,19})\)\.md$", re.DOTALL)
_DOTS = re.compile(r"\.{2,}")


def _clean_character(ch: str) -> str:
    if ch in _FORBIDDEN:
        return "-"
    category = unicodedata.category(ch)
    if category in ("Zs", "Zl", "Zp") or ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85":
        return " "
    if category in ("Cc", "Cs", "Co", "Cn"):
        return ""
    if category == "Cf" and ch not in _KEPT_FORMAT:
        # Bidi overrides (U+202E) can make "txt.exe" read as "exe.txt"; other format
        # characters are invisible and only make names that look equal differ.
        return ""
    return ch


def _clean_text(text: str) -> str:
    cleaned = "".join(_clean_character(ch) for ch in unicodedata.normalize("NFC", text))
    cleaned = _DOTS.sub(".", cleaned)
    return _SPACES.sub(" ", cleaned).strip()


def _continues_previous(text: str, index: int) -> bool:
    """True when cutting before `text[index]` would split a visible character."""
    ch = text[index]
    if unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return True
    if ch in _KEPT_FORMAT or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff":
        return True
    return text[index - 1] in _KEPT_FORMAT


def truncate_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` within `max_bytes` UTF-8 bytes that does not split a
    character, nor a base letter from its accents or an emoji from its joiners."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    used = 0
    end = 0
    for index, ch in enumerate(text):
        size = len(ch.encode("utf-8"))
        if used + size > max_bytes:
            break
        used += size
        end = index + 1
    while 0 < end < len(text) and _continues_previous(text, end):
        end -= 1
    return text[:end]


def _trim_end(text: str) -> str:
    # Windows silently drops trailing dots and spaces, so "a." and "a" would be the same file.
    return text.rstrip(". ")


def is_reserved_windows_name(component: str) -> bool:
    return bool(_RESERVED.match(component.rstrip(". ")))


def safe_path_component(text: str, *, max_bytes: int = 120, fallback: str = "untitled") -> str:
    """`text` made into one safe file or folder name of at most `max_bytes` UTF-8 bytes."""
    if max_bytes < 16:
        raise ValueError("max_bytes must leave room for a readable name (16 bytes or more)")
    name = _trim_end(_clean_text(text)).lstrip(". ")
    name = _trim_end(truncate_utf8(name, max_bytes))
    if not name:
        name = fallback
    if is_reserved_windows_name(name):
        name = "_" + name
        name = _trim_end(truncate_utf8(name, max_bytes))
    return name


def archive_file_name(meeting_id: int, contact_name: str, met_on: date) -> str:
    """The Markdown archive file name of one meeting, e.g. `2026-03-05 Ada Lovelace (42).md`.

    It depends only on the date, the id and the name, so editing the notes never renames the
    file; the meeting id makes it unique even for two chats with namesakes on one day.
    """
    if not -(2**63) <= meeting_id < 2**63:
        raise ValueError("meeting_id must be a database id (a 64-bit integer)")
    prefix = f"{met_on.isoformat()} "
    suffix = f" ({int(meeting_id)}).md"
    budget = ARCHIVE_NAME_MAX_BYTES - len(prefix.encode("utf-8")) - len(suffix.encode("utf-8"))
    name = _trim_end(truncate_utf8(_trim_end(_clean_text(contact_name)).lstrip(". "), budget))
    if not name:
        name = "meeting"
    return f"{prefix}{name}{suffix}"


def archive_file_meeting_id(file_name: str) -> int | None:
    """The meeting id an archive file name was made for, or None when `archive_file_name`
    could not have made it (a file of the user's own, the index, anything else)."""
    match = _ARCHIVE_NAME.match(file_name)
    if match is None:
        return None
    meeting_id = int(match.group(1))
    return meeting_id if -(2**63) <= meeting_id < 2**63 else None
