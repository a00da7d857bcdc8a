from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.follow_through import AliveAfter, count_in, relationships_alive
from chatplanner.domain.insights import Period

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_relationship_is_alive_at_a_mark_when_touched_within_its_cadence() -> None:
    first = {
        1: NOW - timedelta(days=400),
        2: NOW - timedelta(days=400),
        3: NOW - timedelta(days=100),
    }
    touches = {
        # touched monthly: alive at every mark
        1: [first[1] + timedelta(days=d) for d in range(30, 400, 30)],
        # one touch a month after the chat, then silence
        2: [first[2] + timedelta(days=30)],
    }
    cadence = {1: 60, 2: 60, 3: 60}
    result = relationships_alive(first, touches, cadence, NOW)
    assert result == (
        AliveAfter(3, 1, 3),  # the third person's chat is 100 days old: their 3-month mark passed
        AliveAfter(6, 1, 2),
        AliveAfter(12, 1, 2),
    )
    assert result[1].rate == 0.5


def test_nobody_met_long_enough_ago_gives_no_rate() -> None:
    (three, *_rest) = relationships_alive({1: NOW - timedelta(days=10)}, {}, {1: 60}, NOW)
    assert three == AliveAfter(3, 0, 0)
    assert three.rate is None


def test_counts_in_a_period_take_days_and_moments() -> None:
    period = Period(NOW - timedelta(days=30), NOW)
    assert (
        count_in(period, [date(2026, 11, 20), date(2026, 1, 1), None, NOW - timedelta(days=1)]) == 2
    )


def _alive_by_definition(
    first_chats: dict[int, datetime],
    touches: dict[int, list[datetime]],
    cadence: dict[int, int],
    months: int,
) -> AliveAfter:
    """The measure as the docstring says it, one moment at a time."""
    span = timedelta(days=round(months * 30.44))
    alive = of = 0
    for person, first in first_chats.items():
        mark = first + span
        if mark > NOW:
            continue
        of += 1
        window = timedelta(days=cadence.get(person, 90))
        if any(mark - window <= moment <= mark for moment in [first, *touches.get(person, [])]):
            alive += 1
    return AliveAfter(months, alive, of)


_DAYS = st.integers(min_value=-800, max_value=0)


@settings(max_examples=200, deadline=None)
@given(
    people=st.dictionaries(
        st.integers(1, 40),
        st.tuples(
            _DAYS,
            st.lists(st.integers(min_value=-800, max_value=30), max_size=4),
            st.one_of(st.none(), st.integers(1, 400)),
        ),
        max_size=25,
    )
)
def test_the_relationships_alive_are_those_the_definition_counts(
    people: dict[int, tuple[int, list[int], int | None]],
) -> None:
    first = {p: NOW + timedelta(days=d) for p, (d, _t, _c) in people.items()}
    touches = {
        p: [NOW + timedelta(days=d, hours=7) for d in days] for p, (_f, days, _c) in people.items()
    }
    cadence = {p: c for p, (_f, _t, c) in people.items() if c is not None}
    found = relationships_alive(first, touches, cadence, NOW)
    assert found == tuple(_alive_by_definition(first, touches, cadence, m) for m in (3, 6, 12))
