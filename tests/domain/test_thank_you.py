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
    MAX_WORDS,
    MIN_WORDS,
    RECRUITER_THANK_YOU_TEMPLATE,
    ChatNotes,
    ThankYouDrafter,
    ThankYouRecipient,
    ThankYouSender,
    ThankYouTemplate,
    letter_word_count,
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
        PromisedFollowUp(FollowUpOwner.ME, "Send Ada my portfolio", date(2026, 3, 10)),
        PromisedFollowUp(FollowUpOwner.ME, "Read the book", done=True),
        PromisedFollowUp(FollowUpOwner.THEM, "Introduce me to Dana"),
    ),
    met_on=date(2026, 3, 5),
)
# The notes of the chat the product was built around.
JESSICA_NOTES = ChatNotes(
    advice="Take the CAPM exam before the PMP.\nVolunteer on a PMI chapter committee to meet people.",
    resources="Book: Making Things Happen (Scott Berkun)",
    their_goals="Wants to mentor more newcomers and to speak at the PMI Toronto symposium",
    follow_ups=(
        PromisedFollowUp(FollowUpOwner.ME, "Send Jessica my resume", date(2026, 3, 13)),
        PromisedFollowUp(FollowUpOwner.THEM, "Introduce me to her colleague Marc in the PMO"),
    ),
    met_on=date(2026, 3, 10),
)
JESSICA = ThankYouRecipient("Jessica", "Lee")
AMARA = ThankYouSender("Amara Okafor", "Amara Okafor, EIT\nSite Engineer", "Toronto")


def draft(notes: ChatNotes = NOTES, contact: ThankYouRecipient = ADA, **kwargs: object) -> str:
    return ThankYouDrafter().draft(notes, contact, SAM, **kwargs).body  # type: ignore[arg-type]


def letter(body: str) -> str:
    """The body on one line, for phrases that may wrap."""
    return " ".join(body.split())


def test_shipped_template_files_are_the_default_templates() -> None:
    general = parse_thank_you_template((TEMPLATES / "thank_you.txt").read_text(encoding="utf-8"))
    recruiter = parse_thank_you_template(
        (TEMPLATES / "thank_you_recruiter.txt").read_text(encoding="utf-8")
    )
    assert general == DEFAULT_THANK_YOU_TEMPLATE
    assert recruiter == RECRUITER_THANK_YOU_TEMPLATE


def test_the_founding_notes_give_a_letter_that_speaks_to_the_reader() -> None:
    result = ThankYouDrafter().draft(JESSICA_NOTES, JESSICA, AMARA, today=date(2026, 3, 11))
    body = letter(result.body)
    assert result.subject == "Thank you, Jessica"
    assert (
        "your advice to take the CAPM exam before the PMP, and to volunteer on a PMI chapter "
        "committee to meet people" in body
    )
    assert "the book Making Things Happen by Scott Berkun" in body
    assert (
        "Good luck with your talk at the PMI Toronto symposium, and with mentoring more "
        "newcomers." in body
    )
    assert "I will send you my resume by Friday." in body  # two days after the letter
    assert "offering to introduce me to your colleague Marc in the PMO" in body
    assert "If I can help with the mentoring in any way, I would be glad to." in body
    for leak in ("Book:", "Jessica my", "her colleague", "- ", "Amara Okafor\nAmara Okafor"):
        assert leak not in result.body
    assert result.body.endswith("Best wishes,\nAmara Okafor, EIT\nSite Engineer\n")
    assert MIN_WORDS <= letter_word_count(result.body) <= MAX_WORDS + 4  # + the signature lines


def test_draft_thanks_them_and_weaves_two_pieces_of_advice_and_a_resource() -> None:
    result = ThankYouDrafter().draft(NOTES, ADA, SAM)
    body = letter(result.body)
    assert result.body.startswith(
        "Hi Ada,\n\nThank you for taking the time to meet with me on Thursday 5 March."
    )
    assert (
        "your advice to talk to hiring managers directly, not HR, and to join the local product "
        "meetup" in body
    )
    assert "pointing me to the book Inspired by Marty Cagan." in body
    assert result.ok


