"""Hand-written note sets, as people really type them, and what each letter must say."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from chatplanner.domain.chat_notes import PromisedFollowUp
from chatplanner.domain.enums import ContactKind, FollowUpOwner
from chatplanner.domain.thank_you import (
    MAX_WORDS,
    MIN_WORDS,
    ChatNotes,
    ThankYouDrafter,
    ThankYouRecipient,
    ThankYouSender,
    letter_word_count,
)

ME = FollowUpOwner.ME
THEM = FollowUpOwner.THEM
SENDER = ThankYouSender("Amara Okafor", "Amara Okafor, EIT\nSite Engineer", "Toronto")


@dataclass(frozen=True)
class NoteSet:
    name: str
    recipient: ThankYouRecipient
    notes: ChatNotes
    says: tuple[str, ...]
    never: tuple[str, ...] = field(default=())


def promise(owner: FollowUpOwner, text: str, due: date | None = None) -> PromisedFollowUp:
    return PromisedFollowUp(owner, text, due)


NOTE_SETS = [
    NoteSet(
        "imperatives one per line",
        ThankYouRecipient("Jessica", "Lee"),
        ChatNotes(
            advice="Take the CAPM exam before the PMP.\nVolunteer on a PMI chapter committee.",
            their_past="She moved from QA to PM in 2015.",
        ),
        (
            "your advice to take the CAPM exam before the PMP, and to volunteer on a PMI chapter "
            "committee",
        ),
    ),
    NoteSet(
        "advice as a question",
        ThankYouRecipient("Ravi", "Shah"),
        ChatNotes(advice="Have you thought about a coordinator role first?"),
        (
            "I especially appreciated your question, “Have you thought about a coordinator role "
            "first?” Talking",
        ),
    ),
    NoteSet(
        "advice as fragments",
        ThankYouRecipient("Ines", "Costa"),
        ChatNotes(advice="Networking over cold applications\nCAPM before PMP"),
        ("your point about networking over cold applications",),
        ("your advice to networking",),
    ),
    NoteSet(
        "negative advice and a statement",
        ThankYouRecipient("Tom", "Baker"),
        ChatNotes(advice="Don't wait to feel ready. Recruiters care about the story."),
        (
            "your advice not to wait to feel ready",
            "Your point that recruiters care about the story stayed with me too.",
        ),
    ),
    NoteSet(
        "a Chinese name",
        ThankYouRecipient("伟", "李", pronoun="he"),
        ChatNotes(
            advice="Learn pandas on real transit data.",
            follow_ups=(promise(THEM, "李伟 to send his list of validation checks"),),
        ),
        # A name in Chinese script is greeted whole, family name first.
        ("Hi 李伟,", "offering to send me your list of validation checks"),
        ("李伟 to", "his list"),
    ),
    NoteSet(
        "an Arabic name",
        ThankYouRecipient("محمد", "العلي"),
        ChatNotes(
            advice="Write the experience record as you go.",
            follow_ups=(promise(ME, "Send محمد my draft record", date(2026, 4, 3)),),
        ),
        ("Hi محمد,", "I will send you my draft record by Friday 3 April."),
        ("Send محمد",),
    ),
    NoteSet(
        "a name with a diaeresis typed without it",
        ThankYouRecipient("Zoë", "Tremblay"),
        ChatNotes(follow_ups=(promise(ME, "Send Zoe my résumé"),)),
        ("Hi Zoë,", "I will send you my résumé."),
    ),
    NoteSet(
        "a name with an apostrophe",
        ThankYouRecipient("Siobhán", "O'Brien", pronoun="she"),
        ChatNotes(
            resources="O'Brien's talk on project assurance",
            follow_ups=(promise(THEM, "Share her status report template"),),
        ),
        (
            "pointing me to your talk on project assurance",
            "offering to share your status report template",
        ),
    ),
    NoteSet(
        "only free text",
        ThankYouRecipient("Kenji", "Sato"),
        ChatNotes(
            free_notes="Easy conversation. Said 'Don't wait for the PM title' twice. "
            "He suggested I take a two-day P6 course."
        ),
        (
            "Your words, “Don't wait for the PM title” stayed with me too.",
            "your advice to take a two-day P6 course",
        ),
    ),
    NoteSet(
        "only their story",
        ThankYouRecipient("Priya", "Raghunathan"),
        ChatNotes(their_goals="Writing a short guide on risk registers for small projects."),
        (
            "Good luck with writing a short guide on risk registers for small projects.",
            "If a reader's eye on the guide would help, I would be glad to read a draft.",
        ),
    ),
    NoteSet(
        "a talk and mentoring",
        ThankYouRecipient("Anna", "Kowalska"),
        ChatNotes(
            their_goals="Mentor someone through the PMP this year; speaking at the PMI conference."
        ),
        (
            "Good luck with your talk at the PMI conference, and with mentoring someone through "
            "the PMP this year.",
            "If I can help with the mentoring in any way, I would be glad to.",
        ),
    ),
    NoteSet(
        "a visit to the user's city",
        ThankYouRecipient("Siobhán", "O'Neill"),
        ChatNotes(
            their_goals="Would like a couple of years on a Canadian transit programme; "
            "curious about Ontario."
        ),
        (
            "I hope you get a couple of years on a Canadian transit programme.",
            "If you come to Toronto, I would be glad to show you around.",
        ),
    ),
    NoteSet(
        "two promises with dates",
        ThankYouRecipient("Anna", "Kowalska", pronoun="she"),
        ChatNotes(
            follow_ups=(
                promise(ME, "Run next Monday's coordination meeting", date(2026, 12, 7)),
                promise(ME, "Apply to the mentorship programme", date(2026, 12, 16)),
            )
        ),
        (
            # The first promise names its own day: no "by Monday" after "next Monday's".
            "I will run next Monday's coordination meeting, and I will apply "
            "to the mentorship programme by Wednesday 16 December.",
        ),
        ("\n- ",),
    ),
    NoteSet(
        "a promise written as a noun phrase",
        ThankYouRecipient("Wei", "Wang"),
        ChatNotes(follow_ups=(promise(ME, "Headway analysis of the 504 streetcar"),)),
        ("I will work on the headway analysis of the 504 streetcar.",),
    ),
    NoteSet(
        "their offer written with their name",
        ThankYouRecipient("Wei", "Wang", pronoun="he"),
        ChatNotes(follow_ups=(promise(THEM, "Wei to send his list of GTFS checks"),)),
        ("Thank you also for offering to send me your list of GTFS checks.",),
        ("Wei to",),
    ),
    NoteSet(
        "an offer mentioned in the free notes",
        ThankYouRecipient("Zoë", "Tremblay", pronoun="she"),
        ChatNotes(free_notes="Offered to look at my résumé once it is rewritten."),
        ("Thank you also for offering to look at my résumé once it is rewritten.",),
    ),
    NoteSet(
        "resources under a heading, several kinds",
        ThankYouRecipient("Jessica", "Nguyen"),
        ChatNotes(
            advice="Learn SQL window functions properly.",
            resources="Resources:\n- Book: Storytelling with Data (Cole Nussbaumer Knaflic)\n"
            "- Podcast: Data Skeptic",
        ),
        (
            "the book Storytelling with Data by Cole Nussbaumer Knaflic and the podcast Data "
            "Skeptic",
        ),
        ("Book:", "Podcast:"),
    ),
    NoteSet(
        "numbered advice, more than three",
        ThankYouRecipient("Mohammed", "Al-Sayed"),
        ChatNotes(
            advice="1. Write the record monthly\n2. Ask a P.Eng. to read it early\n"
            "3. Do past papers timed\n4. Join the study group"
        ),
        ("your advice to write the record monthly, and to ask a P.Eng. to read it early",),
        ("1.", "Join the study group"),
    ),
    NoteSet(
        "a recruiter chat",
        ThankYouRecipient("Daniela", "Costa", kind=ContactKind.RECRUITER, pronoun="she"),
        ChatNotes(
            advice="Apply to the coordinator roles posted in March.",
            follow_ups=(
                promise(ME, "Send Daniela my résumé", date(2026, 3, 2)),
                promise(THEM, "Forward my profile to the hiring manager"),
            ),
        ),
        (
            "Dear Daniela,",
            "Your advice to apply to the coordinator roles posted in March was "
            "particularly helpful.",
            "As a next step, I will send you my résumé by Monday 2 March.",
            "I appreciate you offering to forward my profile to the hiring manager.",
            "Kind regards,",
        ),
        ("Good luck", "glad to", "Hi ", "favour"),
    ),
    NoteSet(
        "a recruiter chat with no notes",
        ThankYouRecipient("Rita", "Moreno", kind=ContactKind.RECRUITER),
        ChatNotes(),
        ("Please let me know if I can provide any further information.",),
        ("enjoyed", "favour"),
    ),
    NoteSet(
        "their pronoun is they",
        ThankYouRecipient("Sam", "Rivera", pronoun="they"),
        ChatNotes(
            their_goals="They want to start a design guild.",
            follow_ups=(promise(THEM, "Introduce me to their manager"),),
        ),
        ("Good luck with starting a design guild.", "offering to introduce me to your manager"),
    ),
    NoteSet(
        "a link and a question mark inside an item",
        ThankYouRecipient("Lena", "Weber"),
        ChatNotes(resources="Link: https://example.org/capm-guide"),
        ("the link https://example.org/capm-guide",),
        ("Link:",),
    ),
]


@pytest.mark.parametrize("note_set", NOTE_SETS, ids=[n.name for n in NOTE_SETS])
def test_hand_written_note_sets(note_set: NoteSet) -> None:
    draft = ThankYouDrafter().draft(note_set.notes, note_set.recipient, SENDER)
    body = " ".join(draft.body.split())
    for phrase in note_set.says:
        assert phrase in body, f"missing {phrase!r} in:\n{draft.body}"
    for phrase in note_set.never:
        assert phrase not in draft.body, f"unwanted {phrase!r} in:\n{draft.body}"
    unsigned = draft.body.rsplit("\n\n", 1)[0]
    assert MIN_WORDS - 4 <= letter_word_count(unsigned) <= MAX_WORDS
    assert draft.body.count("Amara Okafor") == 1
    assert "{" not in draft.body


def test_there_are_at_least_twenty_note_sets() -> None:
    assert len(NOTE_SETS) >= 20
