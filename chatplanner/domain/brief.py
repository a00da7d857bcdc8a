"""The one-page brief before a chat: who they are, how you know them, what you want, their story
so far, promises both ways, three questions, the logistics and a reminder of how to behave.

`build_brief` turns plain facts (read by `services/brief.py`) into short lines; the Brief tab,
`chatplanner brief` and the PDF all show the same `Brief`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.domain.clock import UTC_ZONE, zone_named
from chatplanner.domain.enums import ContactKind, Goal, MeetingMode
from chatplanner.domain.letter_dates import day_in_words, full_date_in_words
from chatplanner.domain.message_excerpt import message_excerpt
from chatplanner.domain.moments import OtherClock, clocks, plural, wall_clock
from chatplanner.domain.person_names import called_name
from chatplanner.domain.person_references import Recipient, guess_pronoun, to_second_person
from chatplanner.domain.phrasing import (
    Shape,
    head_clause,
    lower_first,
    shape_of,
    to_gerund_phrase,
    with_indefinite_article,
)
from chatplanner.domain.today_phrases import snippet

REMINDER = (
    "Be on time. Share your story: past, present, goals. Ask about theirs. "
    "Listen more than you talk. Take notes."
)
QUESTION_COUNT = 3

_WANTS = {
    Goal.PROFESSIONAL_DEVELOPMENT: "Learn how they grew into their role, and what would help you grow",
    Goal.MENTORSHIP: "A mentor: someone to learn from over time",
    Goal.RECOMMENDATION_LETTER: "A recommendation, once they know your work",
    Goal.JOB_LEAD: "Leads to roles that fit, and how their team hires",
    Goal.OTHER: "To learn from their experience",
}


@dataclass(frozen=True, slots=True)
class MapPlace:
    latitude: float
    longitude: float
    label: str


@dataclass(frozen=True, slots=True)
class BriefMap:
    """What the small offline map shows: the user's base, the contact and the venue."""

    base: MapPlace | None
    contact: MapPlace | None
    venue: MapPlace | None


@dataclass(frozen=True, slots=True)
class EarlierChat:
    met_on: date
    notes: NoteSections


@dataclass(frozen=True, slots=True)
class BriefFacts:
    meeting_id: int
    contact_name: str
    kind: ContactKind = ContactKind.OTHER
    title: str = ""
    previous_title: str = ""
    company: str = ""
    city: str = ""
    goal: Goal | None = None
    groups: tuple[str, ...] = ()
    connected_on: date | None = None
    first_message: str = ""
    first_message_on: date | None = None
    replied_on: date | None = None
    user_goal: str = ""
    earlier_chats: tuple[EarlierChat, ...] = ()
    contact_notes: str = ""  # what the user noted on the person, outside any chat
    my_promises: tuple[tuple[str, date | None], ...] = ()
    their_promises: tuple[tuple[str, date | None], ...] = ()
    prepared_questions: tuple[str, ...] = ()
    starts_at: datetime | None = None  # aware
    duration_minutes: int = 45
    zone: str = "UTC"  # where the chat happens
    contact_zone: str | None = None  # where the other person is (their city's zone)
    user_zone: str | None = None  # the user's own clock (None: the chat's zone)
    first_name: str = ""  # the other person's, to name their clock ("17:00 for Ana")
    last_name: str = ""
    mode: MeetingMode = MeetingMode.IN_PERSON
    venue_name: str = ""
    venue_address: str = ""
    leave_by: str = ""  # the leave-by sentence, when known
    call_link: str = ""
    map: BriefMap | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    meeting_id: int
    title: str  # "Coffee chat with Zoë Tremblay"
    who: str  # "VP, Project Delivery at Hydro Ligne · Montréal"
    how_you_know: tuple[str, ...]
    what_you_want: str
    story: tuple[str, ...]
    my_promises: tuple[str, ...]
    their_promises: tuple[str, ...]
    questions: tuple[str, ...]
    when: tuple[str, ...]
    where: tuple[str, ...]
    reminder: str = REMINDER
    map: BriefMap | None = field(default=None)

    def sections(self) -> list[tuple[str, tuple[str, ...]]]:
        """(heading, lines) in reading order, empty sections left out."""
        parts: list[tuple[str, tuple[str, ...]]] = [
            ("Who they are", (self.who,) if self.who else ()),
            ("How you know them", self.how_you_know),
            ("What you want", (self.what_you_want,) if self.what_you_want else ()),
            ("Their story so far", self.story),
            ("You promised", self.my_promises),
            ("They offered", self.their_promises),
            ("Three questions", self.questions),
            ("When", self.when),
            ("Where", self.where),
            ("Remember", (self.reminder,)),
        ]
        return [(heading, lines) for heading, lines in parts if lines]

    def as_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        for heading, body in self.sections():
            lines += ["", heading]
            numbered = heading == "Three questions"
            for index, line in enumerate(body, 1):
                lines.append(f"  {index}. {line}" if numbered else f"  {line}")
        return "\n".join(lines) + "\n"


