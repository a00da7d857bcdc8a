"""A Connected On cell that gives no date is said with its row; blank rows are counted."""

from __future__ import annotations

import pytest

from chatplanner.interop.linkedin import connected_on_problem, parse_linkedin_text

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("31 Feb 2026", "is not a real date"),
        ("2026-02-30", "is not a real date"),
        ("2/30/26", "is not a real date"),
        ("sometime last spring", "is not a date chatplanner can read"),
        ("12 Jan 1066", "is outside the dates chatplanner keeps"),
    ],
)
def test_a_connected_on_that_gives_no_date_is_explained(cell: str, words: str) -> None:
    assert connected_on_problem(cell) == (
        f"Connected On “{cell}” {words}: the day you connected is left out."
    )


@pytest.mark.parametrize("cell", ["", "  ", None, "12 Jan 2026"])
def test_an_empty_or_good_day_needs_no_word(cell: str | None) -> None:
    assert connected_on_problem(cell) == ""


def test_the_warning_belongs_to_its_record_and_blank_rows_are_counted() -> None:
    text = (
        HEADER
        + "Ana,Lima,,,Acme,Engineer,12 Jan 2026\n"
        + "\n"
        + ",,,,,,\n"
        + "Aisha,Bello,,,EllisDon,Site Engineer,31 Feb 2026\n"
    )
    parsed = parse_linkedin_text(text)
    assert [r.first_name for r in parsed.records] == ["Ana", "Aisha"]
    assert parsed.records[1].connected_on is None
    assert list(parsed.record_warnings) == [1]
    assert "31 Feb 2026" in parsed.record_warnings[1]
    assert parsed.blank_rows == 2
    assert parsed.skipped == []
