"""Three-way merge of synced fields against the state both sides last agreed on."""

from __future__ import annotations

from chatplanner.domain.field_merge import merge_fields

NAMES = ("email", "title", "city")
BASE = {"email": "a@x.org", "title": "Engineer", "city": "Lyon"}


def test_a_field_changed_on_one_side_goes_to_the_other() -> None:
    result = merge_fields(NAMES, BASE, {**BASE, "title": "Manager"}, {**BASE, "city": "Paris"})
    assert result.to_server == {"title": "Manager"}
    assert result.to_app == {"city": "Paris"}
    assert result.conflicts == {}
    assert result.merged == {"email": "a@x.org", "title": "Manager", "city": "Paris"}


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    result = merge_fields(NAMES, BASE, {**BASE, "city": "Paris"}, {**BASE, "city": "Paris"})
    assert (result.to_app, result.to_server, result.conflicts) == ({}, {}, {})


def test_different_changes_to_one_field_are_a_conflict_that_keeps_both_sides() -> None:
    result = merge_fields(
        NAMES, BASE, {**BASE, "email": "app@x.org"}, {**BASE, "email": "phone@x.org"}
    )
    assert result.conflicts == {"email": {"app": "app@x.org", "server": "phone@x.org"}}
    assert result.to_app == {}
    assert result.to_server == {}
    assert result.merged["email"] == "a@x.org"  # the base stays until the user chooses


def test_a_chosen_side_settles_a_conflict() -> None:
    app, server = {**BASE, "email": "app@x.org"}, {**BASE, "email": "phone@x.org"}
    assert merge_fields(NAMES, BASE, app, server, "app").to_server == {"email": "app@x.org"}
    assert merge_fields(NAMES, BASE, app, server, "server").to_app == {"email": "phone@x.org"}


def test_without_a_base_an_empty_side_takes_the_other_and_two_values_conflict() -> None:
    result = merge_fields(
        NAMES,
        None,
        {"email": "a@x.org", "title": None, "city": "Lyon"},
        {"email": "a@x.org", "title": "CTO", "city": "Paris"},
    )
    assert result.to_app == {"title": "CTO"}
    assert result.conflicts == {"city": {"app": "Lyon", "server": "Paris"}}


def test_empty_text_and_none_are_the_same() -> None:
    result = merge_fields(NAMES, {"email": ""}, {"email": None}, {"email": ""})
    assert (result.to_app, result.to_server, result.conflicts) == ({}, {}, {})
