"""Templates seeded from the shipped files, edited, reset, and filled in for one contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from chatplanner.db.models import Contact, Group, Template
from chatplanner.domain.enums import ContactKind, OutreachKind, TemplateKind
from chatplanner.domain.templates import MessageTemplate
from chatplanner.interop.default_templates import load_default_template
from chatplanner.services.outreach import SentMessage
from chatplanner.services.templates import TemplateError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    opened = open_workspace(clock=lambda: NOW)
    opened.settings.set("user.name", "Sam Lee")
    return opened


def add_priya(workspace: Workspace, **fields: object) -> int:
    with workspace.context.sessions.begin() as session:
        contact = Contact(
            first_name="Priya",
            last_name="Shah",
            company="IBM",
            title="Project Manager",
            years_in_role=6,
            created_at=NOW,
            updated_at=NOW,
            **fields,
        )
        group = session.scalar(select(Group).where(Group.name == "PMP Toronto"))
        contact.groups.append(group or Group(name="PMP Toronto", created_at=NOW))
        session.add(contact)
        session.flush()
        return contact.id


def test_templates_start_as_the_shipped_texts(workspace: Workspace) -> None:
    stored = workspace.pipeline.templates.all()
    assert [s.kind for s in stored] == [
        TemplateKind.FIRST_MESSAGE,
        TemplateKind.FOLLOW_UP,
        TemplateKind.RECRUITER,
        TemplateKind.JOB_LEAD,
        TemplateKind.INTRODUCTION,
        TemplateKind.KEEP_IN_TOUCH,
    ]
    for template in stored:
        assert not template.customised
        assert template.template == load_default_template(template.kind)


def test_a_saved_template_is_kept_and_reset_brings_the_default_back(
    workspace: Workspace,
) -> None:
    saved = workspace.pipeline.templates.save(TemplateKind.FOLLOW_UP, "Hello", "Hi {first_name}!")
    assert saved.customised
    assert (
        workspace.pipeline.templates.get(TemplateKind.FOLLOW_UP).template.body
        == "Hi {first_name}!\n"
    )
    reset = workspace.pipeline.templates.reset(TemplateKind.FOLLOW_UP)
    assert not reset.customised
    assert reset.template == load_default_template(TemplateKind.FOLLOW_UP)


def test_a_template_with_an_unknown_placeholder_is_not_saved(workspace: Workspace) -> None:
    with pytest.raises(TemplateError, match=r"\{nickname\} is not a placeholder"):
        workspace.pipeline.templates.save(TemplateKind.FIRST_MESSAGE, "", "Hi {nickname}")
    assert not workspace.pipeline.templates.get(TemplateKind.FIRST_MESSAGE).customised
    problems = workspace.pipeline.templates.problems("Hi {nickname} {first_name} }")
    assert [(p.start, p.end) for p in problems] == [(3, 13), (27, 28)]


def test_a_filled_message_keeps_missing_values_visible_never_blank(workspace: Workspace) -> None:
    priya = add_priya(workspace)
    recipient = workspace.pipeline.templates.recipients([priya])[0]
    template = workspace.pipeline.templates.get(TemplateKind.FIRST_MESSAGE).template
    message = workspace.pipeline.templates.compose(template, recipient)
    assert message.body.startswith("Hi Priya,")
    assert "from {previous_title} to Project Manager at IBM over the past six years" in message.body
    assert message.missing == ("previous_title",)
    assert message.body.rstrip().endswith("Sam Lee")
    assert message.subject == "A question about your path to Project Manager"


def test_unknown_placeholders_are_reported_and_left_where_they_stand(
    workspace: Workspace,
) -> None:
    priya = add_priya(workspace)
    recipient = workspace.pipeline.templates.recipients([priya])[0]
    message = workspace.pipeline.templates.compose(
        MessageTemplate(TemplateKind.FIRST_MESSAGE, "", "Hi {nickname}, {group_in_common}"),
        recipient,
    )
    assert message.body == "Hi {nickname}, PMP Toronto"
    assert message.unknown == ("{nickname}",)


def test_the_suggested_template_follows_the_person(workspace: Workspace) -> None:
    priya = add_priya(workspace)
    recruiter = add_priya(workspace, kind=ContactKind.RECRUITER.value)
    first, rec = workspace.pipeline.templates.recipients([priya, recruiter])
    assert first.suggested_template is TemplateKind.FIRST_MESSAGE
    assert rec.suggested_template is TemplateKind.RECRUITER
    workspace.pipeline.outreach.log_sent(SentMessage(priya, OutreachKind.FIRST_MESSAGE))
    again = workspace.pipeline.templates.recipients([priya])[0]
    assert again.suggested_template is TemplateKind.FOLLOW_UP


def test_kinds_that_are_not_outreach_templates_are_refused(workspace: Workspace) -> None:
    with pytest.raises(TemplateError):
        workspace.pipeline.templates.get(TemplateKind.CHECKLIST)


def test_an_untouched_template_stored_with_older_shipped_text_reads_as_shipped_now(
    workspace: Workspace,
) -> None:
    workspace.pipeline.templates.all()  # seeded
    with workspace.context.sessions.begin() as session:
        row = session.scalar(select(Template).where(Template.kind == TemplateKind.FOLLOW_UP))
        assert row is not None
        row.subject = "Re: A question about your path to {title}"  # an older shipped text
        row.body = "Just a gentle nudge on my note from last week.\n"
    stored = workspace.pipeline.templates.get(TemplateKind.FOLLOW_UP)
    assert not stored.customised
    assert stored.template == load_default_template(TemplateKind.FOLLOW_UP)
    assert stored.template.subject == "Re: {earlier_subject}"


def test_a_follow_up_is_filled_from_the_message_it_follows(workspace: Workspace) -> None:
    priya = add_priya(workspace, kind=ContactKind.PEER.value)
    sent = "A question about your work at IBM"
    workspace.pipeline.outreach.log_sent(
        SentMessage(priya, subject=sent, body="Hi", sent_at=NOW - timedelta(days=16))
    )
    recipient = workspace.pipeline.templates.recipients([priya])[0]
    template = workspace.pipeline.templates.get(TemplateKind.FOLLOW_UP).template
    message = workspace.pipeline.templates.compose(template, recipient)
    assert message.subject == f"Re: {sent}"
    assert "my note from two weeks ago" in message.body
    assert not message.missing


def test_a_follow_up_to_a_message_sent_without_a_subject_names_it_by_its_day(
    workspace: Workspace,
) -> None:
    priya = add_priya(workspace, kind=ContactKind.PEER.value)
    workspace.pipeline.outreach.log_sent(
        SentMessage(priya, body="Hi", sent_at=NOW - timedelta(days=9))
    )
    recipient = workspace.pipeline.templates.recipients([priya])[0]
    template = workspace.pipeline.templates.get(TemplateKind.FOLLOW_UP).template
    message = workspace.pipeline.templates.compose(template, recipient)
    assert message.subject == "Re: my note from last week"
    assert not message.missing
