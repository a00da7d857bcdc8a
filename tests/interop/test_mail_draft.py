from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatplanner.interop import mail_draft
from chatplanner.interop.mail_draft import (
    DISPLAY_NAME_MAX_CHARS,
    MAILTO_MAX_LENGTH,
    MailDraftError,
    build_eml,
    build_mailto,
    clean_header_text,
    normalise_email,
)

SPECIALS = '()<>[]:;@\\,."'
BASE_HEADERS = [
    "Content-Transfer-Encoding",
    "Content-Type",
    "From",
    "MIME-Version",
    "Subject",
    "To",
    "X-Unsent",
]
INJECTIONS = [
    "=?UTF-8?Q?=0A?=Bcc: evil@x",
    "=?utf-8?b?DQpCY2M6IGV2aWxAeA==?=",
    "Hello\r\nBcc: evil@x",
    "Hello\nBcc: evil@x\n",
    "Hello\rBcc: evil@x",
    "Hello\x0bBcc: evil@x",
    "Hello\x0cBcc: evil@x",
    "Hello\x1c\x1d\x1eBcc: evil@x",
    "Hello\x85Bcc: evil@x",
    "Hello\u2028Bcc: evil@x\u2029",
    "trailing newline\n",
    "\r\n\r\nbody injection",
]


