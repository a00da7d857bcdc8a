"""`chatplanner draft --new`, `chatplanner brief` and `chatplanner advice`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, profile_templates: ProfileTemplates) -> Path:
    return profile_templates.copy_to(tmp_path_factory.mktemp("words") / "demo", demo=True)


def meeting_of(path: Path, first_name: str) -> int:
    with Workspace.open(path, for_writing=False) as workspace:
        return next(
            m.id
            for m in workspace.chats.meetings.list_meetings()
            if m.contact_name.startswith(first_name)
        )


def test_draft_new_prints_a_fresh_draft_that_speaks_to_them(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting_id = meeting_of(demo, "Anna")
    assert main(["draft", str(meeting_id), "--new", "--data-dir", str(demo)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("Subject: Thank you, Anna Hi Anna,")
    assert "your advice to volunteer to run the weekly coordination meeting" in out
    assert (
        "Good luck with your talk at the PMI conference, and with mentoring someone through "
        "the PMP this year." in out
    )
    assert "Amara Okafor Amara Okafor" not in out


def test_brief_prints_every_section(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting_id = meeting_of(demo, "Olúwadámilọ́lá")
    assert main(["brief", str(meeting_id), "--data-dir", str(demo)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Call with Olúwadámilọ́lá Adébáyọ̀\n")
    for heading in (
        "Who they are",
        "How you know them",
        "What you want",
        "Three questions",
        "When",
        "Where",
        "Remember",
    ):
        assert f"\n{heading}\n" in out
    assert "for Olúwadámilọ́lá (Lagos)" in out  # a call across time zones: their clock too
    assert "Call link: https://" in out
    assert len(re.findall(r"\n  \d\. ", out)) == 3


def test_brief_refuses_a_pdf_on_stdout(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meeting_id = meeting_of(demo, "Fatemeh")
    assert main(["brief", str(meeting_id), "--pdf", "-", "--data-dir", str(demo)]) == 2
    assert "--pdf needs a file name" in capsys.readouterr().err


def test_brief_writes_a_one_page_pdf(demo: Path, tmp_path: Path) -> None:
    meeting_id = meeting_of(demo, "Fatemeh")
    target = tmp_path / "brief.pdf"
    assert main(["brief", str(meeting_id), "--pdf", str(target), "--data-dir", str(demo)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    if shutil.which("pdftotext"):
        extracted = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        # Where a line breaks depends on the fonts the machine has.
        text = " ".join(extracted.split())
        assert "Coffee chat with Fatemeh" in text
        assert "Three questions" in text


def test_brief_of_a_missing_chat_says_so(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "9999", "--data-dir", str(demo)]) == 2
    assert "9999" in capsys.readouterr().err


def test_advice_lists_who_gave_it_when_and_what_was_done(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["advice", "--json", "--data-dir", str(demo)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records
    assert {"given_by", "given_on", "advice", "acted_on", "outcome"} <= set(records[0])
    acted = [r for r in records if r["acted_on"]]
    assert {r["given_by"] for r in acted} == {"Zoë Tremblay", "Mohammed Al-Sayed"}
    assert any(r["reported_back"] for r in acted)
    assert main(["advice", "--data-dir", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "Acted on" in out
    assert out.rstrip().endswith("2 acted on.")
