"""The thank-you email after a chat, drafted from the meeting notes and a user-editable template.

The drafter fills whole sentences, never half ones: a placeholder such as `{specific_points}` is
either a complete sentence or empty, and a template line left holding only empty placeholders is
dropped, so empty notes never leave fragments like "Thanks for mentioning ." behind.
Recruiters get a strictly professional template and phrasing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from chatplanner.domain.chat_notes import NoteSections, PromisedFollowUp
from chatplanner.domain.enums import ContactKind, FollowUpOwner
from chatplanner.domain.moments import MONTHS, long_date, weekday_name
from chatplanner.domain.templating import TemplateProblem, render

THANK_YOU_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "first_name",
        "last_name",
        "full_name",
        "company",
        "my_name",
        "signature",
        "meeting_day",  # "today", "yesterday" or "on Tuesday"; empty when the date is unknown
        "meeting_date",  # "5 March 2026"
        "specific_points",
        "my_next_steps",
        "their_promises",
        "offer_to_help",
    }
)

# A point quoted from the notes is cut to about this many characters.
POINT_MAX_CHARS = 140

# Stands for an empty value while rendering, so tidying knows exactly where the gaps are.
_GAP = "\x00"
_BULLET = re.compile(r"^(?:[-*+•‣◦▪–]|\d{1,3}[.)]|\[[ xX]?\])\s+")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


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


@dataclass(frozen=True, slots=True)
class ThankYouSender:
    name: str
    signature: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str
    # Unknown placeholders or lone braces in the user's template, for the editor to underline;
    # offsets are in the template's subject and body respectively.
    subject_problems: tuple[TemplateProblem, ...] = ()
    body_problems: tuple[TemplateProblem, ...] = ()

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


def _trim_point(point: str) -> str:
    if len(point) <= POINT_MAX_CHARS:
        return point
    sentences = _SENTENCE_END.split(point)
    if 20 <= len(sentences[0]) <= POINT_MAX_CHARS:
        return sentences[0]
    cut = point.rfind(" ", 0, POINT_MAX_CHARS)
    if cut < 20:
        cut = POINT_MAX_CHARS
    return point[:cut].rstrip(" ,;:-") + "…"


def key_points(text: str, limit: int = 2) -> list[str]:
    """The first meaningful lines or bullets of a notes field, bullets removed and trimmed."""
    points: list[str] = []
    for raw in text.splitlines():
        line = _clean_inline(raw)
        line = _BULLET.sub("", line, count=1).strip()
        # A short line ending in a colon introduces a list ("Books:"); it says nothing itself.
        if line.endswith(":") and len(line) < 40:
            continue
        line = line.rstrip(" .,;:")
        if sum(ch.isalnum() for ch in line) < 3:
            continue
        points.append(_trim_point(line))
        if len(points) == limit:
            break
    return points


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _specific_points(notes: ChatNotes, professional: bool) -> str:
    advice = key_points(notes.advice)
    resources = key_points(notes.resources)
    if advice and resources:
        advice, resources = advice[:1], resources[:1]
    sentences: list[str] = []
    for index, point in enumerate(advice):
        if index == 0:
            lead = (
                "I found your advice particularly helpful: "
                if professional
                else "I especially appreciated your advice: "
            )
        else:
            lead = "I also noted: " if professional else "I'm also taking to heart: "
        sentences.append(_sentence(lead + point))
    for index, point in enumerate(resources):
        if professional:
            lead = "Thank you as well for recommending " if index == 0 else "I also noted "
        elif advice or index > 0:
            lead = "Thanks as well for pointing me to "
        else:
            lead = "Thank you for pointing me to "
        sentences.append(_sentence(lead + point))
    return " ".join(sentences)


def _day_words(day: date) -> str:
    return f"{weekday_name(day)} {day.day} {MONTHS[day.month - 1]}"


def _promise_list(
    follow_ups: Sequence[PromisedFollowUp], owner: FollowUpOwner, lead_one: str, lead_many: str
) -> str:
    chosen = [f for f in follow_ups if f.owner is owner and not f.done and _clean_inline(f.text)]
    if not chosen:
        return ""
    lines = [lead_one if len(chosen) == 1 else lead_many]
    for follow_up in chosen:
        text = _clean_inline(follow_up.text).rstrip(" .;,")
        due = f" (by {_day_words(follow_up.due_on)})" if follow_up.due_on else ""
        lines.append(f"- {text}{due}")
    return "\n".join(lines)


def _meeting_day(met_on: date | None, today: date | None) -> str:
    if met_on is None:
        return ""
    if today is not None:
        if met_on == today:
            return "today"
        if met_on == today - timedelta(days=1):
            return "yesterday"
    return f"on {weekday_name(met_on)}"


def _tidy(text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        if _GAP in line and not line.replace(_GAP, "").strip():
            continue  # the line held only empty placeholders
        lines.append(re.sub(rf"[ \t]*{_GAP}", "", line).rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


class ThankYouDrafter:
    """Drafts the thank-you email of one chat."""

    def values(
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        *,
        today: date | None = None,
    ) -> dict[str, str]:
        """Every placeholder's text for this chat (empty when there is nothing to say)."""
        professional = contact.kind.is_business_only
        first = _clean_inline(contact.first_name)
        last = _clean_inline(contact.last_name)
        return {
            "first_name": first,
            "last_name": last,
            "full_name": f"{first} {last}".strip(),
            "company": _clean_inline(contact.company),
            "my_name": _clean_inline(user.name),
            "signature": _clean_block(user.signature),
            "meeting_day": _meeting_day(notes.met_on, today),
            "meeting_date": (long_date(notes.met_on) if notes.met_on else ""),
            "specific_points": _specific_points(notes, professional),
            "my_next_steps": _promise_list(
                notes.follow_ups,
                FollowUpOwner.ME,
                "As a next step, I will:" if professional else "Here is what I'll do next:",
                "As next steps, I will:" if professional else "Here is what I'll do next:",
            ),
            "their_promises": _promise_list(
                notes.follow_ups,
                FollowUpOwner.THEM,
                "I appreciate your offer:"
                if professional
                else "Thank you also for your kind offer:",
                "I appreciate your offers:"
                if professional
                else "Thank you also for your kind offers:",
            ),
            "offer_to_help": (
                "Please let me know if I can provide any further information."
                if professional
                else "If I can ever return the favour, please let me know. I'd be glad to help."
            ),
        }

    def draft(
        self,
        notes: ChatNotes,
        contact: ThankYouRecipient,
        user: ThankYouSender,
        template: ThankYouTemplate | None = None,
        *,
        today: date | None = None,
    ) -> Draft:
        """The draft for this chat. Without a template, recruiters get the professional one."""
        default = (
            RECRUITER_THANK_YOU_TEMPLATE
            if contact.kind.is_business_only
            else DEFAULT_THANK_YOU_TEMPLATE
        )
        template = template or default
        values = {
            name: (value.replace(_GAP, "") or _GAP)
            for name, value in self.values(notes, contact, user, today=today).items()
        }
        subject_template = template.subject.replace(_GAP, "") or default.subject
        subject = render(subject_template, values, THANK_YOU_PLACEHOLDERS)
        body = render(template.body.replace(_GAP, ""), values, THANK_YOU_PLACEHOLDERS)
        subject_text = _clean_inline(_tidy(subject.text)).rstrip(" ,;:-") or "Thank you"
        return Draft(
            subject=subject_text,
            body=_tidy(body.text),
            subject_problems=subject.problems,
            body_problems=body.problems,
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
