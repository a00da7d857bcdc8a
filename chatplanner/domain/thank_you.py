"""The thank-you email after a chat, drafted from the meeting notes and a user-editable template.

The sentences come from `thank_you_sentences.py` (rules, not a language model: the same notes
always give the same letter). Each placeholder such as `{specific_points}` receives complete
sentences or nothing, and a template line left holding only empty placeholders is dropped, so
empty notes never leave fragments behind. The drafter picks the fullest level of detail that
keeps the letter within 180 words, and adds a sentence or two of warmth below 80. Recruiters get
a strictly professional template and phrasing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from chatplanner.domain.chat_notes import NoteSections, PromisedFollowUp
from chatplanner.domain.enums import ContactKind, FollowUpOwner
from chatplanner.domain.letter_dates import chat_day_in_words, full_date_in_words
from chatplanner.domain.person_names import display_name, greeting_name
from chatplanner.domain.person_references import Recipient, guess_pronoun
from chatplanner.domain.templates import TemplateProblem, placeholders_in, render
from chatplanner.domain.thank_you_sentences import DETAILS, Detail, compose

THANK_YOU_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "first_name",  # the name they are greeted by (a name in CJK script: the whole name)
        "last_name",
        "full_name",
        "company",
        "my_name",
        "signature",
        "meeting_day",  # "today", "yesterday", "on Tuesday", "last week", "in March"; or empty
        "meeting_date",  # "5 March 2026"
        "specific_points",  # two or three things they said or suggested, as sentences
        "their_story",  # a line on their goals: "Good luck with your talk at ..."
        "my_next_steps",
        "their_promises",
        "offer_to_help",
    }
)

# The bounds a letter from the default templates keeps to (the signature block not counted).
MIN_WORDS = 80
MAX_WORDS = 180

# Stands for an empty value while rendering, so tidying knows exactly where the gaps are.
GAP = "\x00"
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ThankYouTemplate:
    subject: str
    body: str


DEFAULT_THANK_YOU_TEMPLATE = ThankYouTemplate(
    subject="Thank you, {first_name}",
    body="""\
Hi {first_name},

Thank you for taking the time to meet with me {meeting_day}. I really enjoyed our conversation.

{specific_points}

{their_story}

{my_next_steps}

{their_promises}

{offer_to_help}

Best wishes,
{my_name}
{signature}
""",
)

RECRUITER_THANK_YOU_TEMPLATE = ThankYouTemplate(
    subject="Thank you for your time",
    body="""\
Dear {first_name},

Thank you for taking the time to speak with me {meeting_day}. I appreciated the conversation.

{specific_points}

{their_story}

{my_next_steps}

{their_promises}

{offer_to_help}

Kind regards,
{my_name}
{signature}
""",
)


@dataclass(frozen=True, slots=True)
class ChatNotes(NoteSections):
    """What the user wrote down about one chat, with the promises and the day it took place."""

    follow_ups: tuple[PromisedFollowUp, ...] = ()
    met_on: date | None = None


@dataclass(frozen=True, slots=True)
class ThankYouRecipient:
    first_name: str
    last_name: str = ""
    kind: ContactKind = ContactKind.OTHER
    company: str = ""
    # "she", "he" or "they"; None: guessed from how the notes speak of them.
    pronoun: str | None = None


@dataclass(frozen=True, slots=True)
class ThankYouSender:
    name: str
    signature: str = ""
    city: str = ""  # where the user lives, for "If you come to Toronto, ..."


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str
    # Unknown placeholders or lone braces in the user's template, for the editor to underline;
    # offsets are in the template's subject and body respectively.
    subject_problems: tuple[TemplateProblem, ...] = ()
    body_problems: tuple[TemplateProblem, ...] = ()
    # What the notes hold that the letter does not say (it would grow past MAX_WORDS, or the
    # template has no place for it), for the user to add by hand if they wish.
    left_out: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.subject_problems and not self.body_problems


def parse_thank_you_template(text: str) -> ThankYouTemplate:
    """Read a template file: an optional first line `Subject: ...`, then the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    subject = ""
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines[0][len("subject:") :].strip()
        lines = lines[1:]
        if lines and not lines[0].strip():
            lines = lines[1:]
    return ThankYouTemplate(subject=subject, body="\n".join(lines))


def format_thank_you_template(template: ThankYouTemplate) -> str:
    return f"Subject: {template.subject}\n\n{template.body}"


def _clean_inline(text: str) -> str:
    return _WHITESPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def _clean_block(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_CONTROL.sub("", line).rstrip() for line in text.split("\n")).strip("\n")


def _meeting_day(met_on: date | None, today: date | None) -> str:
    return chat_day_in_words(met_on, today) if met_on is not None else ""


