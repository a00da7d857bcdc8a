"""The exported thank-you `.eml` keeps every encoded body line within RFC 2045's 76
characters, with accents and CJK typed in, and a mail client reads back what was written."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPlainTextEdit

from chatplanner.domain.chat_notes import NoteSections
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out
from tests.journey.test_09_thank_you import _open_thank_you
from tests.journey.user import WAIT_MS

ACCENTED = (
    " Merci encore pour le café à Montréal : vos conseils sur l'expérience de chantier m'ont "
    "été précieux, et j'ai déjà commencé à réviser le guide comme vous l'avez suggéré."
)
# Accents and Japanese come through an input method (a compose key, an IME), which commits
# text rather than pressing keys; QTest presses only Latin-1 keys.
CJK = " 先日は貴重なお時間をいただき、誠にありがとうございました。ご紹介いただいた本も読み始めています。"
TYPED = " Thanks" + ACCENTED + CJK


def test_the_exported_thank_you_wraps_its_encoded_lines_at_76(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = sorted_out(app.workspace)
    app.workspace.settings.set("user.name", "Zoë Ångström")
    meeting = met(app.workspace, ids["Jessica"])
    app.workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Volunteer on a committee")
    )
    user = app.user
    _open_thank_you(app, "Jessica")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "committee" in body.toPlainText(), timeout=WAIT_MS)
    first_line_end = body.toPlainText().index("\n")
    cursor = body.textCursor()
    cursor.setPosition(first_line_end)
    body.setTextCursor(cursor)
    user.qtbot.keyClicks(body, " Thanks")
    for text in (ACCENTED, CJK):
        committed = QInputMethodEvent()
        committed.setCommitString(text)
        QApplication.sendEvent(body, committed)
    written = body.toPlainText()
    assert TYPED in written

    target = tmp_path / "thanks.eml"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    user.click_button("Export .eml…")
    raw = target.read_bytes()
    _head, _, encoded = raw.partition(b"\r\n\r\n")
    lines = encoded.split(b"\r\n")
    assert max(len(line) for line in lines) <= 76, [line for line in lines if len(line) > 76]
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert TYPED in message.get_content().replace("\r\n", "\n")
