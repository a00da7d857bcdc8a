"""Kinds suggested from job titles."""

from __future__ import annotations

import pytest

from chatplanner.domain.contacts import suggested_kind
from chatplanner.domain.enums import ContactKind


@pytest.mark.parametrize(
    "title",
    [
        "Technical Recruiter",
        "Senior Technical Recruiter – Engineering",
        "Recruitment Consultant",
        "Talent Acquisition Partner",
        "Sourcer",
        "Chargée de recrutement",
    ],
)
def test_recruiting_titles_suggest_a_recruiter(title: str) -> None:
    assert suggested_kind(title) is ContactKind.RECRUITER


@pytest.mark.parametrize("title", ["Senior Project Manager", "PMO Lead", "", None])
def test_other_titles_suggest_nothing(title: str | None) -> None:
    assert suggested_kind(title) is None
