"""vCard files (2.1, 3.0 and 4.0, many cards per file) in; vCard 3.0 out."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import vobject

from chatplanner.domain.person_names import display_name
from chatplanner.domain.text import normalize_linkedin_url
from chatplanner.interop.contact_record import (
    ContactRecord,
    ParsedImport,
    SkippedRow,
    clean_line,
    clean_text,
    one_line_address,
)
from chatplanner.interop.format_sniffing import VCARD_DESCRIPTION, describe_text, looks_like_vcard
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.safe_files import private_file
from chatplanner.interop.source_file import MEBIBYTE, decode_text_with_evidence, read_limited
from chatplanner.interop.vcard_lines import CardText, property_name, split_cards

SOURCE = "vcard"
# Address books with a photo on every card run to tens of megabytes; this is far above that.
MAX_VCARD_BYTES = 256 * MEBIBYTE
_AT_LINE = re.compile(r"^At line \d+:\s*")
# Google's own groups, which every contact carries: not groups the user made.
_SYSTEM_CATEGORIES = frozenset({"mycontacts", "starred"})


def parse_vcards(path: Path, reading: str | None = None) -> ParsedImport:
    """Every card in a .vcf file; a card that cannot be read is skipped with the reason."""
    name = path.name or str(path)
    return parse_vcards_bytes(read_limited(path, MAX_VCARD_BYTES), name, reading)


def parse_vcards_bytes(
    data: bytes, name: str = "contacts.vcf", reading: str | None = None
) -> ParsedImport:
    text, evidence = decode_text_with_evidence(data, name, VCARD_DESCRIPTION, reading)
    parsed = parse_vcards_text(text, name)
    parsed.encoding = evidence
    return parsed


def parse_vcards_text(text: str, name: str = "contacts.vcf") -> ParsedImport:
    if not looks_like_vcard(text):
        raise ImportFormatError.wrong_kind(name, VCARD_DESCRIPTION, describe_text(text))
    result = ParsedImport(source_label=f"vCard contacts ({name})")
    for card in split_cards(text):
        record, reason = _read_card(card)
        if record is not None:
            result.add(record, card.first_line)
        else:
            result.skipped.append(SkippedRow(card.first_line, reason))
    if not result.records and not result.skipped:
        raise ImportFormatError.wrong_kind(name, VCARD_DESCRIPTION, describe_text(text))
    return result


def _read_card(card: CardText) -> tuple[ContactRecord | None, str]:
    try:
        component = _read_component(card)
        record = _record_from(component)
    except Exception as error:  # vobject raises many kinds; one bad card must not stop the file
        # vobject counts lines inside the card, which would mislead next to the file's line.
        detail = _AT_LINE.sub("", " ".join(str(error).split()))[:160] or type(error).__name__
        return None, f"This card could not be read ({detail})."
    if record is None:
        return None, "This card has no name, e-mail address, phone number or LinkedIn profile."
    return record, ""


# Single-valued text properties. vobject splits every text value at its unescaped commas and
# keeps the first part ("Project Engineer, CET" became "Project Engineer"); Apple, Google and
# Outlook write such commas unescaped in 2.1, 3.0 and 4.0 alike, so they are escaped first.
_SINGLE_TEXT = frozenset({"FN", "TITLE", "ROLE", "NOTE"})


def _read_component(card: CardText) -> Any:
    lines = [_comma_kept(line) for line in card.lines]
    return vobject.readOne("\r\n".join(lines) + "\r\n", validate=False)


def _comma_kept(line: str) -> str:
    """The line with the commas of a single-valued text property escaped, so they stay text."""
    if ("," not in line and "=2C" not in line.upper()) or property_name(line) not in _SINGLE_TEXT:
        return line
    colon = _value_start(line)
    if colon < 0:
        return line
    head, value = line[:colon], line[colon + 1 :]
    if "QUOTED-PRINTABLE" in head.upper():
        # vobject decodes quoted-printable before it splits: an encoded comma splits too.
        value = value.replace("=2C", ",").replace("=2c", ",")
    out: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":  # an escape already: kept as it is, with the character it escapes
            out.append(value[index : index + 2])
            index += 2
            continue
        out.append("\\," if char == "," else char)
        index += 1
    return f"{head}:{''.join(out)}"


def _value_start(line: str) -> int:
    """The index of the colon that ends the name and parameters (not one inside quotes)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _text(value: object) -> str:
    """A property value as text; comma-split lists (vCard 2.1 has no escaping) joined back."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ",".join(_text(item) for item in value)
    if isinstance(value, bytes):
        return ""
    return str(value)


def _params(line: Any) -> set[str]:
    """TYPE values, bare 2.1 parameters and PREF, upper-cased: {"WORK", "PREF", ...}."""
    found = {str(value).upper() for value in line.params.get("TYPE", [])}
    found.update(str(value).upper() for value in getattr(line, "singletonparams", []))
    if "PREF" in line.params:
        found.add("PREF")
    return found


def _preferred(lines: list[Any]) -> Any | None:
    """The line marked preferred (TYPE=pref, 2.1 PREF, 4.0 PREF=n: lowest n), else the first."""
    best = None
    best_rank = None
    for line in lines:
        rank = 100
        if "PREF" in _params(line):
            pref_values = line.params.get("PREF", ["1"])
            digits = str(pref_values[0]) if pref_values else "1"
            rank = int(digits) if digits.isdigit() and len(digits) <= 3 else 1
        if best_rank is None or rank < best_rank:
            best, best_rank = line, rank
    return best


def _all(component: Any, name: str) -> list[Any]:
    return [child for child in component.getChildren() if child.name == name]


def _linkedin_url(component: Any) -> str | None:
    for line in _all(component, "URL") + _all(component, "X-SOCIALPROFILE"):
        # Google writes "http\://"; some tools keep that escape when they copy the value.
        raw = _text(line.value).replace("\\:", ":").strip()
        url = normalize_linkedin_url(raw)
        if url:
            return url
        if line.name == "X-SOCIALPROFILE" and "LINKEDIN" in _params(line):
            # Apple may write "x-apple:<slug>" with the slug in the x-user parameter.
            users = line.params.get("X-USER", [])
            if users and str(users[0]).strip():
                url = normalize_linkedin_url("linkedin.com/in/" + quote(str(users[0]).strip()))
                if url:
                    return url
    return None


def _address(component: Any) -> tuple[str | None, str | None, str | None]:
    """(city, country, full address): the full one only from a label or a street line."""
    adr = _preferred(_all(component, "ADR"))
    city = country = street_address = None
    label = None
    if adr is not None and not isinstance(adr.value, str | bytes):
        value = adr.value
        city = clean_line(_text(value.city))
        country = clean_line(_text(value.country))
        street = clean_line(_text(value.street))
        label_param = adr.params.get("LABEL", [])
        label = one_line_address(str(label_param[0])) if label_param else None
        if street:
            region_code = clean_line(f"{_text(value.region)} {_text(value.code)}")
            parts = (street, city, region_code, country)
            street_address = ", ".join(part for part in parts if part)
    labels = _all(component, "LABEL")
    if label is None and labels:
        label = one_line_address(_text(labels[0].value))
    return city, country, label or street_address


def _names(component: Any) -> tuple[str | None, str | None]:
    first = last = None
    n_lines = _all(component, "N")
    if n_lines and not isinstance(n_lines[0].value, str | bytes):
        name = n_lines[0].value
        first = clean_line(" ".join(_text(part) for part in (name.given, name.additional)))
        last = clean_line(_text(name.family))
    if first or last:
        return first, last
    fn_lines = _all(component, "FN")
    full = clean_line(_text(fn_lines[0].value)) if fn_lines else None
    if not full or _is_organisation_card(component, full):
        return None, None
    return _split_full_name(full)


def _split_full_name(full: str) -> tuple[str, str | None]:
    """(given, family) of a formatted name: "Jo Smith, P.Eng." keeps its letters after the
    family name; "Smith, Jo" (how Outlook files people) is family name first."""
    before, comma, after = full.partition(",")
    if comma and before.strip() and after.strip():
        if " " not in before.strip():
            return after.strip(), before.strip()
        given, _, family = before.strip().rpartition(" ")
        return given, f"{family},{after}"
    given, _, family = full.rpartition(" ")
    return (given, family) if given else (full, None)


def _is_organisation_card(component: Any, full_name: str) -> bool:
    """A card for a company (Apple marks it; others repeat ORG as the name): nobody's name."""
    shown_as = _all(component, "X-ABSHOWAS")
    if shown_as and _text(shown_as[0].value).strip().upper() == "COMPANY":
        return True
    kind = _all(component, "KIND")
    if kind and _text(kind[0].value).strip().lower() == "org":
        return True
    return _company(component) == full_name


