"""The thank-you email as an unsent `.eml` draft or a `mailto:` link.

Header values come from user data (names, subjects, imported email addresses), so nothing in
them may add or break a header: line breaks of every kind and control characters become spaces,
and `=?` is written as `= ?` so no text can pass for an RFC 2047 encoded word (Python 3.11's
email package decodes those into real line breaks, CVE-2024-6923). Addresses are checked
before use: an empty address leaves the header out (the user fills it in the mail client), an
address that does not look like one raises `MailDraftError` with a sentence to show the user.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from chatplanner.domain.text import email_parts

# Mail clients and browsers cut `mailto:` links around 2,000 characters.
MAILTO_MAX_LENGTH = 1800

# SMTP line endings and 7-bit transfer encodings (quoted-printable or base64, as the library
# picks): the draft survives any client, including ones that mangle 8-bit bytes.
# Lines up to the RFC 5322 limit: Python 3.11 drops the quotes around a display name when it
# folds one, so folding is kept to names that cannot be quoted safely anyway (see _build).
_EML_POLICY = policy.SMTP.clone(cte_type="7bit", max_line_length=998)
# The body is encoded when it is set, by the message's own policy: with lines of at most 76
# characters, the limit RFC 2045 §6.7 sets for quoted-printable (and base64). A long ASCII line
# is then quoted-printable too, never a bare 7bit line past the limit.
BODY_LINE_MAX = 76
_BODY_POLICY = policy.SMTP.clone(cte_type="7bit", max_line_length=BODY_LINE_MAX)
# Longer display names are cut: no real name is this long, and a short one never needs folding.
DISPLAY_NAME_MAX_CHARS = 200
# RFC 5322 specials: a display name holding them must be quoted.
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')

_LINE_SEPARATORS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Used with fullmatch: `$` would match before a final newline.
_ATEXT_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_WHITESPACE = re.compile(r"\s+")


class MailDraftError(ValueError):
    """The draft cannot be built as asked; the message tells the user what to change."""


def clean_header_text(value: str) -> str:
    """One line of header text that cannot start a new header or fake an encoded word."""
    out: list[str] = []
    for ch in value:
        category = unicodedata.category(ch)
        if category == "Cs":
            continue  # a lone surrogate cannot be encoded at all
        if ch in _LINE_SEPARATORS or category == "Cc":
            out.append(" ")
        else:
            out.append(ch)
    text = _WHITESPACE.sub(" ", "".join(out)).strip()
    while "=?" in text:
        text = text.replace("=?", "= ?")
    return text


def clean_body_text(value: str) -> str:
    """Body text with `\\n` line ends and no control characters other than tabs."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def _bad_address(address: str) -> MailDraftError:
    shown = clean_header_text(address)[:80]
    return MailDraftError(
        f"\u201c{shown}\u201d does not look like an email address. Correct it, or leave it "
        "empty and fill in the address in your mail client."
    )


