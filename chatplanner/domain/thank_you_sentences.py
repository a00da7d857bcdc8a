"""The sentences of a thank-you, each one whole, from a chat's notes.

Each placeholder of the template receives complete sentences or nothing: the points they made
(two or three, advice and resources alike), a line on their goals, what the user will do with
the dates in words, thanks for what they offered, and an offer to help in return. `Detail` says
how much of each to use, so that the drafter can keep a letter between 80 and 180 words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from chatplanner.domain.chat_notes import NoteSections, PromisedFollowUp
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.domain.letter_dates import due_day_in_words
from chatplanner.domain.letter_phrases import (
    AdvicePhrase,
    advice_phrases,
    goal_wishes,
    my_promise_clause,
    offer_in_return,
    offers_in_free_notes,
    resource_phrases,
    their_offer_clause,
)
from chatplanner.domain.note_lines import one_line
from chatplanner.domain.person_references import Recipient
from chatplanner.domain.phrasing import join_phrases, sentence


@dataclass(frozen=True, slots=True)
class Detail:
    """How much of the notes a letter uses."""

    advice: int = 2
    resources: int = 2
    points: int = 3  # advice and resources together
    promises: int = 4
    offers: int = 2
    story: bool = True
    padding: int = 0  # sentences of general warmth added to a short letter


# From the fullest letter to the barest: the drafter takes the first that fits. Two pieces of
# advice at most (a third reads as a list, not thanks), every resource that fits; what a
# letter leaves out is listed beside it (`LetterSentences.left_out`), never dropped unseen.
DETAILS: tuple[Detail, ...] = (
    Detail(resources=4, points=6, offers=3),
    Detail(),
    Detail(resources=1),
    Detail(advice=2, resources=1, points=2, promises=3),
    Detail(advice=1, resources=1, points=2, promises=2, offers=1),
    Detail(advice=1, resources=0, points=1, promises=2, offers=1),
    Detail(advice=1, resources=0, points=1, promises=1, offers=1, story=False),
    Detail(advice=0, resources=0, points=0, promises=1, offers=0, story=False),
)

_PADDING = (
    # General warmth only: a padding sentence never claims a topic the notes do not hold.
    (
        "Talking with you gave me a much clearer picture of the road ahead, and I left our chat "
        "with more energy than I came with.",
        "Our conversation was very useful as I plan my next steps, and I appreciated your candour.",
    ),
    (
        "I will keep you posted on how things go.",
        "I look forward to staying in touch, and I would be glad to hear of any roles that match "
        "my experience.",
    ),
    (
        "It was generous of you to give me your time, and I do not take it for granted.",
        "I appreciate the time you took to understand my background and what I am looking for.",
    ),
)


@dataclass(frozen=True, slots=True)
class LetterSentences:
    specific_points: str = ""
    their_story: str = ""
    my_next_steps: str = ""
    their_promises: str = ""
    offer_to_help: str = ""
    # What the notes hold that these sentences do not say (too many for this length), in the
    # notes' own words where they have them: the drafter shows it beside the letter.
    left_out: tuple[str, ...] = ()


def _closed(text: str) -> str:
    """A sentence that ends on a quoted question keeps the quote's own mark."""
    return text if text.endswith(("?”", "!”", ".”")) else sentence(text)


def _points(advice: list[AdvicePhrase], resources: list[str], professional: bool) -> str:
    sentences: list[str] = []
    if advice:
        first = advice[0]
        second = advice[1] if len(advice) > 1 else None
        if second is not None and first.infinitive and second.infinitive:
            both = f"{first.with_owner()}, and {second.clause}"
            sentences.append(
                sentence(f"{both}, was particularly helpful")
                if professional
                else f"I especially appreciated {both}."
            )
        else:
            owned = first.with_owner()
            sentences.append(
                sentence(f"{owned} was particularly helpful".replace(",, ", ", "))
                if professional
                else _closed(f"I especially appreciated {owned.rstrip(',')}")
            )
            if second is not None:
                owned = second.with_owner().rstrip(",")
                sentences.append(
                    f"I also noted {owned}."
                    if professional
                    else sentence(f"{owned} stayed with me too")
                )
    if resources:
        listed = join_phrases(resources)
        if professional:
            sentences.append(f"Thank you as well for recommending {listed}.")
        elif advice:
            sentences.append(f"Thanks as well for pointing me to {listed}.")
        else:
            listed_all = "they are" if len(resources) > 1 else "it is"
            sentences.append(
                f"Thank you for pointing me to {listed}; {listed_all} already on my list."
            )
    return " ".join(sentences)


