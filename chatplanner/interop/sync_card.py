"""The fields the app keeps in step with an address book, read from and patched into a vCard.

A card on the server holds much the app does not model (photos, more phones, custom fields,
Apple's grouped labels). Patching works line by line: only the lines of the fields that changed
are rewritten, every other line is sent back exactly as the server gave it. Works on 3.0 and 4.0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from chatplanner.domain.person_names import display_name
from chatplanner.domain.text import normalize_linkedin_url

# The fields of a contact that travel; the keys are the contact's column names.
SYNCED_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company",
    "title",
    "linkedin_url",
    "city",
    "country",
    "address",  # the street part of ADR
    "notes",  # NOTE, several lines kept
)
FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "email": "e-mail",
    "phone": "phone",
    "company": "company",
    "title": "title",
    "linkedin_url": "LinkedIn profile",
    "city": "city",
    "country": "country",
    "address": "street address",
    "notes": "notes",
}
# The same fields as the window names them (the contact form's labels).
SCREEN_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "company": "Company",
    "title": "Title",
    "linkedin_url": "LinkedIn",
    "city": "City",
    "country": "Country",
    "address": "Street address",
    "notes": "Notes",
}
Fields = dict[str, str | None]

_BREAK = re.compile(r"\r\n|\r|\n")
_MAX_LINE_OCTETS = 75


class CardError(ValueError):
    """A card that is not a vCard; the message says why."""


@dataclass
class _Line:
    raw: str  # the physical lines as received, folded, without the final line break
    logical: str  # unfolded
    group: str
    name: str  # upper case, without the group
    params: str  # everything between the name and the colon, with its leading ";"
    value: str  # still escaped


def _split(logical: str) -> tuple[str, str, str, str]:
    colon = _value_colon(logical)
    head, value = (logical, "") if colon == -1 else (logical[:colon], logical[colon + 1 :])
    semicolon = head.find(";")
    name_part, params = (head, "") if semicolon == -1 else (head[:semicolon], head[semicolon:])
    group, _, name = name_part.rpartition(".")
    return group, name.strip().upper(), params, value


def _value_colon(line: str) -> int:
    """The colon that starts the value: not one inside a quoted parameter value."""
    colon, quote = line.find(":"), line.find('"')
    if quote == -1 or colon < quote:
        return colon  # no quoted parameter before the value: the usual line
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _lines(text: str) -> list[_Line]:
    physical = _BREAK.split(text)
    entries: list[tuple[list[str], str]] = []
    for raw in physical:
        if raw[:1] in (" ", "\t") and entries:
            entries[-1][0].append(raw)
            entries[-1] = (entries[-1][0], entries[-1][1] + raw[1:])
        elif raw.strip():
            entries.append(([raw], raw))
    lines = []
    for raws, logical in entries:
        group, name, params, value = _split(logical)
        lines.append(_Line("\r\n".join(raws), logical, group, name, params, value))
    return lines


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    out = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _components(value: str) -> list[str]:
    """A structured value (N, ADR, ORG) cut at unescaped semicolons, each part unescaped."""
    if "\\" not in value:
        return value.split(";")  # nothing escaped: the usual value
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == ";":
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append(unescape("".join(current)))
    return parts


def _join_components(parts: list[str]) -> str:
    return ";".join(escape(part) for part in parts)


def fold(line: str) -> str:
    """RFC 6350 folding at 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= _MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, _MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _MAX_LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _clean_text(value: str | None) -> str | None:
    """Free text (a note): its lines kept, line breaks made plain, outer space trimmed."""
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value or None


def _is_pref(line: _Line) -> bool:
    params = line.params.upper()
    return "PREF" in params


def _first(lines: list[_Line], name: str) -> _Line | None:
    matching = [line for line in lines if line.name == name]
    if not matching:
        return None
    preferred = [line for line in matching if _is_pref(line)]
    return (preferred or matching)[0]


def _linkedin_line(lines: list[_Line]) -> _Line | None:
    for line in lines:
        if line.name in ("URL", "X-SOCIALPROFILE") and normalize_linkedin_url(unescape(line.value)):
            return line
    return None


def _phone_value(value: str) -> str:
    text = unescape(value)
    return text[4:] if text.lower().startswith("tel:") else text


