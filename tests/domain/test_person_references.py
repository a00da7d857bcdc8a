from __future__ import annotations

import pytest

from chatplanner.domain.person_references import Recipient, guess_pronoun, to_second_person

JESSICA = Recipient("Jessica", "Nguyen", "she")


@pytest.mark.parametrize(
    ("note", "letter"),
    [
        ("Send Jessica my resume", "Send you my resume"),
        (
            "Introduce me to her colleague Marc in the PMO",
            "Introduce me to your colleague Marc in the PMO",
        ),
        ("Send her the list of transit projects", "Send you the list of transit projects"),
        ("Jessica's template for status reports", "Your template for status reports"),
        ("She runs the circle; she has two teams", "You run the circle; you have two teams"),
        ("She always says no to meetings", "You always say no to meetings"),
        ("Ask Nguyen about it", "Ask you about it"),
        ("She's moving to Ottawa", "You're moving to Ottawa"),
        ("Thank herself later", "Thank yourself later"),
    ],
)
def test_the_recipient_becomes_you(note: str, letter: str) -> None:
    assert to_second_person(note, JESSICA) == letter


def test_someone_else_named_in_the_clause_keeps_their_pronoun() -> None:
    assert to_second_person("Introduce me to Dana and her team", JESSICA) == (
        "Introduce me to Dana and her team"
    )
    assert to_second_person("Ask Marc whether she can join", JESSICA) == (
        "Ask Marc whether she can join"
    )


def test_a_pronoun_of_another_gender_is_left_alone() -> None:
    assert to_second_person("Introduce me to his manager", JESSICA) == (
        "Introduce me to his manager"
    )


def test_other_names_and_longer_words_are_not_the_recipient() -> None:
    anna = Recipient("Anna", "Kowalska", "she")
    assert to_second_person("Annabel said Anna would help", anna) == "Annabel said you would help"


@pytest.mark.parametrize(
    ("recipient", "note", "letter"),
    [
        (Recipient("伟", "李", "he"), "Ask 李伟 about his book", "Ask you about your book"),
        (Recipient("محمد", "العلي", "he"), "Send محمد my notes", "Send you my notes"),
        (Recipient("Zoë", "Tremblay", "she"), "Thank Zoe for the intro", "Thank you for the intro"),
        (Recipient("Sean", "O'Brien", "he"), "Read O’Brien’s post", "Read your post"),
        (Recipient("Jean-Luc", "Picard", "he"), "Jean-Luc runs the bridge", "You run the bridge"),
    ],
)
def test_names_in_several_scripts_and_spellings(
    recipient: Recipient, note: str, letter: str
) -> None:
    assert to_second_person(note, recipient) == letter


def test_without_a_pronoun_only_names_change() -> None:
    ada = Recipient("Ada", "Lovelace")
    assert to_second_person("Send Ada her notes", ada) == "Send you her notes"


def test_the_pronoun_is_guessed_from_how_the_notes_speak_of_them() -> None:
    assert guess_pronoun(["She moved in 2019; her team is small."]) == "she"
    assert guess_pronoun(["He leads four people", "his dog"]) == "he"
    assert guess_pronoun(["Leads four people"]) is None


def test_a_capitalised_word_after_an_article_is_not_another_person() -> None:
    # "the Canadian experience" names no one: "his" is still the recipient's.
    assert (
        to_second_person(
            "He wrote the Canadian experience part of his record.",
            Recipient("Mohammed", "Al-Sayed", "he"),
        )
        == "You wrote the Canadian experience part of your record."
    )
