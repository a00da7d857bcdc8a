"""The one place a person's name becomes words: never blank where something must be shown."""

from __future__ import annotations

from chatplanner.domain.person_names import (
    NO_NAME,
    UNNAMED_CONTACT,
    called_name,
    display_name,
    greeting_name,
    shown_name,
)


def test_a_name_is_shown_as_people_read_it() -> None:
    assert shown_name(" Zoë ", "Lefèvre") == display_name("Zoë", "Lefèvre") == "Zoë Lefèvre"
    assert shown_name("伟", "李") == "李伟"


def test_someone_without_a_name_is_never_a_blank() -> None:
    assert display_name(None, "  ") == ""
    assert shown_name(None, "  ") == NO_NAME == "(no name)"
    assert shown_name("", "", UNNAMED_CONTACT) == "Unnamed contact"


def test_a_letter_greets_a_name_in_cjk_script_whole_and_others_by_the_given_name() -> None:
    assert greeting_name("伟", "李") == "李伟"
    assert greeting_name("花子", "山田") == "山田花子"
    assert greeting_name("Wei", "Li") == "Wei"
    assert greeting_name(" Zoë ", "Lefèvre") == "Zoë"
    assert greeting_name("", "Tran") == ""


def test_running_text_calls_a_cjk_name_whole_and_others_by_the_given_name() -> None:
    assert called_name("伟", "李") == "李伟"
    assert called_name("Jessica", "Tran") == "Jessica"
    assert called_name("", "Tran") == "Tran"
    assert called_name(None, None) == ""