def parse(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    """The decoded body with the SMTP line ends read back as newlines."""
    content = message.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def eml(**overrides: str) -> bytes:
    fields = {
        "to_name": "Ada Lovelace",
        "to_email": "ada@example.com",
        "from_name": "Sam Lee",
        "from_email": "sam@example.org",
        "subject": "Thank you, Ada",
        "body": "Hi Ada,\n\nThank you!\n",
    }
    fields.update(overrides)
    return build_eml(
        fields["to_name"],
        fields["to_email"],
        fields["from_name"],
        fields["from_email"],
        fields["subject"],
        fields["body"],
    )


def test_draft_is_marked_unsent_and_reads_back() -> None:
    message = parse(eml())
    assert sorted(message.keys()) == BASE_HEADERS
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Ada Lovelace"
    assert message["To"].addresses[0].addr_spec == "ada@example.com"
    assert message["From"].addresses[0].addr_spec == "sam@example.org"
    assert message["Subject"] == "Thank you, Ada"
    assert body_of(message) == "Hi Ada,\n\nThank you!\n"


def test_draft_uses_crlf_and_seven_bit_transfer_encoding() -> None:
    raw = eml(body="Grüße aus Köln\n" * 3)
    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(byte < 128 for byte in raw)
    assert parse(raw)["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    assert body_of(parse(raw)) == "Grüße aus Köln\n" * 3


@pytest.mark.parametrize(
    "name",
    ["山田 太郎", "محمد علي", 'Zoë "Zed" O\'Brien, PhD', "<b>Eve</b>", "👩🏽‍💻 Dev", "(x) [y]; z:"],
)
def test_names_in_any_script_are_encoded_and_read_back(name: str) -> None:
    message = parse(eml(to_name=name, from_name=name))
    assert message["To"].addresses[0].display_name == name
    assert message["From"].addresses[0].display_name == name
    assert message["To"].addresses[0].addr_spec == "ada@example.com"


def test_long_name_with_specials_reads_back_exactly() -> None:
    name = 'Zoë, "x" <evil@example.net> ' * 30
    (address,) = parse(eml(to_name=name))["To"].addresses
    assert address.addr_spec == "ada@example.com"
    assert address.display_name == name[:DISPLAY_NAME_MAX_CHARS].strip()


def test_name_the_email_package_would_misquote_is_simplified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Past the line limit Python 3.11 folds the quoted name and drops its quotes, which would
    # turn "a, b@evil.example" into extra recipients; the builder notices and simplifies.
    monkeypatch.setattr(mail_draft, "DISPLAY_NAME_MAX_CHARS", 10_000)
    name = "Ada, <bcc@evil.example>; " * 60
    message = parse(eml(to_name=name))
    (address,) = message["To"].addresses
    assert address.addr_spec == "ada@example.com"
    assert address.display_name.startswith("Ada bcc evil example Ada")


def test_international_domain_is_written_in_ascii() -> None:
    message = parse(eml(to_email="zoe@bücher.de"))
    assert message["To"].addresses[0].addr_spec == "zoe@xn--bcher-kva.de"


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_no_subject_or_name_can_add_a_header(hostile: str) -> None:
    for field in ("subject", "to_name", "from_name"):
        message = parse(eml(**{field: hostile}))
        assert sorted(message.keys()) == BASE_HEADERS, field
        assert message["Bcc"] is None
        assert body_of(message) == "Hi Ada,\n\nThank you!\n"
        for value in message.values():
            assert "\n" not in str(value)
            assert "\r" not in str(value)


def test_encoded_word_lookalike_is_shown_literally() -> None:
    message = parse(eml(subject="=?UTF-8?Q?=0A?=Bcc: evil@x"))
    assert message["Subject"] == "= ?UTF-8?Q?=0A?=Bcc: evil@x"


def test_body_cannot_add_headers_and_keeps_its_lines() -> None:
    body = "\r\nBcc: evil@x\r\n\r\nline\u2028two\x00"
    message = parse(eml(body=body))
    assert sorted(message.keys()) == BASE_HEADERS
    assert body_of(message) == "\nBcc: evil@x\n\nline\ntwo\n"


@pytest.mark.parametrize(
    "bad",
    ["ada", "ada@", "@example.com", "ada@localhost", "a b@example.com", "ada@exa mple.com",
     "ada@example.com\r\nBcc: evil@x", "ada@-x.com", "ada@1.2.3.4", "zoë@example.com",
     "=?utf-8?q?x?=@example.com", "a@b@c", "ada@example..com"],
)  # fmt: skip
def test_invalid_address_is_a_clear_error(bad: str) -> None:
    with pytest.raises(MailDraftError, match="does not look like an email address"):
        eml(to_email=bad)


def test_empty_addresses_leave_the_headers_out_for_the_user_to_fill() -> None:
    message = parse(eml(to_email="", from_email="  "))
    assert "To" not in message
    assert "From" not in message
    assert message["X-Unsent"] == "1"


def test_address_with_angle_brackets_or_mailto_prefix_is_accepted() -> None:
    assert normalise_email(" <ada@example.com> ") == ("ada", "example.com")
    assert normalise_email("MAILTO:o'brien+chat@example.ie") == ("o'brien+chat", "example.ie")


def test_date_and_message_id_are_optional() -> None:
    raw = build_eml(
        "Ada", "ada@example.com", "Sam", "sam@example.org", "Hi", "Body",
        date=datetime(2026, 3, 5, 14, 0, tzinfo=UTC), add_message_id=True,
    )  # fmt: skip
    message = parse(raw)
    assert sorted(message.keys()) == sorted([*BASE_HEADERS, "Date", "Message-ID"])
    assert message["Date"].datetime == datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
    assert message["Message-ID"].endswith("@example.org>")


def test_naive_date_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build_eml("", "", "", "", "", "", date=datetime(2026, 3, 5))  # noqa: DTZ001


def test_very_long_subject_and_body_are_folded_not_broken() -> None:
    subject = "Merci " * 2000
    raw = eml(subject=subject, body="x" * 10_000)
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    message = parse(raw)
    assert message["Subject"] == subject.strip()
    assert body_of(message) == "x" * 10_000 + "\n"


def test_mailto_encodes_spaces_and_line_breaks_per_rfc_6068() -> None:
    link = build_mailto("ada@example.com", "Thank you & more?", "Hi Ada,\nThanks!")
    assert link == (
        "mailto:ada@example.com?subject=Thank%20you%20%26%20more%3F&body=Hi%20Ada%2C%0D%0AThanks%21"
    )
    assert link is not None
    assert "+" not in link


def test_mailto_encodes_special_address_characters_and_unicode() -> None:
    link = build_mailto("a+b&c@bücher.de", "Grüße", "")
    assert link == "mailto:a%2Bb%26c@xn--bcher-kva.de?subject=Gr%C3%BC%C3%9Fe"


def test_mailto_without_recipient_lets_the_user_choose() -> None:
    assert build_mailto("", "Hi", "") == "mailto:?subject=Hi"


def test_mailto_too_long_gives_none_for_a_fallback() -> None:
    assert build_mailto("ada@example.com", "Hi", "word " * 400) is None
    assert build_mailto("ada@example.com", "Hi", "word " * 100) is not None


def test_mailto_subject_cannot_carry_line_breaks() -> None:
    link = build_mailto("ada@example.com", "Hi\r\nBcc: evil@x", "")
    assert link == "mailto:ada@example.com?subject=Hi%20Bcc%3A%20evil%40x"


def test_mailto_invalid_address_is_a_clear_error() -> None:
    with pytest.raises(MailDraftError):
        build_mailto("not an address", "Hi", "")


_any_text = st.text(max_size=200)
_hostile_text = st.lists(
    st.sampled_from([*INJECTIONS, "=?", "?=", "\u202e", "\x00", "é", "山", " ", '"', "<>", ","])
    | st.text(max_size=20),
    max_size=8,
).map("".join)
_emails = st.emails() | _any_text | st.just("")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    to_name=_hostile_text,
    to_email=_emails,
    from_name=_any_text,
    from_email=_emails,
    subject=_hostile_text | _any_text,
    body=_any_text,
)
def test_any_input_gives_exactly_the_expected_headers_or_a_clear_error(
    to_name: str, to_email: str, from_name: str, from_email: str, subject: str, body: str
) -> None:
    try:
        raw = build_eml(to_name, to_email, from_name, from_email, subject, body)
    except MailDraftError as error:
        assert "does not look like an email address" in str(error)
        return
    message = parse(raw)
    expected = {"X-Unsent", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"}
    if to_email.strip():
        expected.add("To")
    if from_email.strip():
        expected.add("From")
    assert sorted(message.keys()) == sorted(expected)
    assert not message.defects
    assert str(message["Subject"]) == clean_header_text(subject)
    if "To" in expected:
        (address,) = message["To"].addresses
        cleaned = clean_header_text(to_name)[:DISPLAY_NAME_MAX_CHARS].strip()
        # The name as written, or a simplified one where the email package cannot quote it.
        assert address.display_name == cleaned or not set(address.display_name) & set(SPECIALS)
    for value in message.values():
        assert not any(ch in str(value) for ch in "\r\n\x0b\x0c\x85\u2028\u2029")


@settings(max_examples=300, deadline=None)
@given(to_email=_emails, subject=_hostile_text | _any_text, body=_any_text)
def test_any_mailto_input_gives_a_safe_link_none_or_a_clear_error(
    to_email: str, subject: str, body: str
) -> None:
    try:
        link = build_mailto(to_email, subject, body)
    except MailDraftError:
        return
    if link is None:
        return
    assert link.startswith("mailto:")
    assert len(link) <= MAILTO_MAX_LENGTH
    assert link.isascii()
    assert " " not in link
    assert "+" not in link
    assert not any(ch in link for ch in "\r\n#")
    query = link.partition("?")[2]
    names = [field.partition("=")[0] for field in query.split("&")] if query else []
    assert set(names) <= {"subject", "body"}
    for field in query.split("&") if query else []:
        name, _, value = field.partition("=")
        if name == "subject":
            assert unquote(value) == clean_header_text(subject)


_BREAKS = st.sampled_from(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\x00"])


@settings(max_examples=200, deadline=None)
@given(address=st.emails(), position=st.integers(min_value=0), brk=_BREAKS)
def test_an_address_with_a_line_break_anywhere_inside_is_refused_with_a_message(
    address: str, position: int, brk: str
) -> None:
    cut = 1 + position % len(address)  # inside or at the end, never before the first letter
    broken = address[:cut] + brk + address[cut:]
    if not broken.strip() or broken.strip() == address:
        return  # a break at the very end is trimmed like any surrounding space
    with pytest.raises(MailDraftError, match="does not look like an email address"):
        build_eml("Eve", broken, "", "", "Thanks", "Hi")
    with pytest.raises(MailDraftError, match="does not look like an email address"):
        build_eml("Eve", "eve@example.com", "Me", broken, "Thanks", "Hi")
    with pytest.raises(MailDraftError):
        build_mailto(broken, "Thanks", "Hi")


def test_a_final_newline_in_the_local_part_is_refused() -> None:
    # `$` matches before a final newline: the check must look at the whole text.
    with pytest.raises(MailDraftError):
        normalise_email("victim\n@example.com")
