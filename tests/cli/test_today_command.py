"""`chatplanner today`: the JSON shape scripts rely on, and plain text for people."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace

KINDS = {"upcoming_chat", "thank_you", "follow_up", "move_on", "keep_in_touch", "report_back"}


def test_today_json_is_an_array_of_items_with_kind_contact_due_and_reason(
    demo_profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["today", "--json", "--data-dir", str(demo_profile)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert isinstance(items, list)
    assert items
    assert {item["kind"] for item in items} == KINDS
    for item in items:
        assert {"kind", "contact_id", "contact_name", "due", "reason", "meeting_id"} <= set(item)
        assert isinstance(item["contact_id"], int)
        assert item["contact_name"]
        assert item["reason"]
        if "T" in item["due"]:
            assert datetime.fromisoformat(item["due"]).utcoffset() is not None
        else:
            date.fromisoformat(item["due"])
        if item["kind"] in ("upcoming_chat", "thank_you"):
            assert isinstance(item["meeting_id"], int)


def test_today_on_an_empty_profile_says_nothing_needs_you(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["today", "--data-dir", str(tmp_path / "p")]) == 0
    assert "Nothing needs you today." in capsys.readouterr().out
    assert main(["today", "--json", "--data-dir", str(tmp_path / "p")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_today_reads_alongside_a_running_app(
    demo_profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(demo_profile):
        assert main(["today", "--data-dir", str(demo_profile)]) == 0
    out = capsys.readouterr().out
    assert "Upcoming chats" in out
    assert "Time to move on" in out
