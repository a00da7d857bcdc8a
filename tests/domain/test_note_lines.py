from __future__ import annotations

from chatplanner.domain.letter_phrases import advice_phrase, resource_phrase, resource_phrases
from chatplanner.domain.note_lines import NoteItem, parse_note_items, split_sentences
from chatplanner.domain.person_references import Recipient

NOBODY = Recipient("Ada", "Lovelace", "she")


def test_labels_bullets_and_numbering_are_understood_not_copied() -> None:
    items = parse_note_items(
        "- Book: Making Things Happen (Scott Berkun)\n• Podcast: Manager Tools\n"
        "2) Link: https://example.org/x\n[ ] Take the CAPM first"
    )
    assert items == [
        NoteItem("Making Things Happen (Scott Berkun)", "book"),
        NoteItem("Manager Tools", "podcast"),
        NoteItem("https://example.org/x", "link"),
        NoteItem("Take the CAPM first", None),
    ]


def test_a_heading_gives_its_kind_to_the_list_under_it() -> None:
    items = parse_note_items("Books:\n* Inspired\n* Shape Up\n\nAsk for feedback")
    assert [(i.text, i.kind) for i in items] == [
        ("Inspired", "book"),
        ("Shape Up", "book"),
        ("Ask for feedback", None),
    ]


def test_sentences_split_but_not_at_abbreviations() -> None:
    assert split_sentences("Got her P.Eng. last year. Then moved. Ask e.g. Dr. Lee.") == [
        "Got her P.Eng. last year.",
        "Then moved.",
        "Ask e.g. Dr. Lee.",
    ]


def test_resources_become_phrases() -> None:
    assert resource_phrase(NoteItem("Making Things Happen (Scott Berkun)", "book")) == (
        "the book Making Things Happen by Scott Berkun"
    )
    assert resource_phrase(NoteItem("Inspired, by Marty Cagan")) == "Inspired by Marty Cagan"
    assert resource_phrase(NoteItem("Manager Tools", "podcast")) == "the podcast Manager Tools"
    assert resource_phrase(NoteItem("The GTFS reference")) == "the GTFS reference"
    assert resource_phrase(NoteItem("PMBOK Guide (7th edition)")) == "PMBOK Guide (7th edition)"
    # A remark names its resource first: the letter thanks for that, not the remark.
    assert resource_phrase(NoteItem("Kaggle is fine for practice")) == "Kaggle"
    assert resource_phrase(NoteItem("The Manager Tools podcast is great")) == (
        "the Manager Tools podcast"
    )
    assert resource_phrase(NoteItem("It is free")) is None
    assert resource_phrase(NoteItem("PMI mentorship programme (applications in March)")) == (
        "PMI mentorship programme (applications in March)"
    )
    assert (
        resource_phrase(NoteItem("The Phoenix Project", "book")) == "the book The Phoenix Project"
    )
    assert resource_phrases("Link: https://pmi.org/capm") == ["the link https://pmi.org/capm"]


def _owned(text: str) -> str:
    phrase = advice_phrase(text, NOBODY)
    assert phrase is not None
    return phrase.with_owner()


def test_advice_in_every_shape_reads_as_part_of_a_sentence() -> None:
    assert _owned("Take the CAPM exam before the PMP.") == (
        "your advice to take the CAPM exam before the PMP"
    )
    assert _owned("Don't wait to feel ready") == "your advice not to wait to feel ready"
    assert _owned("Never skip the charter") == "your advice never to skip the charter"
    assert _owned("Recruiters care about the story more than the tool.") == (
        "your point that recruiters care about the story more than the tool"
    )
    assert _owned("Why not the CAPM first?") == "your question, “Why not the CAPM first?”,"
    assert _owned("Networking over cold applications") == (
        "your point about networking over cold applications"
    )
    assert _owned("PMP: do the contact hours through the chapter") == (
        "your advice on PMP, to do the contact hours through the chapter"
    )
    assert advice_phrase("That is where PMs are made.", NOBODY) is None


def test_a_promise_with_a_second_step_after_a_comma_reads_as_two_steps() -> None:
    from chatplanner.domain.letter_phrases import my_promise_clause

    anna = Recipient("Anna", "Kowalska", "she")
    assert my_promise_clause("Apply to the mentorship programme, mention Anna", anna) == (
        "apply to the mentorship programme and mention you"
    )
    assert my_promise_clause("Send the charter, the schedule and the log", anna) == (
        "send you the charter, the schedule and the log"
    )


def test_a_promise_to_send_my_things_is_sent_to_the_person_written_to() -> None:
    from chatplanner.domain.letter_phrases import my_promise_clause

    anna = Recipient("Anna", "Kowalska", "she")
    assert my_promise_clause("Send my resume", anna) == "send you my resume"
    assert my_promise_clause("Send my résumé", anna) == "send you my résumé"
    assert my_promise_clause("Forward my portfolio", anna) == "forward you my portfolio"
    assert my_promise_clause("Share my notes from the talk", anna) == (
        "share my notes from the talk with you"
    )
    # Sent to someone else, or already to them: left as written.
    assert my_promise_clause("Send the slides to Marc", anna) == "send the slides to Marc"
    assert my_promise_clause("Send Anna my resume", anna) == "send you my resume"
    assert my_promise_clause("Share my notes with the team", anna) == (
        "share my notes with the team"
    )
