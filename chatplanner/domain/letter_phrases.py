"""What the notes said, turned into the phrases of a letter, speaking to the reader.

"Take the CAPM exam before the PMP." becomes "your advice to take the CAPM exam before the
PMP"; "Book: Making Things Happen (Scott Berkun)" becomes "the book Making Things Happen by Scott
Berkun"; "Introduce me to her colleague Marc" becomes "offering to introduce me to your colleague
Marc". The thank-you and the report-back build their sentences from these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatplanner.domain.note_lines import NoteItem, first_url, parse_note_items
from chatplanner.domain.person_references import Recipient, to_second_person
from chatplanner.domain.phrasing import (
    COMMON_VERBS,
    Shape,
    head_clause,
    lower_first,
    shape_of,
    strip_end,
    to_gerund_phrase,
    with_article,
    word_count,
)

MAX_CLAUSE_WORDS = 16


@dataclass(frozen=True, slots=True)
class AdvicePhrase:
    """One piece of advice as a letter says it."""

    shape: Shape
    clause: str  # "to take the CAPM first", "that recruiters care...", "“Why not...?”"
    source: str  # the note as the user wrote it (without its bullet)

    @property
    def infinitive(self) -> bool:
        return self.shape in (Shape.IMPERATIVE, Shape.NEGATIVE)

    def with_owner(self) -> str:
        """ "your advice to take the CAPM first", "your point that ...", "your question, “...”" """
        if self.infinitive:
            return f"your advice {self.clause}"
        if self.shape is Shape.QUESTION:
            return f"your question, {self.clause},"
        if self.clause.startswith("“"):
            return f"your words, {self.clause},"
        return f"your point {self.clause}"


_NEGATION = re.compile(r"^(?:don['’]t|do not)\s+", re.IGNORECASE)
_NEVER = re.compile(r"^never\s+", re.IGNORECASE)
_TOPIC = re.compile(r"^(?P<topic>[^:]{2,24}):\s+(?P<rest>.+)$")
# A sentence that only backs up the one before it ("That is where PMs are made.").
_FOLLOW_ON = re.compile(r"^(?:that|this|it|which|so|and|but|also|then)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“'‘](?P<quote>[^\"”’]{6,160})[\"”'’]")
_REPORTED = re.compile(
    r"^(?:(?:she|he|they|{name})\s+)?(?P<verb>said|says|told me|suggested|recommended|advised"
    r"|thinks|believes|pointed out)\s+(?:that\s+|me\s+to\s+|to\s+|I\s+should\s+|I\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)


def _infinitive(text: str) -> str:
    """ "Take the CAPM" -> "to take the CAPM"; "Don't wait" -> "not to wait"."""
    if _NEGATION.match(text):
        return "not to " + lower_first(_NEGATION.sub("", text))
    if _NEVER.match(text):
        return "never to " + lower_first(_NEVER.sub("", text))
    return "to " + lower_first(text)


def advice_phrase(item: NoteItem | str, recipient: Recipient) -> AdvicePhrase | None:
    """How a letter mentions one advice note; None for a sentence that cannot stand alone."""
    source = item.text if isinstance(item, NoteItem) else item
    text = to_second_person(source.strip(), recipient)
    if _FOLLOW_ON.match(text):
        return None
    shape = shape_of(text)
    if shape is Shape.QUESTION:
        question = head_clause(text.rstrip("?"), 24) + "?"
        return AdvicePhrase(shape, f"“{question}”", source)
    topic = _TOPIC.match(text)
    if (
        topic
        and shape_of(topic.group("topic")) is Shape.FRAGMENT
        and shape_of(topic.group("rest")) in (Shape.IMPERATIVE, Shape.NEGATIVE)
    ):
        rest = head_clause(topic.group("rest"), MAX_CLAUSE_WORDS)
        name = strip_end(topic.group("topic"))
        shape = shape_of(rest)
        clause = _infinitive(rest)
        if word_count(name) <= 3:
            clause = f"on {name}, {clause}"
        return AdvicePhrase(shape, clause, source)
    head = head_clause(text, MAX_CLAUSE_WORDS)
    if shape in (Shape.IMPERATIVE, Shape.NEGATIVE):
        return AdvicePhrase(shape, _infinitive(head), source)
    if shape is Shape.STATEMENT:
        return AdvicePhrase(shape, "that " + lower_first(head), source)
    return AdvicePhrase(shape, "about " + lower_first(head), source)


def advice_phrases(advice: str, free_notes: str, recipient: Recipient) -> list[AdvicePhrase]:
    """Every piece of advice worth a mention, the clearest first: imperatives, then points and
    questions, then what the free notes say they said or suggested."""
    found: list[AdvicePhrase] = []
    for item in parse_note_items(advice):
        phrase = advice_phrase(item, recipient)
        if phrase is not None:
            found.append(phrase)
    found.extend(_reported_advice(free_notes, recipient))
    rank = {Shape.IMPERATIVE: 0, Shape.NEGATIVE: 0, Shape.STATEMENT: 1, Shape.QUESTION: 2}
    seen: set[str] = set()
    unique = []
    for phrase in found:
        key = phrase.clause.lower()
        if key not in seen:
            seen.add(key)
            unique.append(phrase)
    return sorted(unique, key=lambda p: rank.get(p.shape, 3))


def _reported_advice(free_notes: str, recipient: Recipient) -> list[AdvicePhrase]:
    """ "Said 'Don't wait to feel ready'" and "She suggested I apply in March" in free notes."""
    names = "|".join(re.escape(f) for f in recipient.name_forms()) or "(?!)"
    reported = re.compile(_REPORTED.pattern.replace("{name}", names), re.IGNORECASE)
    phrases: list[AdvicePhrase] = []
    mentioned = re.compile(_MENTIONED.pattern.replace("{name}", names), re.IGNORECASE)
    for item in parse_note_items(free_notes):
        match = reported.match(item.text)
        if match is None:
            continue
        if _mentioned_resource(item.text, mentioned) is not None:
            continue  # a resource they recommended, thanked for as one
        quote = _QUOTED.search(item.text)
        if quote is not None:
            words = strip_end(quote.group("quote"))
            phrases.append(AdvicePhrase(Shape.STATEMENT, f"“{words}”", item.text))
            continue
        rest = to_second_person(match.group("rest"), recipient)
        verb = match.group("verb").lower()
        if verb in ("suggested", "recommended", "advised") or shape_of(rest) is Shape.IMPERATIVE:
            phrases.append(
                AdvicePhrase(Shape.IMPERATIVE, _infinitive(head_clause(rest)), item.text)
            )
        else:
            phrases.append(
                AdvicePhrase(Shape.STATEMENT, "that " + lower_first(head_clause(rest)), item.text)
            )
    return phrases


# Resources ---------------------------------------------------------------------------------------
_AUTHOR_PARENS = re.compile(r"^(?P<title>.+?)\s*\((?P<who>[^()]{3,80})\)\s*(?P<tail>.*)$")
_AUTHOR_BY = re.compile(r"^(?P<title>.+?),?\s+by\s+(?P<who>[^,;]{3,80})$")
_LEADING_ARTICLE = re.compile(r"^(The|A|An)\s+")
_NOT_A_RESOURCE = re.compile(r"\b(?:is|are|was|were|posts|opens|starts)\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"^(?:it|this|that|these|those|they|she|he|you|i)\b", re.IGNORECASE)


def resource_phrase(item: NoteItem, recipient: Recipient | None = None) -> str | None:
    """ "the book Making Things Happen by Scott Berkun"; None for a remark that is not a
    resource ("Kaggle is fine for practice")."""
    text = strip_end(item.text)
    if recipient is not None:
        text = re.sub(r"^You(r?)\b", r"you\1", to_second_person(text, recipient))
    url = first_url(text)
    if item.kind == "link" or (url and url == text):
        return f"the link {url}" if url else None
    remark = _NOT_A_RESOURCE.search(text) if "(" not in text else None
    if remark is not None:
        # "The Manager Tools podcast is great for new managers": the resource is what the
        # remark is about; a remark about something named before ("It is free") names none.
        text = strip_end(text[: remark.start()])
        if not text or _PRONOUN_SUBJECT.match(text) or word_count(text) > 8:
            return None
    title, author = text, ""
    match = _AUTHOR_PARENS.match(text) or _AUTHOR_BY.match(text)
    if match is not None and not match.groupdict().get("tail"):
        title, author = strip_end(match.group("title")), match.group("who").strip()
        # "(2nd edition)", "(free)" or "(applications in March)" is not an author.
        if any(ch.isdigit() for ch in author) or not author[:1].isupper():
            title, author = text, ""
    if word_count(title) > 14:
        return None
    if item.kind and item.kind != "link":
        phrase = f"{title} by {author}" if author else title
        return f"the {item.kind} {phrase}"  # "the book The Phoenix Project": its own title
    title = _LEADING_ARTICLE.sub(lambda m: m.group(1).lower() + " ", title)
    return f"{title} by {author}" if author else title


def resource_phrases(
    resources: str, recipient: Recipient | None = None, free_notes: str = ""
) -> list[str]:
    """The resources noted, then those the free notes say they mentioned or recommended."""
    found: list[str] = []
    items = parse_note_items(resources)
    items += [NoteItem(what) for what in resources_in_free_notes(free_notes, recipient)]
    for item in items:
        phrase = resource_phrase(item, recipient)
        if phrase and phrase not in found:
            found.append(phrase)
    return found


_RESOURCE_WORDS = (
    r"podcasts?|books?|courses?|newsletters?|blogs?|videos?|articles?|papers?|talks?|sites?"
    r"|websites?|certificates?|certifications?|communit(?:y|ies)|meetups?|conferences?"
    r"|channels?|programmes?|programs?|guides?|tools?|apps?|groups?|reports?"
)
_MENTIONED = re.compile(
    r"^(?:(?:she|he|they|{name})\s+)?(?:also\s+)?(?:mentioned|recommended|suggested"
    r"|pointed\s+me\s+to|told\s+me\s+about|shared)\s+(?P<what>.+)$",
    re.IGNORECASE,
)
_NAMES_A_RESOURCE = re.compile(rf"\b(?:{_RESOURCE_WORDS})\b", re.IGNORECASE)


def resources_in_free_notes(free_notes: str, recipient: Recipient | None) -> list[str]:
    """ "She mentioned the Soft Skills Engineering podcast" in free notes: the podcast."""
    forms = recipient.name_forms() if recipient is not None else ()
    names = "|".join(re.escape(f) for f in forms) or "(?!)"
    pattern = re.compile(_MENTIONED.pattern.replace("{name}", names), re.IGNORECASE)
    found = []
    for item in parse_note_items(free_notes):
        what = _mentioned_resource(item.text, pattern)
        if what is not None:
            found.append(re.sub(r"^(?:her|his|their)\b", "your", what, flags=re.IGNORECASE))
    return found


# "suggested I take a course", "recommended that I ...": advice, not a resource named.
_NOT_A_NAME = re.compile(r"^(?:I|me|we|you|that|to|how|what|why|when|where)\b", re.IGNORECASE)


def _mentioned_resource(text: str, pattern: re.Pattern[str]) -> str | None:
    match = pattern.match(text)
    if match is None:
        return None
    what = strip_end(match.group("what"))
    if _NOT_A_NAME.match(what) or not _NAMES_A_RESOURCE.search(what) or word_count(what) > 10:
        return None
    return what


# Their goals and story ---------------------------------------------------------------------------
_INTENT = re.compile(
    r"^(?:(?:she|he|they|you)\s+)?(?:(?P<want>wants?|would like|hopes?|hoping|plans?|planning"
    r"|aims?|aiming|is going|are going|intends?|looking)\s+(?:to\s+)?|(?P<think>thinking about"
    r"|thinking of|considering|curious about)\s+)",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:speak|speaking|talk|talking|present|presenting|keynote|keynoting|give a talk"
    r"|giving a talk)\s+(?:at|to)\s+(?P<event>(?:the\s+)?[^,;.\n]+?)(?=\s+(?:and|in|next|this)\b|[,;.\n]|$)",
    re.IGNORECASE,
)


def goal_parts(text: str) -> list[tuple[str, bool]]:
    """(part, a passing thought?) for each goal in the notes, split at ";" and " and to "."""
    parts: list[tuple[str, bool]] = []
    for item in parse_note_items(text):
        for piece in re.split(
            r";|\s+and\s+to\s+|\s+and\s+(?=(?:speak|write|lead|mentor)\b)", item.text
        ):
            piece = strip_end(piece)
            if not piece:
                continue
            intent = _INTENT.match(piece)
            passing = bool(intent and intent.group("think"))
            if intent is not None:
                piece = piece[intent.end() :].strip()
            if piece:
                parts.append((piece, passing))
    return parts


_THEIR = re.compile(r"\b([Tt])heir\b")


def _their_own(part: str) -> str:
    """In a goal written as "Open-source their GTFS checks" the doer is the reader, so "their"
    is theirs: "your". Not after a plural they could stand for ("help newcomers find their
    first job"), nor when the notes say "their" twice (a team, a family)."""
    found = list(_THEIR.finditer(part))
    if len(found) != 1:
        return part
    before = re.findall(r"[A-Za-z'’-]+", part[: found[0].start()])[1:]  # the goal's verb aside
    if any(w.lower().endswith("s") and not w.lower().endswith(("ss", "us", "is")) for w in before):
        return part
    return (
        part[: found[0].start()]
        + ("Y" if found[0].group(1) == "T" else "y")
        + "our"
        + (part[found[0].end() :])
    )


def goal_wishes(goals: str, recipient: Recipient, *, professional: bool) -> list[str]:
    """The line that shows the user listened first: "Good luck with your talk at the PMI
    symposium, and with moving into a director role." (two goals at most: a talk they will
    give, then the first goal written; settled goals before passing thoughts). Then a sentence
    for each goal that line leaves out, for the drafter to list beside the letter."""
    text = to_second_person(goals, recipient)
    lead = "Best of luck with" if professional else "Good luck with"
    wishes: list[str] = []  # "your talk at ...", "moving into ...": each follows "with"
    sentences: list[str] = []  # a goal said another way: "I hope you get ..."
    event = _EVENT.search(text)
    if event is not None:
        where = strip_end(event.group("event"))
        if word_count(where) <= 10:
            wishes.append(f"your talk at {where}")
        else:
            event = None
    parts = goal_parts(text)
    parts.sort(key=lambda part: part[1])  # settled goals before passing thoughts
    for part, _passing in parts:
        if event is not None and _EVENT.search(part):
            continue  # the talk, wished for above
        part = _their_own(head_clause(part, 14))
        shape = shape_of(part)
        first = part.split(" ", 1)[0].lower()
        if first.endswith("ing") and len(first) > 4:
            wishes.append(lower_first(part))
        elif shape is Shape.IMPERATIVE:
            wishes.append(to_gerund_phrase(part))
        elif shape is Shape.FRAGMENT:
            if first in ("a", "an", "the", "some", "more", "your"):
                sentences.append(f"I hope you get {lower_first(part)}.")
            else:
                sentences.append(f"{lead.replace(' with', ' on')} the way to {part}.")
    said: list[str] = []
    if wishes:
        joined = f"{wishes[0]}, and with {wishes[1]}" if len(wishes) > 1 else wishes[0]
        said.append(f"{lead} {joined}.")
        wishes = wishes[2:]
    elif sentences:
        said.append(sentences.pop(0))
    # What the first line leaves out, each as its own line (for the drafter to list).
    said += [f"{lead} {wish}." for wish in wishes] + sentences
    return said


_MENTOR = re.compile(
    r"\b(mentor\w*(?:\s+(?:circle|programme|program|scheme))?|apprenticeship)\b", re.IGNORECASE
)
_WRITING = re.compile(r"\bwrit\w*\s+(?:a|an|the|your)?\s*(?:short\s+)?(?P<what>\w+)", re.IGNORECASE)
_HIRING = re.compile(r"\b(?:hiring|hire|recruiting)\b", re.IGNORECASE)
_OPEN_SOURCE = re.compile(r"\bopen[- ]sourc", re.IGNORECASE)
_VISIT = re.compile(
    r"\b(?:visit\w*|move to|moving to|curious about|relocat\w*|come to)\b", re.IGNORECASE
)


def offer_in_return(about_them: str, user_city: str, *, professional: bool) -> str:
    """An offer to help that fits their goals, or the plain one."""
    if professional:
        return "Please let me know if I can provide any further information."
    mentor = _MENTOR.search(about_them)
    if mentor is not None:
        word = mentor.group(1).lower()
        what = (
            word
            if " " in word or word == "apprenticeship"
            else ("mentoring" if word.startswith("mentor") else word)
        )
        return f"If I can help with the {what} in any way, I would be glad to."
    if _EVENT.search(about_them):
        return "If a practice audience for your talk would help, I would be glad to listen."
    if _HIRING.search(about_them):
        return "If I meet someone who would be a good fit for your team, I will send them your way."
    writing = _WRITING.search(about_them)
    if writing is not None and writing.group("what").lower() in (
        "guide", "book", "blog", "article", "paper", "post", "newsletter",
    ):  # fmt: skip
        return (
            f"If a reader's eye on the {writing.group('what').lower()} would help, I would be "
            "glad to read a draft."
        )
    if _OPEN_SOURCE.search(about_them):
        return "If you need someone to try it out once it is open source, I would be glad to."
    if user_city and _VISIT.search(about_them):
        return f"If you come to {user_city}, I would be glad to show you around."
    return "If I can ever return the favour, please let me know. I'd be glad to help."


# Promises ----------------------------------------------------------------------------------------
_MY_LEAD = re.compile(
    r"^(?:I\s+will|I['’]ll|I\s+am\s+going\s+to|I['’]m\s+going\s+to|me\s+to|to)\s+", re.IGNORECASE
)
_OFFERED = re.compile(
    r"^(?:(?:she|he|they|{name})\s+)?(?:offered\s+to|to|will|would|can|could|said\s+"
    r"(?:she|he|they)['’]?d)\s+",
    re.IGNORECASE,
)


_SECOND_STEP = re.compile(r",\s+(\w+)")


# "Send my resume": something the user gives the person they write to, who is left unsaid.
_GIVE_TO_YOU = re.compile(
    r"^(send|forward)\s+(?=(?:my|our|the|a|an|some)\b)(?![^,;]*\b(?:to|you)\b)", re.IGNORECASE
)
_SHARE_WITH_YOU = re.compile(r"^share\s+(?:my|our|the|a|an|some)\b[^,;]*$", re.IGNORECASE)


def _to_you(clause: str) -> str:
    """ "send my resume" -> "send you my resume"; "share my notes" -> "share my notes with you".

    The words the user wrote (résumé or resume) are kept as they are."""
    given = _GIVE_TO_YOU.sub(lambda m: m.group(1) + " you ", clause, count=1)
    if given != clause:
        return given
    if _SHARE_WITH_YOU.match(clause) and not re.search(r"\b(?:with|you|to)\b", clause):
        return clause + " with you"
    return clause


def my_promise_clause(text: str, recipient: Recipient) -> str:
    """ "Send Jessica my resume" -> "send you my resume"; "Send my resume" too (the person
    written to is who it goes to); a noun phrase gets "work on"."""
    text = head_clause(to_second_person(_MY_LEAD.sub("", text.strip()), recipient), 18)
    if shape_of(text) in (Shape.IMPERATIVE, Shape.NEGATIVE):
        text = _to_you(text)
        # "Apply to the programme, mention Anna": a second step after a comma is joined by "and".
        return (
            _SECOND_STEP.sub(
                lambda m: (
                    f" and {m.group(1)}" if m.group(1).lower() in COMMON_VERBS else m.group(0)
                ),
                lower_first(text),
                count=1,
            )
            if " and " not in text
            else lower_first(text)
        )
    return "work on " + with_article(lower_first(text))


def their_offer_clause(text: str, recipient: Recipient) -> str:
    """ "Wei to send his list" -> "offering to send your list"; "Intro to Marc" -> "the intro to
    Marc"."""
    names = "|".join(re.escape(f) for f in recipient.name_forms()) or "(?!)"
    lead = re.compile(_OFFERED.pattern.replace("{name}", names), re.IGNORECASE)
    stripped = lead.sub("", text.strip(), count=1)
    clause = head_clause(to_second_person(stripped, recipient), 18)
    if shape_of(clause) in (Shape.IMPERATIVE, Shape.NEGATIVE):
        return "offering to " + _to_me(lower_first(clause))
    return with_article(lower_first(clause))


_GIVING = re.compile(r"^(send|email|lend|show|give|pass)\s+(?!me\b|it\b|them\b|my\b|us\b)")


def _to_me(clause: str) -> str:
    """ "send your list" -> "send me your list": an offer is made to the user."""
    return _GIVING.sub(lambda m: m.group(1) + " me ", clause, count=1)


_FREE_OFFER = re.compile(
    r"^(?:(?:she|he|they|{name})\s+)?offered\s+to\s+(?P<rest>.+)$", re.IGNORECASE
)


def offers_in_free_notes(free_notes: str, recipient: Recipient) -> list[str]:
    """ "Offered to look at my résumé" in free notes, as offers."""
    names = "|".join(re.escape(f) for f in recipient.name_forms()) or "(?!)"
    pattern = re.compile(_FREE_OFFER.pattern.replace("{name}", names), re.IGNORECASE)
    return [
        match.group("rest")
        for item in parse_note_items(free_notes)
        if (match := pattern.match(item.text)) is not None
    ]