def test_one_promise_is_a_sentence_in_the_first_person_with_its_date_in_words() -> None:
    body = letter(draft())
    assert "I will send you my portfolio by Tuesday 10 March." in body
    assert "Read the book" not in body  # already done
    assert "\n- " not in draft()  # no list for one item


def test_three_promises_make_a_short_list() -> None:
    notes = ChatNotes(
        follow_ups=tuple(
            PromisedFollowUp(FollowUpOwner.ME, text)
            for text in ("Send Ada my portfolio", "Join the meetup", "Read Inspired")
        )
    )
    body = draft(notes)
    assert (
        "Here is what I will do next:\n- Send you my portfolio\n- Join the meetup\n- Read Inspired"
        in body
    )


def test_their_offer_is_thanked_and_help_is_offered_in_return() -> None:
    body = letter(draft())
    assert "Thank you also for the introduce me to Dana" not in body
    assert "Thank you also for offering to introduce me to Dana." in body
    assert "return the favour" in body


def test_the_signature_never_repeats_the_name() -> None:
    assert draft().endswith("Best wishes,\nSam Lee\nProduct designer\n")
    other = ThankYouDrafter().draft(NOTES, ADA, ThankYouSender("Sam Lee", "Product designer"))
    assert other.body.endswith("Best wishes,\nSam Lee\nProduct designer\n")


def test_empty_notes_give_a_warm_letter_without_fragments() -> None:
    body = draft(ChatNotes())
    assert body.startswith(
        "Hi Ada,\n\n"
        "Thank you for taking the time to meet with me. I really enjoyed our conversation.\n\n"
    )
    assert "return the favour" in body
    assert " ." not in body
    assert "\n\n\n" not in body
    assert letter_word_count(body) >= MIN_WORDS


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
    body = letter(result.body)
    assert result.subject == "Thank you for your time"
    assert result.body.startswith("Dear Rita,")
    assert "was particularly helpful" in body
    assert "As a next step, I will send you my portfolio by Tuesday 10 March." not in body
    assert "As a next step, I will send my portfolio" not in body
    assert "Please let me know if I can provide any further information." in body
    assert "Kind regards," in body
    for casual in ("really enjoyed", "favour", "Good luck", "Hi ", "!", "glad to"):
        assert casual not in result.body


def test_user_template_is_used_and_its_problems_reported() -> None:
    template = ThankYouTemplate(
        "Thanks {first_name}!", "Dear {full_name}, {unknown}\n{specific_points}"
    )
    result = ThankYouDrafter().draft(ChatNotes(), ADA, SAM, template)
    assert result.subject == "Thanks Ada!"
    assert result.body.startswith("Dear Ada Lovelace, {unknown}\n")
    assert not result.ok
    assert [p.message for p in result.body_problems] == ["Unknown placeholder {unknown}"]


def test_a_full_name_in_chinese_reads_family_name_first() -> None:
    template = ThankYouTemplate("Thanks {first_name}!", "Dear {full_name},\n{specific_points}")
    result = ThankYouDrafter().draft(ChatNotes(), ThankYouRecipient("伟", "李"), SAM, template)
    assert result.body.startswith("Dear 李伟,\n")


def test_a_template_without_the_story_placeholder_still_gets_the_story_line() -> None:
    template = ThankYouTemplate("Thanks", "Hi {first_name},\n\n{specific_points}\n\n{my_name}")
    body = letter(ThankYouDrafter().draft(JESSICA_NOTES, JESSICA, AMARA, template).body)
    assert (
        "Good luck with your talk at the PMI Toronto symposium, and with mentoring more "
        "newcomers." in body
    )


def test_template_with_empty_subject_falls_back_to_the_default_subject() -> None:
    result = ThankYouDrafter().draft(ChatNotes(), ADA, SAM, ThankYouTemplate("", "Hi"))
    assert result.subject == "Thank you, Ada"


def test_user_text_cannot_smuggle_placeholders_or_control_characters() -> None:
    notes = ChatNotes(advice="Use {my_name} \x00\x07 wisely")
    body = draft(notes)
    assert "to use {my_name} wisely" in body
    assert "\x00" not in body
    assert "\x07" not in body


def test_long_notes_keep_the_letter_under_the_word_limit() -> None:
    long_advice = "\n".join(
        f"Talk to the people who run project number {n} and ask them about their schedule, "
        "their risks, their owners and the lessons they would share with a newcomer"
        for n in range(12)
    )
    notes = ChatNotes(
        advice=long_advice,
        resources="\n".join(f"Book: Title number {n} (Author {n})" for n in range(8)),
        their_goals="Wants to write a book about megaprojects and to speak at the PMI summit",
        follow_ups=tuple(
            PromisedFollowUp(FollowUpOwner.ME, f"Send Ada the case study number {n} I promised")
            for n in range(8)
        ),
    )
    assert letter_word_count(draft(notes).split("Best wishes,")[0]) <= MAX_WORDS


def test_regenerating_an_untouched_draft_needs_no_confirmation() -> None:
    generated = draft()
    assert not needs_confirmation_to_regenerate(generated, generated)
    assert not needs_confirmation_to_regenerate(generated.replace("\n", "\r\n") + "  ", generated)
    assert not needs_confirmation_to_regenerate("", generated)


def test_regenerating_an_edited_draft_needs_confirmation() -> None:
    generated = draft()
    assert needs_confirmation_to_regenerate(generated.replace("Ada", "Adda"), generated)
    assert needs_confirmation_to_regenerate("My own words", "")


# Shapes that hold for any notes ------------------------------------------------------------------
_line = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"), max_size=120
)
_note = st.lists(
    st.one_of(
        _line,
        st.sampled_from(
            [
                "Book: Making Things Happen (Scott Berkun)",
                "- Take the CAPM exam before the PMP.",
                "1) Have you thought about the CAPM?",
                "Podcast: Manager Tools",
                "Link: https://example.org/guide",
                "Networking over cold applications",
                "Wants to speak at the PMI symposium",
                "Send {first_name} my résumé",
                "• Introduce me to her colleague Marc",
            ]
        ),
    ),
    max_size=6,
).map("\n".join)
_name = st.sampled_from(["Ada", "李伟", "محمد", "Zoë", "O'Brien", "Jean-Luc", "", "Sam Lee"])
_LABELS = re.compile(r"(?m)\b(?:Book|Link|Podcast|Books):|^\s*(?:\d+[.)]|•)\s")


@settings(max_examples=150, deadline=None)
@given(
    advice=_note,
    resources=_note,
    goals=_note,
    free=_note,
    first=_name,
    me=_name,
    kind=st.sampled_from(list(ContactKind)),
    follow_ups=st.lists(
        st.builds(
            PromisedFollowUp, st.sampled_from(list(FollowUpOwner)), _note, st.none() | st.dates()
        ),
        max_size=5,
    ),
)
def test_any_notes_give_a_tidy_letter_of_the_right_length(
    advice: str,
    resources: str,
    goals: str,
    free: str,
    first: str,
    me: str,
    kind: ContactKind,
    follow_ups: list[PromisedFollowUp],
) -> None:
    notes = ChatNotes(
        advice=advice,
        resources=resources,
        their_goals=goals,
        free_notes=free,
        follow_ups=tuple(follow_ups),
    )
    sender = ThankYouSender(me, f"{me}, PMP\nSite engineer" if me else "Site engineer")
    drafter = ThankYouDrafter()
    result = drafter.draft(notes, ThankYouRecipient(first, kind=kind), sender)
    again = drafter.draft(notes, ThankYouRecipient(first, kind=kind), sender)
    assert result == again  # deterministic
    assert result.subject
    assert "\n" not in result.subject
    assert "\r" not in result.subject
    assert "\x00" not in result.body
    assert "\n\n\n" not in result.body
    assert not re.search(r"[:,] ?\.$", result.body, re.MULTILINE)
    assert result.ok
    written = result.body.split(
        "Best wishes,\n" if not kind.is_business_only else "Kind regards,\n"
    )
    unsigned = written[0]
    assert "{" not in unsigned.replace(advice, "").replace(resources, "") or "{" in (
        advice + resources + goals + free + "".join(f.text for f in follow_ups)
    )
    assert not _LABELS.search(unsigned)
    assert MIN_WORDS - 6 <= letter_word_count(unsigned) <= MAX_WORDS
    if me:
        assert written[1].count(me) == 1  # the signature names the user once


def test_a_chat_more_than_a_week_ago_is_not_called_by_its_weekday() -> None:
    notes = ChatNotes(met_on=date(2026, 3, 5))
    assert "meet with me last week." in draft(notes, today=date(2026, 3, 16))
    assert "meet with me earlier this month." in draft(notes, today=date(2026, 3, 26))
    assert "meet with me in March." in draft(notes, today=date(2026, 5, 2))


def test_a_goal_they_will_do_themselves_is_theirs_in_the_letter() -> None:
    # From the demo's chat with Wei: the notes call him "he" and write his goal as an order.
    notes = ChatNotes(
        their_goals="Open-source their GTFS validation checks. Hiring a junior analyst.",
        free_notes="Quiet and very kind. He replies slowly.",
        met_on=date(2026, 3, 5),
    )
    body = letter(draft(notes, ThankYouRecipient("Wei", "Wang"), today=date(2026, 3, 6)))
    assert (
        "Good luck with open-sourcing your GTFS validation checks, and with hiring a junior "
        "analyst." in body
    )
    other = ChatNotes(their_goals="Help newcomers find their first job", met_on=date(2026, 3, 5))
    assert "helping newcomers find their first job" in letter(draft(other))


def test_a_promise_that_already_names_its_day_gets_no_second_date() -> None:
    notes = ChatNotes(
        follow_ups=(
            PromisedFollowUp(
                FollowUpOwner.ME, "Run next Monday's coordination meeting", date(2026, 3, 9)
            ),
        ),
        met_on=date(2026, 3, 5),
    )
    body = letter(draft(notes, today=date(2026, 3, 6)))
    assert "I will run next Monday's coordination meeting." in body
    assert "by Monday" not in body


def test_a_resource_the_advice_already_names_is_not_thanked_for_twice() -> None:
    # From the demo's chat with Kenji.
    notes = ChatNotes(
        advice="Learn Primavera P6 basics (a two-day course is enough).",
        resources="A two-day Primavera P6 course at a college's continuing education.\n"
        "The Checklist Manifesto (Atul Gawande).",
        met_on=date(2026, 3, 5),
    )
    body = letter(draft(notes, today=date(2026, 3, 6)))
    assert "your advice to learn Primavera P6 basics" in body
    assert "pointing me to the Checklist Manifesto by Atul Gawande" in body
    assert "pointing me to a two-day Primavera P6 course" not in body
    # Two words in common is not the same thing: the CAPM book is still thanked for.
    capm = ChatNotes(advice="Take the CAPM exam first.", resources="Book: CAPM Exam Prep (Rita)")
    assert "CAPM Exam Prep" in letter(draft(capm))


def test_a_podcast_remarked_on_and_one_mentioned_in_passing_are_both_thanked_for() -> None:
    notes = ChatNotes(
        resources="The Manager Tools podcast is great for new managers\nBook: The Phoenix Project",
        free_notes="She mentioned the Soft Skills Engineering podcast.",
        met_on=date(2026, 3, 5),
    )
    result = ThankYouDrafter().draft(notes, ThankYouRecipient("Ada", "Lovelace"), SAM)
    body = letter(result.body)
    assert (
        "Thank you for pointing me to the Manager Tools podcast, the book The Phoenix Project "
        "and the Soft Skills Engineering podcast; they are already on my list." in body
    )
    assert result.left_out == ()


def test_what_a_letter_has_no_room_for_is_listed_beside_it_in_the_notes_words() -> None:
    notes = ChatNotes(
        advice="Take the CAPM first\nKeep a brag document\nShadow a senior PM for a month",
        their_goals="Speak at the PMI symposium; move into a director role; write a guide",
        met_on=date(2026, 3, 5),
    )
    result = ThankYouDrafter().draft(notes, ThankYouRecipient("Ada", "Lovelace"), SAM)
    assert "Shadow a senior PM for a month" in result.left_out
    assert "Good luck with writing a guide." in result.left_out
    assert "your talk at the PMI symposium, and with moving into a director role" in letter(
        result.body
    )


def test_a_template_without_a_place_for_the_notes_lists_them_as_left_out() -> None:
    template = ThankYouTemplate("Thanks", "Hi {first_name},\n\nThank you!\n\n{my_name}")
    result = ThankYouDrafter().draft(NOTES, ADA, SAM, template)
    assert any("your advice to talk to hiring managers" in text for text in result.left_out)