def _company(component: Any) -> str | None:
    """The organisation name: the first part of ORG (the others are departments)."""
    org_lines = _all(component, "ORG")
    if not org_lines:
        return None
    org = org_lines[0].value
    return clean_line(_text(org[0] if isinstance(org, list) and org else org))


def _record_from(component: Any) -> ContactRecord | None:
    first, last = _names(component)
    email_line = _preferred(_all(component, "EMAIL"))
    email = clean_line(_text(email_line.value)) if email_line is not None else None
    tel_line = _preferred(_all(component, "TEL"))
    phone = clean_line(_text(tel_line.value)) if tel_line is not None else None
    if phone and phone[:4].lower() == "tel:":
        phone = clean_line(phone[4:])
    linkedin_url = _linkedin_url(component)
    if not (first or last or email or phone or linkedin_url):
        return None
    title_lines = _all(component, "TITLE")
    note_lines = _all(component, "NOTE")
    city, country, address = _address(component)
    groups: list[str] = []
    for line in _all(component, "CATEGORIES"):
        values = line.value if isinstance(line.value, list) else _text(line.value).split(",")
        for value in values:
            group = clean_line(_text(value))
            if group and group not in groups and group.casefold() not in _SYSTEM_CATEGORIES:
                groups.append(group)
    return ContactRecord(
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        linkedin_url=linkedin_url,
        company=_company(component),
        title=clean_line(_text(title_lines[0].value)) if title_lines else None,
        city=city,
        country=country,
        address=address,
        notes=clean_text("\n".join(_text(line.value) for line in note_lines)),
        groups=tuple(groups),
        source=SOURCE,
    )


