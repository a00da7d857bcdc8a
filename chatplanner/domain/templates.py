"""Templates: filling `{placeholder}` fields, and the outreach message templates.

Filling: `{first_name}` placeholders, `{{` and `}}` for literal braces. Unknown or malformed
placeholders are reported with their position, never raised mid-render and never replaced by a
silent blank, so an editor can underline them where they stand. The thank-you, report-back and
checklist templates (in `thank_you.py`, `report_back.py`, `checklist.py`) are filled here too.

Outreach messages: the placeholders they may use, the values for one contact, and how a
template text is split and filled. A template file is plain UTF-8 text with `{placeholder}`
fields; an optional first line `Subject: ...` gives the subject, and the blank line after it is
not part of the body. Reading the shipped files is `chatplanner.interop.default_templates`' job:
this module does no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from chatplanner.domain.enums import Goal, TemplateKind
from chatplanner.domain.person_names import display_name, greeting_name

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    start: int  # offset in the template text
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class RenderResult:
    text: str
    problems: tuple[TemplateProblem, ...]
    # Known placeholders whose value is empty: the text reads badly there, worth a gentle hint.
    empty: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def render(
    template: str, values: Mapping[str, str | None], known: frozenset[str] | None = None
) -> RenderResult:
    """Fill `template` from `values`. `known` lists the placeholder names the template may use
    (defaults to the keys of `values`); an unknown name stays in the text as written and is
    reported as a problem."""
    allowed = known if known is not None else frozenset(values)
    out: list[str] = []
    problems: list[TemplateProblem] = []
    empty: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if token == "{{":
            out.append("{")
            continue
        if token == "}}":
            out.append("}")
            continue
        if token in ("{", "}"):
            problems.append(
                TemplateProblem(
                    match.start(), match.end(), f"Lone '{token}': write '{token * 2}' for a brace"
                )
            )
            out.append(token)
            continue
        name = (match.group(1) or "").strip()
        if not _NAME.match(name) or name not in allowed:
            problems.append(
                TemplateProblem(match.start(), match.end(), f"Unknown placeholder {token}")
            )
            out.append(token)
            continue
        value = values.get(name) or ""
        if not value:
            empty.append(name)
        out.append(value)
    out.append(template[pos:])
    return RenderResult("".join(out), tuple(problems), tuple(dict.fromkeys(empty)))


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses, in order of first use."""
    names = [
        (m.group(1) or "").strip() for m in _TOKEN.finditer(template) if m.group(1) is not None
    ]
    return list(dict.fromkeys(n for n in names if n))


# Every placeholder an outreach message may use, with what it stands for (the editor lists them).
PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {
        "first_name": "Their first name",
        "last_name": "Their last name",
        "full_name": "Their first and last name",
        "company": "Where they work now",
        "title": "Their job title now, e.g. Project Manager",
        "previous_title": "A title they held before, e.g. Junior Engineer",
        "years": "How long they have been on this path, in words, e.g. six years",
        "city": "The city they live or work in",
        "group_in_common": "A group you both belong to, e.g. PMP Toronto",
        "earlier_subject": 'The subject of your last message to them, for a reply ("Re: …")',
        "earlier_when": "When you last wrote to them, e.g. last week, a few weeks ago",
        "my_name": "Your name, to sign with",
        "my_title": "Your title or what you do now, e.g. Project engineer",
        "my_goal": "What you hope to do, as it would follow 'I hope to', "
        "e.g. move into project management",
    }
)
KNOWN_PLACEHOLDERS: frozenset[str] = frozenset(PLACEHOLDERS)

# A first message is read on a phone between two meetings: short and specific gets answers.
FIRST_MESSAGE_WORD_LIMIT = 100

