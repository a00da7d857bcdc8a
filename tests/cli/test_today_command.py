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


def test_each_json_item_carries_the_ids_a_script_needs_to_act_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.seed_demo()
        report_backs = {due.action_id for due in workspace.chats.advice.report_backs_due()}
    assert report_backs
    assert main(["today", "--json", "--data-dir", str(tmp_path / "p")]) == 0
    items = json.loads(capsys.readouterr().out)
    keys = {
        "kind",
        "contact_id",
        "contact_name",
        "due",
        "when_text",
        "reason",
        "meeting_id",
        "outreach_id",
        "follow_up_id",
        "advice_id",
    }
    for item in items:
        assert set(item) == keys  # every item has every key (null when it does not apply)
        kind = item["kind"]
        if kind == "report_back":
            assert isinstance(item["advice_id"], int)
            assert isinstance(item["meeting_id"], int)
        else:
            assert item["advice_id"] is None
        if kind == "follow_up":
            assert isinstance(item["outreach_id"] or item["follow_up_id"], int)
        if kind == "move_on":
            assert isinstance(item["outreach_id"], int)
    assert {i["advice_id"] for i in items if i["kind"] == "report_back"} == report_backs


def test_a_report_back_in_today_names_advice_that_chatplanner_advice_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.seed_demo()
    assert main(["today", "--json", "--data-dir", str(tmp_path / "p")]) == 0
    due = [i for i in json.loads(capsys.readouterr().out) if i["kind"] == "report_back"]
    assert main(["advice", "--json", "--data-dir", str(tmp_path / "p")]) == 0
    listed = {a["advice_id"]: a for a in json.loads(capsys.readouterr().out) if a["advice_id"]}
    assert due
    for item in due:
        advice = listed[item["advice_id"]]
        assert advice["acted_on"]
        assert not advice["reported_back"]
        assert (advice["meeting_id"], advice["contact_id"]) == (
            item["meeting_id"],
            item["contact_id"],
        )