_NAMES_A_DAY = re.compile(
    r"\b(?:today|tonight|tomorrow|(?:this|next) (?:week|weekend|month)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?|january|february|march|april|"
    r"june|july|august|september|october|november|december|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)


def _my_steps(
    follow_ups: Sequence[PromisedFollowUp],
    recipient: Recipient,
    limit: int,
    professional: bool,
    today: date | None,
) -> str:
    steps = []
    for follow_up in follow_ups:
        if follow_up.owner is not FollowUpOwner.ME or follow_up.done:
            continue
        text = one_line(follow_up.text)
        if not text:
            continue
        clause = my_promise_clause(text, recipient)
        # "Run next Monday's meeting" already says when: no "by Monday" after it.
        dated = follow_up.due_on is not None and not _NAMES_A_DAY.search(clause)
        due = due_day_in_words(follow_up.due_on, today) if dated and follow_up.due_on else ""
        steps.append(f"{clause} {due}" if due else clause)
    steps = steps[:limit]
    if not steps:
        return ""
    if len(steps) == 1:
        lead = "As a next step, I will" if professional else "I will"
        return sentence(f"{lead} {steps[0]}")
    if len(steps) == 2:
        lead = "As next steps, I will" if professional else "I will"
        return sentence(f"{lead} {steps[0]}, and I will {steps[1]}")
    lead = "As next steps, I will:" if professional else "Here is what I will do next:"
    return "\n".join([lead, *(f"- {step[:1].upper()}{step[1:]}" for step in steps)])


def _their_offers(
    notes: NoteSections,
    follow_ups: Sequence[PromisedFollowUp],
    recipient: Recipient,
    limit: int,
    professional: bool,
) -> str:
    texts = [one_line(f.text) for f in follow_ups if f.owner is FollowUpOwner.THEM]
    texts = [text for text in texts if text]
    texts += offers_in_free_notes(notes.free_notes, recipient)
    clauses: list[str] = []
    for text in texts:
        clause = their_offer_clause(text, recipient)
        if clause and clause not in clauses:
            clauses.append(clause)
    clauses = clauses[:limit]
    if not clauses:
        return ""
    if len(clauses) == 2 and all(c.startswith("offering to ") for c in clauses):
        joint = ", and " if "," in clauses[0] else " and "
        listed = f"{clauses[0]}{joint}{clauses[1][len('offering ') :]}"
    else:
        listed = join_phrases(clauses)
    if professional:
        return (
            sentence(f"I appreciate you {listed}")
            if listed.startswith("offering")
            else (sentence(f"I appreciate {listed}"))
        )
    return sentence(f"Thank you also for {listed}")


_CONTENT_WORD = re.compile(r"[^\W_][\w'’-]+")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "is",
        "it",
        "be",
        "as",
        "for",
        "with",
        "from",
        "your",
        "you",
        "my",
        "me",
        "book",
        "course",
    ]
)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT_WORD.findall(text)} - _SMALL_WORDS


def _already_said(resource: str, advice: Sequence[AdvicePhrase]) -> bool:
    """A resource the chosen advice already names ("a two-day Primavera P6 course" after "learn
    Primavera P6 basics: a two-day course is enough"): thanking for it again repeats the
    letter."""
    words = _content_words(resource)
    said = set().union(*(_content_words(piece.source) for piece in advice)) if advice else set()
    shared = len(words & said)
    return shared >= 3 and shared * 2 >= len(words)


def compose(
    notes: NoteSections,
    follow_ups: Sequence[PromisedFollowUp],
    recipient: Recipient,
    *,
    professional: bool,
    user_city: str = "",
    detail: Detail = DETAILS[0],
    today: date | None = None,
) -> LetterSentences:
    """The letter's sentences at this level of detail (`today` in the zone of the chat's days)."""
    every_advice = advice_phrases(notes.advice, notes.free_notes, recipient)
    advice = every_advice[: detail.advice]
    room = max(0, detail.points - len(advice))
    every_resource = [
        phrase
        for phrase in resource_phrases(notes.resources, recipient, notes.free_notes)
        if not _already_said(phrase, advice)
    ]
    resources = every_resource[: min(detail.resources, room)]
    points = _points(advice, resources, professional)
    about_them = " ".join((notes.their_goals, notes.their_present, notes.free_notes))
    wishes = goal_wishes(notes.their_goals, recipient, professional=professional)
    story = wishes[0] if wishes and detail.story else ""
    left_out = (
        [piece.source for piece in every_advice[len(advice) :]]
        + every_resource[len(resources) :]
        + wishes[1 if story else 0 :]
    )
    offer = offer_in_return(about_them, user_city, professional=professional)
    padding = [pair[1 if professional else 0] for pair in _PADDING[: detail.padding]]
    if padding and not points:
        points = padding.pop(0)
    elif padding:
        points = " ".join([points, padding.pop(0)])
    offer = " ".join([offer, *padding])
    return LetterSentences(
        specific_points=points,
        their_story=story,
        my_next_steps=_my_steps(follow_ups, recipient, detail.promises, professional, today),
        their_promises=_their_offers(notes, follow_ups, recipient, detail.offers, professional),
        offer_to_help=offer,
        left_out=tuple(left_out),
    )