# The kinds of template an outreach message is written from, in the order a menu lists them.
OUTREACH_TEMPLATE_KINDS: tuple[TemplateKind, ...] = (
    TemplateKind.FIRST_MESSAGE,
    TemplateKind.FOLLOW_UP,
    TemplateKind.RECRUITER,
    TemplateKind.JOB_LEAD,
    TemplateKind.INTRODUCTION,
    TemplateKind.KEEP_IN_TOUCH,
)
TEMPLATE_LABELS: Mapping[TemplateKind, str] = MappingProxyType(
    {
        TemplateKind.FIRST_MESSAGE: "First message",
        TemplateKind.FOLLOW_UP: "Follow-up",
        TemplateKind.RECRUITER: "Recruiter message",
        TemplateKind.JOB_LEAD: "Job lead message",
        TemplateKind.INTRODUCTION: "Short introduction",
        TemplateKind.KEEP_IN_TOUCH: "Keep-in-touch message",
    }
)
# The first-message templates that suit each goal, the best fit first (None: no goal set).
_GENERAL_FIRST = (TemplateKind.FIRST_MESSAGE, TemplateKind.INTRODUCTION)
FIRST_MESSAGE_KINDS_BY_GOAL: Mapping[Goal | None, tuple[TemplateKind, ...]] = MappingProxyType(
    {
        Goal.JOB_LEAD: (TemplateKind.JOB_LEAD, *_GENERAL_FIRST),
        **{goal: _GENERAL_FIRST for goal in Goal if goal is not Goal.JOB_LEAD},
        None: _GENERAL_FIRST,
    }
)

_SUBJECT = re.compile(r"^subject:[ \t]*(.*)$", re.IGNORECASE)
# Letters and digits, with inner apostrophes and hyphens: "I'm", "follow-up" are one word each.
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)


@dataclass(frozen=True, slots=True)
class ContactFacts:
    """What a message may say about the contact (plain copies of stored fields)."""

    first_name: str = ""
    last_name: str = ""
    company: str | None = None
    title: str | None = None
    previous_title: str | None = None
    years_in_role: int | None = None
    city: str | None = None
    # Groups in common, the one to mention first.
    group_names: tuple[str, ...] = ()
    # The last message of the attempt still waiting for a reply (a follow-up answers it): its
    # subject as sent, and when, in words ("last week", "a few weeks ago").
    earlier_subject: str = ""
    earlier_when: str = ""


@dataclass(frozen=True, slots=True)
class UserFacts:
    """What a message may say about the user."""

    name: str = ""
    title: str = ""
    goal: str = ""  # a phrase that follows "I hope to"


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    kind: TemplateKind
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: RenderResult
    body: RenderResult

    @property
    def ok(self) -> bool:
        return self.subject.ok and self.body.ok

    @property
    def word_count(self) -> int:
        return word_count(self.body.text)


def values_for(contact: ContactFacts, user: UserFacts) -> dict[str, str]:
    """The value of every placeholder for one contact and the user; "" where unknown."""
    first, last = _clean(contact.first_name), _clean(contact.last_name)
    return {
        "first_name": greeting_name(first, last),  # "Hi 李伟": a CJK name whole
        "last_name": last,
        "full_name": display_name(first, last),
        "company": _clean(contact.company),
        "title": _clean(contact.title),
        "previous_title": _clean(contact.previous_title),
        "years": years_in_words(contact.years_in_role),
        "city": _clean(contact.city),
        "group_in_common": next((_clean(g) for g in contact.group_names if _clean(g)), ""),
        "earlier_subject": reply_subject_base(contact.earlier_subject),
        "earlier_when": _clean(contact.earlier_when),
        "my_name": _clean(user.name),
        "my_title": _clean(user.title),
        "my_goal": _clean(user.goal).rstrip("."),
    }


_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv)\s*:\s*)+", re.IGNORECASE)


def reply_subject_base(subject: str | None) -> str:
    """A subject without its "Re:" prefixes, so that "Re: {earlier_subject}" answers a reply
    without growing into "Re: Re: …"."""
    return _REPLY_PREFIX.sub("", _clean(subject))


