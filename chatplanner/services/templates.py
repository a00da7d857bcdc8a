"""Every template the user can edit, falling back to the shipped ones.

Outreach messages (`TemplateService`): the `templates` table holds one row per outreach kind
(named "default"), seeded from the files in resources/templates the first time a kind is asked
for. `is_default` says the row still holds the shipped text, so "Reset to default" and a
customised marker need no file read. Messages are filled in from them for one contact.

Checklists, thank-yous and report-backs (`ChatTemplateService`): a template the user saved lives
in the same table (kind `checklist` or `thank_you`, name `default`, `recruiter` for the
professional thank-you, or `report_back` for the note that tells a mentor what came of their
advice); the bundled files in `resources/templates` are the defaults and are never written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatplanner.domain.checklist import (
    ChecklistTemplate,
    ChecklistTemplateError,
    parse_checklist_template,
)
from chatplanner.domain.enums import ContactKind, Goal, OutreachKind, Stage, TemplateKind
from chatplanner.domain.moments import since_words
from chatplanner.domain.person_names import shown_name
from chatplanner.domain.report_back import REPORT_BACK_PLACEHOLDERS
from chatplanner.domain.template_names import DEFAULT_NAME, RECRUITER_NAME, REPORT_BACK_NAME
from chatplanner.domain.templates import (
    OUTREACH_TEMPLATE_KINDS,
    ContactFacts,
    MarkKind,
    MessageTemplate,
    TemplateMark,
    UserFacts,
    first_message_kind,
    render,
    render_message,
    template_marks,
    values_for,
)
from chatplanner.domain.thank_you import (
    THANK_YOU_PLACEHOLDERS,
    ThankYouTemplate,
    format_thank_you_template,
    parse_thank_you_template,
)
from chatplanner.errors import ChatplannerError
from chatplanner.interop.default_templates import (
    TemplateFileError,
    bundled_template_text,
    load_default_template,
)
from chatplanner.services.context import ServiceContext
from chatplanner.services.settings import USER_TITLE, SettingsService
from chatplanner.services.stored_enums import enum_or, goal_or_none

# The database layer loads with the first write or outreach read: a thank-you drafted for the
# command line reads its template in plain SQL.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import Contact, Template

_BUNDLED = {
    (TemplateKind.THANK_YOU, REPORT_BACK_NAME): "report_back.txt",
    (TemplateKind.CHECKLIST, DEFAULT_NAME): "checklist.txt",
    (TemplateKind.THANK_YOU, DEFAULT_NAME): "thank_you.txt",
    (TemplateKind.THANK_YOU, RECRUITER_NAME): "thank_you_recruiter.txt",
}
MAX_TEMPLATE_CHARS = 20_000


class TemplateError(ChatplannerError):
    """A template that cannot be used or saved; the message says what to change."""


@dataclass(frozen=True, slots=True)
class StoredTemplate:
    template: MessageTemplate
    customised: bool  # the user changed the shipped text

    @property
    def kind(self) -> TemplateKind:
        return self.template.kind


# Stages past the chat: the person has been met.
_MET_STAGES = frozenset({Stage.MET, Stage.THANKED, Stage.KEEPING_IN_TOUCH})


@dataclass(frozen=True, slots=True)
class Recipient:
    """One person a message is written to, with what the message may say about them."""

    id: int
    name: str
    kind: ContactKind
    goal: Goal | None
    stage: Stage
    email: str | None
    linkedin_url: str | None
    facts: ContactFacts
    has_open_attempt: bool  # a first message is out with no reply: a follow-up fits next

    @property
    def suggested_template(self) -> TemplateKind:
        # Already met: no first message again, but news since the chat.
        if self.stage in _MET_STAGES:
            return TemplateKind.KEEP_IN_TOUCH
        # Recruiters are a business relationship: always the strictly professional text.
        if self.kind is ContactKind.RECRUITER:
            return TemplateKind.RECRUITER
        if self.has_open_attempt:
            return TemplateKind.FOLLOW_UP
        return TemplateKind.FIRST_MESSAGE


@dataclass(frozen=True, slots=True)
class ComposedMessage:
    """A template filled in for one person. Placeholders with no value for them stay in the
    text as written (never a silent blank), so the writer sees where to add their own words."""

    subject: str
    body: str
    unknown: tuple[str, ...]  # placeholders nobody fills, as written ("{nickname}")
    missing: tuple[str, ...]  # known placeholders with no value for this person


class TemplateService:
    def __init__(self, context: ServiceContext, settings: SettingsService) -> None:
        self._context = context
        self._settings = settings

    # The templates --------------------------------------------------------------------------
    def all(self) -> list[StoredTemplate]:
        with self._context.sessions.begin() as session:
            return [_stored(self._row(session, kind)) for kind in OUTREACH_TEMPLATE_KINDS]

    def get(self, kind: TemplateKind) -> StoredTemplate:
        _require_outreach_kind(kind)
        with self._context.sessions.begin() as session:
            return _stored(self._row(session, kind))

    def save(self, kind: TemplateKind, subject: str, body: str) -> StoredTemplate:
        """Keep the user's text; refused while it holds unknown placeholders or lone braces."""
        _require_outreach_kind(kind)
        errors = self.problems(subject) + self.problems(body)
        if errors:
            raise TemplateError(
                f"The template was not saved: {errors[0].message} Fix the marked places first."
            )
        with self._context.sessions.begin() as session:
            row = self._row(session, kind)
            default = _default_or_none(kind)
            row.subject = subject.strip()
            row.body = body.replace("\r\n", "\n").rstrip() + "\n"
            row.is_default = default is not None and (
                (row.subject, row.body) == (default.subject, default.body)
            )
            row.updated_at = self._context.now()
            return _stored(row)

    def reset(self, kind: TemplateKind) -> StoredTemplate:
        """Back to the text chatplanner ships."""
        _require_outreach_kind(kind)
        default = _default(kind)
        with self._context.sessions.begin() as session:
            row = self._row(session, kind)
            row.subject, row.body, row.is_default = default.subject, default.body, True
            row.updated_at = self._context.now()
            return _stored(row)

    @staticmethod
    def problems(text: str) -> tuple[TemplateMark, ...]:
        """Unknown placeholders and lone braces in a template text, where they stand."""
        return tuple(m for m in template_marks(text) if m.kind is not MarkKind.PLACEHOLDER)

    # Filling in -----------------------------------------------------------------------------
    def user_facts(self) -> UserFacts:
        stored = self._settings.all()
        return UserFacts(
            name=str(stored.get("user.name") or ""),
            title=str(stored.get(USER_TITLE) or ""),
            goal=str(stored.get("user.goal") or ""),
        )

    def recipients(self, contact_ids: Iterable[int]) -> list[Recipient]:
        """The people to write to, in the order given; unknown ids are left out."""
        from chatplanner.db.models import Contact

        with self._context.sessions() as session:
            found = []
            for contact_id in dict.fromkeys(contact_ids):
                contact = session.get(Contact, contact_id)
                if contact is not None:
                    found.append(_recipient(session, contact, self._context))
            return found

    def suggested_kinds(
        self, recipients: Sequence[Recipient], user: UserFacts | None = None
    ) -> dict[int, TemplateKind]:
        """The template each person's message starts from. Recruiters get the recruiter
        message and people awaiting a reply the follow-up; the others, grouped by goal, the
        first message that suits their goal and that their records fill best (so people who
        share a goal share a template, and people with different goals each get their own)."""
        user = user or self.user_facts()
        templates = {stored.kind: stored.template for stored in self.all()}
        chosen: dict[int, TemplateKind] = {}
        by_goal: dict[Goal | None, list[Recipient]] = {}
        for recipient in recipients:
            kind = recipient.suggested_template
            if kind is TemplateKind.FIRST_MESSAGE:
                by_goal.setdefault(recipient.goal, []).append(recipient)
            else:
                chosen[recipient.id] = kind
        for goal, people in by_goal.items():
            values = [values_for(person.facts, user) for person in people]
            kind = first_message_kind(goal, templates, values)
            chosen.update((person.id, kind) for person in people)
        return chosen

    def compose(
        self, template: MessageTemplate, recipient: Recipient, user: UserFacts | None = None
    ) -> ComposedMessage:
        values = values_for(recipient.facts, user or self.user_facts())
        filled = render_message(template, values)
        subject, body = filled.subject, filled.body
        # A second pass leaves each empty value as its own placeholder, visible where it stands.
        visible = render_message(
            template, {name: value or "{" + name + "}" for name, value in values.items()}
        )
        unknown: list[str] = []
        for result, text in ((subject, template.subject), (body, template.body)):
            unknown += [text[p.start : p.end] for p in result.problems]
        return ComposedMessage(
            subject=visible.subject.text.strip(),
            body=visible.body.text,
            unknown=tuple(dict.fromkeys(unknown)),
            missing=tuple(dict.fromkeys(subject.empty + body.empty)),
        )

    # Helpers --------------------------------------------------------------------------------
    def _row(self, session: Session, kind: TemplateKind) -> Template:
        from sqlalchemy import select

        from chatplanner.db.models import Template

        row = session.scalar(
            select(Template).where(Template.kind == kind.value, Template.name == DEFAULT_NAME)
        )
        if row is not None:
            return row
        default = _default(kind)
        row = Template(
            kind=kind.value,
            name=DEFAULT_NAME,
            subject=default.subject,
            body=default.body,
            is_default=True,
            updated_at=self._context.now(),
        )
        session.add(row)
        session.flush()
        return row