@dataclass(frozen=True)
class ServerCard:
    """A card as read: its UID, version, the synced fields and the text it came from."""

    uid: str | None
    version: str
    fields: Fields
    text: str


def read_card(text: str) -> ServerCard:
    lines = _lines(text)
    if not lines or lines[0].name != "BEGIN" or all(line.name != "END" for line in lines):
        raise CardError("not a vCard (no BEGIN:VCARD … END:VCARD)")
    by_name: dict[str, list[_Line]] = {}
    for line in lines:
        by_name.setdefault(line.name, []).append(line)

    def first_line(name: str) -> _Line | None:
        # Read once per field of each card: a first sync reads tens of thousands of cards.
        matching = by_name.get(name)
        return _first(matching, name) if matching else None

    version_line = first_line("VERSION")
    version = unescape(version_line.value).strip() if version_line else "3.0"
    uid_line = first_line("UID")
    uid = unescape(uid_line.value).strip() if uid_line else None
    fields: Fields = dict.fromkeys(SYNCED_FIELDS)
    n_line = first_line("N")
    if n_line is not None:
        parts = [*_components(n_line.value), "", ""]
        fields["last_name"], fields["first_name"] = _clean(parts[0]), _clean(parts[1])
    if not fields["first_name"] and not fields["last_name"]:
        fn_line = first_line("FN")
        if fn_line is not None:
            first, _, last = (_clean(unescape(fn_line.value)) or "").partition(" ")
            fields["first_name"], fields["last_name"] = _clean(first), _clean(last)
    email = first_line("EMAIL")
    fields["email"] = _clean(unescape(email.value)) if email else None
    phone = first_line("TEL")
    fields["phone"] = _clean(_phone_value(phone.value)) if phone else None
    org = first_line("ORG")
    fields["company"] = _clean(_components(org.value)[0]) if org else None
    title = first_line("TITLE")
    fields["title"] = _clean(unescape(title.value)) if title else None
    linkedin = _linkedin_line(lines)
    fields["linkedin_url"] = normalize_linkedin_url(unescape(linkedin.value)) if linkedin else None
    adr = first_line("ADR")
    if adr is not None:
        parts = _components(adr.value) + [""] * 7
        fields["address"] = _clean(parts[2])
        fields["city"], fields["country"] = _clean(parts[3]), _clean(parts[6])
    note = first_line("NOTE")
    fields["notes"] = _clean_text(unescape(note.value)) if note else None
    return ServerCard(uid, version, fields, text)


def _full_name(fields: Mapping[str, str | None]) -> str:
    """FN: the name as the app shows it (family name first for a name in CJK script); N keeps
    the structured parts."""
    name = display_name(fields.get("first_name"), fields.get("last_name"))
    return name or fields.get("email") or fields.get("company") or "Unnamed contact"


def _simple(name: str, value: str, version: str) -> str:
    if name == "EMAIL" and version.startswith("3"):
        return fold(f"EMAIL;TYPE=INTERNET:{escape(value)}")
    return fold(f"{name}:{escape(value)}")


def new_card(uid: str, fields: Mapping[str, str | None], version: str = "3.0") -> str:
    """A fresh card for a contact the server does not have yet."""
    v4 = version.startswith("4")
    lines = ["BEGIN:VCARD", f"VERSION:{'4.0' if v4 else '3.0'}", fold(f"UID:{escape(uid)}")]
    if v4:
        lines.append("KIND:individual")
    lines.append(
        fold(
            "N:"
            + _join_components(
                [fields.get("last_name") or "", fields.get("first_name") or "", "", "", ""]
            )
        )
    )
    lines.append(fold(f"FN:{escape(_full_name(fields))}"))
    text = "\r\n".join([*lines, "END:VCARD"]) + "\r\n"
    rest = {k: v for k, v in fields.items() if k not in ("first_name", "last_name") and v}
    return patch_card(text, rest) if rest else text


