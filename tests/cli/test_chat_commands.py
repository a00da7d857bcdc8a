from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace


@pytest.fixture
def profile(demo_profile: Path) -> tuple[Path, int]:
    path = demo_profile
    with Workspace.open(path) as workspace:
        anna = next(
            m for m in workspace.chats.meetings.list_meetings() if m.contact_name.startswith("Anna")
        )
    return path, anna.id


def test_draft_prints_the_saved_draft(
    profile: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, meeting_id = profile
    assert main(["draft", str(meeting_id), "--data-dir", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("To: Anna Kowalska <")
    assert "Subject: Thank you, Anna" in out
    assert "Hi Anna," in out


def test_draft_writes_an_unsent_eml(profile: tuple[Path, int], tmp_path: Path) -> None:
    path, meeting_id = profile
    target = tmp_path / "thanks.eml"
    assert main(["draft", str(meeting_id), "--eml", str(target), "--data-dir", str(path)]) == 0
    message = BytesParser(policy=policy.default).parsebytes(target.read_bytes())
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Thank you, Anna"


def test_draft_of_an_unknown_meeting_fails_clearly(
    profile: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = profile
    assert main(["draft", "9999", "--data-dir", str(path)]) == 2
    assert "no meeting number 9999" in capsys.readouterr().err


def test_archive_prints_written_updated_and_unchanged(
    profile: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = profile
    assert main(["archive", "--data-dir", str(path)]) == 0
    assert "8 written, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert main(["archive", "--data-dir", str(path)]) == 0
    assert "0 written, 0 updated, 8 unchanged" in capsys.readouterr().out
    elsewhere = tmp_path / "notes"
    assert main(["archive", str(elsewhere), "--data-dir", str(path)]) == 0
    assert "8 written" in capsys.readouterr().out
    assert len(list(elsewhere.glob("*.md"))) == 9


def test_search_json_lists_meetings_names_dates_and_snippets(
    profile: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = profile
    assert main(["search", "cafe", "--json", "--data-dir", str(path)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results
    for result in results:
        assert {"meeting_id", "contact_name", "date", "snippet"} <= set(result)
        assert len(result["date"]) == 10
    assert any("Café" in r["snippet"] for r in results)


def test_search_without_results_says_so(
    profile: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = profile
    assert main(["search", '"OR NEAR(', "--data-dir", str(path)]) == 0
    assert "No notes" in capsys.readouterr().out
    assert main(["search", "zzzqqq", "--json", "--data-dir", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == []
