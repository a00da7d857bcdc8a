"""The report-back: a short note telling a mentor what came of their advice.

"You suggested I take the CAPM before the PMP: I passed it last week. Thank you again." It is
written from the advice as the notes hold it and the user's line on what happened, with the same
phrasing rules as the thank-you, into a template the user can edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chatplanner.domain.letter_dates import chat_day_in_words, month_name
from chatplanner.domain.letter_phrases import advice_phrase
from chatplanner.domain.person_names import display_name, greeting_name
from chatplanner.domain.person_references import Recipient
from chatplanner.domain.phrasing import Shape, lower_first, sentence, strip_end, words
from chatplanner.domain.templates import placeholders_in, render
from chatplanner.domain.thank_you import (
    GAP,
    Draft,
    ThankYouTemplate,
    parse_thank_you_template,
    tidy_letter,
)

REPORT_BACK_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "first_name",
        "last_name",
        "full_name",
        "my_name",
        "signature",
        "report_back",  # "You suggested I take the CAPM first: I passed it in March."
        "keep_in_touch",  # a closing line that asks about them
        "advice",  # the advice as the notes hold it
        "outcome",  # what happened, as the user wrote it
        "chat_month",  # "March": the month of the chat the advice came from
    }
)

DEFAULT_REPORT_BACK_TEMPLATE = ThankYouTemplate(
    subject="Your advice, {first_name}",
    body="""\
Hi {first_name},

{report_back}

{keep_in_touch}

Best wishes,
{my_name}
{signature}
""",
)

# Past forms a line on what happened often starts with: "passed", "went", "got".
_PAST = frozenset(
    [
        "went",
        "did",
        "got",
        "made",
        "took",
        "wrote",
        "ran",
        "began",
        "met",
        "sent",
        "found",
        "gave",
        "kept",
        "led",
        "read",
        "spoke",
        "won",
        "built",
        "became",
        "brought",
        "bought",
        "chose",
        "drew",
        "felt",
        "forgot",
        "heard",
        "held",
        "knew",
        "left",
        "lost",
        "paid",
        "put",
        "said",
        "saw",
        "set",
        "sold",
        "spent",
        "stood",
        "taught",
        "thought",
        "told",
        "understood",
    ]
)
_ABOUT_TOPIC = re.compile(r"^on [^,]{1,40}, (?=(?:not |never )?to )")


@dataclass(frozen=True, slots=True)
class ReportBackFacts:
    advice: str
    outcome: str = ""
    chat_on: date | None = None
    professional: bool = False
    # The day the note is written, counted in the same zone as `chat_on` (the chat's).
    today: date | None = None


def _what_they_said(advice: str, recipient: Recipient) -> str:
    phrase = advice_phrase(advice, recipient)
    if phrase is None:  # a sentence that leans on another: quote the whole piece
        return f"You told me, “{strip_end(advice)}”"
    clause = _ABOUT_TOPIC.sub("", phrase.clause)
    if phrase.shape is Shape.QUESTION:
        return f"You asked me, {clause}"
    if clause.startswith("“"):
        return f"You told me, {clause}"
    if clause.startswith("to "):
        return f"You suggested I {clause[3:]}"
    if clause.startswith(("not to ", "never to ", "that ")):
        return f"You told me {clause}"
    return f"We talked {clause}"


def _what_happened(outcome: str) -> tuple[bool, str]:
    """(told in the first person?, the sentence) for the user's line on what happened."""
    text = strip_end(" ".join(outcome.split()))
    if not text:
        return False, ""
    first = (words(text) or [""])[0]
    if first in ("I", "We") or first.startswith(("I'", "I’")):
        return True, sentence(text)
    low = first.lower()
    if low.endswith("ed") or low in _PAST:
        return True, sentence("I " + lower_first(text))
    return False, sentence(text)


def report_back_sentences(facts: ReportBackFacts, recipient: Recipient) -> tuple[str, str]:
    """(report_back, keep_in_touch): the two paragraphs of the note."""
    said = _what_they_said(facts.advice, recipient)
    quoted = said.endswith("”")
    mine, happened = _what_happened(facts.outcome)
    if not happened:
        first = said + (" I acted on it." if quoted else ", and I did.")
    elif mine or quoted:
        first = said + (" " if quoted else ": ") + happened
    else:
        first = f"{said}, and you were right: {lower_first(happened)}"
    when = (
        f" from our chat {chat_day_in_words(facts.chat_on, facts.today)}" if facts.chat_on else ""
    )
    if facts.professional:
        thanks = f"Thank you again for your advice{when}."
        closing = "I hope all is well, and I look forward to staying in touch."
    else:
        thanks = f"Thank you again: that advice{when} made a real difference."
        closing = (
            "I hope all is well on your side, and I would love to hear what you are working on "
            "these days."
        )
    return f"{first} {thanks}", closing


class ReportBackDrafter:
    def draft(
        self,
        facts: ReportBackFacts,
        recipient: Recipient,
        my_name: str,
        signature: str = "",
        template: ThankYouTemplate | None = None,
    ) -> Draft:
        template = template or DEFAULT_REPORT_BACK_TEMPLATE
        report_back, keep_in_touch = report_back_sentences(facts, recipient)
        first, last = recipient.first_name.strip(), recipient.last_name.strip()
        values = {
            "first_name": greeting_name(first, last),  # "Hi 李伟": a CJK name whole
            "last_name": last,
            "full_name": display_name(first, last),
            "my_name": my_name.strip(),
            "signature": signature.strip("\n"),
            "report_back": report_back,
            "keep_in_touch": keep_in_touch,
            "advice": strip_end(facts.advice),
            "outcome": strip_end(facts.outcome),
            "chat_month": month_name(facts.chat_on) if facts.chat_on else "",
        }
        filled = {name: (value.replace(GAP, "") or GAP) for name, value in values.items()}
        subject = render(
            template.subject or DEFAULT_REPORT_BACK_TEMPLATE.subject,
            filled,
            REPORT_BACK_PLACEHOLDERS,
        )
        body = render(template.body, filled, REPORT_BACK_PLACEHOLDERS)
        return Draft(
            subject=" ".join(tidy_letter(subject.text).split()) or "Your advice",
            body=tidy_letter(body.text, values["my_name"]),
            subject_problems=subject.problems,
            body_problems=body.problems,
        )


def parse_report_back_template(text: str) -> ThankYouTemplate:
    return parse_thank_you_template(text)


__all__ = [
    "DEFAULT_REPORT_BACK_TEMPLATE",
    "REPORT_BACK_PLACEHOLDERS",
    "ReportBackDrafter",
    "ReportBackFacts",
    "parse_report_back_template",
    "placeholders_in",
    "report_back_sentences",
]