def normalise_email(address: str) -> tuple[str, str] | None:
    """(local part, ASCII domain) of an email address; None when it is empty.

    International domains are converted to their ASCII (punycode) form; a non-ASCII local part
    is refused, because most mail clients cannot send to it."""
    if not address.strip():
        return None
    # The address check every part of the app shares; what follows is what sending needs more.
    parts = email_parts(address)
    if parts is None:
        raise _bad_address(address)
    local, domain = parts
    if len(local) > 64 or "=?" in local or not _ATEXT_LOCAL.fullmatch(local):
        raise _bad_address(address)
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise _bad_address(address) from None
    labels = ascii_domain.split(".")
    if (
        len(ascii_domain) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise _bad_address(address)
    return local, ascii_domain


def _email_parts(email: str, which: str) -> tuple[str, str] | None:
    try:
        return normalise_email(email)
    except MailDraftError as error:
        raise MailDraftError(f"The {which} address: {error}") from None


def _display_name_variants(name: str) -> list[str]:
    """The display name as written, then without RFC 5322 specials, then none at all."""
    cleaned = clean_header_text(name)[:DISPLAY_NAME_MAX_CHARS].strip()
    plain = _WHITESPACE.sub(" ", _SPECIALS.sub(" ", cleaned)).strip()
    return list(dict.fromkeys([cleaned, plain, ""]))


def _compose(
    to_address: Address | None,
    from_address: Address | None,
    subject: str,
    body: str,
    date: datetime | None,
    message_id: str | None,
) -> bytes:
    message = EmailMessage(policy=_BODY_POLICY)
    message["X-Unsent"] = "1"
    if from_address is not None:
        message["From"] = from_address
    if to_address is not None:
        message["To"] = to_address
    message["Subject"] = subject
    if date is not None:
        message["Date"] = format_datetime(date)
    if message_id is not None:
        message["Message-ID"] = message_id
    message.set_content(body, subtype="plain", charset="utf-8")
    # The headers are folded as they are written, by the long-line policy (see _EML_POLICY).
    return message.as_bytes(policy=_EML_POLICY)


def _reads_back_as_built(
    raw: bytes, addresses: dict[str, Address | None], subject: str, expected: set[str]
) -> bool:
    """True when a mail client parsing `raw` sees exactly the headers and values we meant."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    if sorted(message.keys()) != sorted(expected):
        return False
    if str(message["Subject"]).strip() != subject:
        return False
    for header, address in addresses.items():
        if address is None:
            continue
        parsed = message[header]
        if parsed.defects or len(parsed.addresses) != 1:
            return False
        (got,) = parsed.addresses
        if got.addr_spec != address.addr_spec or got.display_name != address.display_name:
            return False
    return True


def build_eml(  # noqa: PLR0913 - the headers of a draft; all but the address pair are keyword-only
    to_name: str,
    to_email: str,
    from_name: str,
    from_email: str,
    subject: str,
    body: str,
    *,
    date: datetime | None = None,
    add_message_id: bool = False,
) -> bytes:
    """An `.eml` file that mail clients open as an unsent draft (`X-Unsent: 1`).

    An empty `to_email` or `from_email` leaves that header out; an invalid one raises
    `MailDraftError`. `date` must be timezone-aware when given."""
    if date is not None and date.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    to_parts = _email_parts(to_email, "recipient's")
    from_parts = _email_parts(from_email, "sender's")
    clean_subject = clean_header_text(subject)
    clean_body = clean_body_text(body)
    message_id = None
    if add_message_id:
        message_id = make_msgid(domain=from_parts[1] if from_parts else "chatplanner.invalid")
    expected = {"X-Unsent", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"}
    expected |= {"To"} if to_parts else set()
    expected |= {"From"} if from_parts else set()
    expected |= {"Date"} if date is not None else set()
    expected |= {"Message-ID"} if message_id is not None else set()
    # The email package is not trusted to write every value faithfully (see _EML_POLICY): each
    # attempt is parsed back, and names are simplified until the result is exactly what we meant.
    to_names = _display_name_variants(to_name)
    from_names = _display_name_variants(from_name)
    for level in range(3):
        to_name_variant = to_names[min(level, len(to_names) - 1)]
        from_name_variant = from_names[min(level, len(from_names) - 1)]
        to_address = Address(to_name_variant, *to_parts) if to_parts else None
        from_address = Address(from_name_variant, *from_parts) if from_parts else None
        raw = _compose(to_address, from_address, clean_subject, clean_body, date, message_id)
        addresses = {"To": to_address, "From": from_address}
        if _reads_back_as_built(raw, addresses, clean_subject, expected):
            return raw
    raise MailDraftError(
        "The draft could not be written safely with this subject or these names. "
        "Shorten the subject or the names, then try again, or copy the text instead."
    )


def build_mailto(
    to_email: str, subject: str, body: str, *, max_length: int = MAILTO_MAX_LENGTH
) -> str | None:
    """A `mailto:` link (RFC 6068), or None when it would be longer than `max_length`
    characters and the caller should offer the clipboard or an `.eml` file instead.

    An empty `to_email` gives a link without a recipient; an invalid one raises
    `MailDraftError`."""
    parts = normalise_email(to_email)
    path = quote(f"{parts[0]}@{parts[1]}", safe="@") if parts else ""
    fields: list[str] = []
    clean_subject = clean_header_text(subject)
    if clean_subject:
        fields.append("subject=" + quote(clean_subject, safe=""))
    clean_body = clean_body_text(body)
    if clean_body:
        fields.append("body=" + quote(clean_body.replace("\n", "\r\n"), safe=""))
    link = "mailto:" + path + ("?" + "&".join(fields) if fields else "")
    return link if len(link) <= max_length else None
