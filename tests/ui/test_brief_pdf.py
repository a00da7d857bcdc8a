"""The brief's one-page PDF: Qt's own writer, selectable text, names in any script."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontMetrics, QPageSize
from pytestqt.qtbot import QtBot

from chatplanner.domain.brief import BriefFacts, BriefMap, MapPlace, build_brief
from chatplanner.domain.enums import Goal, MeetingMode
from chatplanner.ui.brief.document import brief_font_families
from chatplanner.ui.brief.pdf import paper_for_locale, write_brief_pdf

NAMES = ("李伟", "محمد العلي")


def facts(name: str, **changes: object) -> BriefFacts:
    base = BriefFacts(
        meeting_id=1,
        contact_name=name,
        title="Principal Data Scientist",
        company="Transit Lab",
        city="Toronto, Canada",
        goal=Goal.MENTORSHIP,
        groups=("Women in Data Toronto",),
        connected_on=date(2026, 8, 4),
        first_message=f"Hi {name}, your talk on GTFS feeds was so useful.",
        first_message_on=date(2026, 11, 2),
        replied_on=date(2026, 11, 4),
        user_goal="move into data work",
        my_promises=(("Send my portfolio", date(2026, 12, 10)),),
        their_promises=(("Send the list of GTFS checks", None),),
        prepared_questions=("How did you learn pandas?",),
        starts_at=datetime(2026, 12, 3, 17, 0, tzinfo=UTC),
        zone="America/Toronto",
        mode=MeetingMode.IN_PERSON,
        venue_name="Reading Room Café",
        venue_address="789 Yonge St",
        leave_by="Leave by 11:30 to be there 10 minutes early.",
        map=BriefMap(
            MapPlace(43.65, -79.38, "Home"),
            MapPlace(43.66, -79.40, name),
            MapPlace(43.67, -79.39, "Reading Room Café"),
        ),
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def covered(text: str) -> bool:
    """Every letter of `text` has a glyph in one of the brief's font families."""
    metrics = [QFontMetrics(QFont(family)) for family in brief_font_families()]
    return all(any(m.inFontUcs4(ord(ch)) for m in metrics) for ch in text if not ch.isspace())


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_any_script_makes_a_one_page_pdf_with_its_glyphs(
    qtbot: QtBot, tmp_path: Path, name: str
) -> None:
    if not covered(name):
        pytest.skip("no installed font has these glyphs (install fonts-noto-core, fonts-noto-cjk)")
    target = write_brief_pdf(build_brief(facts(name)), tmp_path / "brief.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    assert b"/FontFile2" in data  # fonts embedded: the text is text, not a picture
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Coffee chat with" in text
        assert "Three questions" in text
        if name == "李伟":
            assert "李伟" in text


def test_a_very_long_brief_still_fits_one_page(qtbot: QtBot, tmp_path: Path) -> None:
    long = facts(
        "Ada Lovelace",
        my_promises=tuple(
            (f"Promise number {n} with a fairly long description", None) for n in range(25)
        ),
    )
    data = write_brief_pdf(build_brief(long), tmp_path / "long.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1


def test_the_paper_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_CA.UTF-8")
    assert paper_for_locale() == QPageSize.PageSizeId.Letter
    monkeypatch.setenv("LC_PAPER", "fr_FR.UTF-8")
    assert paper_for_locale() == QPageSize.PageSizeId.A4
    monkeypatch.delenv("LC_PAPER")
    assert paper_for_locale(QLocale("en_US")) == QPageSize.PageSizeId.Letter
    assert paper_for_locale(QLocale("de_DE")) == QPageSize.PageSizeId.A4


def test_an_unwritable_target_is_a_sentence(qtbot: QtBot, tmp_path: Path) -> None:
    from chatplanner.ui.brief.pdf import BriefPdfError

    with pytest.raises(BriefPdfError, match="Could not write"):
        write_brief_pdf(build_brief(facts("Ada")), tmp_path / "missing" / "brief.pdf")
