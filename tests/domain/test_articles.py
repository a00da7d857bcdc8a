"""One rule for "a" or "an": by the sound of the word that follows."""

from __future__ import annotations

import pytest

from chatplanner.domain.cadence import keep_in_touch_label
from chatplanner.domain.enums import ContactKind
from chatplanner.domain.phrasing import indefinite_article, with_indefinite_article


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("Engineering Manager", "an"),
        ("Project Manager", "a"),
        ("UX designer", "a"),
        ("MBA student", "an"),
        ("FBI agent", "an"),
        ("iOS developer", "an"),
        ("university", "a"),
        ("Unity developer", "a"),
        ("unimportant detail", "an"),
        ("Uber driver", "an"),
        ("user researcher", "a"),
        ("European", "a"),
        ("one-on-one", "a"),
        ("hour", "an"),
        ("honest answer", "an"),
        ("historian", "a"),
        ("8-week course", "an"),
        ("11-month contract", "an"),
        ("100-day plan", "a"),
        ("“Owner” role", "an"),
        ("", "a"),
    ],
)
def test_the_article_follows_the_sound(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


def test_with_article() -> None:
    assert with_indefinite_article("Engineering Manager") == "an Engineering Manager"


def test_each_kind_of_contact_reads_right_in_the_keep_in_touch_setting() -> None:
    assert [keep_in_touch_label(kind) for kind in ContactKind] == [
        "Keep in touch with a mentor every",
        "Keep in touch with a peer every",
        "Keep in touch with a recruiter every",
        "Keep in touch with any other contact every",
    ]
