"""Leave-by times and meeting ends, across time zones and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.enums import TravelMode
from chatplanner.domain.schedule import (
    DEFAULT_MEETING_MINUTES,
    SUGGESTED_MEETING_MINUTES,
    default_start,
    free_start,
    leave_by,
    moved_to_now,
    next_weekday,
    travel_minutes,
)

TORONTO = ZoneInfo("America/Toronto")
TEN_AM = datetime(2025, 6, 2, 10, 0, tzinfo=TORONTO)


def test_default_chat_lasts_45_minutes_and_30_is_offered() -> None:
    assert DEFAULT_MEETING_MINUTES == 45
    assert SUGGESTED_MEETING_MINUTES == (30, 45)


def test_walking_1_2_km_leaves_about_half_an_hour_before() -> None:
    plan = leave_by(TEN_AM, 1.2, TravelMode.WALK)
    assert plan.travel_minutes == 20  # 1.2 km x 1.3 detour at 4.8 km/h
    assert plan.leave_at == datetime(2025, 6, 2, 9, 30, tzinfo=TORONTO)
    assert plan.sentence == (
        "Leave by 09:30 to walk 1.2 km (about 20 min) and be there 10 minutes early."
    )


def test_driving_includes_parking_time_and_says_so() -> None:
    plan = leave_by(TEN_AM, 5.0, TravelMode.CAR)
    assert plan.travel_minutes == 14 + 10
    assert "parking included" in plan.sentence
    assert plan.sentence.startswith("Leave by 09:25 to drive 5 km")


def test_transit_includes_waiting() -> None:
    plan = leave_by(TEN_AM, 3.0, TravelMode.TRANSIT)
    assert "go 3 km by transit" in plan.sentence
    assert "waiting and transfers included" in plan.sentence


def test_faster_modes_leave_later_for_the_same_distance() -> None:
    walk, bike = (
        leave_by(TEN_AM, 4.0, mode).leave_at for mode in (TravelMode.WALK, TravelMode.BIKE)
    )
    assert walk < bike


def test_long_drives_use_highway_speed() -> None:
    assert travel_minutes(100, TravelMode.CAR) < 100 * 1.4 / 30 * 60


def test_leave_by_is_rounded_down_to_five_minutes() -> None:
    plan = leave_by(TEN_AM, 0.3, TravelMode.WALK)
    assert plan.leave_at.minute % 5 == 0
    assert plan.leave_at <= TEN_AM - timedelta(minutes=plan.travel_minutes + plan.early_minutes)


def test_early_arrival_is_adjustable() -> None:
    plan = leave_by(TEN_AM, 0.0, TravelMode.WALK, early_minutes=0)
    assert plan.leave_at == TEN_AM
    assert plan.sentence == "Leave by 10:00 to walk 50 m (about 0 min)."


def test_leave_by_across_spring_forward_counts_real_elapsed_time() -> None:
    # Clocks jump from 02:00 to 03:00 on 9 March 2025 in Toronto.
    start = datetime(2025, 3, 9, 3, 30, tzinfo=TORONTO)
    plan = leave_by(start, 3.2, TravelMode.WALK)  # 52 min + 10 early = 62 min before
    assert plan.leave_at.astimezone(UTC) <= start.astimezone(UTC) - timedelta(minutes=62)
    assert plan.leave_at.astimezone(UTC) > start.astimezone(UTC) - timedelta(minutes=67)
    assert plan.leave_at.strftime("%H:%M") == "01:25"


def test_leave_by_stays_in_the_meetings_time_zone() -> None:
    tokyo = datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert leave_by(tokyo, 1, TravelMode.BIKE).leave_at.tzinfo == ZoneInfo("Asia/Tokyo")


def test_naive_time_and_bad_distances_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        leave_by(datetime(2025, 6, 2, 10, 0), 1.0, TravelMode.WALK)  # noqa: DTZ001
    with pytest.raises(ValueError):
        leave_by(TEN_AM, -1.0, TravelMode.WALK)
    with pytest.raises(ValueError):
        leave_by(TEN_AM, float("nan"), TravelMode.WALK)


@given(st.floats(0, 500), st.sampled_from(list(TravelMode)), st.integers(0, 60))
def test_leave_by_is_always_before_arriving_early(km: float, mode: TravelMode, early: int) -> None:
    plan = leave_by(TEN_AM, km, mode, early_minutes=early)
    assert plan.leave_at <= TEN_AM - timedelta(minutes=plan.travel_minutes + early)
    assert plan.sentence.startswith("Leave by ")


def test_default_start_is_the_next_weekday_at_ten() -> None:
    friday = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
    start = default_start(friday, "America/Toronto")
    assert (start.weekday(), start.hour, start.minute) == (0, 10, 0)
    assert next_weekday(friday.date()).isoformat() == "2025-03-17"


def _chat(start: datetime, minutes: int = 45) -> tuple[datetime, datetime]:
    return start, start + timedelta(minutes=minutes)


def test_a_new_chat_is_proposed_clear_of_the_chats_already_planned() -> None:
    friday = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
    monday = datetime(2025, 3, 17, 10, 0, tzinfo=TORONTO)
    assert free_start(friday, "America/Toronto", []) == monday
    # A chat from 10:15 to 11:00: 10:00 and 10:30 overlap it, 11:00 is free.
    busy = [_chat(monday + timedelta(minutes=15))]
    assert free_start(friday, "America/Toronto", busy) == monday + timedelta(hours=1)
    # Back to back is free; an hour-long chat needs the whole hour.
    assert free_start(friday, "America/Toronto", [_chat(monday - timedelta(minutes=45))]) == monday
    at_10_45 = [_chat(monday + timedelta(minutes=45), 30)]  # to 11:15
    assert free_start(friday, "America/Toronto", at_10_45, 60) == monday + timedelta(hours=1.5)


def test_a_day_taken_to_its_end_moves_the_proposal_to_the_next_weekday() -> None:
    friday = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
    monday = datetime(2025, 3, 17, 10, 0, tzinfo=TORONTO)
    # Taken from 10:00 to 16:30: a 45-minute chat would end after 17:00 on Monday.
    busy = [_chat(monday, 390)]
    assert free_start(friday, "America/Toronto", busy) == monday + timedelta(days=1)
    # Every weekday for two weeks taken: the usual proposal, and the dialog says it overlaps.
    every_day = [_chat(monday + timedelta(days=d), 24 * 60) for d in range(21)]
    assert free_start(friday, "America/Toronto", every_day) == monday


def test_from_a_base_known_only_as_its_city_the_leave_by_names_the_city_not_a_distance() -> None:
    near = leave_by(TEN_AM, 4.0, TravelMode.TRANSIT, from_city="Toronto")
    assert near.sentence.startswith("Leave by ")
    assert "go within Toronto by transit" in near.sentence
    assert "from the city's centre" in near.sentence
    assert "km" not in near.sentence
    assert near.leave_at == leave_by(TEN_AM, 4.0, TravelMode.TRANSIT).leave_at
    far = leave_by(TEN_AM, 60.0, TravelMode.CAR, from_city="Toronto")
    assert "drive from Toronto" in far.sentence
    assert "km" not in far.sentence


def test_a_chat_has_happened_once_its_start_has_passed_unless_it_was_cancelled() -> None:
    from chatplanner.domain.enums import MeetingStatus
    from chatplanner.domain.schedule import chat_has_happened

    start = datetime(2026, 6, 10, 14, 0, tzinfo=UTC)
    assert chat_has_happened(MeetingStatus.PLANNED, start, start)
    assert chat_has_happened(MeetingStatus.DONE, start, start + timedelta(days=1))
    assert not chat_has_happened(MeetingStatus.DONE, start, start - timedelta(minutes=1))
    assert not chat_has_happened(MeetingStatus.CANCELLED, start, start + timedelta(days=1))


NOW = datetime(2025, 6, 2, 15, 7, 30, tzinfo=UTC)


def test_a_chat_moved_to_now_ends_now_and_keeps_its_length() -> None:
    moved = moved_to_now(NOW, 45, [NOW - timedelta(days=3)])
    assert moved.starts_at == datetime(2025, 6, 2, 14, 22, tzinfo=UTC)
    assert moved.duration_minutes == 45


def test_a_chat_moved_to_now_never_starts_before_the_first_message() -> None:
    first_message = NOW - timedelta(minutes=20)
    moved = moved_to_now(NOW, 45, [NOW - timedelta(days=1), first_message])
    # It starts on the first whole minute after the message (14:47:30) and keeps its length:
    # a chat just met is not recorded as twenty minutes long.
    assert moved.starts_at == datetime(2025, 6, 2, 14, 48, tzinfo=UTC)
    assert moved.duration_minutes == 45


def test_a_chat_moved_to_now_keeps_its_length_and_ignores_a_bound_ahead() -> None:
    # A bound this very second: the next whole minute has not come, so it starts at the bound.
    at_the_bound = moved_to_now(NOW, 45, [NOW])
    assert at_the_bound.starts_at == NOW
    assert at_the_bound.duration_minutes == 45
    ahead = moved_to_now(NOW, 30, [NOW + timedelta(hours=1)])
    assert ahead.starts_at == datetime(2025, 6, 2, 14, 37, tzinfo=UTC)
    assert ahead.duration_minutes == 30


def test_a_leave_by_time_already_gone_says_so() -> None:
    from chatplanner.domain.clock import zone_to_adopt

    toronto = ZoneInfo("America/Toronto")
    start = datetime(2026, 12, 2, 11, 35, tzinfo=toronto)
    leave = leave_by(start, 5.0, TravelMode.TRANSIT)
    assert leave.sentence_at(leave.leave_at) == leave.sentence
    late = leave.sentence_at(datetime(2026, 12, 2, 11, 28, tzinfo=toronto))
    assert late.startswith(leave.sentence)
    assert late.endswith(f" {leave.leave_at:%H:%M} has passed: you should already be on your way.")
    # The base city's zone is taken only when none was chosen and the computer keeps another.
    assert zone_to_adopt("America/Toronto", None, "UTC") == "America/Toronto"
    assert zone_to_adopt("America/Toronto", None, "America/Toronto") is None
    assert zone_to_adopt("America/Toronto", "Europe/Paris", "UTC") is None
    assert zone_to_adopt("", None, "UTC") is None
