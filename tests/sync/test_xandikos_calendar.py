"""The calendar tests again, against Xandikos as a second real server."""

from __future__ import annotations

import pytest

from .test_calendar_sync import (
    test_a_cancelled_chat_stays_in_the_calendar_marked_cancelled,
    test_a_chat_becomes_one_event_with_zone_place_reminder_and_description,
    test_a_chat_deleted_in_the_app_is_cancelled_in_the_calendar,
    test_an_event_a_killed_sync_wrote_and_the_phone_changed_since_is_not_overwritten,
    test_an_event_the_user_changed_on_the_server_is_not_overwritten_until_asked,
    test_an_event_whose_etag_a_killed_sync_never_kept_is_written_on_the_etag_read_now,
    test_events_the_app_did_not_create_are_never_touched,
    test_moving_a_chat_updates_its_event_and_a_second_sync_writes_nothing,
    workspace,
)
from .xandikos_server import phone

pytest.importorskip("xandikos")

__all__ = [
    "phone",
    "test_a_cancelled_chat_stays_in_the_calendar_marked_cancelled",
    "test_a_chat_becomes_one_event_with_zone_place_reminder_and_description",
    "test_a_chat_deleted_in_the_app_is_cancelled_in_the_calendar",
    "test_an_event_a_killed_sync_wrote_and_the_phone_changed_since_is_not_overwritten",
    "test_an_event_the_user_changed_on_the_server_is_not_overwritten_until_asked",
    "test_an_event_whose_etag_a_killed_sync_never_kept_is_written_on_the_etag_read_now",
    "test_events_the_app_did_not_create_are_never_touched",
    "test_moving_a_chat_updates_its_event_and_a_second_sync_writes_nothing",
    "workspace",
]
