"""The contact tests again, against Xandikos as a second real server."""

from __future__ import annotations

import pytest

from .test_conditional_writes import (
    test_a_card_created_then_changed_on_the_phone_is_not_deleted_and_comes_back,
    test_a_card_created_then_deleted_here_is_deleted_with_the_etag_it_got,
    test_a_card_that_reached_the_server_after_the_listing_is_deleted_with_its_etag,
    test_a_card_whose_put_never_left_is_forgotten_without_any_delete,
    test_a_field_changed_here_and_on_the_phone_with_an_unknown_etag_is_a_conflict,
    test_a_phone_change_to_another_field_is_kept_when_the_etag_was_unknown,
    test_an_update_with_an_unknown_etag_reads_the_card_and_writes_with_its_etag,
)
from .test_contact_sync import (
    test_a_card_matches_an_app_contact_by_email_then_by_linkedin_without_duplicates,
    test_a_change_on_the_phone_during_the_sync_is_not_overwritten,
    test_a_contact_deleted_in_the_app_is_deleted_on_the_server,
    test_a_contact_deleted_on_the_server_is_archived_in_the_app_with_a_notice,
    test_a_field_changed_on_both_sides_is_a_conflict_shown_and_not_resolved_silently,
    test_a_stopped_sync_keeps_what_it_did_and_the_next_one_finishes,
    test_an_edit_in_the_app_reaches_the_server_and_keeps_what_the_app_does_not_model,
    test_an_edit_on_the_phone_reaches_the_app,
    test_an_unchanged_second_sync_writes_nothing,
    test_different_fields_changed_on_each_side_are_both_kept,
    test_first_sync_brings_server_cards_in_and_sends_app_contacts_out,
    test_only_the_chosen_groups_go_to_the_server,
    workspace,
)
from .test_notes_and_address import (
    test_an_older_link_meets_notes_on_both_sides_as_a_conflict_not_an_overwrite,
    test_notes_and_street_reach_the_app_and_edits_go_back_keeping_the_rest_of_the_address,
)
from .xandikos_server import phone

pytest.importorskip("xandikos")

__all__ = [
    "phone",
    "test_a_card_created_then_changed_on_the_phone_is_not_deleted_and_comes_back",
    "test_a_card_created_then_deleted_here_is_deleted_with_the_etag_it_got",
    "test_a_card_matches_an_app_contact_by_email_then_by_linkedin_without_duplicates",
    "test_a_card_that_reached_the_server_after_the_listing_is_deleted_with_its_etag",
    "test_a_card_whose_put_never_left_is_forgotten_without_any_delete",
    "test_a_change_on_the_phone_during_the_sync_is_not_overwritten",
    "test_a_contact_deleted_in_the_app_is_deleted_on_the_server",
    "test_a_contact_deleted_on_the_server_is_archived_in_the_app_with_a_notice",
    "test_a_field_changed_here_and_on_the_phone_with_an_unknown_etag_is_a_conflict",
    "test_a_field_changed_on_both_sides_is_a_conflict_shown_and_not_resolved_silently",
    "test_a_phone_change_to_another_field_is_kept_when_the_etag_was_unknown",
    "test_a_stopped_sync_keeps_what_it_did_and_the_next_one_finishes",
    "test_an_edit_in_the_app_reaches_the_server_and_keeps_what_the_app_does_not_model",
    "test_an_edit_on_the_phone_reaches_the_app",
    "test_an_older_link_meets_notes_on_both_sides_as_a_conflict_not_an_overwrite",
    "test_an_unchanged_second_sync_writes_nothing",
    "test_an_update_with_an_unknown_etag_reads_the_card_and_writes_with_its_etag",
    "test_different_fields_changed_on_each_side_are_both_kept",
    "test_first_sync_brings_server_cards_in_and_sends_app_contacts_out",
    "test_notes_and_street_reach_the_app_and_edits_go_back_keeping_the_rest_of_the_address",
    "test_only_the_chosen_groups_go_to_the_server",
    "workspace",
]