def patch_card(text: str, changes: Mapping[str, str | None]) -> str:  # noqa: C901, PLR0912, PLR0915 - one case per vCard property the app writes (N, FN, EMAIL, TEL, ADR, ORG, ...), in the order of the card
    """The card with `changes` (field -> new value, None to remove) written into it; every
    line that holds none of the changed fields is kept byte for byte."""
    lines = _lines(text)
    version_line = _first(lines, "VERSION")
    version = unescape(version_line.value).strip() if version_line else "3.0"
    replaced: dict[int, str | None] = {}  # id(line) -> new raw text, None: removed
    added: list[str] = []

    def set_line(line: _Line | None, new_raw: str | None, fresh: str | None = None) -> None:
        if line is not None:
            replaced[id(line)] = new_raw
        elif fresh is not None:
            added.append(fresh)

    current = read_card(text).fields

    if "first_name" in changes or "last_name" in changes:
        merged = {**current, **{k: changes[k] for k in ("first_name", "last_name") if k in changes}}
        n_line = _first(lines, "N")
        parts = (_components(n_line.value) if n_line else []) + [""] * 5
        parts[0], parts[1] = merged.get("last_name") or "", merged.get("first_name") or ""
        head = f"{n_line.group + '.' if n_line and n_line.group else ''}N{n_line.params if n_line else ''}"
        new_n = fold(f"{head}:{_join_components(parts[: max(5, len(parts) - 5)])}")
        set_line(n_line, new_n, new_n)
        fn_line = _first(lines, "FN")
        fn_head = f"{fn_line.group + '.' if fn_line and fn_line.group else ''}FN{fn_line.params if fn_line else ''}"
        new_fn = fold(f"{fn_head}:{escape(_full_name(merged))}")
        set_line(fn_line, new_fn, new_fn)

    for field_name, prop in (
        ("email", "EMAIL"),
        ("title", "TITLE"),
        ("phone", "TEL"),
        ("notes", "NOTE"),
    ):
        if field_name not in changes:
            continue
        value = changes[field_name]
        line = _first(lines, prop)
        if value is None:
            set_line(line, None)
        elif line is not None:
            head = f"{line.group + '.' if line.group else ''}{prop}{_drop_value_uri(line.params)}"
            set_line(line, fold(f"{head}:{escape(value)}"))
        else:
            set_line(None, None, _simple(prop, value, version))

    if "company" in changes:
        value = changes["company"]
        org = _first(lines, "ORG")
        if value is None:
            set_line(org, None)
        else:
            parts = _components(org.value) if org else [""]
            parts[0] = value
            head = f"{org.group + '.' if org and org.group else ''}ORG{org.params if org else ''}"
            new_org = fold(f"{head}:{_join_components(parts)}")
            set_line(org, new_org, new_org)

    if "linkedin_url" in changes:
        value = changes["linkedin_url"]
        line = _linkedin_line(lines)
        if value is None:
            set_line(line, None)
        elif line is not None:
            head = f"{line.group + '.' if line.group else ''}{line.name}{line.params}"
            set_line(line, fold(f"{head}:{escape(value)}"))
        else:
            set_line(None, None, fold(f"URL:{escape(value)}"))

    if "city" in changes or "country" in changes or "address" in changes:
        adr = _first(lines, "ADR")
        parts = (_components(adr.value) if adr else []) + [""] * 7
        if "address" in changes:
            parts[2] = changes["address"] or ""
        if "city" in changes:
            parts[3] = changes["city"] or ""
        if "country" in changes:
            parts[6] = changes["country"] or ""
        if not any(parts):
            set_line(adr, None)
        else:
            head = f"{adr.group + '.' if adr and adr.group else ''}ADR{adr.params if adr else ''}"
            new_adr = fold(f"{head}:{_join_components(parts[: max(7, len(parts) - 7)])}")
            set_line(adr, new_adr, new_adr)

    out: list[str] = []
    for line in lines:
        if line.name == "END" and unescape(line.value).strip().upper() == "VCARD":
            out.extend(added)
            added = []
        if id(line) in replaced:
            new_raw = replaced[id(line)]
            if new_raw is not None:
                out.append(new_raw)
        else:
            out.append(line.raw)
    out.extend(added)
    return "\r\n".join(out) + "\r\n"


def _drop_value_uri(params: str) -> str:
    """A 4.0 TEL written as text no longer carries VALUE=uri."""
    kept = [p for p in params.split(";") if p and p.upper() != "VALUE=URI"]
    return "".join(f";{p}" for p in kept)