def _chat_word(facts: BriefFacts) -> str:
    if facts.mode is MeetingMode.ONLINE:
        return "Call"
    return "Meeting" if facts.kind.is_business_only else "Coffee chat"


def _who(facts: BriefFacts) -> str:
    role = " at ".join(p for p in (facts.title, facts.company) if p)
    return " · ".join(p for p in (role, facts.city) if p)


def _how_you_know(facts: BriefFacts) -> tuple[str, ...]:
    lines: list[str] = []
    if facts.groups:
        lines.append("Both in " + ", ".join(facts.groups))
    if facts.connected_on:
        lines.append(f"Connected on {full_date_in_words(facts.connected_on)}")
    if facts.first_message and facts.first_message_on:
        lines.append(
            f"You wrote on {day_in_words(facts.first_message_on)}: "
            f"\u201c{message_excerpt(facts.first_message, 140)}\u201d"
        )
        if facts.replied_on:
            days = (facts.replied_on - facts.first_message_on).days
            when = "the same day" if days <= 0 else f"{days} day{'s' if days != 1 else ''} later"
            lines.append(f"They replied {when}, on {day_in_words(facts.replied_on)}")
    for chat in facts.earlier_chats:
        lines.append(f"You met on {full_date_in_words(chat.met_on)}")
    return tuple(lines)


def _what_you_want(facts: BriefFacts) -> str:
    want = _WANTS.get(facts.goal) if facts.goal else ""
    if facts.user_goal:
        mine = f"Your goal: {facts.user_goal}."
        return f"{want}. {mine}" if want else mine
    return f"{want}." if want else ""


def _story(facts: BriefFacts) -> tuple[str, ...]:
    lines: list[str] = []
    for chat in facts.earlier_chats[-2:]:
        notes = chat.notes
        for label, text in (
            ("Past", notes.their_past),
            ("Now", notes.their_present),
            ("Goals", notes.their_goals),
        ):
            if text.strip():
                lines.append(f"{label}: {snippet(text, 170)}")
        if notes.advice.strip():
            lines.append(f"Their advice then: {snippet(notes.advice, 170)}")
    if not lines and facts.contact_notes.strip():
        lines.append(f"From your notes on them: {snippet(facts.contact_notes, 220)}")
    return tuple(lines)


def _promises(items: tuple[tuple[str, date | None], ...]) -> tuple[str, ...]:
    return tuple(
        snippet(text, 110) + (f" (by {day_in_words(due)})" if due else "") for text, due in items
    )