def _recipient(session: Session, contact: Contact, context: ServiceContext) -> Recipient:
    from sqlalchemy import select

    from chatplanner.db.models import Outreach

    messages = session.execute(
        select(
            Outreach.kind, Outreach.replied_at, Outreach.outcome, Outreach.subject, Outreach.sent_at
        )
        .where(
            Outreach.contact_id == contact.id,
            Outreach.kind.in_((OutreachKind.FIRST_MESSAGE.value, OutreachKind.FOLLOW_UP.value)),
        )
        .order_by(Outreach.sent_at, Outreach.id)
    ).all()
    # The current attempt: from the latest first message on.
    open_attempt = False
    earlier_subject, earlier_when = "", ""
    zone = context.zone()
    today = context.now().astimezone(zone).date()
    for kind, replied_at, outcome, subject, sent_at in messages:
        if kind == OutreachKind.FIRST_MESSAGE.value:
            open_attempt = True
            earlier_subject = ""
        if replied_at is not None or outcome in ("replied", "declined", "no_reply"):
            open_attempt = False
        # A follow-up answers the attempt's last message: its subject as sent, and its day.
        earlier_subject = subject or earlier_subject
        earlier_when = since_words(sent_at.astimezone(zone).date(), today)
    if not open_attempt:
        earlier_subject, earlier_when = "", ""
    elif not earlier_subject:
        # Sent without a subject (a LinkedIn message, a note logged by hand): the reply's
        # subject names the note by its day rather than leave a placeholder to send.
        earlier_subject = f"my note from {earlier_when}"
    stage = enum_or(Stage, contact.stage, Stage.NOT_CONTACTED)
    return Recipient(
        id=contact.id,
        name=shown_name(contact.first_name, contact.last_name),
        kind=enum_or(ContactKind, contact.kind, ContactKind.OTHER),
        goal=goal_or_none(contact.goal),
        stage=stage,
        email=contact.email,
        linkedin_url=contact.linkedin_url,
        facts=ContactFacts(
            first_name=contact.first_name or "",
            last_name=contact.last_name or "",
            company=contact.company,
            title=contact.title,
            previous_title=contact.previous_title,
            years_in_role=contact.years_in_role,
            city=contact.city,
            group_names=tuple(group.name for group in contact.groups),
            earlier_subject=earlier_subject,
            earlier_when=earlier_when,
        ),
        has_open_attempt=open_attempt and stage is Stage.MESSAGED,
    )


