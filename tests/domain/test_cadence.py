from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from chatplanner.domain.cadence import (
    DEFAULT_CADENCE_DAYS,
    cadence_days_for,
    is_touch_due,
    latest_touch,
    next_touch_due,
)
from chatplanner.domain.enums import ContactKind

TOUCH = datetime(2025, 1, 10, 15, 0, tzinfo=UTC)


def test_defaults_by_kind_are_mentor_60_peer_90_recruiter_120_other_180() -> None:
    assert cadence_days_for(ContactKind.MENTOR) == 60
    assert cadence_days_for(ContactKind.PEER) == 90
    assert cadence_days_for(ContactKind.RECRUITER) == 120
    assert cadence_days_for(ContactKind.OTHER) == 180
    assert set(DEFAULT_CADENCE_DAYS) == set(ContactKind)


def test_a_group_cadence_overrides_the_kind_default() -> None:
    assert cadence_days_for(ContactKind.OTHER, group_days=[30]) == 30
    assert cadence_days_for(ContactKind.MENTOR, group_days=[100]) == 100


def test_the_shortest_group_cadence_wins_and_groups_without_one_are_ignored() -> None:
    assert cadence_days_for(ContactKind.PEER, group_days=[None, 45, 120, None]) == 45
    assert cadence_days_for(ContactKind.PEER, group_days=[None, None]) == 90


def test_the_contacts_own_cadence_overrides_groups_and_kind() -> None:
    assert cadence_days_for(ContactKind.MENTOR, own_days=200, group_days=[30]) == 200


def test_non_positive_settings_count_as_unset() -> None:
    assert cadence_days_for(ContactKind.PEER, own_days=0, group_days=[-5]) == 90


def test_custom_defaults_are_used_when_given() -> None:
    defaults = {ContactKind.PEER: 14}
    assert cadence_days_for(ContactKind.PEER, defaults=defaults) == 14
    assert cadence_days_for(ContactKind.MENTOR, defaults=defaults) == 180


def test_next_touch_is_due_cadence_days_after_the_last_touch() -> None:
    assert next_touch_due(TOUCH, 60) == date(2025, 3, 11)


def test_without_any_touch_nothing_is_due() -> None:
    assert next_touch_due(None, 60, date(2025, 6, 1)) is None


def test_a_snooze_pushes_the_due_day_but_never_brings_it_earlier() -> None:
    assert next_touch_due(TOUCH, 60, date(2025, 4, 1)) == date(2025, 4, 1)
    assert next_touch_due(TOUCH, 60, date(2025, 2, 1)) == date(2025, 3, 11)


def test_the_due_day_follows_the_users_time_zone() -> None:
    late_evening_in_toronto = datetime(2025, 1, 11, 2, 0, tzinfo=UTC)  # 10 January, 21:00 there
    assert next_touch_due(late_evening_in_toronto, 1) == date(2025, 1, 12)
    assert next_touch_due(late_evening_in_toronto, 1, tz=ZoneInfo("America/Toronto")) == date(
        2025, 1, 11
    )


def test_anything_logged_with_the_person_resets_the_cadence() -> None:
    message = TOUCH
    meeting = TOUCH + timedelta(days=20)
    note = TOUCH + timedelta(days=35)
    last = latest_touch(message, None, meeting, note)
    assert last == note
    assert next_touch_due(last, 60) == date(2025, 4, 15)
    assert next_touch_due(last, 60) > next_touch_due(message, 60)  # type: ignore[operator]


def test_latest_touch_of_nothing_is_none() -> None:
    assert latest_touch() is None
    assert latest_touch(None, None) is None


def test_a_touch_is_due_on_its_day_and_after() -> None:
    due = date(2025, 3, 11)
    assert not is_touch_due(due, date(2025, 3, 10))
    assert is_touch_due(due, date(2025, 3, 11))
    assert is_touch_due(due, date(2025, 5, 1))
    assert not is_touch_due(None, date(2025, 5, 1))


def test_absurd_cadences_stay_within_dates() -> None:
    assert next_touch_due(TOUCH, 10**9) == date(2035, 1, 8)
    assert next_touch_due(TOUCH, -3) == date(2025, 1, 11)
