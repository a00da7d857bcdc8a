"""RFC 2045 §6.7: quoted-printable (and base64) lines are at most 76 characters; the body
decodes back to the text written."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest

from chatplanner.interop.mail_draft import build_eml

LONG_PARAGRAPH = (
    "Merci beaucoup pour notre café à Montréal : vos conseils sur la gestion de projet, "
    "l'expérience de chantier et la certification PMP m'ont été très précieux, et j'ai déjà "
    "commencé à réviser le guide PMBOK comme vous l'avez suggéré. Thank you again, José, for "
    "the introduction to Zoë Ångström and for the time you took to explain how the naïve "
    "schedule estimates went wrong on the Eglinton line."
)
CJK_PARAGRAPH = (
    "先日はお忙しいところ貴重なお時間をいただき、誠にありがとうございました。プロジェクト管理"
    "についてのお話はとても参考になりました。ご紹介いただいた本もさっそく読み始めています。"
    "今後ともどうぞよろしくお願いいたします。"
)


def _body_lines(raw: bytes) -> list[bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head
    return body.split(b"\r\n")


@pytest.mark.parametrize(
    "body",
    [
        f"Hi José,\n\n{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH} {LONG_PARAGRAPH}\n\nBest wishes,\nSam",
        f"{CJK_PARAGRAPH}\n\n{LONG_PARAGRAPH}\n\n{CJK_PARAGRAPH}{CJK_PARAGRAPH}\n",
        "Plain ASCII only, but one very long line. " * 12,
    ],
)
def test_every_encoded_body_line_is_at_most_76_characters_and_decodes_back(body: str) -> None:
    raw = build_eml(
        "José Núñez", "jose@example.org", "Sam Rivera", "sam@example.org", "Merci, José", body
    )
    lines = _body_lines(raw)
    too_long = [line for line in lines if len(line) > 76]
    assert not too_long, too_long[:2]
    assert all(line.isascii() for line in lines)
    message = BytesParser(policy=policy.default).parsebytes(raw)
    decoded = message.get_content()
    assert decoded.replace("\r\n", "\n").rstrip("\n") == body.rstrip("\n")
    assert message["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
