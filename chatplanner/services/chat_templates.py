"""The user's own checklist and thank-you templates, falling back to the bundled defaults.

A template the user saved lives in the `templates` table (kind `checklist` or `thank_you`,
name `default`, `recruiter` for the professional thank-you, or `report_back` for the note
that tells a mentor what came of their advice); the bundled files in
`resources/templates` are the defaults and are never written.
"""

from __future__ import annotations

from sqlalchemy import select

from chatplanner.db.models import Template
from chatplanner.domain.checklist import (
    ChecklistTemplate,
    ChecklistTemplateError,
    parse_checklist_template,
)
from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.report_back import REPORT_BACK_PLACEHOLDERS
from chatplanner.domain.templates import render
from chatplanner.domain.thank_you import (
    THANK_YOU_PLACEHOLDERS,
    ThankYouTemplate,
    format_thank_you_template,
    parse_thank_you_template,
)
from chatplanner.errors import ChatplannerError
from chatplanner.interop.default_templates import bundled_template_text
from chatplanner.services.context import ServiceContext

DEFAULT_NAME = "default"
RECRUITER_NAME = "recruiter"
REPORT_BACK_NAME = "report_back"
_BUNDLED = {
    (TemplateKind.THANK_YOU, REPORT_BACK_NAME): "report_back.txt",
    (TemplateKind.CHECKLIST, DEFAULT_NAME): "checklist.txt",
    (TemplateKind.THANK_YOU, DEFAULT_NAME): "thank_you.txt",
    (TemplateKind.THANK_YOU, RECRUITER_NAME): "thank_you_recruiter.txt",
}
MAX_TEMPLATE_CHARS = 20_000


class TemplateTextError(ChatplannerError):
    """A template the user wrote that cannot be used; the message says which line and why."""


class ChatTemplateService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def text(self, kind: TemplateKind, name: str = DEFAULT_NAME) -> str:
        """The template as the user edits it: their saved text, else the bundled default."""
        with self._context.sessions() as session:
            row = session.scalar(
                select(Template).where(Template.kind == kind, Template.name == name)
            )
            if row is not None:
                if kind is TemplateKind.THANK_YOU:
                    return format_thank_you_template(ThankYouTemplate(row.subject, row.body))
                return row.body
        return self.default_text(kind, name)

    @staticmethod
    def default_text(kind: TemplateKind, name: str = DEFAULT_NAME) -> str:
        file_name = _BUNDLED.get((kind, name))
        if file_name is None:
            raise KeyError(f"No bundled {kind.value} template named {name!r}")
        return bundled_template_text(file_name)

    def is_customised(self, kind: TemplateKind, name: str = DEFAULT_NAME) -> bool:
        with self._context.sessions() as session:
            row = session.scalar(
                select(Template.id).where(Template.kind == kind, Template.name == name)
            )
            return row is not None

    def save(self, kind: TemplateKind, text: str, name: str = DEFAULT_NAME) -> None:
        """Store the user's template after checking that it can be used."""
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