def years_in_words(years: int | None) -> str:
    """ "one year", "six years", "25 years"; "" when unknown or not positive."""
    if years is None or years <= 0:
        return ""
    count = _NUMBER_WORDS[years] if years < len(_NUMBER_WORDS) else str(years)
    return f"{count} year" if years == 1 else f"{count} years"


def word_count(text: str) -> int:
    """Words as a reader counts them: "I'm", "follow-up" and "{first_name}" are one word each."""
    return len(_WORD.findall(text))


def render_message(template: MessageTemplate, values: Mapping[str, str | None]) -> RenderedMessage:
    """Fill a template's subject and body; unknown placeholders are reported, never dropped."""
    return RenderedMessage(
        subject=render(template.subject, values, KNOWN_PLACEHOLDERS),
        body=render(template.body, values, KNOWN_PLACEHOLDERS),
    )


def parse_template_text(kind: TemplateKind, text: str) -> MessageTemplate:
    """Split a template file's text into subject and body (line endings made `\\n`)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    subject = ""
    match = _SUBJECT.match(lines[0]) if lines else None
    if match:
        subject = match.group(1).strip()
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    return MessageTemplate(kind, subject, "\n".join(lines).rstrip() + "\n")


class MarkKind(StrEnum):
    PLACEHOLDER = "placeholder"  # a known placeholder, still to be filled
    UNKNOWN = "unknown"  # a placeholder nobody fills: an error where it stands
    BRACE = "brace"  # a lone brace: an error where it stands


@dataclass(frozen=True, slots=True)
class TemplateMark:
    start: int
    end: int
    kind: MarkKind
    message: str


_MARKED = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


def template_marks(text: str) -> tuple[TemplateMark, ...]:
    """Every placeholder and stray brace in `text`, with where it stands, for an editor to
    colour: known placeholders as fields to fill, unknown ones and lone braces as errors."""
    marks: list[TemplateMark] = []
    for match in _MARKED.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            message = f"A lone '{token}': write '{token * 2}' for a brace."
            marks.append(TemplateMark(match.start(), match.end(), MarkKind.BRACE, message))
            continue
        name = (match.group(1) or "").strip()
        if name in KNOWN_PLACEHOLDERS:
            message = f"{token}: {PLACEHOLDERS[name].lower()}"
            marks.append(TemplateMark(match.start(), match.end(), MarkKind.PLACEHOLDER, message))
        else:
            message = f"{token} is not a placeholder chatplanner knows."
            marks.append(TemplateMark(match.start(), match.end(), MarkKind.UNKNOWN, message))
    return tuple(marks)


def _clean(value: str | None) -> str:
    # Values land in one sentence: a stray newline or tab from an import would break it.
    return " ".join(value.split()) if value else ""


def unfilled_placeholders(template: MessageTemplate, values: Mapping[str, str]) -> int:
    """How many of the template's placeholders have no value for one person."""
    text = template.subject + "\n" + template.body
    names = {
        text[m.start : m.end].strip("{}").strip()
        for m in template_marks(text)
        if m.kind is MarkKind.PLACEHOLDER
    }
    return sum(1 for name in names if not values.get(name))


def first_message_kind(
    goal: Goal | None,
    templates: Mapping[TemplateKind, MessageTemplate],
    people: Sequence[Mapping[str, str]],
) -> TemplateKind:
    """The first-message template for people who share `goal` (each person's placeholder
    values in `people`): among those that suit the goal, the one their records fill best;
    of two that fill as well, the better fit for the goal."""
    kinds = [k for k in FIRST_MESSAGE_KINDS_BY_GOAL[goal] if k in templates]
    if not kinds:
        return TemplateKind.FIRST_MESSAGE

    def gaps(kind: TemplateKind) -> int:
        return sum(unfilled_placeholders(templates[kind], values) for values in people)

    return min(kinds, key=lambda kind: (gaps(kind), kinds.index(kind)))
