"""The thank-you from the user's side: a promise reads as something sent to them, and its
exported .eml lands where the user keeps exports, dated in the user's own zone."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QListView, QPlainTextEdit

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.enums import FollowUpOwner
from tests.journey.conftest import App
from tests.journey.story import met, sorted_out
from tests.journey.user import WAIT_MS


def _open_thank_you(app: App, name: str) -> QPlainTextEdit:
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), name)
    user.wait_to_see(name)
    user.open_tab("Thank-you")
    user.click_button("Generate from notes")
    body = user.named("Email text", QPlainTextEdit)
    user.qtbot.waitUntil(lambda: "committee" in body.toPlainText(), timeout=WAIT_MS)
    return body


def test_a_promise_to_send_my_resume_reads_send_you_my_resume(app: App) -> None:
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=1)
    workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Volunteer on a PMI committee")
    )
    workspace.chats.meetings.add_follow_up(meeting, FollowUpOwner.ME, "Send my resume")

    body = _open_thank_you(app, "Jessica")

    text = body.toPlainText()
    assert "I will send you my resume." in text, text
    assert "send my resume" not in text
    stored = workspace.chats.meetings.meeting(meeting).thank_you
    assert stored is not None
    assert "I will send you my resume." in stored.body


def _export_twice(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two exports of Jessica's thank-you; the folders the save dialog offered."""
    ids = sorted_out(app.workspace)
    workspace = app.workspace
    meeting = met(workspace, ids["Jessica"], days_ago=1)
    workspace.chats.meetings.save_notes(
        meeting, NoteSections(advice="Volunteer on a PMI committee")
    )
    chosen = tmp_path / "mail drafts"
    chosen.mkdir()
    offered: list[Path] = []

    def save_dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(Path(start))
        return str(chosen / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    monkeypatch.chdir(tmp_path)  # where the app was started: never offered
    _open_thank_you(app, "Jessica")
    app.user.click_button("Export .eml…")
    app.user.click_button("Export .eml…")
    return offered


def test_the_eml_export_opens_in_documents_then_where_the_last_export_went(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _export_twice(app, tmp_path, monkeypatch)

    assert first.name == "Thank you Jessica Tran.eml"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert first.parent in {Path(documents), Path.home()}
    assert first.parent != tmp_path
    # The second export opens where the first one went.
    assert second.parent == tmp_path / "mail drafts"


def test_the_exported_eml_is_dated_in_the_users_zone(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.workspace.context.user_zone.choose("America/Toronto")
    _export_twice(app, tmp_path, monkeypatch)

    eml = (tmp_path / "mail drafts" / "Thank you Jessica Tran.eml").read_text(encoding="utf-8")
    [date_line] = [line for line in eml.splitlines() if line.startswith("Date: ")]
    now = app.workspace.context.now()
    offset = now.astimezone(ZoneInfo("America/Toronto")).strftime("%z")
    assert date_line.endswith(offset), date_line
    assert not date_line.endswith("+0000")