def _printable(record: ContactRecord) -> ContactRecord:
    """The record without raw control characters: a stored value may hold any (an old import,
    a restored backup), and an escape sequence or NUL in a .vcf reaches whoever opens it.
    Notes keep their line breaks (vCard escapes them as \\n); tabs become spaces."""
    notes = clean_text(record.notes.replace("\t", " ")) if record.notes else None
    groups = tuple(g for g in (clean_line(group) for group in record.groups) if g)
    return record._replace(
        first_name=clean_line(record.first_name),
        last_name=clean_line(record.last_name),
        email=clean_line(record.email),
        phone=clean_line(record.phone),
        linkedin_url=clean_line(record.linkedin_url),
        company=clean_line(record.company),
        title=clean_line(record.title),
        city=clean_line(record.city),
        country=clean_line(record.country),
        address=clean_line(record.address),
        notes=notes,
        groups=groups,
    )


def card_for(record: ContactRecord) -> Any:
    """A vCard 3.0 component for one record (N, FN, EMAIL, TEL, ORG, TITLE, ADR, URL, ...)."""
    record = _printable(record)
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=record.last_name or "", given=record.first_name or ""
    )
    card.add("fn").value = display_name(record.first_name, record.last_name)
    if record.email:
        email = card.add("email")
        email.value = record.email
        email.type_param = "INTERNET"
    if record.phone:
        card.add("tel").value = record.phone
    if record.company:
        card.add("org").value = [record.company]
    if record.title:
        card.add("title").value = record.title
    if record.city or record.country:
        card.add("adr").value = vobject.vcard.Address(
            city=record.city or "", country=record.country or ""
        )
    if record.address:
        card.add("label").value = record.address
    if record.linkedin_url:
        card.add("url").value = record.linkedin_url
    if record.notes:
        card.add("note").value = record.notes
    if record.groups:
        card.add("categories").value = list(record.groups)
    return card


def write_vcards(records: Iterable[ContactRecord], target: Path | TextIO) -> int:
    """Write the records as vCard 3.0 (UTF-8, CRLF) to a path or an open text stream.

    Returns the number of cards written. A path is written whole or not at all.
    """
    if isinstance(target, Path):
        with private_file(target, tidy=True) as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            count = _write_all(records, stream)
            stream.flush()
            stream.detach()  # the binary file stays open for private_file to finish
        return count
    return _write_all(records, target)


def _write_all(records: Iterable[ContactRecord], stream: TextIO) -> int:
    count = 0
    for record in records:
        stream.write(card_for(record).serialize())
        count += 1
    return count