def _goal_question(goals: str) -> str:
    from chatplanner.domain.letter_phrases import goal_parts  # the letters' phrasing: its rules

    for part, _passing in goal_parts(goals):
        part = head_clause(part, 10)
        if shape_of(part) is Shape.IMPERATIVE:
            return f"How is {to_gerund_phrase(part)} going?"
        first = part.split(" ", 1)[0].lower()
        if first.endswith("ing") and len(first) > 4:
            return f"How is {lower_first(part)} going?"
    return ""


def _asked_to_them(questions: list[str], facts: BriefFacts) -> list[str]:
    """The user's prepared questions as they will ask them: "How did he write his record?"
    becomes "How did you write your record?" (other people named stay as they are)."""
    notes = [facts.contact_notes, *questions]
    for chat in facts.earlier_chats:
        notes += [chat.notes.their_past, chat.notes.their_present, chat.notes.free_notes]
    them = Recipient(facts.first_name, facts.last_name, guess_pronoun(notes))
    return [to_second_person(question, them) for question in questions]


def _questions(facts: BriefFacts) -> tuple[str, ...]:
    chosen = _asked_to_them([q.strip() for q in facts.prepared_questions if q.strip()], facts)
    goals = " ".join(chat.notes.their_goals for chat in facts.earlier_chats)
    suggestions = [
        _goal_question(goals),
        (
            f"How did you go from {facts.previous_title} to {facts.title}?"
            if facts.previous_title and facts.title
            else ""
        ),
        (
            f"If you were me, trying to {lower_first(facts.user_goal)}, what would you do first?"
            if facts.user_goal
            else ""
        ),
        (
            f"What does a normal week look like for {with_indefinite_article(facts.title)}?"
            if facts.title
            else ""
        ),
        "What do you wish you had known at my stage?",
        "Who else would you suggest I talk to?",
    ]
    for question in suggestions:
        if len(chosen) >= QUESTION_COUNT:
            break
        if question and question not in chosen:
            chosen.append(question)
    return tuple(chosen[:QUESTION_COUNT])


def _when(facts: BriefFacts) -> tuple[str, ...]:
    """The day and time where the chat happens; across zones, the user's clock too (and, for a
    call, the other person's), in the words every page uses: "14:00 Toronto time · 20:00 your
    time"."""
    if facts.starts_at is None:
        return ()
    place = zone_named(facts.zone) or UTC_ZONE
    user = zone_named(facts.user_zone) or place
    other = None
    their_zone = zone_named(facts.contact_zone)
    if facts.mode is MeetingMode.ONLINE and their_zone is not None:
        other = OtherClock(their_zone, called_name(facts.first_name, facts.last_name))
    start = facts.starts_at.astimezone(place)
    end = start + timedelta(minutes=facts.duration_minutes)
    day = day_in_words(start.date())
    times = clocks(facts.starts_at, place, user, other)
    if times == wall_clock(start):  # one clock for everyone
        return (f"{day}, {wall_clock(start)}–{wall_clock(end)}",)
    return (f"{day}, {times}", plural(facts.duration_minutes, "minute"))


def _where(facts: BriefFacts) -> tuple[str, ...]:
    if facts.mode is MeetingMode.ONLINE:
        return (
            (f"Call link: {facts.call_link}",) if facts.call_link else ("Online call: no link yet",)
        )
    lines = [", ".join(p for p in (facts.venue_name, facts.venue_address) if p) or "Place not set"]
    if facts.leave_by:
        lines.append(facts.leave_by)
    return tuple(lines)


def build_brief(facts: BriefFacts) -> Brief:
    return Brief(
        meeting_id=facts.meeting_id,
        title=f"{_chat_word(facts)} with {facts.contact_name}",
        who=_who(facts),
        how_you_know=_how_you_know(facts),
        what_you_want=_what_you_want(facts),
        story=_story(facts),
        my_promises=_promises(facts.my_promises),
        their_promises=_promises(facts.their_promises),
        questions=_questions(facts),
        when=_when(facts),
        where=_where(facts),
        map=facts.map if facts.mode is MeetingMode.IN_PERSON else None,
    )
