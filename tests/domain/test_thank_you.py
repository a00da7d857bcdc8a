from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.chat_notes import PromisedFollowUp
from chatplanner.domain.enums import ContactKind, FollowUpOwner
from chatplanner.domain.thank_you import (
    DEFAULT_THANK_YOU_TEMPLATE,
    RECRUITER_THANK_YOU_TEMPLATE,
    ChatNotes,
    ThankYouDrafter,
    ThankYouRecipient,
    ThankYouSender,
    ThankYouTemplate,
    key_points,
    needs_confirmation_to_regenerate,
    parse_thank_you_template,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
ADA = ThankYouRecipient("Ada", "Lovelace")
RECRUITER = ThankYouRecipient("Rita", "Moreno", kind=ContactKind.RECRUITER)
SAM = ThankYouSender("Sam Lee", "Sam Lee\nProduct designer")
NOTES = ChatNotes(
    advice="- Talk to hiring managers directly, not HR.\n- Join the local product meetup\n",
    resources="Books:\n* Inspired, by Marty Cagan\n",
    follow_ups=(
        PromisedFollowUp(FollowUpOwner.ME, "Send you my portfolio", date(2026, 3, 10)),
        PromisedFollowUp(FollowUpOwner.ME, "Read the book", done=True),
        PromisedFollowUp(FollowUpOwner.THEM, "Introduce me to Dana"),
    ),
    met_on=date(2026, 3, 5),
)


def draft(notes: ChatNotes = NOTES, contact: ThankYouRecipient = ADA, **kwargs: object) -> str:
    return ThankYouDrafter().draft(notes, contact, SAM, **kwargs).body  # type: ignore[arg-type]


def test_shipped_template_files_are_the_default_templates() -> None:
    general = parse_thank_you_template((TEMPLATES / "thank_you.txt").read_text(encoding="utf-8"))
    recruiter = parse_thank_you_template(
        (TEMPLATES / "thank_you_recruiter.txt").read_text(encoding="utf-8")
    )
    assert general == DEFAULT_THANK_YOU_TEMPLATE
    assert recruiter == RECRUITER_THANK_YOU_TEMPLATE


def test_draft_thanks_them_and_quotes_their_advice_and_a_resource() -> None:
    result = ThankYouDrafter().draft(NOTES, ADA, SAM)
    assert result.subject == "Thank you, Ada"
    assert result.body.startswith(
        "Hi Ada,\n\nThank you for taking the time to meet with me on Thursday."
    )
    assert "your advice: Talk to hiring managers directly, not HR." in result.body
    assert "pointing me to Inspired, by Marty Cagan." in result.body
    assert "Join the local product meetup" not in result.body  # one advice when a resource exists
    assert result.ok


def test_draft_lists_my_open_promises_with_due_dates() -> None:
    body = draft()
    assert "Here is what I'll do next:\n- Send you my portfolio (by Tuesday 10 March)\n" in body
    assert "Read the book" not in body  # already done


def test_draft_mentions_their_offer_and_offers_help_in_return() -> None:
    body = draft()
    assert "Thank you also for your kind offer:\n- Introduce me to Dana" in body
    assert "return the favour" in body


def test_draft_ends_with_name_and_signature() -> None:
    assert draft().endswith("Best wishes,\nSam Lee\nSam Lee\nProduct designer\n")


def test_two_advice_points_when_no_resources() -> None:
    body = draft(ChatNotes(advice="1. Ship small things\n2) Ask for feedback early.\n3. Third"))
    assert "your advice: Ship small things." in body
    assert "also taking to heart: Ask for feedback early." in body
    assert "Third" not in body


def test_empty_notes_leave_no_fragments_or_gaps() -> None:
    body = draft(ChatNotes())
    assert body == (
        "Hi Ada,\n\n"
        "Thank you for taking the time to meet with me. I really enjoyed our conversation.\n\n"
        "If I can ever return the favour, please let me know. I'd be glad to help.\n\n"
        "Best wishes,\nSam Lee\nSam Lee\nProduct designer\n"
    )
    assert " ." not in body and "\n\n\n" not in body


def test_whitespace_only_and_punctuation_only_notes_count_as_empty() -> None:
    notes = ChatNotes(
        advice="  \n - \n ...\n",
        resources="\t\n*\n",
        follow_ups=(PromisedFollowUp(FollowUpOwner.ME, "   "),),
    )
    assert draft(notes) == draft(ChatNotes())


def test_missing_names_do_not_leave_stray_spaces() -> None:
    result = ThankYouDrafter().draft(ChatNotes(), ThankYouRecipient(""), ThankYouSender(""))
    assert result.subject == "Thank you"
    assert result.body.startswith("Hi,\n")
    assert result.body.endswith("Best wishes,\n")


def test_meeting_day_says_today_or_yesterday_when_it_can() -> None:
    notes = ChatNotes(met_on=date(2026, 3, 5))
    assert "meet with me today." in draft(notes, today=date(2026, 3, 5))
    assert "meet with me yesterday." in draft(notes, today=date(2026, 3, 6))
    assert "meet with me on Thursday." in draft(notes, today=date(2026, 3, 9))


def test_recruiters_get_the_strictly_professional_phrasing() -> None:
    result = ThankYouDrafter().draft(NOTES, RECRUITER, SAM)
    assert result.subject == "Thank you for your time"
    assert result.body.startswith("Dear Rita,")
    assert "I found your advice particularly helpful" in result.body
    assert "As a next step, I will:" in result.body
    assert "Please let me know if I can provide any further information." in result.body
    assert "Kind regards," in result.body
    for casual in ("really enjoyed", "favour", "kind offer", "Hi ", "!"):
        assert casual not in result.body


def test_user_template_is_used_and_its_problems_reported() -> None:
    template = ThankYouTemplate(
        "Thanks {first_name}!", "Dear {full_name}, {unknown}\n{specific_points}"
    )
    result = ThankYouDrafter().draft(ChatNotes(), ADA, SAM, template)
    assert result.subject == "Thanks Ada!"
    assert result.body == "Dear Ada Lovelace, {unknown}\n"
    assert not result.ok
    assert [p.message for p in result.body_problems] == ["Unknown placeholder {unknown}"]


def test_template_with_empty_subject_falls_back_to_the_default_subject() -> None:
    result = ThankYouDrafter().draft(ChatNotes(), ADA, SAM, ThankYouTemplate("", "Hi"))
    assert result.subject == "Thank you, Ada"


def test_long_points_are_trimmed_at_a_sentence_or_word() -> None:
    sentence = "Build a portfolio of three case studies that show your process."
    long_text = sentence + " " + "More detail here and there " * 10
    assert key_points(long_text) == [sentence]
    words = "word " * 60
    (point,) = key_points(words)
    assert point.endswith("…") and len(point) <= 141 and "wor…" not in point


def test_user_text_cannot_smuggle_placeholders_or_control_characters() -> None:
    notes = ChatNotes(advice="Use {my_name} \x00\x07 wisely")
    body = draft(notes)
    assert "Use {my_name} wisely." in body
    assert "\x00" not in body and "\x07" not in body


def test_regenerating_an_untouched_draft_needs_no_confirmation() -> None:
    generated = draft()
    assert not needs_confirmation_to_regenerate(generated, generated)
    assert not needs_confirmation_to_regenerate(generated.replace("\n", "\r\n") + "  ", generated)
    assert not needs_confirmation_to_regenerate("", generated)


def test_regenerating_an_edited_draft_needs_confirmation() -> None:
    generated = draft()
    assert needs_confirmation_to_regenerate(generated.replace("Ada", "Adda"), generated)
    assert needs_confirmation_to_regenerate("My own words", "")


_text = st.text(max_size=300)


@settings(max_examples=200, deadline=None)
@given(
    advice=_text,
    resources=_text,
    first=st.text(max_size=40),
    me=st.text(max_size=40),
    kind=st.sampled_from(list(ContactKind)),
    follow_ups=st.lists(
        st.builds(
            PromisedFollowUp, st.sampled_from(list(FollowUpOwner)), _text, st.none() | st.dates()
        ),
        max_size=4,
    ),
)
def test_any_notes_give_a_tidy_draft(
    advice: str,
    resources: str,
    first: str,
    me: str,
    kind: ContactKind,
    follow_ups: list[PromisedFollowUp],
) -> None:
    notes = ChatNotes(advice=advice, resources=resources, follow_ups=tuple(follow_ups))
    result = ThankYouDrafter().draft(notes, ThankYouRecipient(first, kind=kind), ThankYouSender(me))
    assert result.subject and "\n" not in result.subject and "\r" not in result.subject
    assert "\x00" not in result.body
    assert "\n\n\n" not in result.body
    assert not re.search(r"[:,] ?\.$", result.body, re.MULTILINE)
    assert result.ok