def tidy_letter(text: str, my_name: str = "") -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        if GAP in line and not line.replace(GAP, "").strip():
            continue  # the line held only empty placeholders
        lines.append(re.sub(rf"[ \t]*{GAP}", "", line).rstrip())
    if my_name:
        # A signature that starts with the name ("Amara Okafor, EIT") signs for the name line.
        lines = [
            line
            for index, line in enumerate(lines)
            if not (
                line.strip() == my_name
                and index + 1 < len(lines)
                and lines[index + 1].strip().startswith(my_name)
            )
        ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def letter_word_count(body: str) -> int:
    return len(body.split())


class ThankYouDrafter:
    """Drafts the thank-you email of one chat."""

    def values(
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        *,
        today: date | None = None,
        detail: Detail = DETAILS[0],
    ) -> dict[str, str]:
        """Every placeholder's text for this chat (empty when there is nothing to say)."""
        return self._values(notes, contact, user, today=today, detail=detail)[0]

    def _values(
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        *,
        today: date | None,
        detail: Detail,
    ) -> tuple[dict[str, str], tuple[str, ...]]:
        """The placeholders' texts, and what of the notes they leave out."""
        professional = contact.kind.is_business_only
        first = _clean_inline(contact.first_name)
        last = _clean_inline(contact.last_name)
        greeted = greeting_name(first, last)
        sentences = compose(
            notes,
            notes.follow_ups,
            self.recipient(notes, contact),
            professional=professional,
            user_city=_clean_inline(user.city),
            detail=detail,
            today=today,
        )
        values = {
            "first_name": greeted,
            "last_name": last,
            "full_name": display_name(first, last),
            "company": _clean_inline(contact.company),
            "my_name": _clean_inline(user.name),
            "signature": _clean_block(user.signature),
            "meeting_day": _meeting_day(notes.met_on, today),
            "meeting_date": full_date_in_words(notes.met_on) if notes.met_on else "",
            "specific_points": sentences.specific_points,
            "their_story": sentences.their_story,
            "my_next_steps": sentences.my_next_steps,
            "their_promises": sentences.their_promises,
            "offer_to_help": sentences.offer_to_help,
        }
        return values, sentences.left_out

    @staticmethod
    def recipient(notes: NoteSections, contact: ThankYouRecipient) -> Recipient:
        """The reader as the notes name them, with the pronoun the notes use for them."""
        pronoun = contact.pronoun
        if pronoun is None:
            them = [
                f.text for f in getattr(notes, "follow_ups", ()) if f.owner is FollowUpOwner.THEM
            ]
            pronoun = guess_pronoun(
                [notes.their_past, notes.their_present, notes.their_goals, notes.free_notes, *them]
            )
        return Recipient(
            _clean_inline(contact.first_name), _clean_inline(contact.last_name), pronoun
        )

    def draft(
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        template: ThankYouTemplate | None = None,
        *,
        today: date | None = None,
    ) -> Draft:
        """The draft for this chat. Without a template, recruiters get the professional one.

        Tries the levels of detail from the fullest down and keeps the first letter within
        MAX_WORDS; below MIN_WORDS it adds sentences of warmth, one at a time."""
        default = (
            RECRUITER_THANK_YOU_TEMPLATE
            if contact.kind.is_business_only
            else DEFAULT_THANK_YOU_TEMPLATE
        )
        template = template or default
        chosen: Draft | None = None
        for level in DETAILS:
            for padding in range(4):
                detail = replace(level, padding=padding)
                draft, words = self._render(notes, contact, user, template, default, today, detail)
                chosen = draft
                if words >= MIN_WORDS or padding == 3:
                    break
            if words <= MAX_WORDS:
                break
        assert chosen is not None
        return chosen

    def _render(  # noqa: PLR0917 - called in one place, by keyword; the parts of one letter
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        template: ThankYouTemplate,
        default: ThankYouTemplate,
        today: date | None,
        detail: Detail,
    ) -> tuple[Draft, int]:
        raw, left_out = self._values(notes, contact, user, today=today, detail=detail)
        if "their_story" not in placeholders_in(template.body):
            # A template written before {their_story} existed still gets the line.
            raw["specific_points"] = " ".join(
                part for part in (raw["specific_points"], raw.pop("their_story")) if part
            )
        values = {name: (value.replace(GAP, "") or GAP) for name, value in raw.items()}
        subject_template = template.subject.replace(GAP, "") or default.subject
        subject = render(subject_template, values, THANK_YOU_PLACEHOLDERS)
        body_template = template.body.replace(GAP, "")
        body = render(body_template, values, THANK_YOU_PLACEHOLDERS)
        # The length is the letter's own: the user's signature block does not count.
        unsigned = render(body_template, {**values, "signature": GAP}, THANK_YOU_PLACEHOLDERS)
        subject_text = _clean_inline(tidy_letter(subject.text)).rstrip(" ,;:-") or "Thank you"
        draft = Draft(
            subject=subject_text,
            body=tidy_letter(body.text, raw["my_name"]),
            subject_problems=subject.problems,
            body_problems=body.problems,
            left_out=left_out + _unplaced(raw, template.body),
        )
        return draft, letter_word_count(tidy_letter(unsigned.text))


# The placeholders that carry what the notes say: a template without one leaves it out.
_NOTE_PLACEHOLDERS = ("specific_points", "their_story", "my_next_steps", "their_promises")


def _unplaced(values: dict[str, str], body_template: str) -> tuple[str, ...]:
    """Sentences from the notes that the user's template has no placeholder for."""
    used = placeholders_in(body_template)
    return tuple(
        values[name] for name in _NOTE_PLACEHOLDERS if values.get(name) and name not in used
    )


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def needs_confirmation_to_regenerate(current_body: str, last_generated_body: str) -> bool:
    """True when regenerating would throw away text the user wrote or edited.

    Line endings and trailing spaces do not count as edits (editors change them on their own).
    """
    current = _normalised(current_body)
    if not current:
        return False
    return current != _normalised(last_generated_body)