def _stored(row: Template) -> StoredTemplate:
    kind = TemplateKind(row.kind)
    if row.is_default:
        # Untouched by the user: the text shipped now, though the row holds an older one.
        default = _default_or_none(kind)
        if default is not None:
            return StoredTemplate(default, False)
    return StoredTemplate(MessageTemplate(kind, row.subject, row.body), not row.is_default)


def _require_outreach_kind(kind: TemplateKind) -> None:
    if kind not in OUTREACH_TEMPLATE_KINDS:
        raise TemplateError(f"{kind.value} is not an outreach message template.")


def _default(kind: TemplateKind) -> MessageTemplate:
    try:
        return load_default_template(kind)
    except TemplateFileError as error:
        raise TemplateError(str(error)) from error


def _default_or_none(kind: TemplateKind) -> MessageTemplate | None:
    try:
        return load_default_template(kind)
    except TemplateFileError:
        return None


class TemplateTextError(ChatplannerError):
    """A template the user wrote that cannot be used; the message says which line and why."""


class ChatTemplateService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def text(self, kind: TemplateKind, name: str = DEFAULT_NAME) -> str:
        """The template as the user edits it: their saved text, else the bundled default."""
        with self._context.reading() as connection:
            row = connection.execute(
                "SELECT subject, body FROM templates WHERE kind = ? AND name = ?",
                (kind.value, name),
            ).fetchone()
        if row is not None:
            subject, body = row
            if kind is TemplateKind.THANK_YOU:
                return format_thank_you_template(ThankYouTemplate(subject, body))
            return str(body)
        return self.default_text(kind, name)

    @staticmethod
    def default_text(kind: TemplateKind, name: str = DEFAULT_NAME) -> str:
        file_name = _BUNDLED.get((kind, name))
        if file_name is None:
            raise KeyError(f"No bundled {kind.value} template named {name!r}")
        return bundled_template_text(file_name)

    def save(self, kind: TemplateKind, text: str, name: str = DEFAULT_NAME) -> None:
        """Store the user's template after checking that it can be used."""
        from sqlalchemy import select

        from chatplanner.db.models import Template

        if len(text) > MAX_TEMPLATE_CHARS:
            raise TemplateTextError(
                f"The template is {len(text):,} characters long; keep it under "
                f"{MAX_TEMPLATE_CHARS:,}."
            )
        subject, body = "", text
        if kind is TemplateKind.CHECKLIST:
            try:
                parse_checklist_template(text)
            except ChecklistTemplateError as error:
                raise TemplateTextError(str(error)) from None
        elif kind is TemplateKind.THANK_YOU:
            template = parse_thank_you_template(text)
            _check_placeholders(
                template,
                REPORT_BACK_PLACEHOLDERS if name == REPORT_BACK_NAME else THANK_YOU_PLACEHOLDERS,
            )
            subject, body = template.subject, template.body
        now = self._context.now()
        with self._context.sessions.begin() as session:
            row = session.scalar(
                select(Template).where(Template.kind == kind, Template.name == name)
            )
            if row is None:
                row = Template(kind=kind.value, name=name, is_default=False)
                session.add(row)
            row.subject = subject
            row.body = body
            row.updated_at = now

    def reset(self, kind: TemplateKind, name: str = DEFAULT_NAME) -> None:
        """Forget the user's version: the bundled default applies again."""
        from sqlalchemy import select

        from chatplanner.db.models import Template

        with self._context.sessions.begin() as session:
            row = session.scalar(
                select(Template).where(Template.kind == kind, Template.name == name)
            )
            if row is not None:
                session.delete(row)

    # For the features that use them -----------------------------------------------------------
    def checklist_template(self) -> ChecklistTemplate:
        """The checklist new meetings start with (the default when the saved one is unusable)."""
        try:
            return parse_checklist_template(self.text(TemplateKind.CHECKLIST))
        except ChecklistTemplateError:
            return parse_checklist_template(self.default_text(TemplateKind.CHECKLIST))

    def report_back_template(self) -> ThankYouTemplate:
        """The report-back message (the same editor and file shape as the thank-you)."""
        return parse_thank_you_template(self.text(TemplateKind.THANK_YOU, REPORT_BACK_NAME))

    def thank_you_template(self, *, professional: bool) -> ThankYouTemplate:
        name = RECRUITER_NAME if professional else DEFAULT_NAME
        return parse_thank_you_template(self.text(TemplateKind.THANK_YOU, name))


def _check_placeholders(template: ThankYouTemplate, allowed: frozenset[str]) -> None:
    values = dict.fromkeys(allowed, "x")
    for part, text in (("subject", template.subject), ("body", template.body)):
        result = render(text, values, allowed)
        if result.problems:
            problem = result.problems[0]
            known = ", ".join("{" + name + "}" for name in sorted(allowed))
            raise TemplateTextError(
                f"The {part} of the template has a problem: {problem.message}. "
                f"The placeholders you can use are {known}."
            )
    if not template.body.strip():
        raise TemplateTextError("The template has no body. Write the email below the subject line.")
