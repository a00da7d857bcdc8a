"""Reading days and times as the user types them, in the English names the app shows."""

from __future__ import annotations

from datetime import date, time

import pytest

from chatplanner.domain.typed_moments import (
    could_become_date,
    could_become_time,
    parse_typed_date,
    parse_typed_time,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14, 0)),
        ("9:30", time(9, 30)),
        ("0930", time(9, 30)),
        ("14.05", time(14, 5)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("25:00", None),
        ("14:60", None),
        ("14:", None),
        ("noon", None),
    ],
)
def test_a_typed_time_is_read_or_refused(text: str, expected: time | None) -> None:
    assert parse_typed_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sun 14 Mar 2027", date(2027, 3, 14)),
        ("14 March 2027", date(2027, 3, 14)),
        ("Mar 14, 2027", date(2027, 3, 14)),
        ("2027-03-14", date(2027, 3, 14)),
        ("Tue 14 Dec 2027", date(2027, 12, 14)),
        ("14 Mxr 2027", None),
        ("31 Feb 2027", None),
        ("14 Mar", None),
        ("14 3 2027", None),
    ],
)
def test_a_typed_day_is_read_by_its_month_name(text: str, expected: date | None) -> None:
    assert parse_typed_date(text) == expected


def test_half_typed_text_may_go_on_but_nonsense_may_not() -> None:
    assert could_become_time("14:")
    assert could_become_time("1")
    assert not could_become_time("14:00x")
    assert could_become_date("Sun 14 M")
    assert not could_become_date("14 <Mar>")
